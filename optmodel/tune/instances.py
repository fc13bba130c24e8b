"""Small generated MIP families for tuning benchmarks, and conversion of user instances to MPS.

Tuning solves the same instance many times, so every instance is handed to HiGHS as an MPS
file: generated families are written straight from numpy arrays through highspy, five-element
files are compiled once through Pyomo, MPS/LP files are used as they are.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy import sparse

from optmodel.atomic import atomic_path
from optmodel.errors import OptModelError

INF = float("inf")


def _write_mip(
    path: Path,
    *,
    cost: np.ndarray,
    A: sparse.spmatrix,
    row_lower: np.ndarray,
    row_upper: np.ndarray,
    col_lower: np.ndarray,
    col_upper: np.ndarray,
    integer: np.ndarray,
    maximize: bool = False,
) -> Path:
    """Write a MIP given as arrays to an MPS file (atomically) via highspy."""
    import highspy

    csc = sparse.csc_matrix(A)
    lp = highspy.HighsLp()
    lp.num_col_ = int(csc.shape[1])
    lp.num_row_ = int(csc.shape[0])
    lp.col_cost_ = np.asarray(cost, dtype=float)
    lp.col_lower_ = np.asarray(col_lower, dtype=float)
    lp.col_upper_ = np.asarray(col_upper, dtype=float)
    lp.row_lower_ = np.asarray(row_lower, dtype=float)
    lp.row_upper_ = np.asarray(row_upper, dtype=float)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = csc.indptr.astype(np.int32)
    lp.a_matrix_.index_ = csc.indices.astype(np.int32)
    lp.a_matrix_.value_ = csc.data.astype(float)
    lp.integrality_ = [
        highspy.HighsVarType.kInteger if flag else highspy.HighsVarType.kContinuous for flag in integer
    ]
    lp.sense_ = highspy.ObjSense.kMaximize if maximize else highspy.ObjSense.kMinimize
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    if h.passModel(lp) != highspy.HighsStatus.kOk:
        raise OptModelError(f"could not build the generated instance {path.name}")
    with atomic_path(path) as tmp:
        h.writeModel(str(tmp))
    return path


def facility_location(
    path: Path, rng: np.random.Generator, *, customers: int = 60, facilities: int = 20
) -> Path:
    """Capacitated facility location (Cornuejols et al. 1991 style, as in Ecole)."""
    cx, cy = rng.random(customers), rng.random(customers)
    fx, fy = rng.random(facilities), rng.random(facilities)
    demand = rng.integers(5, 36, size=customers).astype(float)
    capacity = rng.integers(10, 161, size=facilities).astype(float)
    fixed = rng.integers(100, 111, size=facilities) * np.sqrt(capacity) + rng.integers(0, 91, size=facilities)
    capacity *= 5.0 * demand.sum() / capacity.sum()  # total capacity = 5x total demand
    dist = np.sqrt((cx[:, None] - fx[None, :]) ** 2 + (cy[:, None] - fy[None, :]) ** 2) * 10.0
    trans = dist * demand[:, None]  # cost of serving all of customer i from facility j
    n_x = customers * facilities
    # columns: x[i, j] (i-major), then y[j]
    cost = np.concatenate([trans.ravel(), fixed])
    rows, cols, vals, lo, hi = [], [], [], [], []
    r = 0
    for i in range(customers):  # each customer fully served
        for j in range(facilities):
            rows.append(r), cols.append(i * facilities + j), vals.append(1.0)
        lo.append(1.0), hi.append(1.0)
        r += 1
    for j in range(facilities):  # capacity: sum_i d_i x_ij - s_j y_j <= 0
        for i in range(customers):
            rows.append(r), cols.append(i * facilities + j), vals.append(demand[i])
        rows.append(r), cols.append(n_x + j), vals.append(-capacity[j])
        lo.append(-INF), hi.append(0.0)
        r += 1
    for i in range(customers):  # tightening: x_ij <= y_j
        for j in range(facilities):
            rows += [r, r]
            cols += [i * facilities + j, n_x + j]
            vals += [1.0, -1.0]
            lo.append(-INF), hi.append(0.0)
            r += 1
    A = sparse.coo_matrix((vals, (rows, cols)), shape=(r, n_x + facilities))
    n = n_x + facilities
    integer = np.zeros(n, dtype=bool)
    integer[n_x:] = True
    return _write_mip(
        path, cost=cost, A=A, row_lower=np.array(lo), row_upper=np.array(hi),
        col_lower=np.zeros(n), col_upper=np.ones(n), integer=integer,
    )  # fmt: skip


def set_cover(
    path: Path, rng: np.random.Generator, *, rows: int = 250, cols: int = 500, density: float = 0.05
) -> Path:
    """Set cover (Balas and Ho 1980 style): every row covered by at least one chosen column."""
    A = (rng.random((rows, cols)) < density).astype(float)
    for i in np.flatnonzero(A.sum(axis=1) < 2):  # every row coverable at least twice
        A[i, rng.choice(cols, size=2, replace=False)] = 1.0
    cost = rng.integers(1, 101, size=cols).astype(float)
    return _write_mip(
        path, cost=cost, A=sparse.coo_matrix(A), row_lower=np.ones(rows), row_upper=np.full(rows, INF),
        col_lower=np.zeros(cols), col_upper=np.ones(cols), integer=np.ones(cols, dtype=bool),
    )  # fmt: skip


def combinatorial_auction(path: Path, rng: np.random.Generator, *, items: int = 60, bids: int = 300) -> Path:
    """Combinatorial auction (winner determination): accept bids on bundles, each item sold once.

    Bundles grow from a random item by adding items that are compatible with it (a simplified
    version of Leyton-Brown et al.'s "arbitrary relationships" generator); prices are additive
    item values plus a bundle complementarity bonus.
    """
    value = rng.uniform(1.0, 100.0, size=items)
    compat = rng.random((items, items))
    compat = (compat + compat.T) / 2.0
    A = np.zeros((items, bids))
    price = np.zeros(bids)
    for b in range(bids):
        bundle = [int(rng.integers(items))]
        while rng.random() < 0.65 and len(bundle) < items:
            weight = compat[bundle].sum(axis=0)
            weight[bundle] = 0.0
            bundle.append(int(rng.choice(items, p=weight / weight.sum())))
        A[bundle, b] = 1.0
        price[b] = value[bundle].sum() * (1.0 + 0.2 * len(bundle) ** 0.5 * rng.random())
    return _write_mip(
        path, cost=price, A=sparse.coo_matrix(A), row_lower=np.full(items, -INF), row_upper=np.ones(items),
        col_lower=np.zeros(bids), col_upper=np.ones(bids), integer=np.ones(bids, dtype=bool), maximize=True,
    )  # fmt: skip


def multiple_knapsack(path: Path, rng: np.random.Generator, *, items: int = 40, knapsacks: int = 4) -> Path:
    """Multiple knapsack with weakly correlated weights and profits (Fukunaga 2011 style)."""
    weight = rng.integers(10, 101, size=items).astype(float)
    profit = np.maximum(1.0, weight + rng.integers(-10, 11, size=items))
    capacity = np.floor(0.5 * weight.sum() / knapsacks * rng.uniform(0.7, 1.3, size=knapsacks))
    n = items * knapsacks  # column x[i, k] at i * knapsacks + k
    rows, cols, vals, lo, hi = [], [], [], [], []
    r = 0
    for i in range(items):  # an item goes in at most one knapsack
        for k in range(knapsacks):
            rows.append(r), cols.append(i * knapsacks + k), vals.append(1.0)
        lo.append(-INF), hi.append(1.0)
        r += 1
    for k in range(knapsacks):  # capacities
        for i in range(items):
            rows.append(r), cols.append(i * knapsacks + k), vals.append(weight[i])
        lo.append(-INF), hi.append(capacity[k])
        r += 1
    A = sparse.coo_matrix((vals, (rows, cols)), shape=(r, n))
    return _write_mip(
        path, cost=np.repeat(profit, knapsacks), A=A, row_lower=np.array(lo), row_upper=np.array(hi),
        col_lower=np.zeros(n), col_upper=np.ones(n), integer=np.ones(n, dtype=bool), maximize=True,
    )  # fmt: skip


Generator = Callable[..., Path]

FAMILIES: dict[str, Generator] = {
    "facility": facility_location,
    "setcover": set_cover,
    "auction": combinatorial_auction,
    "knapsack": multiple_knapsack,
}

# Sizes at which HiGHS defaults take roughly 0.5-3 s per instance on a 2-core CI machine
# ("bench"), and tiny ones for tests ("tiny", well under 0.1 s).
SIZES: dict[str, dict[str, dict[str, float]]] = {
    "bench": {
        "facility": {"customers": 70, "facilities": 25},
        "setcover": {"rows": 250, "cols": 500, "density": 0.05},
        "auction": {"items": 100, "bids": 500},
        "knapsack": {"items": 30, "knapsacks": 3},
    },
    "tiny": {
        "facility": {"customers": 12, "facilities": 5},
        "setcover": {"rows": 40, "cols": 80, "density": 0.08},
        "auction": {"items": 12, "bids": 40},
        "knapsack": {"items": 10, "knapsacks": 2},
    },
}


def generate(
    family: str, out_dir: Path, count: int, *, seed: int = 0, size: str = "bench", start: int = 0
) -> list[Path]:
    """Write `count` instances of a family as MPS files named FAMILY_SIZE_SEED_K.mps; reuse existing files."""
    if family not in FAMILIES:
        raise OptModelError(f"unknown instance family {family!r}", hint=f"choose one of {sorted(FAMILIES)}")
    if size not in SIZES:
        raise OptModelError(f"unknown instance size {size!r}", hint=f"choose one of {sorted(SIZES)}")
    out_dir = Path(out_dir)
    paths = []
    for k in range(start, start + count):
        path = out_dir / f"{family}_{size}_s{seed}_{k:03d}.mps"
        if not path.exists():
            rng = np.random.default_rng([seed, k, sorted(FAMILIES).index(family)])
            FAMILIES[family](path, rng, **SIZES[size][family])
        paths.append(path)
    return paths


def _fe_to_mps(path: Path, cache_dir: Path) -> Path:
    """Compile a five-element file once through the core compiler and write it as MPS."""
    from optmodel.export import export
    from optmodel.parser import load

    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    out = cache_dir / f"{path.stem}-{digest}.mps"
    if out.exists():
        return out
    return export(load(path), out, "mps")


SOLVER_FORMATS = (".mps", ".lp", ".mps.gz", ".lp.gz")


def prepare_instances(paths: list[Path | str], cache_dir: Path | None = None) -> list[Path]:
    """Check instance files exist and return MPS/LP paths HiGHS can read (compiling `.fe` files)."""
    if not paths:
        raise OptModelError("no instance files given", hint="pass five-element (.fe), MPS or LP files")
    cache_dir = Path(cache_dir) if cache_dir else Path(tempfile.gettempdir()) / "optmodel-tune-cache"
    out = []
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            raise OptModelError("instance file not found", file=str(path))
        name = path.name.lower()
        if name.endswith(SOLVER_FORMATS):
            out.append(path)
        elif name.endswith(".fe") or name.endswith(".txt"):
            out.append(_fe_to_mps(path, cache_dir))
        else:
            raise OptModelError(
                "unsupported instance file type", file=str(path),
                hint="use a five-element file (.fe) or an MPS/LP file (.mps, .lp, optionally .gz)",
            )  # fmt: skip
    return out
