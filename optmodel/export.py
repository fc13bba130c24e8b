"""Write a formulation as an LP or MPS file for other solvers and tools.

Written by Pyomo's writers from the compiled model (auxiliary variables and rows from
max/min/abs and logical constraints included), with the formulation's names as labels.
"""

from __future__ import annotations

from pathlib import Path

from optmodel.errors import OptModelError
from optmodel.formulation import Formulation

FORMATS = ("lp", "mps")


def export(form: Formulation, path: str | Path, fmt: str | None = None) -> Path:
    """Write `form` to `path` as LP or MPS (`fmt`, or the file's suffix); atomic: a failed write
    leaves no partial file. Returns the path."""
    import pyomo.environ  # noqa: F401  (registers Pyomo's LP and MPS writers)

    from optmodel.atomic import atomic_path
    from optmodel.compiler import compile_formulation

    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise OptModelError(f"cannot export to '{fmt or path.name}'", hint="the formats are lp and mps")
    model = compile_formulation(form).model
    target = path if path.suffix.lower() == "." + fmt else path.with_name(path.name + "." + fmt)
    with atomic_path(target) as tmp:  # the temporary name keeps the suffix: Pyomo picks the format from it
        model.write(str(tmp), io_options={"symbolic_solver_labels": True})
    if target != path:
        target.replace(path)
    return path
