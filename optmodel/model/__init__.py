"""The embedded formulation model. The default is the pointer model (pointer.py: a MiniLM
encoder and a small decoder writing the program language of program.py, trained by ptrain.py
on text from stories/); the first design, a T5 from scratch (net.py, train.py, formulator.py),
is kept as `optmodel train --arch t5`. Torch is imported only when a model is built or loaded."""

from __future__ import annotations

__all__ = ["EmbeddedFormulator", "PointerFormulator", "default_model_path", "train", "train_pointer"]


def __getattr__(name: str):
    if name in ("EmbeddedFormulator", "default_model_path"):
        from optmodel.model import formulator

        return getattr(formulator, name)
    if name == "PointerFormulator":
        from optmodel.model.pointer_formulator import PointerFormulator

        return PointerFormulator
    if name == "train":
        from optmodel.model.train import train

        return train
    if name == "train_pointer":
        from optmodel.model.ptrain import train_pointer

        return train_pointer
    raise AttributeError(name)
