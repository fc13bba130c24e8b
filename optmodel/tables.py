"""Parameter tables from CSV or Parquet files next to the formulation (read with polars).

Long form: one column per index position, then the value column (named after the parameter,
`value`, or simply the last column). Wide form, for two-index parameters: the first column holds
members of the first set and every other column is named after a member of the second set.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from optmodel.compiler import _Context
    from optmodel.formulation import ParamDef


def read_table(path: Path, pdef: ParamDef, sets, ctx: _Context) -> dict:
    """The values of `pdef` from its table file. The file is read by us (a regular file, under the
    size cap) and polars parses the bytes: handed a path, polars would expand `q*.csv` as a glob."""
    import io

    import polars as pl

    from optmodel.errors import FileReadError
    from optmodel.limits import limit
    from optmodel.safeio import read_regular_file

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
    dim = sum(s.dim for s in sets)
    cols = df.columns
    values: dict = {}
    wide = len(sets) == 2 and dim == 2 and len(cols) >= 2 and all(_is_member(c, sets[1]) for c in cols[1:])
    if len(cols) == dim + 1 and not wide:
        value_col = pdef.name if pdef.name in cols else ("value" if "value" in cols else cols[-1])
        index_cols = [c for c in cols if c != value_col]
        df = _numeric(df, [value_col], path, ctx)
        fast = _long_form_fast(df, index_cols, value_col, sets)
        if fast is not None:
            return fast
        for row_number, row in enumerate(df.select(index_cols + [value_col]).iter_rows(), start=2):
            *key, value = row
            _check_cell(value, path, row_number, value_col, ctx)
            full = ctx._coerce_key(tuple(key), sets, pdef.name)
            if full in values:
                raise ctx.error(f"'{path.name}' row {row_number}: a second value for {pdef.name}{list(full)}")
            values[full] = value
        return values
    if wide:
        df = _numeric(df, cols[1:], path, ctx)
        first = cols[0]
        for row_number, row in enumerate(df.iter_rows(named=True), start=2):
            for col in cols[1:]:
                value = row[col]
                _check_cell(value, path, row_number, col, ctx)
                full = ctx._coerce_key((row[first], col), sets, pdef.name)
                if full in values:
                    raise ctx.error(
                        f"'{path.name}' row {row_number}, column '{col}': a second value for {pdef.name}{list(full)}"
                    )
                values[full] = value
        return values
    raise ctx.error(
        f"'{path.name}' has {len(cols)} columns; expected {dim} index column(s) and one value column",
        hint="or, for a two-index table, the first set's members down the first column and the second set's across the header",
    )


def _numeric(df, columns: list[str], path: Path, ctx: _Context):
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
                    f"'{path.name}' row {row}, column '{col}': {str(value)[:40]!r} is not a number"
                ) from None
        df = df.with_columns(pl.col(col).cast(pl.Float64, strict=False))
    return df


def _check_cell(value, path: Path, row: int, col: str, ctx: _Context) -> None:
    """A value cell must hold a finite number; say which file, row and column when it does not."""
    import math

    from optmodel.limits import MAX_NUMBER

    where = f"'{path.name}' row {row}, column '{col}'"
    if value is None:
        raise ctx.error(f"{where}: empty value")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ctx.error(f"{where}: {str(value)[:40]!r} is not a number")
    if not (math.isfinite(value) and abs(value) < MAX_NUMBER):
        raise ctx.error(f"{where}: {value:g} is not a finite number below {MAX_NUMBER:g}")


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
