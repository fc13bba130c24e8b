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
    import polars as pl

    if not path.exists():
        raise ctx.error(f"the table file '{path}' does not exist")
    try:
        if path.suffix.lower() in (".parquet", ".pq"):
            df = pl.read_parquet(path)
        elif path.suffix.lower() in (".csv", ".txt"):
            df = pl.read_csv(path, infer_schema_length=10000)
        else:
            raise ctx.error(f"the table file '{path.name}' must be .csv or .parquet")
    except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
        raise ctx.error(f"cannot read '{path.name}': {str(exc).splitlines()[0]}") from None
    dim = sum(s.dim for s in sets)
    cols = df.columns
    values: dict = {}
    wide = len(sets) == 2 and dim == 2 and len(cols) >= 2 and all(_is_member(c, sets[1]) for c in cols[1:])
    if len(cols) == dim + 1 and not wide:
        value_col = pdef.name if pdef.name in cols else ("value" if "value" in cols else cols[-1])
        index_cols = [c for c in cols if c != value_col]
        if not df[value_col].dtype.is_numeric():
            raise ctx.error(f"column '{value_col}' of '{path.name}' must hold numbers")
        fast = _long_form_fast(df, index_cols, value_col, sets)
        if fast is not None:
            return fast
        for row_number, row in enumerate(df.select(index_cols + [value_col]).iter_rows(), start=2):
            *key, value = row
            if value is None:
                raise ctx.error(f"'{path.name}' row {row_number}: empty value")
            full = ctx._coerce_key(tuple(key), sets, pdef.name)
            if full in values:
                raise ctx.error(f"'{path.name}' row {row_number}: a second value for {pdef.name}{list(full)}")
            values[full] = value
        return values
    if wide:
        first = cols[0]
        for row_number, row in enumerate(df.iter_rows(named=True), start=2):
            for col in cols[1:]:
                value = row[col]
                if value is None:
                    raise ctx.error(f"'{path.name}' row {row_number}, column '{col}': empty value")
                full = ctx._coerce_key((row[first], col), sets, pdef.name)
                values[full] = value
        return values
    raise ctx.error(
        f"'{path.name}' has {len(cols)} columns; expected {dim} index column(s) and one value column",
        hint="or, for a two-index table, the first set's members down the first column and the second set's across the header",
    )


def _long_form_fast(df, index_cols: list[str], value_col: str, sets) -> dict | None:
    """The long-form table as a dict built by columns, when every check passes by columns
    (no nulls, no duplicate keys, every key a member as written, one-component sets);
    else None and the row-by-row reader finds and reports the first problem."""
    if any(s.dim != 1 for s in sets) or df[value_col].null_count():
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
