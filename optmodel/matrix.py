"""The compiled formulation as arrays: what HiGHS takes in one `passModel` call.

Columns are the variables' keys in declaration order (each variable a contiguous block, its keys
in product order); rows are the constraints' rows in declaration order. `Columns` and `Rows`
map positions back to (name, index key) for the `Solution`. The row matrix is CSR, built with
numpy alone (scipy.sparse costs a quarter of a second to import, more than a small solve).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from optmodel.compiler import Compiled, Lin, expand
from optmodel.formulation import Formulation

INF = math.inf


@dataclass
class ModelArrays:
    """An LP/MIP/QP in HiGHS's terms. Infinite bounds are +-inf; `integrality` is None for an LP.
    `hessian` is (start, index, value) of the lower triangle, column-wise, in HiGHS's 1/2 x'Qx."""

    sense: int  # 1 minimize, -1 maximize
    offset: float
    cost: np.ndarray
    col_lower: np.ndarray
    col_upper: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray
    start: np.ndarray  # CSR row starts, length num_rows + 1
    index: np.ndarray  # column of each entry
    value: np.ndarray
    integrality: np.ndarray | None = None
    hessian: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    @property
    def num_cols(self) -> int:
        return len(self.cost)

    @property
    def num_rows(self) -> int:
        return len(self.row_lower)

    @property
    def is_mip(self) -> bool:
        return self.integrality is not None and bool(self.integrality.any())


@dataclass
class Columns:
    """Column position <-> (variable, key)."""

    names: list[str]  # variable names, in column-block order
    offsets: list[int]  # first column of each variable
    keys: list  # per variable: its KeySpace (iterable of keys in column order)
    _lookup: dict = field(default_factory=dict, repr=False)

    def position(self, name: str, key: tuple) -> int:
        table = self._lookup.get(name)
        if table is None:
            i = self.names.index(name)
            table = {k: self.offsets[i] + j for j, k in enumerate(self.keys[i].as_list())}
            self._lookup[name] = table
        return table[key]

    def blocks(self):
        """(name, first column, keys) per variable."""
        return zip(self.names, self.offsets, self.keys, strict=True)


@dataclass
class Rows:
    """Row position -> (constraint, key): `names[i]` and `keys[i]` for constraint block i
    starting at `offsets[i]`."""

    names: list[str]
    offsets: list[int]
    keys: list[list[tuple]]

    def label(self, r: int) -> tuple[str, tuple]:
        i = int(np.searchsorted(self.offsets, r, side="right")) - 1
        return self.names[i], self.keys[i][r - self.offsets[i]]

    def blocks(self):
        return zip(self.names, self.offsets, self.keys, strict=True)


@dataclass
class CompiledArrays:
    """What `compile_arrays` returns: the expansion, the arrays, and the maps back."""

    compiled: Compiled
    arrays: ModelArrays
    columns: Columns
    rows: Rows

    @property
    def is_mip(self) -> bool:
        return self.compiled.is_mip

    @property
    def is_quadratic(self) -> bool:
        return self.compiled.is_quadratic


def compile_arrays(form: Formulation, vectorise: bool = True) -> CompiledArrays:
    """Expand `form` (vectorised where the structure allows) and lay it out as arrays."""
    return to_arrays(expand(form, vectorise=vectorise))


def to_arrays(compiled: Compiled) -> CompiledArrays:
    """Lay an expanded formulation out as arrays. Consumes both scalar rows (`Lin` forms) and
    numpy-expanded blocks, so any row the compiler adds (auxiliary rows included) gets here."""
    names, offsets, keyspaces = [], [], []
    lows, highs, kinds = [], [], []
    n = 0
    for rv in compiled.variables.values():
        size = len(rv.keys)
        names.append(rv.name)
        offsets.append(n)
        keyspaces.append(rv.keys)
        lo = _bound_array(rv.lower, size, -INF)
        hi = _bound_array(rv.upper, size, INF)
        domain = rv.definition.domain
        if domain == "binary":
            lo, hi = np.maximum(lo, 0.0), np.minimum(hi, 1.0)
        lows.append(lo)
        highs.append(hi)
        kinds.append(np.full(size, 0 if domain == "continuous" else 1, dtype=np.int32))
        n += size
    columns = Columns(names, offsets, keyspaces)
    col_lower = np.concatenate(lows) if lows else np.zeros(0)
    col_upper = np.concatenate(highs) if highs else np.zeros(0)
    integrality = np.concatenate(kinds) if kinds else np.zeros(0, dtype=np.int32)

    # the objective: scalar part, plus a numpy-expanded part
    obj = compiled.objective
    cost = np.zeros(n)
    if obj.coefs:
        pos = np.fromiter((columns.position(*k) for k in obj.coefs), dtype=np.int64, count=len(obj.coefs))
        np.add.at(cost, pos, np.fromiter(obj.coefs.values(), dtype=float, count=len(obj.coefs)))
    offset = float(obj.const)
    if compiled.objective_block is not None:
        blk = compiled.objective_block
        if blk.num_rows:
            cost += np.bincount(blk.cols, weights=blk.vals, minlength=n)
            offset += float(blk.const[0])
    hessian = _hessian(obj, columns) if obj.quad and any(obj.quad.values()) else None

    # the rows, block by block
    starts, indices, values, row_lo, row_hi = [], [], [], [], []
    r_names, r_offsets, r_keys = [], [], []
    nnz = 0
    nrows = 0
    layout = [(name, first) for name, first, _ in columns.blocks()]
    for cc in compiled.constraints.values():
        r_names.append(cc.name)
        r_offsets.append(nrows)
        if cc.block is not None:
            blk = cc.block
            if [(name, first) for name, first, _ in blk.layout] != layout[: len(blk.layout)]:
                raise RuntimeError(  # variables added to the compiled model must be appended, not inserted
                    f"constraint '{cc.name}' was expanded against another column layout"
                )
            r_keys.append(blk.keys)
            starts.append(blk.start[:-1] + nnz)
            indices.append(blk.cols)
            values.append(blk.vals)
            row_lo.append(blk.lower)
            row_hi.append(blk.upper)
            nnz += len(blk.cols)
            nrows += blk.num_rows
            continue
        keys = list(cc.rows)
        r_keys.append(keys)
        lo = np.empty(len(keys))
        hi = np.empty(len(keys))
        counts = np.empty(len(keys), dtype=np.int64)
        cols: list[int] = []
        vals: list[float] = []
        for i, (low, body, high) in enumerate(cc.rows.values()):
            lo[i] = -INF if low is None else low
            hi[i] = INF if high is None else high
            counts[i] = len(body.coefs)
            for k, c in body.coefs.items():
                cols.append(columns.position(*k))
                vals.append(c)
        starts.append(nnz + np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64))
        indices.append(np.asarray(cols, dtype=np.int64))
        values.append(np.asarray(vals, dtype=float))
        row_lo.append(lo)
        row_hi.append(hi)
        nnz += len(cols)
        nrows += len(keys)
    start = np.concatenate(starts + [np.array([nnz])]).astype(np.int32) if starts else np.zeros(1, np.int32)
    arrays = ModelArrays(
        sense=1 if compiled.formulation.objective.sense == "minimize" else -1,
        offset=offset,
        cost=cost,
        col_lower=col_lower,
        col_upper=col_upper,
        row_lower=np.concatenate(row_lo) if row_lo else np.zeros(0),
        row_upper=np.concatenate(row_hi) if row_hi else np.zeros(0),
        start=start,
        index=(np.concatenate(indices) if indices else np.zeros(0)).astype(np.int32),
        value=np.concatenate(values) if values else np.zeros(0),
        integrality=integrality if integrality.any() else None,
        hessian=hessian,
    )
    return CompiledArrays(compiled, arrays, columns, Rows(r_names, r_offsets, r_keys))


def _bound_array(bound, size: int, missing: float) -> np.ndarray:
    if isinstance(bound, list):
        return np.array([missing if b is None else b for b in bound], dtype=float)
    return np.full(size, missing if bound is None else float(bound))


def _hessian(obj: Lin, columns: Columns) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """HiGHS minimises c'x + 1/2 x'Qx: c x_i^2 is Q_ii = 2c, c x_i x_j is Q_ij = Q_ji = c.
    Returned as the lower triangle, column-wise (HiGHS's triangular format)."""
    entries: dict[tuple[int, int], float] = {}
    for (a, b), c in obj.quad.items():
        if not c:
            continue
        i, j = columns.position(*a), columns.position(*b)
        col, row = min(i, j), max(i, j)
        entries[(col, row)] = entries.get((col, row), 0.0) + (2.0 * c if i == j else c)
    n = len(columns.keys) and columns.offsets[-1] + len(columns.keys[-1])
    items = sorted(entries.items())
    counts = np.bincount([c for (c, _), _ in items], minlength=n)
    start = np.concatenate(([0], np.cumsum(counts))).astype(np.int32)
    index = np.array([r for (_, r), _ in items], dtype=np.int32)
    value = np.array([v for _, v in items], dtype=float)
    return start, index, value


def canonical_csr(rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, num_rows: int):
    """Sort (row, col, value) triplets, sum duplicates and drop zeros: (start, cols, vals)."""
    if len(rows):
        order = np.lexsort((cols, rows))
        rows, cols, vals = rows[order], cols[order], vals[order]
        new = np.empty(len(rows), dtype=bool)
        new[0] = True
        np.not_equal(rows[1:], rows[:-1], out=new[1:])
        new[1:] |= cols[1:] != cols[:-1]
        firsts = np.flatnonzero(new)
        vals = np.add.reduceat(vals, firsts)
        rows, cols = rows[firsts], cols[firsts]
        keep = vals != 0.0
        rows, cols, vals = rows[keep], cols[keep], vals[keep]
    counts = np.bincount(rows, minlength=num_rows) if len(rows) else np.zeros(num_rows, dtype=np.int64)
    start = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    return start, cols.astype(np.int64), vals.astype(float)
