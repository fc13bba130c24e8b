"""Write a formulation as an LP or MPS file for other solvers and tools.

The direct route's arrays (`optmodel.matrix`, auxiliary variables and rows of max/min/abs and
`implies` included) are passed to HiGHS, whose own writer (`writeModel`) writes the file; the
columns and rows carry the formulation's names (`ship(albany,boston)`, characters the formats
do not allow replaced by `_`).
"""

from __future__ import annotations

import re
from pathlib import Path

from optmodel.errors import OptModelError
from optmodel.formulation import Formulation

FORMATS = ("lp", "mps")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.,()]")


def export(form: Formulation, path: str | Path, fmt: str | None = None) -> Path:
    """Write `form` to `path` as LP or MPS (`fmt`, or the file's suffix); atomic: a failed write
    leaves no partial file. Returns the path."""
    import highspy

    from optmodel.atomic import atomic_path
    from optmodel.highs_direct import to_highs_lp
    from optmodel.matrix import compile_arrays

    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise OptModelError(f"cannot export to '{fmt or path.name}'", hint="the formats are lp and mps")
    ca = compile_arrays(form)
    lp = to_highs_lp(ca.arrays, highspy)
    lp.col_names_ = _names(
        (name, key) for name, _first, keys in ca.columns.blocks() for key in keys.as_list()
    )
    lp.row_names_ = _names((name, key) for name, _first, keys in ca.rows.blocks() for key in keys)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    if h.passModel(lp) == highspy.HighsStatus.kError:
        raise OptModelError("HiGHS refused the model", file=form.source)
    if ca.arrays.hessian is not None:
        start, index, value = ca.arrays.hessian
        h.passHessian(ca.arrays.num_cols, len(value), highspy.HessianFormat.kTriangular, start, index, value)
    target = path if path.suffix.lower() == "." + fmt else path.with_name(path.name + "." + fmt)
    with atomic_path(target) as tmp:  # the temporary name keeps the suffix: HiGHS picks the format from it
        if h.writeModel(str(tmp)) == highspy.HighsStatus.kError:
            raise OptModelError(f"HiGHS could not write the {fmt.upper()} file", file=str(path))
    if target != path:
        target.replace(path)
    return path


def _names(labels) -> list[str]:
    """One file-safe, unique name per (element, key): `x`, `ship(albany,boston)`."""
    out: list[str] = []
    seen: set[str] = set()
    for name, key in labels:
        text = _UNSAFE.sub("_", name + ("(" + ",".join(str(k) for k in key) + ")" if key else ""))
        candidate, n = text, 2
        while candidate in seen:
            candidate, n = f"{text}_{n}", n + 1
        seen.add(candidate)
        out.append(candidate)
    return out
