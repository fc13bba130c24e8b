"""Write a formulation as an LP or MPS file for other solvers and tools.

Written by Pyomo's writers from the compiled model (auxiliary variables and rows from
max/min/abs and logical constraints included), with the formulation's names as labels.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from optmodel.errors import OptModelError
from optmodel.formulation import Formulation

FORMATS = ("lp", "mps")


def export(form: Formulation, path: str | Path, fmt: str | None = None) -> Path:
    """Write `form` to `path` as LP or MPS (`fmt`, or the file's suffix); atomic: a failed write
    leaves no partial file. Returns the path."""
    import pyomo.environ  # noqa: F401  (registers Pyomo's LP and MPS writers)

    from optmodel.compiler import compile_formulation

    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise OptModelError(f"cannot export to '{fmt or path.name}'", hint="the formats are lp and mps")
    model = compile_formulation(form).model
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix="." + fmt, dir=path.parent)
    os.close(fd)
    try:
        model.write(tmp, io_options={"symbolic_solver_labels": True})  # format from the suffix
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
