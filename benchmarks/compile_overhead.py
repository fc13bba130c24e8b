"""How much does going through optmodel cost, against raw highspy, hand-written Pyomo and linopy?

Generates problems with seeded random data, writes each as a five-element file, and in the
same process, routes interleaved round-robin, times five ways to the same optimum:

  optmodel    parse -> compile to arrays -> HiGHS in the worker -> values, duals, reduced costs
              and row activities by name (what `optmodel.solve(path)` does by default)
  om-pyomo    the same file through `backend="pyomo"` (compile to a Pyomo model, appsi HiGHS)
  pyomo       a hand-written pyomo.environ model, solved with appsi HiGHS (values read back)
  linopy      a hand-written linopy model (xarray), solved with HiGHS through linopy's direct API
  highspy     raw highspy: the same matrix built with numpy, one passModel, values read back

plus the time to parse a 300 x 300 (90,000-entry) parameter table on its own. Each timing is
the best of --repeat runs. Ratios are against raw highspy and against hand-written Pyomo.

`--big` adds the 1,000 x 1,000 transportation LP (one million variables; cost from a Parquet
file), each route in a fresh subprocess so that its peak memory (parent and worker, from
getrusage) is its own; Pyomo routes are left out there (minutes and gigabytes).

    .venv/bin/python benchmarks/compile_overhead.py            # 300x300 LP, 10x200 MILP
    .venv/bin/python benchmarks/compile_overhead.py --quick    # small sizes, one run each
    .venv/bin/python benchmarks/compile_overhead.py --big      # and the 1000x1000 LP
    .venv/bin/python benchmarks/compile_overhead.py --profile  # plus a cProfile of the optmodel route
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import highspy
import numpy as np
import pyomo.environ as pyo
import pyomo.version
from pyomo.contrib.appsi.solvers import Highs as AppsiHighs

import optmodel
from optmodel.compiler import compile_formulation
from optmodel.matrix import compile_arrays
from optmodel.solver import solve_compiled

MIP_GAP = 0.01  # the multi-knapsack is hard to close; every route stops at the same 1% gap


# ---------------------------------------------------------------- problem data


@dataclass
class Transport:
    supply: np.ndarray  # (P,)
    demand: np.ndarray  # (M,)
    cost: np.ndarray  # (P, M)

    @property
    def plants(self) -> list[str]:
        return [f"p{i + 1}" for i in range(len(self.supply))]

    @property
    def markets(self) -> list[str]:
        return [f"m{j + 1}" for j in range(len(self.demand))]


@dataclass
class Knapsacks:
    capacity: np.ndarray  # (K,)
    weight: np.ndarray  # (N,)
    value: np.ndarray  # (K, N)


def make_transport(p: int, m: int, rng: np.random.Generator) -> Transport:
    demand = rng.integers(50, 150, m).astype(float)
    supply = rng.integers(50, 150, p).astype(float)
    supply *= math.ceil(1.1 * demand.sum() / supply.sum())  # enough supply in total
    cost = np.round(rng.uniform(1.0, 20.0, (p, m)), 2)
    return Transport(supply, demand, cost)


def make_knapsacks(k: int, n: int, rng: np.random.Generator) -> Knapsacks:
    weight = rng.integers(10, 60, n).astype(float)
    value = rng.integers(5, 100, (k, n)).astype(float)
    capacity = np.full(k, float(int(0.8 * weight.sum() / k)))
    return Knapsacks(capacity, weight, value)


# ---------------------------------------------------------------- five-element text


def _num(x: float) -> str:
    return repr(int(x)) if float(x).is_integer() else repr(float(x))


def _vector(values) -> str:
    return "[" + ", ".join(_num(v) for v in values) + "]"


def _table(rows: list[str], cols: list[str], values: np.ndarray) -> str:
    lines = []
    for r, row in zip(rows, values, strict=True):
        lines.append(
            f"  {r}: {{" + ", ".join(f"{c}: {_num(v)}" for c, v in zip(cols, row, strict=True)) + "},"
        )
    return "{\n" + "\n".join(lines) + "\n}"


def transport_text(d: Transport) -> str:
    return f"""# Transportation LP, {len(d.supply)} plants x {len(d.demand)} markets (generated)
## Sets
Plants = {{{", ".join(d.plants)}}}
Markets = {{{", ".join(d.markets)}}}

## Parameters
supply[Plants] = {_vector(d.supply)}
demand[Markets] = {_vector(d.demand)}
cost[Plants, Markets] = {_table(d.plants, d.markets, d.cost)}

## Variables
ship[Plants, Markets] >= 0

## Objective
minimize sum(cost[p, m] * ship[p, m] for p in Plants for m in Markets)

## Constraints
capacity[p in Plants]: sum(ship[p, m] for m in Markets) <= supply[p]
meet[m in Markets]: sum(ship[p, m] for p in Plants) >= demand[m]
"""


def knapsack_text(d: Knapsacks) -> str:
    k, n = d.value.shape
    return f"""# Multiple knapsacks: {k} knapsacks x {n} items, each item in at most one (generated)
## Sets
Knapsacks = 1..{k}
Items = 1..{n}

## Parameters
capacity[Knapsacks] = {_vector(d.capacity)}
weight[Items] = {_vector(d.weight)}
value[Knapsacks, Items] = [
{chr(10).join("  " + _vector(row) + "," for row in d.value)}
]

## Variables
put[Knapsacks, Items] binary

## Objective
maximize sum(value[k, i] * put[k, i] for k in Knapsacks for i in Items)

## Constraints
once[i in Items]: sum(put[k, i] for k in Knapsacks) <= 1
fits[k in Knapsacks]: sum(weight[i] * put[k, i] for i in Items) <= capacity[k]
"""


def big_transport_files(d: Transport, out: Path) -> Path:
    """The transportation LP with its P x M cost table in a long-form Parquet file."""
    import polars as pl

    p, m = d.cost.shape
    pl.DataFrame(
        {
            "plant": np.repeat(np.array(d.plants), m),
            "market": np.tile(np.array(d.markets), p),
            "cost": d.cost.ravel(),
        }
    ).write_parquet(out / "cost.parquet")
    text = transport_text(d)
    head, _, rest = text.partition("cost[Plants, Markets] = ")
    text = head + 'cost[Plants, Markets] = file("cost.parquet")\n' + rest[rest.index("\n## Variables") :]
    path = out / f"transport_{p}x{m}.fe"
    path.write_text(text)
    return path


BIG_ROUTES = ("optmodel", "linopy", "highspy")


def big_route(name: str, folder: Path, size: int, seed: int) -> dict:
    """One route on the big LP in this (fresh) process: its timing and peak memory in MB."""
    import resource

    from optmodel import isolation

    if name == "optmodel":
        t = time_optmodel(folder / f"transport_{size}x{size}.fe", {})
    else:
        d = make_transport(size, size, np.random.default_rng(seed + 1))
        t = time_builder(linopy_transport if name == "linopy" else highspy_transport, d, {})
    isolation._close_all()  # the worker ends, so its peak shows in RUSAGE_CHILDREN
    kb = 1024.0  # ru_maxrss is in kilobytes on Linux
    return {
        "phases": t.phases,
        "objective": t.objective,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / kb,
        "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / kb,
    }


def run_big(size: int, seed: int, repeat: int) -> None:
    import json
    import subprocess

    d = make_transport(size, size, np.random.default_rng(seed + 1))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big_transport_files(d, folder)
        runs: dict[str, list[dict]] = {r: [] for r in BIG_ROUTES}
        for _ in range(repeat):
            for route in BIG_ROUTES:
                cmd = [sys.executable, __file__, "--big-route", route, "--big-dir", str(folder)]
                cmd += ["--big-size", str(size), "--seed", str(seed)]
                out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
                runs[route].append(json.loads(out.strip().splitlines()[-1]))
    best = {r: min(v, key=lambda x: sum(x["phases"].values())) for r, v in runs.items()}
    rows = {r: Timing(b["phases"], b["objective"]) for r, b in best.items()}
    report(
        f"Transportation LP, {size} x {size} ({size * size:,} variables, {2 * size} constraints, cost from "
        "Parquet); seconds, each route in a fresh process",
        rows,
        1e-6,
    )
    print(f"{'route':<10} {'peak MB':>9} {'worker peak MB':>15}")
    for r, b in best.items():
        print(f"{r:<10} {b['peak_mb']:9.0f} {b['worker_peak_mb']:15.0f}")


def table_only_text(d: Transport) -> str:
    """A formulation whose bulk is one P x M parameter table (for the parse-speed target)."""
    return f"""## Sets
Plants = {{{", ".join(d.plants)}}}
Markets = {{{", ".join(d.markets)}}}

## Parameters
cost[Plants, Markets] = {_table(d.plants, d.markets, d.cost)}

## Variables
x >= 0

## Objective
minimize x
"""


# ---------------------------------------------------------------- hand-written Pyomo (appsi HiGHS)


def _appsi(options: dict) -> AppsiHighs:
    opt = AppsiHighs()
    opt.config.stream_solver = False
    opt.highs_options = dict(options)
    return opt


def pyomo_transport(d: Transport, options: dict) -> tuple[float, float]:
    t0 = time.perf_counter()
    plants, markets = d.plants, d.markets
    supply = dict(zip(plants, d.supply.tolist(), strict=True))
    demand = dict(zip(markets, d.demand.tolist(), strict=True))
    cost = {(p, m): d.cost[i, j] for i, p in enumerate(plants) for j, m in enumerate(markets)}
    mdl = pyo.ConcreteModel()
    mdl.P = pyo.Set(initialize=plants)
    mdl.M = pyo.Set(initialize=markets)
    mdl.ship = pyo.Var(mdl.P, mdl.M, domain=pyo.NonNegativeReals)
    mdl.obj = pyo.Objective(expr=sum(cost[p, m] * mdl.ship[p, m] for p in plants for m in markets))
    mdl.capacity = pyo.Constraint(
        mdl.P, rule=lambda mdl, p: sum(mdl.ship[p, m] for m in markets) <= supply[p]
    )
    mdl.meet = pyo.Constraint(mdl.M, rule=lambda mdl, m: sum(mdl.ship[p, m] for p in plants) >= demand[m])
    t1 = time.perf_counter()
    opt = _appsi(options)
    results = opt.solve(mdl)
    return results.best_feasible_objective, t1 - t0


def pyomo_knapsacks(d: Knapsacks, options: dict) -> tuple[float, float]:
    t0 = time.perf_counter()
    k, n = d.value.shape
    ks, items = range(1, k + 1), range(1, n + 1)
    value = {(a, i): d.value[a - 1, i - 1] for a in ks for i in items}
    weight = {i: d.weight[i - 1] for i in items}
    mdl = pyo.ConcreteModel()
    mdl.K = pyo.Set(initialize=ks)
    mdl.I = pyo.Set(initialize=items)
    mdl.put = pyo.Var(mdl.K, mdl.I, domain=pyo.Binary)
    mdl.obj = pyo.Objective(
        expr=sum(value[a, i] * mdl.put[a, i] for a in ks for i in items), sense=pyo.maximize
    )
    mdl.once = pyo.Constraint(mdl.I, rule=lambda mdl, i: sum(mdl.put[a, i] for a in ks) <= 1)
    mdl.fits = pyo.Constraint(
        mdl.K, rule=lambda mdl, a: sum(weight[i] * mdl.put[a, i] for i in items) <= d.capacity[a - 1]
    )
    t1 = time.perf_counter()
    results = _appsi(options).solve(mdl)
    return results.best_feasible_objective, t1 - t0


# ---------------------------------------------------------------- hand-written linopy


def _linopy_solve(mdl, options: dict) -> float:
    status, condition = mdl.solve(
        solver_name="highs", io_api="direct", output_flag=False, log_to_console=False, **options
    )
    if status != "ok":
        raise SystemExit(f"linopy did not solve: {status} {condition}")
    return float(mdl.objective.value)


def linopy_transport(d: Transport, options: dict) -> tuple[float, float]:
    import linopy
    import pandas as pd
    import xarray as xr

    t0 = time.perf_counter()
    plants, markets = pd.Index(d.plants, name="p"), pd.Index(d.markets, name="m")
    mdl = linopy.Model()
    ship = mdl.add_variables(lower=0, coords=[plants, markets], name="ship")
    mdl.add_constraints(ship.sum("m") <= xr.DataArray(d.supply, coords=[plants]), name="capacity")
    mdl.add_constraints(ship.sum("p") >= xr.DataArray(d.demand, coords=[markets]), name="meet")
    mdl.add_objective((xr.DataArray(d.cost, coords=[plants, markets]) * ship).sum())
    t1 = time.perf_counter()
    return _linopy_solve(mdl, options), t1 - t0


def linopy_knapsacks(d: Knapsacks, options: dict) -> tuple[float, float]:
    import linopy
    import pandas as pd
    import xarray as xr

    t0 = time.perf_counter()
    k, n = d.value.shape
    sacks, items = pd.Index(range(1, k + 1), name="k"), pd.Index(range(1, n + 1), name="i")
    mdl = linopy.Model()
    put = mdl.add_variables(binary=True, coords=[sacks, items], name="put")
    mdl.add_constraints(put.sum("k") <= 1, name="once")
    weight = xr.DataArray(d.weight, coords=[items])
    mdl.add_constraints((weight * put).sum("i") <= xr.DataArray(d.capacity, coords=[sacks]), name="fits")
    mdl.add_objective((xr.DataArray(d.value, coords=[sacks, items]) * put).sum(), sense="max")
    t1 = time.perf_counter()
    return _linopy_solve(mdl, options), t1 - t0


# ---------------------------------------------------------------- raw highspy


def _run_highs(
    cost, lower, upper, row_lo, row_hi, starts, index, values, options, integer=False, maximize=False
):
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = len(cost), len(row_lo)
    lp.col_cost_, lp.col_lower_, lp.col_upper_ = cost, lower, upper
    lp.row_lower_, lp.row_upper_ = row_lo, row_hi
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = starts, index, values
    if maximize:
        lp.sense_ = highspy.ObjSense.kMaximize
    if integer:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * len(cost)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    for key, val in options.items():
        h.setOptionValue(key, val)
    h.passModel(lp)
    h.run()
    np.asarray(h.getSolution().col_value)  # the values, as every other route reads them back
    return h.getInfo().objective_function_value


def highspy_transport(d: Transport, options: dict) -> tuple[float, float]:
    t0 = time.perf_counter()
    p, m = d.cost.shape
    cols = p * m  # column j = i * m + k: row i (capacity) and row p + k (meet)
    plant_of = np.repeat(np.arange(p), m)
    market_of = np.tile(np.arange(m), p)
    index = np.empty(2 * cols, dtype=np.int32)
    index[0::2], index[1::2] = plant_of, p + market_of
    inf = highspy.kHighsInf
    row_lo = np.concatenate([np.full(p, -inf), d.demand])
    row_hi = np.concatenate([d.supply, np.full(m, inf)])
    starts = np.arange(0, 2 * cols + 1, 2, dtype=np.int32)
    args = (
        d.cost.ravel(),
        np.zeros(cols),
        np.full(cols, inf),
        row_lo,
        row_hi,
        starts,
        index,
        np.ones(2 * cols),
    )
    t1 = time.perf_counter()
    return _run_highs(*args, options), t1 - t0


def highspy_knapsacks(d: Knapsacks, options: dict) -> tuple[float, float]:
    t0 = time.perf_counter()
    k, n = d.value.shape
    cols = k * n  # column j = a * n + i: row i (once) and row n + a (fits)
    item_of = np.tile(np.arange(n), k)
    sack_of = np.repeat(np.arange(k), n)
    index = np.empty(2 * cols, dtype=np.int32)
    index[0::2], index[1::2] = item_of, n + sack_of
    values = np.empty(2 * cols)
    values[0::2], values[1::2] = 1.0, d.weight[item_of]
    row_lo = np.full(n + k, -highspy.kHighsInf)
    row_hi = np.concatenate([np.ones(n), d.capacity])
    starts = np.arange(0, 2 * cols + 1, 2, dtype=np.int32)
    args = (d.value.ravel(), np.zeros(cols), np.ones(cols), row_lo, row_hi, starts, index, values)
    t1 = time.perf_counter()
    return _run_highs(*args, options, integer=True, maximize=True), t1 - t0


# ---------------------------------------------------------------- timing


@dataclass
class Timing:
    phases: dict[str, float] = field(default_factory=dict)
    objective: float = math.nan

    @property
    def total(self) -> float:
        return sum(self.phases.values())


def time_optmodel(path: Path, options: dict, duals: bool = True, backend: str = "highs") -> Timing:
    """The whole `optmodel.solve` route; `duals=False` reads values only (as the hand-written
    routes do), the default also duals, reduced costs and row activities."""
    t0 = time.perf_counter()
    form = optmodel.load(path)
    t1 = time.perf_counter()
    compiled = compile_formulation(form) if backend == "pyomo" else compile_arrays(form)
    t2 = time.perf_counter()
    sol = solve_compiled(compiled, options, duals=duals)
    t3 = time.perf_counter()
    if sol.status != "optimal":
        raise SystemExit(f"optmodel did not solve {path.name}: {sol.status} ({sol.message})")
    return Timing({"parse": t1 - t0, "compile": t2 - t1, "solve": t3 - t2}, sol.objective)


def time_builder(fn: Callable, data, options: dict) -> Timing:
    t0 = time.perf_counter()
    objective, build = fn(data, options)
    total = time.perf_counter() - t0
    return Timing({"build": build, "solve": total - build}, objective)


def best_of(repeat: int, routes: dict[str, Callable[[], Timing]]) -> dict[str, Timing]:
    """Run the routes round-robin (so a change in machine load hits them alike) and keep each
    route's fastest run. Garbage from the previous run is collected outside the timings."""
    runs: dict[str, list[Timing]] = {name: [] for name in routes}
    for _ in range(repeat):
        for name, run in routes.items():
            gc.collect()
            runs[name].append(run())
    return {name: min(times, key=lambda t: t.total) for name, times in runs.items()}


def profile_optmodel(path: Path, options: dict, top: int = 25) -> None:
    """Where the optmodel route spends its time: the top functions by cumulative time."""
    import cProfile
    import pstats

    gc.collect()
    profiler = cProfile.Profile()
    profiler.enable()
    time_optmodel(path, options)
    profiler.disable()
    print(f"\ncProfile of one optmodel run of {path.name} (top {top} by cumulative time):")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(top)


def fmt(seconds: float) -> str:
    return f"{seconds:8.3f}"


def report(title: str, rows: dict[str, Timing], tol: float) -> None:
    raw = rows["highspy"].total
    base = rows["pyomo"].total if "pyomo" in rows else math.nan
    print(f"\n{title}")
    print(
        f"{'route':<10} {'parse':>8} {'compile':>8} {'build':>8} {'solve':>8} {'total':>8} "
        f"{'vs highspy':>10} {'vs pyomo':>9}  objective"
    )
    for name, t in rows.items():
        cells = [
            fmt(t.phases[p]) if p in t.phases else f"{'-':>8}" for p in ("parse", "compile", "build", "solve")
        ]
        vs_pyomo = f"{t.total / base:8.2f}x" if math.isfinite(base) else f"{'-':>9}"
        print(
            f"{name:<10} {' '.join(cells)} {fmt(t.total)} {t.total / raw:9.2f}x {vs_pyomo}  {t.objective:.6g}"
        )
    objs = [t.objective for t in rows.values()]
    if max(objs) - min(objs) > tol * max(1.0, abs(objs[0])):
        print(f"  note: the objectives differ by more than {tol:g} (relative)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes and one run each (a smoke test)")
    ap.add_argument(
        "--repeat", type=int, default=None, help="runs per timing, best kept (default 3; 1 with --quick)"
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=None, help="keep the generated .fe files in this folder")
    ap.add_argument(
        "--profile", action="store_true", help="also print a cProfile of one optmodel run of the LP"
    )
    ap.add_argument("--big", action="store_true", help="also the 1000x1000 LP (fresh process per route)")
    ap.add_argument("--big-size", type=int, default=1000, help=argparse.SUPPRESS)
    ap.add_argument("--big-route", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--big-dir", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.big_route:
        import json

        print(json.dumps(big_route(args.big_route, args.big_dir, args.big_size, args.seed)))
        return 0
    repeat = args.repeat or (1 if args.quick else 3)
    tp, tm = (40, 40) if args.quick else (300, 300)
    kk, kn = (4, 40) if args.quick else (10, 200)

    rng = np.random.default_rng(args.seed)
    transport = make_transport(tp, tm, rng)
    sacks = make_knapsacks(kk, kn, rng)
    table = make_transport(300 if not args.quick else 60, 300 if not args.quick else 60, rng)

    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        files = {
            "transport": (out / f"transport_{tp}x{tm}.fe", transport_text(transport)),
            "knapsack": (out / f"knapsack_{kk}x{kn}.fe", knapsack_text(sacks)),
            "table": (out / "table_only.fe", table_only_text(table)),
        }
        for path, text in files.values():
            partial = path.with_suffix(".fe.partial")
            partial.write_text(text)
            os.replace(partial, path)  # a kept file is never half-written
        print(
            f"optmodel {optmodel.__version__}, pyomo {pyomo.version.version}, highspy {highspy.Highs().version()}"
        )
        print(f"python {sys.version.split()[0]}; best of {repeat} run(s); seed {args.seed}; files in {out}")

        lp_opts: dict = {}
        path = files["transport"][0]
        print(f"timing the {tp}x{tm} transportation LP ...", flush=True)
        rows = best_of(
            repeat,
            {
                "optmodel": lambda: time_optmodel(path, lp_opts),
                "om-values": lambda: time_optmodel(path, lp_opts, duals=False),
                "om-pyomo": lambda: time_optmodel(path, lp_opts, backend="pyomo"),
                "pyomo": lambda: time_builder(pyomo_transport, transport, lp_opts),
                "linopy": lambda: time_builder(linopy_transport, transport, lp_opts),
                "highspy": lambda: time_builder(highspy_transport, transport, lp_opts),
            },
        )
        report(
            f"Transportation LP, {tp} x {tm} ({tp * tm} variables, {tp + tm} constraints); seconds",
            rows,
            1e-6,
        )
        if args.profile:
            profile_optmodel(path, lp_opts)

        mip_opts = {"mip_rel_gap": MIP_GAP}
        path = files["knapsack"][0]
        print(f"\ntiming the {kk}x{kn} multiple-knapsack MILP ...", flush=True)
        rows = best_of(
            repeat,
            {
                "optmodel": lambda: time_optmodel(path, mip_opts),
                "om-pyomo": lambda: time_optmodel(path, mip_opts, backend="pyomo"),
                "pyomo": lambda: time_builder(pyomo_knapsacks, sacks, mip_opts),
                "linopy": lambda: time_builder(linopy_knapsacks, sacks, mip_opts),
                "highspy": lambda: time_builder(highspy_knapsacks, sacks, mip_opts),
            },
        )
        report(
            f"Multiple-knapsack MILP, {kk} x {kn} ({kk * kn} binaries, {kk + kn} constraints, "
            f"mip_rel_gap {MIP_GAP:g}); seconds",
            rows,
            MIP_GAP,
        )

        path, text = files["table"]
        entries = table.cost.size
        parse_times = []
        for _ in range(repeat):
            gc.collect()
            t0 = time.perf_counter()
            optmodel.parse(text)
            parse_times.append(time.perf_counter() - t0)
        print(
            f"\nParsing a {entries:,}-entry parameter table ({len(text) / 1e6:.1f} MB of text): {min(parse_times):.3f} s"
        )
    if args.big:
        print(f"\ntiming the {args.big_size}x{args.big_size} transportation LP ...", flush=True)
        run_big(args.big_size, args.seed, 1 if args.repeat is None else repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
