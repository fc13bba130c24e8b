"""The embedded formulation model: numbers as pointers, a small BPE vocabulary, a T5-style
encoder-decoder trained on CPU, and the EmbeddedFormulator that serves it. Torch is imported
only when a model is built or loaded."""

from __future__ import annotations

__all__ = ["EmbeddedFormulator", "default_model_path", "train"]


def __getattr__(name: str):
    if name in ("EmbeddedFormulator", "default_model_path"):
        from optmodel.model import formulator

        return getattr(formulator, name)
    if name == "train":
        from optmodel.model.train import train

        return train
    raise AttributeError(name)
