"""Solve a formulation with HiGHS through Pyomo and report a `Solution`.

Infeasible, unbounded and timed-out models are statuses, not exceptions: a `Solution` always
comes back unless the input itself is wrong (then `OptModelError`).
"""

from __future__ import annotations

import functools
import math
import os
import pickle
import select
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from optmodel.errors import ArgumentError, OptionError, SolveError
from optmodel.formulation import Formulation

STATUSES = ("optimal", "infeasible", "unbounded", "infeasible_or_unbounded", "time_limit", "error")


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
            "iis": list(self.iis),
            "work": dict(self.work),
            "message": self.message,
        }


def _jsonable(rows: dict[tuple, float]):
    if list(rows) == [()]:
        return rows[()]
    return [{"index": list(k), "value": v} for k, v in rows.items()]


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
) -> Solution:
    """Compile `model` to Pyomo and solve it with HiGHS."""
    from optmodel.compiler import compile_formulation

    form = as_formulation(model)
    opts = solver_options(options, profile, time_limit)
    t0 = time.perf_counter()
    compiled = compile_formulation(form)
    build_time = time.perf_counter() - t0
    return solve_compiled(compiled, opts, duals=duals, iis=iis, threads=threads, build_time=build_time)


def solve_compiled(
    compiled,
    opts: dict,
    *,
    duals: bool = True,
    iis: bool = True,
    threads: int | None = None,
    build_time: float = 0.0,
) -> Solution:
    """Solve a compiled model. Linear models go through Pyomo's APPSI HiGHS interface (the
    fastest model transfer); quadratic objectives through pyomo.contrib.solver's HiGHS.

    Where the OS can fork, HiGHS runs in a forked child: some small MIPs crash HiGHS with a
    segmentation fault (seen with highspy 1.11-1.15, see tests/test_solve.py), which would
    otherwise kill the caller, a long evaluation included. A crash becomes status "error"."""
    args = (compiled, opts, duals, iis, threads, build_time)
    if hasattr(os, "fork") and not os.environ.get("OPTMODEL_SOLVE_IN_PROCESS"):
        global _forked_solves
        if _forked_solves:  # a process that solves more than once: load HiGHS here, not in every child
            _preload()
        _forked_solves += 1
        return honest(_in_child(_solve_compiled, args, opts.get("time_limit"), build_time))
    return honest(_solve_compiled(*args))


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
    if sol.status == "error" and not sol.message.strip():
        sol.message = "the solver stopped with an error and gave no reason"
    return sol


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
    """fn(*args) in a forked child; its result (or exception) comes back pickled through a pipe."""
    read, write = os.pipe()
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        code = 0
        try:
            os.close(read)
            try:
                payload = ("ok", fn(*args))
            except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
                payload = ("error", exc if _picklable(exc) else SolveError(f"{type(exc).__name__}: {exc}"))
            with os.fdopen(write, "wb") as out:
                pickle.dump(payload, out)
        except BaseException:  # noqa: BLE001
            code = 1
        finally:
            os._exit(code)
    os.close(write)
    wait = None if time_limit is None else 2 * float(time_limit) + 60  # HiGHS ignoring its limit
    try:
        with os.fdopen(read, "rb") as inp:
            if not select.select([inp], [], [], wait)[0]:
                os.kill(pid, signal.SIGKILL)
            data = inp.read()
    finally:
        _, status = os.waitpid(pid, 0)  # our child stays waitable (a zombie at worst) until reaped here
    try:
        kind, value = pickle.loads(data) if data else (None, None)
    except Exception:  # noqa: BLE001 - a child killed while writing
        kind = None
    if kind == "error":
        raise value
    if kind == "ok":
        return value
    how = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit code {os.WEXITSTATUS(status)}"
    return Solution(
        "error",
        message=f"HiGHS crashed on this model ({how}); this is a solver bug, not a modelling error. "
        "Rewriting a constraint or changing a HiGHS option (for example presolve) may avoid it",
        solve_time=time.perf_counter() - t0,
        build_time=build_time,
    )


def _picklable(obj) -> bool:
    try:
        pickle.loads(pickle.dumps(obj))
    except Exception:  # noqa: BLE001
        return False
    return True


def _solve_compiled(compiled, opts: dict, duals: bool, iis: bool, threads: int | None, build_time: float) -> Solution:
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
    for name in compiled.auxiliary:  # the compiler's own variables and rows (optmodel.linearize)
        for table in (sol.values, sol.duals, sol.reduced_costs):
            table.pop(name, None)
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
