"""Solve a formulation with HiGHS and report a `Solution`.

Two routes to the same answer. The default, `backend="highs"`: compile to arrays
(`optmodel.matrix`), pass them to highspy in one call in the isolation worker
(`optmodel.isolation`, `optmodel.highs_direct`), and map values, duals, reduced costs, row
activities, ranging and the IIS back to names by position. `backend="pyomo"`: build the Pyomo
model (`compiler.build_pyomo`) and solve it through Pyomo's HiGHS interfaces in a forked child.

Infeasible, unbounded and timed-out models are statuses, not exceptions: a `Solution` always
comes back unless the input itself is wrong (then `OptModelError`).
"""

from __future__ import annotations

import functools
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from optmodel.errors import ArgumentError, OptionError, OptModelError, SolveError
from optmodel.formulation import Formulation

STATUSES = ("optimal", "infeasible", "unbounded", "infeasible_or_unbounded", "time_limit", "error")
BACKENDS = ("highs", "pyomo")


@dataclass
class Solution:
    """What HiGHS found. `values[var][index]`; scalar variables use the index `()`."""

    status: str
    objective: float | None = None
    values: dict[str, dict[tuple, float]] = field(default_factory=dict)
    duals: dict[str, dict[tuple, float]] = field(default_factory=dict)
    reduced_costs: dict[str, dict[tuple, float]] = field(default_factory=dict)
    solve_time: float = 0.0
    build_time: float = 0.0
    iis: list[str] = field(default_factory=list)
    work: dict[str, float] = field(default_factory=dict)
    message: str = ""
    is_mip: bool = False
    # row activities (the constraint body's value) and slack (distance to the nearest bound)
    activities: dict[str, dict[tuple, float]] = field(default_factory=dict)
    slacks: dict[str, dict[tuple, float]] = field(default_factory=dict)
    # LP ranging: cost[var][key] = (lowest, highest) objective coefficient keeping the basis
    # optimal; rhs[con][key] = (lowest, highest) row activity/bound over which duals hold
    ranging: dict[str, dict[str, dict[tuple, tuple[float, float]]]] = field(default_factory=dict)
    iis_bounds: list[str] = field(default_factory=list)  # variable bounds in the IIS, e.g. "x >= 0"
    integer_infeasible: bool = False  # the LP relaxation is feasible, the integers make it infeasible
    bound: float | None = None  # MIP: the best bound on the objective
    gap: float | None = None  # MIP: relative gap between the incumbent and the bound
    backend: str = "highs"
    index_names: dict[str, list[str]] = field(default_factory=dict, repr=False)  # var -> column names

    @property
    def ok(self) -> bool:
        return self.status == "optimal"

    @property
    def has_values(self) -> bool:
        return bool(self.values)

    def value(self, var: str, *index) -> float:
        """`sol.value("buy", "milk")`, `sol.value("x", 1, 2)`, `sol.value("z")`."""
        if var not in self.values:
            raise KeyError(f"no variable '{var}' in the solution")
        key = tuple(index[0]) if len(index) == 1 and isinstance(index[0], tuple) else tuple(index)
        return self.values[var][key]

    def __getitem__(self, var: str) -> dict:
        table = self.values[var]
        if list(table) == [()]:
            return table[()]
        return {k[0] if len(k) == 1 else k: v for k, v in table.items()}

    def to_dict(self) -> dict[str, Any]:
        def table(d: dict[str, dict[tuple, float]]) -> dict:
            return {name: _jsonable(rows) for name, rows in d.items()}

        return {
            "status": self.status,
            "objective": self.objective,
            "values": table(self.values),
            "duals": table(self.duals),
            "reduced_costs": table(self.reduced_costs),
            "solve_time": round(self.solve_time, 6),
            "build_time": round(self.build_time, 6),
            "activities": table(self.activities),
            "slacks": table(self.slacks),
            "ranging": {
                kind: {name: _jsonable_ranges(rows) for name, rows in tables.items()}
                for kind, tables in self.ranging.items()
            },
            "iis": list(self.iis),
            "iis_bounds": list(self.iis_bounds),
            "integer_infeasible": self.integer_infeasible,
            "bound": self.bound,
            "gap": self.gap,
            "work": dict(self.work),
            "message": self.message,
        }

    def to_polars(self):  # -> polars.DataFrame
        """One long frame of every variable: `variable`, one column per index position
        (`index_1`, `index_2`, ... as strings, null where a variable has fewer), `value`,
        `reduced_cost` (null where HiGHS gave none, e.g. for a MIP)."""
        import polars as pl

        width = max((len(k) for rows in self.values.values() for k in rows), default=0)
        cols: dict[str, list] = {"variable": []}
        for i in range(width):
            cols[f"index_{i + 1}"] = []
        cols["value"], cols["reduced_cost"] = [], []
        for name, rows in self.values.items():
            rc = self.reduced_costs.get(name, {})
            for key, v in rows.items():
                cols["variable"].append(name)
                for i in range(width):
                    cols[f"index_{i + 1}"].append(str(key[i]) if i < len(key) else None)
                cols["value"].append(v)
                cols["reduced_cost"].append(rc.get(key))
        schema = {c: pl.String for c in cols if c.startswith(("variable", "index_"))}
        schema.update({"value": pl.Float64, "reduced_cost": pl.Float64})
        return pl.DataFrame(cols, schema=schema)

    def frame(self, var: str, columns: list[str] | None = None):  # -> polars.DataFrame
        """One variable as a frame: one column per index position (named after the variable's
        index sets when the Solution knows them, else `index_1`...), then `value` and
        `reduced_cost` when known. Members keep their type (strings or integers)."""
        import polars as pl

        if var not in self.values:
            raise KeyError(f"no variable '{var}' in the solution")
        rows = self.values[var]
        width = len(next(iter(rows))) if rows else 0
        names = list(columns or self.index_names.get(var) or [f"index_{i + 1}" for i in range(width)])
        data: dict[str, list] = {n: [k[i] for k in rows] for i, n in enumerate(names)}
        data["value"] = list(rows.values())
        rc = self.reduced_costs.get(var)
        if rc:
            data["reduced_cost"] = [rc.get(k) for k in rows]
        return pl.DataFrame(data, strict=False)

    def constraints_frame(self):  # -> polars.DataFrame
        """Every row: `constraint`, `index` (as text), `activity`, `slack`, `dual`."""
        import polars as pl

        cols: dict[str, list] = {"constraint": [], "index": [], "activity": [], "slack": [], "dual": []}
        for name, rows in self.activities.items():
            duals = self.duals.get(name, {})
            slacks = self.slacks.get(name, {})
            for key, act in rows.items():
                cols["constraint"].append(name)
                cols["index"].append(", ".join(map(str, key)))
                cols["activity"].append(act)
                cols["slack"].append(slacks.get(key))
                cols["dual"].append(duals.get(key))
        return pl.DataFrame(
            cols,
            schema={
                "constraint": pl.String,
                "index": pl.String,
                "activity": pl.Float64,
                "slack": pl.Float64,
                "dual": pl.Float64,
            },
        )

    def write(self, path: str | Path) -> Path:
        """Write the solution: `.parquet` / `.csv` (the long frame of `to_polars`) or `.json`
        (`to_dict`), atomically (`optmodel.atomic`): a file is never half-written."""
        from optmodel import atomic

        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in (".parquet", ".csv", ".json"):
            raise ArgumentError(
                f"cannot write '{path.name}': the result file must end in .parquet, .csv or .json"
            )
        try:
            if suffix == ".json":
                atomic.write_json(path, self.to_dict(), default=str)
            else:
                with atomic.atomic_path(path) as tmp:
                    frame = self.to_polars()
                    frame.write_csv(tmp) if suffix == ".csv" else frame.write_parquet(tmp)
        except OSError as exc:
            raise OptModelError(f"cannot write '{path}': {exc.strerror or exc}") from None
        return path


def _jsonable(rows: dict[tuple, float]):
    if list(rows) == [()]:
        return rows[()]
    return [{"index": list(k), "value": v} for k, v in rows.items()]


def _jsonable_ranges(rows: dict[tuple, tuple[float, float]]):
    def pair(lo_hi):
        return [None if not math.isfinite(x) else x for x in lo_hi]

    if list(rows) == [()]:
        return pair(rows[()])
    return [{"index": list(k), "range": pair(v)} for k, v in rows.items()]


def as_formulation(model: Formulation | str | Path) -> Formulation:
    """Accept a Formulation, a path to a `.fe` file, or five-element text."""
    from optmodel.parser import load, parse

    if isinstance(model, Formulation):
        return model
    if isinstance(model, Path):
        return load(model)
    if isinstance(model, str):
        if "\n" not in model and len(model) < 4096 and (model.endswith(".fe") or Path(model).is_file()):
            return load(model)
        return parse(model)
    raise ArgumentError(
        f"cannot solve a {type(model).__name__}; give a Formulation, a path or five-element text"
    )


def solver_options(
    options: dict | None = None, profile: str | Path | None = None, time_limit: float | None = None
) -> dict:
    """Merge profile options, explicit options and the time limit, checked against HiGHS."""
    from optmodel.profiles import load_profile

    merged: dict = {}
    if profile:
        merged.update(load_profile(profile))
    if options is not None and not isinstance(options, dict):
        raise OptionError(
            f"options must be a dict of HiGHS options, not a {type(options).__name__}",
            hint="for example options={'threads': 1, 'presolve': 'off'}",
        )
    if options:
        for key in options:
            if not isinstance(key, str):
                raise OptionError(f"a HiGHS option name must be a string, not {key!r}")
        merged.update(options)
    if time_limit is not None:
        if not (isinstance(time_limit, (int, float)) and time_limit > 0 and math.isfinite(time_limit)):
            raise OptionError(f"the time limit must be a positive number of seconds, got {time_limit!r}")
        merged["time_limit"] = float(time_limit)
    validate_options(merged)
    return merged


def validate_options(options: dict) -> None:
    if not options:
        return
    import highspy

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    for name, value in options.items():
        status, current = h.getOptionValue(name)
        if status != highspy.HighsStatus.kOk:
            raise OptionError(
                f"unknown HiGHS option '{name}'",
                hint="see https://ergo-code.github.io/HiGHS/stable/options/definitions/",
            )
        if (
            isinstance(current, bool)
            and isinstance(value, str)
            and value.lower() in ("true", "false", "on", "off")
        ):
            value = value.lower() in ("true", "on")
            options[name] = value
        elif isinstance(current, str) and isinstance(value, bool):
            value = "on" if value else "off"  # HiGHS string switches such as presolve
            options[name] = value
        elif isinstance(current, float) and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
            options[name] = value
        if h.setOptionValue(name, value) != highspy.HighsStatus.kOk:
            raise OptionError(
                f"HiGHS option '{name}' cannot be set to {value!r}", hint=f"its default is {current!r}"
            )


def solve(
    model: Formulation | str | Path,
    *,
    time_limit: float | None = None,
    options: dict | None = None,
    profile: str | Path | None = None,
    duals: bool = True,
    iis: bool = True,
    threads: int | None = None,
    backend: str | None = None,
    ranging: bool = False,
    log: Callable[[str], None] | None = None,
) -> Solution:
    """Compile `model` and solve it with HiGHS.

    `backend="highs"` (the default, or `$OPTMODEL_BACKEND`) passes arrays to highspy directly;
    `"pyomo"` builds the Pyomo model and solves through Pyomo. `ranging=True` adds LP cost and
    right-hand-side ranges. `log` receives HiGHS's log lines as they are written (the solve
    runs in another process); the Pyomo route does not stream a log."""
    backend = backend or os.environ.get("OPTMODEL_BACKEND") or "highs"
    if backend not in BACKENDS:
        raise OptionError(f"unknown backend '{backend}'", hint="use 'highs' (the default) or 'pyomo'")
    form = as_formulation(model)
    opts = solver_options(options, profile, time_limit)
    t0 = time.perf_counter()
    if backend == "pyomo":
        from optmodel.compiler import compile_formulation

        compiled = compile_formulation(form)
    else:
        from optmodel import isolation
        from optmodel.matrix import compile_arrays

        isolation.prestart("highspy")  # numpy is loaded: the worker loads HiGHS while we compile
        compiled = compile_arrays(form)
    build_time = time.perf_counter() - t0
    return solve_compiled(
        compiled, opts, duals=duals, iis=iis, threads=threads, build_time=build_time, ranging=ranging, log=log
    )


def solve_compiled(
    compiled,
    opts: dict,
    *,
    duals: bool = True,
    iis: bool = True,
    threads: int | None = None,
    build_time: float = 0.0,
    ranging: bool = False,
    log: Callable[[str], None] | None = None,
) -> Solution:
    """Solve a compiled model: `optmodel.matrix.CompiledArrays` on the direct route, a
    `compiler.Compiled` holding a Pyomo model on the Pyomo route.

    Either way HiGHS runs in another process where the OS can fork: some small MIPs crash
    HiGHS with a segmentation fault (seen with highspy 1.11-1.15, see tests/test_solve.py),
    which would otherwise kill the caller, a long evaluation included. A crash becomes status
    "error". The direct route keeps one worker per thread (`optmodel.isolation`); the Pyomo
    route forks a child per solve (the model is not sent, the child has it)."""
    from optmodel.matrix import CompiledArrays

    if isinstance(compiled, CompiledArrays):
        return _solve_direct(compiled, opts, duals, iis, threads, build_time, ranging, log)
    if compiled.model is None:
        from optmodel.compiler import build_pyomo

        build_pyomo(compiled)
    args = (compiled, opts, duals, iis, threads, build_time)
    if hasattr(os, "fork") and not os.environ.get("OPTMODEL_SOLVE_IN_PROCESS"):
        global _forked_solves
        if _forked_solves:  # a process that solves more than once: load HiGHS here, not in every child
            _preload()
        _forked_solves += 1
        sol = _in_child(_solve_compiled, args, opts.get("time_limit"), build_time)
    else:
        sol = _solve_compiled(*args)
    sol.backend = "pyomo"
    sol.index_names = _all_index_names(compiled)
    if sol.values:
        _activities_from_rows(compiled, sol)
    _hide_auxiliary(sol, compiled)
    return honest(sol)


def _hide_auxiliary(sol: Solution, compiled) -> None:
    """Leave out the compiler's own variables and rows (max/min/abs and `implies`,
    optmodel.linearize): they are not the user's model."""
    for name in compiled.auxiliary:
        for table in (sol.values, sol.reduced_costs, sol.duals, sol.activities, sol.slacks):
            table.pop(name, None)
        for table in sol.ranging.values():
            table.pop(name, None)


def honest(sol: Solution) -> Solution:
    """A status never claims more than the solution holds: `optimal` needs a finite objective and
    the values; `error` always says why."""
    if sol.status == "optimal" and (
        sol.objective is None or not math.isfinite(sol.objective) or not sol.values
    ):
        sol.status = "error"
        sol.message = (
            "HiGHS reported an optimum but returned no finite objective value or no variable values; "
            "check the model's data for very large or very small numbers"
        )
        sol.objective, sol.values, sol.duals, sol.reduced_costs = None, {}, {}, {}
        sol.activities, sol.slacks, sol.ranging = {}, {}, {}
    if sol.status == "error" and not sol.message.strip():
        sol.message = "the solver stopped with an error and gave no reason"
    return sol


def _activities_from_rows(compiled, sol: Solution) -> None:
    """Row activities and slacks from the expanded rows and the values (the Pyomo route)."""
    for name, cc in compiled.constraints.items():
        acts, slacks = {}, {}
        for key, (lo, body, hi) in cc.rows.items():
            act = sum(c * sol.values[v][k] for (v, k), c in body.coefs.items())
            acts[key] = act
            slack = min(math.inf if hi is None else hi - act, math.inf if lo is None else act - lo)
            slacks[key] = 0.0 if abs(slack) < 1e-9 else slack
        if acts:
            sol.activities[name], sol.slacks[name] = acts, slacks


def _crashed(how: str, t0: float, build_time: float) -> Solution:
    return Solution(
        "error",
        message=f"HiGHS crashed on this model ({how}); this is a solver bug, not a modelling error. "
        "Rewriting a constraint or changing a HiGHS option (for example presolve) may avoid it",
        solve_time=time.perf_counter() - t0,
        build_time=build_time,
    )


def _solve_direct(
    ca, opts: dict, duals: bool, iis: bool, threads, build_time: float, ranging: bool, log
) -> Solution:
    from optmodel import isolation
    from optmodel.highs_direct import Want, run_highs

    opts = dict(opts)
    if threads:
        opts["threads"] = threads
    want = Want(duals=duals, iis=iis, ranging=ranging, log=log is not None)
    time_limit = opts.get("time_limit")
    wait = None if time_limit is None else 2 * float(time_limit) + 60  # HiGHS ignoring its limit
    t0 = time.perf_counter()
    try:
        raw = isolation.call(run_highs, (ca.arrays, opts, want), timeout=wait, on_log=log)
    except isolation.WorkerDied as died:
        return _crashed(died.how, t0, build_time)
    except isolation.WorkerTimeout:
        return Solution(
            "error",
            message=f"HiGHS did not stop within {wait:g} s of a {time_limit:g} s limit and was killed",
            solve_time=time.perf_counter() - t0,
            build_time=build_time,
        )
    return honest(solution_from_raw(ca, raw, build_time=build_time, wall=time.perf_counter() - t0))


def solution_from_raw(ca, raw: dict, build_time: float = 0.0, wall: float | None = None) -> Solution:
    """Map HiGHS's positional results back to (name, key)."""
    status = raw["status"]
    sol = Solution(
        status,
        solve_time=wall if wall is not None else raw.get("solve_time", 0.0),
        build_time=build_time,
        is_mip=ca.is_mip,
        work=raw.get("work", {}),
        bound=raw.get("bound"),
        gap=raw.get("gap"),
    )
    sol.index_names = _all_index_names(ca.compiled)
    sol.message = raw.get("message") or _message(status)
    if raw.get("objective") is not None and "col_value" in raw:
        sol.objective = float(raw["objective"])
        _by_columns(ca, raw["col_value"], sol.values)
        if "col_dual" in raw:
            _by_columns(ca, raw["col_dual"], sol.reduced_costs)
            _by_rows(ca, raw["row_dual"], sol.duals)
        _by_rows(ca, raw["row_value"], sol.activities)
        _slacks(ca, raw["row_value"], sol.slacks)
        if raw.get("ranging"):
            sol.ranging = _ranges(ca, raw["ranging"])
    if status == "error" and ca.is_quadratic:
        sol.message = (
            "HiGHS cannot solve a quadratic objective with integer or binary variables"
            if ca.is_mip
            else "HiGHS could not solve the quadratic objective; it must be convex (minimize) or concave (maximize)"
        )
    if ca.is_mip and status == "time_limit":
        sol.message = _mip_limit_message(sol)
    if raw.get("integer_infeasible"):
        sol.integer_infeasible = True
        sol.message = (
            "the model is integer infeasible: its LP relaxation (integrality dropped) is feasible, "
            "but no point with whole-number values for the integer and binary variables satisfies "
            "all constraints"
        )
    _hide_auxiliary(sol, ca.compiled)
    if raw.get("iis_rows") or raw.get("iis_cols"):
        constraints = ca.compiled.constraints  # an auxiliary row is named by the user's row it serves
        labels = [constraints[n].label(k) for n, k in (ca.rows.label(r) for r, _ in raw.get("iis_rows", []))]
        sol.iis = list(dict.fromkeys(labels))
        sol.iis_bounds = [_bound_text(ca, c, side) for c, side in raw.get("iis_cols", [])]
        parts = []
        if sol.iis:
            parts.append("constraints " + ", ".join(sol.iis[:10]))
        if sol.iis_bounds:
            parts.append("bounds " + ", ".join(sol.iis_bounds[:10]))
        sol.message += ". These cannot all hold together: " + "; ".join(parts)
    return sol


def _all_index_names(compiled) -> dict[str, list[str]]:
    return {rv.name: _index_names(rv) for rv in compiled.variables.values() if rv.sets}


def _index_names(rv) -> list[str]:
    """Column names for a variable's index positions: the set names (a tuple set's positions
    get `_1`, `_2`), made unique when a set repeats (`Nodes`, `Nodes_2`)."""
    names: list[str] = []
    for s in rv.sets:
        base = s.name if s.name.replace("_", "").isalnum() else "index"
        if s.dim == 1:
            names.append(base)
        else:
            names.extend(f"{base}_{i + 1}" for i in range(s.dim))
    out, seen = [], {}
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n}_{seen[n]}")
    return out


def _label(name: str, key: tuple) -> str:
    return name + ("[" + ", ".join(map(str, key)) + "]" if key else "")


def _by_columns(ca, values, out: dict) -> None:
    vals = values.tolist() if hasattr(values, "tolist") else list(values)
    for name, first, keys in ca.columns.blocks():
        size = len(keys)
        out[name] = dict(zip(keys.as_list(), vals[first : first + size], strict=True))


def _by_rows(ca, values, out: dict) -> None:
    vals = values.tolist() if hasattr(values, "tolist") else list(values)
    for name, first, keys in ca.rows.blocks():
        if keys:
            out[name] = dict(zip(keys, vals[first : first + len(keys)], strict=True))


def _slacks(ca, activity, out: dict) -> None:
    import numpy as np

    a = ca.arrays
    act = np.asarray(activity, dtype=float)
    with np.errstate(invalid="ignore"):
        slack = np.minimum(a.row_upper - act, act - a.row_lower)
    slack = np.where(np.abs(slack) < 1e-9, 0.0, slack)
    _by_rows(ca, slack, out)


def _ranges(ca, rng: dict) -> dict:
    cost: dict = {}
    for name, first, keys in ca.columns.blocks():
        lo = rng["col_cost_dn"][first : first + len(keys)].tolist()
        hi = rng["col_cost_up"][first : first + len(keys)].tolist()
        cost[name] = {k: (_inf(a), _inf(b)) for k, a, b in zip(keys.as_list(), lo, hi, strict=True)}
    rhs: dict = {}
    for name, first, keys in ca.rows.blocks():
        if keys:
            lo = rng["row_bound_dn"][first : first + len(keys)].tolist()
            hi = rng["row_bound_up"][first : first + len(keys)].tolist()
            rhs[name] = {k: (_inf(a), _inf(b)) for k, a, b in zip(keys, lo, hi, strict=True)}
    return {"cost": cost, "rhs": rhs}


def _inf(x: float) -> float:
    return x if abs(x) < 1e30 else math.copysign(math.inf, x)


def _bound_text(ca, col: int, side: str) -> str:
    a = ca.arrays
    for name, first, keys in ca.columns.blocks():
        if first <= col < first + len(keys):
            label = _label(name, keys.as_list()[col - first])
            break
    else:
        label = f"column {col}"
    lo, hi = float(a.col_lower[col]), float(a.col_upper[col])
    if side == "lower" or (side == "both" and not math.isfinite(hi)):
        return f"{label} >= {lo:g}"
    if side == "upper" or not math.isfinite(lo):
        return f"{label} <= {hi:g}"
    return f"{lo:g} <= {label} <= {hi:g}"


def _mip_limit_message(sol: Solution) -> str:
    if sol.objective is None:
        bound = f" (best bound {sol.bound:.10g})" if sol.bound is not None else ""
        return f"stopped at the time limit without a feasible solution{bound}"
    parts = [f"incumbent {sol.objective:.10g}"]
    if sol.bound is not None:
        parts.append(f"bound {sol.bound:.10g}")
    if sol.gap is not None:
        parts.append(f"gap {100 * sol.gap:.4g}%")
    return "stopped at the time limit with a feasible solution, not proven optimal: " + ", ".join(parts)


_forked_solves = 0


@functools.cache
def _preload() -> None:
    """Import HiGHS and its Pyomo interface in this process, so that each forked solve finds them
    loaded (90-120 ms saved per solve, 27 ms in a process that holds the formulation model;
    benchmarks/solve_isolation.py). Done from the second solve on: a single solve gains nothing,
    and every caller that solves many models (evaluation, tuning, data synthesis) gains."""
    from pyomo.contrib.appsi.solvers import Highs

    Highs().available()


def _in_child(fn, args: tuple, time_limit: float | None, build_time: float) -> Solution:
    """fn(*args) in a forked child (`optmodel.worker.Job`, the server's worker too); its result
    or exception comes back pickled, a crash becomes status "error"."""
    from optmodel import worker

    t0 = time.perf_counter()
    deadline = None if time_limit is None else t0 + 2 * float(time_limit) + 60  # HiGHS ignoring its limit
    job = worker.Job(fn, args, memory_bytes=None)
    try:
        while not job.ready(1.0):
            if deadline is not None and time.perf_counter() > deadline:
                out = worker.Outcome("crashed", detail="it ran far past its time limit and was killed")
                break
        else:
            out = job.outcome()
    finally:
        job.stop()
    if out.kind == "error":
        raise out.value
    if out.kind == "ok":
        return out.value
    return _crashed(out.detail, t0, build_time)


def _solve_compiled(
    compiled, opts: dict, duals: bool, iis: bool, threads: int | None, build_time: float
) -> Solution:
    opts = dict(opts)
    time_limit = opts.pop("time_limit", None)
    if threads:
        opts["threads"] = threads
    t0 = time.perf_counter()
    try:
        if compiled.is_quadratic:
            status, objective, highs, loader = _run_contrib(compiled.model, opts, time_limit)
        else:
            status, objective, highs, loader = _run_appsi(compiled.model, opts, time_limit)
    except (RuntimeError, ValueError) as exc:
        return Solution(
            "error",
            message=f"HiGHS failed: {exc}",
            solve_time=time.perf_counter() - t0,
            build_time=build_time,
        )
    sol = Solution(status, solve_time=time.perf_counter() - t0, build_time=build_time, is_mip=compiled.is_mip)
    sol.message = _message(status)
    if highs is not None:
        info = highs.getInfo()
        sol.work = {
            "simplex_iterations": float(max(info.simplex_iteration_count, 0)),
            "ipm_iterations": float(max(info.ipm_iteration_count, 0)),
            "nodes": float(max(info.mip_node_count, 0)),
            "mip_gap": float(info.mip_gap) if compiled.is_mip and math.isfinite(info.mip_gap) else 0.0,
        }
    if objective is not None:
        loader.load_vars()
        sol.objective = float(objective)
        for (name, key), vd in compiled.pyomo_vars.items():
            v = vd.value
            if v is None:  # in no constraint or objective: any value within bounds is optimal
                lb, ub = vd.lb, vd.ub
                v = lb if lb is not None and lb > 0 else (ub if ub is not None and ub < 0 else 0.0)
            sol.values.setdefault(name, {})[key] = float(v)
        if duals and status == "optimal" and not compiled.is_mip and not compiled.is_quadratic:
            _duals(loader, compiled, sol)
    elif status == "error" and compiled.is_quadratic:
        sol.message = (
            "HiGHS cannot solve a quadratic objective with integer or binary variables"
            if compiled.is_mip
            else "HiGHS could not solve the quadratic objective; it must be convex (minimize) or concave (maximize)"
        )
    if status in ("infeasible", "infeasible_or_unbounded") and iis and highs is not None:
        sol.iis = _iis(highs, compiled)
        if sol.iis:
            sol.message += ". These constraints cannot all hold together: " + ", ".join(sol.iis[:10])
    return sol


def _run_appsi(model, opts: dict, time_limit: float | None):
    from pyomo.contrib.appsi.base import TerminationCondition as TC
    from pyomo.contrib.appsi.solvers import Highs

    opt = Highs()
    if not opt.available():
        raise SolveError("HiGHS is not available (pip install highspy)")
    opt.config.load_solution = False
    opt.config.stream_solver = False
    if time_limit is not None:
        opt.config.time_limit = time_limit
    opt.highs_options = opts
    results = opt.solve(model)
    status = {
        TC.optimal: "optimal",
        TC.infeasible: "infeasible",
        TC.unbounded: "unbounded",
        TC.infeasibleOrUnbounded: "infeasible_or_unbounded",
        TC.maxTimeLimit: "time_limit",
        TC.maxIterations: "time_limit",
        TC.interrupted: "time_limit",
        TC.objectiveLimit: "time_limit",
    }.get(results.termination_condition, "error")
    objective = results.best_feasible_objective
    if objective is not None and not math.isfinite(objective):
        objective = None
    return status, objective, getattr(opt, "_solver_model", None), opt


def _run_contrib(model, opts: dict, time_limit: float | None):
    from pyomo.contrib.solver.common.results import SolutionStatus
    from pyomo.contrib.solver.common.results import TerminationCondition as TC
    from pyomo.contrib.solver.solvers.highs import Highs

    opt = Highs()
    if not opt.available():
        raise SolveError("HiGHS is not available (pip install highspy)")
    opt.config.load_solutions = False
    opt.config.raise_exception_on_nonoptimal_result = False
    if time_limit is not None:
        opt.config.time_limit = time_limit
    opt.config.solver_options.update(opts)
    results = opt.solve(model)
    status = {
        TC.convergenceCriteriaSatisfied: "optimal",
        TC.provenInfeasible: "infeasible",
        TC.locallyInfeasible: "infeasible",
        TC.unbounded: "unbounded",
        TC.infeasibleOrUnbounded: "infeasible_or_unbounded",
        TC.maxTimeLimit: "time_limit",
        TC.iterationLimit: "time_limit",
        TC.interrupted: "time_limit",
    }.get(results.termination_condition, "error")
    feasible = results.solution_status in (SolutionStatus.optimal, SolutionStatus.feasible)
    objective = results.incumbent_objective if feasible else None
    return status, objective, getattr(opt, "_solver_model", None), results.solution_loader


def _message(status: str) -> str:
    return {
        "optimal": "optimal solution found",
        "infeasible": "the model is infeasible: no point satisfies all constraints",
        "unbounded": "the model is unbounded: the objective can improve without limit",
        "infeasible_or_unbounded": "the model is infeasible or unbounded",
        "time_limit": "stopped at the time limit",
    }.get(status, "the solver stopped with an error")


def _duals(loader, compiled, sol: Solution) -> None:
    try:
        duals = loader.get_duals()
        rc = loader.get_reduced_costs()
    except (RuntimeError, ValueError, NotImplementedError):
        return
    for (name, key), cd in compiled.pyomo_cons.items():
        if cd in duals:
            sol.duals.setdefault(name, {})[key] = float(duals[cd])
    for (name, key), vd in compiled.pyomo_vars.items():
        if vd in rc:
            sol.reduced_costs.setdefault(name, {})[key] = float(rc[vd])


def _iis(highs, compiled) -> list[str]:
    """Names of the constraints in an irreducible infeasible subset of the LP (relaxation)."""
    import highspy

    try:
        lp = highs.getLp()
        lp.integrality_ = []
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("iis_strategy", 2)
        h.setOptionValue("time_limit", 10.0)
        h.passModel(lp)
        h.run()
        status, iis = h.getIis()
    except (RuntimeError, AttributeError, TypeError):
        return []
    if status != highspy.HighsStatus.kOk or not iis.valid_:
        return []
    names: list[str] = []
    for r in iis.row_index_:
        if 0 <= r < len(compiled.row_order):
            name, key = compiled.row_order[r]
            label = compiled.constraints[name].label(key)  # auxiliary rows by the user's row
            if label not in names:
                names.append(label)
    return names
