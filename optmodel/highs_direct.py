"""The direct route: `ModelArrays` -> one highspy `passModel` -> plain results (numbers, arrays).

Runs wherever the isolation puts it (the solver's worker process, or in the caller); it knows
nothing of names, only positions, so what it returns pickles cheaply. `optmodel.solver` maps
positions back to (name, key).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from optmodel.matrix import ModelArrays


@dataclass(frozen=True)
class Want:
    """What to read back besides values (each costs time on large models)."""

    duals: bool = True
    iis: bool = True
    ranging: bool = False
    log: bool = False  # stream HiGHS's log lines to the caller


STATUS = {
    "kOptimal": "optimal",
    "kInfeasible": "infeasible",
    "kUnbounded": "unbounded",
    "kUnboundedOrInfeasible": "infeasible_or_unbounded",
    "kTimeLimit": "time_limit",
    "kIterationLimit": "time_limit",
    "kInterrupt": "time_limit",
    "kObjectiveBound": "time_limit",
    "kObjectiveTarget": "time_limit",
    "kSolutionLimit": "time_limit",
}


def run_highs(
    model: ModelArrays, options: dict, want: Want, log: Callable[[str], None] | None = None
) -> dict:
    """Pass `model` to HiGHS, solve, and read back what `want` asks for."""
    import highspy

    t0 = time.perf_counter()
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    if want.log and log is not None:
        h.setOptionValue("output_flag", True)
        h.setOptionValue("log_to_console", False)
        h.cbLogging.subscribe(lambda event: log(event.message))
    for name, value in options.items():
        h.setOptionValue(name, value)
    if log is not None:
        h.setOptionValue("log_to_console", False)  # the lines go to `log` only
    status = h.passModel(to_highs_lp(model, highspy))
    if status == highspy.HighsStatus.kError:
        return {
            "status": "error",
            "message": "HiGHS refused the model",
            "solve_time": time.perf_counter() - t0,
        }
    if model.hessian is not None:
        start, index, value = model.hessian
        status = h.passHessian(
            model.num_cols, len(value), highspy.HessianFormat.kTriangular, start, index, value
        )
        if status == highspy.HighsStatus.kError:
            return {
                "status": "error",
                "message": "HiGHS refused the quadratic objective",
                "solve_time": time.perf_counter() - t0,
            }
    h.run()
    model_status = h.getModelStatus()
    out: dict = {
        "model_status": h.modelStatusToString(model_status),
        "status": STATUS.get(model_status.name, "error"),
    }
    info = h.getInfo()
    is_mip = model.is_mip
    out["work"] = {
        "simplex_iterations": float(max(info.simplex_iteration_count, 0)),
        "ipm_iterations": float(max(info.ipm_iteration_count, 0)),
        "nodes": float(max(info.mip_node_count, 0)),
        "mip_gap": float(info.mip_gap) if is_mip and math.isfinite(info.mip_gap) else 0.0,
    }
    if is_mip:
        out["bound"] = _finite(info.mip_dual_bound)
        out["gap"] = _finite(info.mip_gap)
    feasible = info.primal_solution_status == 2  # kSolutionStatusFeasible
    out["objective"] = _finite(info.objective_function_value) if feasible else None
    if out["status"] == "unbounded":
        out["objective"] = None
    if feasible:
        sol = h.getSolution()
        out["col_value"] = np.asarray(sol.col_value, dtype=float)
        out["row_value"] = np.asarray(sol.row_value, dtype=float)
        if want.duals and sol.dual_valid and not is_mip:
            out["col_dual"] = np.asarray(sol.col_dual, dtype=float)
            out["row_dual"] = np.asarray(sol.row_dual, dtype=float)
        if want.ranging and out["status"] == "optimal" and not is_mip and model.hessian is None:
            out["ranging"] = _ranging(h, highspy)
    if want.iis and out["status"] in ("infeasible", "infeasible_or_unbounded"):
        out.update(_iis(h, model, highspy))
    out["solve_time"] = time.perf_counter() - t0
    return out


def _finite(x: float) -> float | None:
    return float(x) if math.isfinite(x) and abs(x) < 1e30 else None


def to_highs_lp(model: ModelArrays, highspy):
    """The arrays as a highspy `HighsLp` (also what `optmodel export` hands HiGHS's writer)."""
    lp = highspy.HighsLp()
    lp.num_col_ = model.num_cols
    lp.num_row_ = model.num_rows
    lp.sense_ = highspy.ObjSense.kMinimize if model.sense == 1 else highspy.ObjSense.kMaximize
    lp.offset_ = model.offset
    lp.col_cost_ = model.cost
    lp.col_lower_ = model.col_lower
    lp.col_upper_ = model.col_upper
    lp.row_lower_ = model.row_lower
    lp.row_upper_ = model.row_upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_ = model.num_cols
    lp.a_matrix_.num_row_ = model.num_rows
    lp.a_matrix_.start_ = model.start
    lp.a_matrix_.index_ = model.index
    lp.a_matrix_.value_ = model.value
    if model.is_mip:
        lp.integrality_ = [highspy.HighsVarType(int(k)) for k in model.integrality]
    return lp


def _ranging(h, highspy) -> dict | None:
    status, rng = h.getRanging()
    if status != highspy.HighsStatus.kOk or not rng.valid:
        return None

    def side(record) -> tuple[np.ndarray, np.ndarray]:
        return np.asarray(record.value_, dtype=float), np.asarray(record.objective_, dtype=float)

    out = {}
    for name in ("col_cost_up", "col_cost_dn", "row_bound_up", "row_bound_dn"):
        value, objective = side(getattr(rng, name))
        out[name] = value
        out[name + "_objective"] = objective
    return out


def _iis(h, model: ModelArrays, highspy) -> dict:
    """An irreducible infeasible subset (rows and column bounds) of the LP, or of the MIP's LP
    relaxation; when that relaxation is feasible the infeasibility is integer only."""
    try:
        if model.is_mip:
            lp = h.getLp()
            lp.integrality_ = []
            relax = highspy.Highs()
            relax.setOptionValue("output_flag", False)
            relax.setOptionValue("time_limit", 10.0)
            relax.passModel(lp)
            relax.run()
            relaxed = STATUS.get(relax.getModelStatus().name, "error")
            if relaxed == "optimal" or relaxed == "unbounded":
                return {"integer_infeasible": True}
            h = relax
        h.setOptionValue("iis_strategy", 2)
        h.setOptionValue("time_limit", 10.0)
        status, iis = h.getIis()
    except (RuntimeError, AttributeError, TypeError):
        return {}
    if status != highspy.HighsStatus.kOk or not iis.valid_:
        return {}
    side = {2: "lower", 3: "upper", 4: "both"}  # IisBoundStatus: Lower, Upper, Boxed

    def pairs(index, status_list) -> list[tuple[int, str]]:
        statuses = [int(x) for x in status_list]
        return [(int(i), side[s]) for i, s in zip(index, statuses, strict=False) if s in side]

    rows = pairs(iis.row_index_, iis.row_bound_)
    cols = pairs(iis.col_index_, iis.col_bound_)
    if rows and len(cols) <= MAX_BOUND_CHECKS:
        cols = _needed_bounds(model, [r for r, _ in rows], cols, highspy)
    return {"iis_rows": rows, "iis_cols": cols}


MAX_BOUND_CHECKS = 60  # one small LP per bound


def _needed_bounds(model: ModelArrays, rows: list[int], cols: list[tuple[int, str]], highspy) -> list:
    """HiGHS's IIS may list bounds the conflict does not need (every box of the variables in
    it); drop each bound whose removal leaves the IIS rows infeasible (a deletion filter)."""
    entries = [
        (r, model.index[k], model.value[k]) for r in rows for k in range(model.start[r], model.start[r + 1])
    ]
    used = sorted({int(c) for _, c, _ in entries} | {c for c, _ in cols})
    where = {c: i for i, c in enumerate(used)}
    kept = {c: side for c, side in cols}

    def infeasible() -> bool:
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("time_limit", 5.0)
        inf = highspy.kHighsInf
        lower = np.full(len(used), -inf)
        upper = np.full(len(used), inf)
        for c, side in kept.items():
            if side in ("lower", "both"):
                lower[where[c]] = model.col_lower[c]
            if side in ("upper", "both"):
                upper[where[c]] = model.col_upper[c]
        h.addVars(len(used), lower, upper)
        for r in rows:
            a, b = int(model.start[r]), int(model.start[r + 1])
            idx = np.array([where[int(c)] for c in model.index[a:b]], dtype=np.int32)
            h.addRow(model.row_lower[r], model.row_upper[r], len(idx), idx, model.value[a:b])
        h.run()
        return h.getModelStatus() == highspy.HighsModelStatus.kInfeasible

    if not infeasible():  # the check itself disagrees with HiGHS: keep what HiGHS said
        return cols
    for c, side in list(cols):
        del kept[c]
        if not infeasible():
            kept[c] = side
    return [(c, kept[c]) for c, _ in cols if c in kept]
