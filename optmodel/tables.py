"""Sets and parameter tables from data: CSV/Parquet files (read with polars) and Python objects
bound with `optmodel.load(path, data={...})` to elements written `= data()`.

Tables (a file, or a polars/pandas frame from Python):
- Long form: one column per index position, then value columns. The value column is the one
  named after the parameter, else `value`, else the last; so one file with several value
  columns (`site,fixed_cost,capacity`) fills several parameters, each taking its own column.
  The index columns are the first columns that are not value columns.
- Wide form, for two-index parameters: the first column holds members of the first set and every
  other column is named after a member of the second set.

Python values for a parameter: a number, a dict ({member: v}, {(a, b): v} or nested
{a: {b: v}}), a list or numpy array of the sets' shape (in the sets' order), a pandas Series, or
a frame as above. For a set: a list, tuple, range, numpy array, polars/pandas Series or Index,
or a frame (the column named after the set, else the first; repeated members kept once).
"""

from __future__ import annotations

import math
import numbers
from pathlib import Path
from typing import TYPE_CHECKING, Any

from optmodel.errors import FormulationError

if TYPE_CHECKING:
    from optmodel.compiler import _Context
    from optmodel.formulation import Formulation, ParamDef, SetDef


# ------------------------------------------------------------------ files


def read_frame(path: Path, ctx: _Context):
    """A CSV or Parquet file as a polars DataFrame, read once per compilation. The file is read by
    us (a regular file, under the size cap) and polars parses the bytes: handed a path, polars
    would expand `q*.csv` as a glob."""
    import io

    import polars as pl

    from optmodel.errors import FileReadError
    from optmodel.limits import limit
    from optmodel.safeio import read_regular_file

    cache = ctx.frames
    if path in cache:
        return cache[path]
    suffix = path.suffix.lower()
    if suffix not in (".parquet", ".pq", ".csv", ".txt"):
        raise ctx.error(f"the table file '{path.name}' must be .csv or .parquet")
    try:
        data = read_regular_file(path, int(limit("table_bytes")), what="table file")
    except FileReadError as exc:
        raise ctx.error(f"cannot read the table file '{path}': {exc.message}") from None
    try:
        if suffix in (".parquet", ".pq"):
            df = pl.read_parquet(io.BytesIO(data))
        else:
            df = pl.read_csv(io.BytesIO(data), infer_schema_length=10000)
    except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
        raise ctx.error(f"cannot read '{path.name}': {str(exc).splitlines()[0]}") from None
    cache[path] = df
    return df


def read_table(path: Path, pdef: ParamDef, sets, ctx: _Context) -> dict:
    """A parameter's values from a file."""
    return frame_values(read_frame(path, ctx), f"'{path.name}'", pdef, sets, ctx)


def read_set(path: Path, sdef: SetDef, ctx: _Context) -> list:
    """A set's members from a file: the column named after the set, else the first."""
    return _column_members(read_frame(path, ctx), sdef.name, f"'{path.name}'", ctx)


def frame_values(df, source: str, pdef: ParamDef, sets, ctx: _Context, key: str | None = None) -> dict:
    """Values of an indexed parameter from a polars frame in long or wide form; `source` names
    the file (or the Python data) in messages."""
    dim = sum(s.dim for s in sets)
    cols = df.columns
    values: dict = {}
    wide = len(sets) == 2 and dim == 2 and len(cols) >= 2 and all(_is_member(c, sets[1]) for c in cols[1:])
    if wide:
        df = _numeric(df, cols[1:], source, ctx)
        first = cols[0]
        for row_number, row in enumerate(df.iter_rows(named=True), start=2):
            for col in cols[1:]:
                value = row[col]
                _check_cell(value, source, row_number, col, ctx)
                full = ctx._coerce_key((row[first], col), sets, pdef.name)
                if full in values:
                    raise ctx.error(
                        f"{source} row {row_number}, column '{col}': a second value for {pdef.name}{list(full)}"
                    )
                values[full] = value
        return values
    names = [n for n in (pdef.name, key) if n]
    value_col = next((c for c in cols if c in names), None)
    if value_col is None and "value" in cols:
        value_col = "value"
    if value_col is None and len(cols) == dim + 1:
        value_col = cols[-1]
    if value_col is None or len(cols) < dim + 1:
        raise ctx.error(
            f"{source} has the columns {', '.join(cols)}; expected {dim} index column(s) and a value column"
            + (f" named '{pdef.name}'" if len(cols) > dim + 1 else ""),
            hint="with several value columns, name one after each parameter; for a two-index table, the "
            "first set's members down the first column and the second set's across the header also works",
        )
    index_cols = [c for c in cols if c != value_col][:dim]
    df = _numeric(df, [value_col], source, ctx)
    fast = _long_form_fast(df, index_cols, value_col, sets)
    if fast is not None:
        return fast
    for row_number, row in enumerate(df.select(index_cols + [value_col]).iter_rows(), start=2):
        *key_parts, value = row
        _check_cell(value, source, row_number, value_col, ctx)
        full = ctx._coerce_key(tuple(key_parts), sets, pdef.name)
        if full in values:
            raise ctx.error(f"{source} row {row_number}: a second value for {pdef.name}{list(full)}")
        values[full] = value
    return values


def _numeric(df, columns: list[str], source: str, ctx: _Context):
    """`df` with `columns` as numbers; a column polars read as text names its first bad cell."""
    import polars as pl

    for col in columns:
        if df[col].dtype.is_numeric() or df[col].dtype == pl.Null:
            continue
        for row, value in enumerate(df[col].to_list(), start=2):
            if value is None:
                continue
            try:
                float(str(value))
            except ValueError:
                raise ctx.error(
                    f"{source} row {row}, column '{col}': {str(value)[:40]!r} is not a number"
                ) from None
        df = df.with_columns(pl.col(col).cast(pl.Float64, strict=False))
    return df


def _check_cell(value, source: str, row: int, col: str, ctx: _Context) -> None:
    """A value cell must hold a finite number; say which file, row and column when it does not."""
    from optmodel.limits import MAX_NUMBER

    where = f"{source} row {row}, column '{col}'"
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise ctx.error(f"{where}: empty value")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ctx.error(f"{where}: {str(value)[:40]!r} is not a number")
    if not (math.isfinite(value) and abs(value) < MAX_NUMBER):
        raise ctx.error(f"{where}: {value:g} is not a finite number below {MAX_NUMBER:g}")


def _column_members(df, name: str, source: str, ctx: _Context) -> list:
    if not df.columns:
        raise ctx.error(f"{source} has no columns")
    col = name if name in df.columns else df.columns[0]
    out, seen = [], set()
    for v in df[col].to_list():
        m = _member(v, name, ctx)
        if m not in seen:
            seen.add(m)
            out.append(m)
    return out


def _long_form_fast(df, index_cols: list[str], value_col: str, sets) -> dict | None:
    """The long-form table as a dict built by columns, when every check passes by columns
    (finite numbers, no nulls, no duplicate keys, every key a member as written, one-component
    sets); else None and the row-by-row reader finds and reports the first problem."""
    import polars as pl

    from optmodel.limits import MAX_NUMBER

    value = df[value_col]
    if any(s.dim != 1 for s in sets) or value.null_count() or value.dtype == pl.Boolean:
        return None
    if not (value.is_finite().all() and (value.abs() < MAX_NUMBER).all()):
        return None
    columns = []
    for col, s in zip(index_cols, sets, strict=True):
        values = df[col].to_list()
        kinds = {type(m) for m in s.members}
        if len(kinds) != 1 or df[col].null_count() or {type(v) for v in values[:1]} != kinds:
            return None
        if not set(df[col].unique().to_list()) <= s.lookup:
            return None
        columns.append(values)
    if df.select(index_cols).is_duplicated().any():
        return None
    return dict(zip(zip(*columns, strict=True), df[value_col].to_list(), strict=True))


def _is_member(name: str, s) -> bool:
    return name in s.lookup or (name.lstrip("-").isdigit() and int(name) in s.lookup)


# ------------------------------------------------------------------ data from Python


def bound_keys(form: Formulation) -> dict[str, tuple[str, str]]:
    """data key -> (kind, element name) for every element written `= data()`."""
    from optmodel.formulation import BoundData

    keys: dict[str, tuple[str, str]] = {}
    for s in form.sets:
        if isinstance(s.source, BoundData):
            keys[s.source.key or s.name] = ("set", s.name)
    for p in form.params:
        if isinstance(p.value, BoundData):
            keys[p.value.key or p.name] = ("parameter", p.name)
    return keys


def bind(form: Formulation, data: dict[str, Any] | None) -> Formulation:
    """Attach Python data to `form`: every `data()` element needs its key, and every key needs a
    `data()` element (a typo is an error, not silently ignored). Values are checked on compile."""
    import difflib

    data = dict(data or {})
    keys = bound_keys(form)
    where = form.source
    for key, (kind, name) in keys.items():
        if key not in data:
            raise FormulationError(
                f"no data for {kind} '{name}', which is written `= data()`",
                file=where,
                element=f"{kind} '{name}'",
                hint=f"pass it: optmodel.load(path, data={{'{key}': ...}})",
            )
    for key in data:
        if key in keys:
            continue
        element = form.element(key)
        renamed = [k for k, (_, name) in keys.items() if name == key]
        if renamed:
            raise FormulationError(
                f"data for '{key}', but '{key}' takes its data under the key '{renamed[0]}'",
                file=where,
                hint=f"pass data={{'{renamed[0]}': ...}}, or write `data()` to use the name '{key}'",
            )
        if element is not None:
            kind = type(element).__name__.replace("Def", "").lower().replace("param", "parameter")
            raise FormulationError(
                f"data for '{key}', but the {kind} '{key}' is defined in the formulation",
                file=where,
                hint=f"write `{key} = data()` (with its index) to take it from Python",
            )
        close = difflib.get_close_matches(str(key), list(keys), n=1)
        raise FormulationError(
            f"data for '{key}', but no set or parameter of the formulation is written `{key} = data()`",
            file=where,
            hint=f"did you mean '{close[0]}'?"
            if close
            else f"the data() elements: {', '.join(keys) or 'none'}",
        )
    form.data = data
    return form


def _lookup(form_data: dict, key: str, kind: str, name: str, ctx: _Context):
    if key not in form_data:
        raise ctx.error(
            f"the {kind} '{name}' takes its values from Python (`data()`), and none were given",
            hint=f"optmodel.load(path, data={{'{key}': ...}}); `optmodel check` cannot see them",
        )
    return form_data[key]


def set_from_data(sdef: SetDef, ctx: _Context) -> list:
    """A set's members from the Python object bound to it."""
    key = sdef.source.key or sdef.name
    obj = _lookup(ctx.form.data, key, "set", sdef.name, ctx)
    source = f"the data for set '{sdef.name}'"
    frame = _as_polars_frame(obj)
    if frame is not None:
        return _column_members(frame, sdef.name, source, ctx)
    if _is_series(obj):
        obj = list(obj.to_list() if hasattr(obj, "to_list") else list(obj))
    elif hasattr(obj, "tolist") and hasattr(obj, "shape"):  # numpy array, pandas Index
        obj = obj.tolist()
    elif isinstance(obj, (set, frozenset)):
        obj = sorted(obj, key=repr)
    elif isinstance(obj, dict):
        obj = list(obj)
    if isinstance(obj, (str, bytes)) or not hasattr(obj, "__iter__"):
        raise ctx.error(
            f"{source} is a {type(obj).__name__}; a set takes a list, tuple, range, array, Series or frame"
        )
    return [_member(m, sdef.name, ctx) for m in obj]


def param_from_data(pdef: ParamDef, sets, ctx: _Context) -> dict:
    """An indexed parameter's values (flattened key -> number) from its Python object."""
    key = pdef.value.key or pdef.name
    obj = _lookup(ctx.form.data, key, "parameter", pdef.name, ctx)
    source = f"the data for '{pdef.name}'"
    if not sets:
        return {(): _number(obj, source, ctx)}
    frame = _as_polars_frame(obj)
    if frame is not None:
        return frame_values(frame, source, pdef, sets, ctx, key=key)
    if _is_series(obj):
        obj = obj.to_dict() if hasattr(obj, "to_dict") and not hasattr(obj, "to_list") else obj.to_list()
    values: dict = {}
    if isinstance(obj, dict):
        dim = sum(s.dim for s in sets)
        for raw_key, value in _flatten(obj, ()):
            if len(raw_key) != dim:
                raise ctx.error(
                    f"{source}: the key {_show_key(raw_key)} has {len(raw_key)} part(s); "
                    f"{pdef.name}[{', '.join(s.name for s in sets)}] takes {dim}"
                )
            full = ctx._coerce_key(raw_key, sets, pdef.name)
            number = _number(value, f"{source} at {_show_key(raw_key)}", ctx, missing_ok=True)
            if number is not None:
                values[full] = number
        return values
    if isinstance(obj, numbers.Number) and not isinstance(obj, bool):
        number = _number(obj, source, ctx)
        return {k: number for k in ctx._product(sets)}
    import numpy as np

    try:
        array = np.asarray(obj, dtype=float)
    except (TypeError, ValueError):
        raise ctx.error(
            f"{source} is a {type(obj).__name__}; a parameter takes a number, dict, list, array, Series or frame"
        ) from None
    shape = tuple(len(s.members) for s in sets)
    if array.shape != shape:
        raise ctx.error(
            f"{source} has shape {array.shape}, but {pdef.name}[{', '.join(s.name for s in sets)}] "
            f"needs {shape} (one value per member, in the sets' order)"
        )
    for k, value in zip(ctx._product(sets), array.reshape(-1).tolist(), strict=True):
        if not math.isnan(value):
            values[k] = value
        if math.isinf(value):
            raise ctx.error(f"{source}: {pdef.name}{_show_key(k)} is infinite")
    return values


def _flatten(obj: dict, prefix: tuple):
    for k, v in obj.items():
        parts = tuple(_plain(x) for x in k) if isinstance(k, tuple) else (_plain(k),)
        if isinstance(v, dict):
            yield from _flatten(v, prefix + parts)
        else:
            yield prefix + parts, v


def _show_key(key: tuple) -> str:
    return "[" + ", ".join(str(k) for k in key) + "]"


def _plain(v):
    """numpy scalars to Python ones; integral floats to int (members are names or integers)."""
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        v = v.item()
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _member(v, set_name: str, ctx: _Context):
    v = _plain(v)
    if isinstance(v, tuple):
        return tuple(_member(x, set_name, ctx) for x in v)
    if isinstance(v, list):
        return tuple(_member(x, set_name, ctx) for x in v)
    if isinstance(v, bool) or not isinstance(v, (str, int)):
        raise ctx.error(
            f"the member {v!r} of set '{set_name}' is a {type(v).__name__}; members are names, integers or tuples"
        )
    return v


def _number(v, source: str, ctx: _Context, missing_ok: bool = False):
    v = _plain(v)
    if v is None or (isinstance(v, float) and math.isnan(v)):
        if missing_ok:
            return None
        raise ctx.error(f"{source} is missing (None or NaN)")
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise ctx.error(f"{source} is {v!r}, not a number")
    if not math.isfinite(v):
        raise ctx.error(f"{source} is infinite")
    return v


def _is_series(obj) -> bool:
    return type(obj).__name__ in ("Series", "Index") and type(obj).__module__.split(".")[0] in (
        "polars",
        "pandas",
    )


def _as_polars_frame(obj):
    """A polars DataFrame for a polars or pandas frame (pandas index levels become columns), else None."""
    module = type(obj).__module__.split(".")[0]
    if type(obj).__name__ not in ("DataFrame", "LazyFrame") or module not in ("polars", "pandas"):
        return None
    import polars as pl

    if module == "pandas":
        named = [n for n in obj.index.names if n is not None]
        return pl.from_pandas(obj.reset_index() if named else obj)
    return obj.collect() if type(obj).__name__ == "LazyFrame" else obj
