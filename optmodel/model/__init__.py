"""The embedded formulation model: a MiniLM encoder and a small decoder writing the program
language of program.py (pointer.py), trained by ptrain.py on text from stories/ and served by
pointer_formulator.py. Torch is imported only when a model is built or loaded."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DEFAULT_PATH", "PointerFormulator", "default_model_path", "train_pointer"]

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "models" / "default"


def default_model_path() -> Path:
    """`$OPTMODEL_MODEL` if set, else the committed models/default/."""
    return Path(os.environ.get("OPTMODEL_MODEL") or DEFAULT_PATH)


def __getattr__(name: str):
    if name == "PointerFormulator":
        from optmodel.model.pointer_formulator import PointerFormulator

        return PointerFormulator
    if name == "train_pointer":
        from optmodel.model.ptrain import train_pointer

        return train_pointer
    raise AttributeError(name)
