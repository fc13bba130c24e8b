"""Checker for the fresh test set (datasets/fresh/*.jsonl).

Each row of a jsonl file names a verification model datasets/fresh/models/<id>.py that
defines ``build() -> pyomo.environ.ConcreteModel`` (one active objective). This script
imports each model file by path, solves it with HiGHS (appsi_highs; a quadratic
objective goes to pyomo.contrib.solver's HiGHS interface), checks that the
termination is optimal and that the objective matches the row's ``answer`` within
max(0.01, 1e-4 * |answer|). It prints one line per problem and a summary, and exits 1
on any mismatch, solver failure or malformed row.

Usage:
    python datasets/fresh/verify.py                 # every datasets/fresh/*.jsonl
    python datasets/fresh/verify.py FILE.jsonl ...  # only these files
    python datasets/fresh/verify.py --ids tb-001 tb-002

Only files in datasets/fresh/models (written by the set's authors) are imported.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODELS = HERE / "models"
FIELDS = {"id", "question", "answer", "kind", "size", "style"}
KINDS = {"LP", "MILP", "QP"}
SIZES = {"textbook", "medium"}


def tolerance(answer: float) -> float:
    return max(0.01, 1e-4 * abs(answer))


def load_rows(paths):
    """Yield (path, line_number, row) for every non-blank line."""
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    yield Path(path), n, json.loads(line)


def row_problems(row) -> list[str]:
    """Schema problems of one row (empty list when fine)."""
    out = []
    missing = FIELDS - set(row)
    if missing:
        out.append(f"missing fields {sorted(missing)}")
        return out
    if not isinstance(row["question"], str) or not row["question"].strip():
        out.append("empty question")
    if not isinstance(row["answer"], (int, float)) or isinstance(row["answer"], bool) \
            or not math.isfinite(row["answer"]):
        out.append("answer is not a finite number")
    if row["kind"] not in KINDS:
        out.append(f"kind {row['kind']!r} not in {sorted(KINDS)}")
    if row["size"] not in SIZES:
        out.append(f"size {row['size']!r} not in {sorted(SIZES)}")
    if not isinstance(row["style"], str) or not row["style"].strip():
        out.append("empty style")
    return out


def import_model(pid: str):
    path = MODELS / f"{pid}.py"
    if not path.is_file():
        raise FileNotFoundError(f"no model file {path}")
    spec = importlib.util.spec_from_file_location(f"fresh_model_{pid.replace('-', '_')}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _solve_linear(model):
    """LP / MILP: the appsi HiGHS interface."""
    import pyomo.environ as pyo

    solver = pyo.SolverFactory("appsi_highs")
    solver.highs_options = {"output_flag": False, "mip_rel_gap": 0.0}
    res = solver.solve(model, load_solutions=False)
    term = res.solver.termination_condition
    if term != pyo.TerminationCondition.optimal:
        return False, f"termination {term}"
    model.solutions.load_from(res)
    return True, "optimal"


def _solve_quadratic(model):
    """Continuous QP: the appsi interface takes only linear objectives, so use the
    newer pyomo.contrib.solver HiGHS interface (same HiGHS, with its QP solver)."""
    from pyomo.contrib.solver.common.factory import SolverFactory
    from pyomo.contrib.solver.common.results import SolutionStatus, TerminationCondition

    res = SolverFactory("highs").solve(
        model, load_solutions=False, solver_options={"output_flag": False},
        raise_exception_on_nonoptimal_result=False)
    if res.termination_condition != TerminationCondition.convergenceCriteriaSatisfied \
            or res.solution_status != SolutionStatus.optimal:
        return False, f"termination {res.termination_condition} ({res.solution_status})"
    res.solution_loader.load_vars()
    return True, "optimal"


def solve_model(pid: str):
    """Build and solve model <pid>; return (ok, objective_value_or_None, message)."""
    import pyomo.environ as pyo

    module = import_model(pid)
    model = module.build()
    objectives = list(model.component_data_objects(pyo.Objective, active=True))
    if len(objectives) != 1:
        return False, None, f"{len(objectives)} active objectives"
    degree = objectives[0].expr.polynomial_degree() if hasattr(objectives[0].expr, "polynomial_degree") else 0
    if degree is None or degree > 2:
        return False, None, f"objective degree {degree} (only linear or quadratic)"
    ok, msg = (_solve_quadratic if degree == 2 else _solve_linear)(model)
    if not ok:
        return False, None, msg
    return True, float(pyo.value(objectives[0])), msg


def check_row(row) -> tuple[bool, str]:
    """Check one row: schema, solve, compare. Returns (passed, message)."""
    problems = row_problems(row)
    if problems:
        return False, "; ".join(problems)
    try:
        ok, value, msg = solve_model(row["id"])
    except Exception as exc:  # a broken model file is a failure, not a crash
        return False, f"error {type(exc).__name__}: {exc}"
    if not ok:
        return False, msg
    diff = abs(value - row["answer"])
    if diff > tolerance(row["answer"]):
        return False, f"objective {value:.6g} != answer {row['answer']} (diff {diff:.3g})"
    return True, f"objective {value:.6g} == answer {row['answer']}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", help="jsonl files (default: datasets/fresh/*.jsonl)")
    ap.add_argument("--ids", nargs="*", help="check only these ids")
    args = ap.parse_args(argv)
    files = [Path(f) for f in args.files] or sorted(HERE.glob("*.jsonl"))
    if not files:
        print("no jsonl files found")
        return 1
    wanted = set(args.ids or [])
    seen: dict[str, str] = {}
    passed = failed = 0
    for path, n, row in load_rows(files):
        pid = row.get("id", f"{path.name}:{n}")
        if wanted and pid not in wanted:
            continue
        if pid in seen:
            ok, msg = False, f"duplicate id (also in {seen[pid]})"
        else:
            seen[pid] = f"{path.name}:{n}"
            ok, msg = check_row(row)
        passed += ok
        failed += not ok
        print(f"{'PASS' if ok else 'FAIL'} {pid:10s} {row.get('kind', '?'):4s} {msg}")
    print(f"summary: {passed} passed, {failed} failed, {passed + failed} checked "
          f"from {len(files)} file(s)")
    return 1 if failed or not (passed + failed) else 0


if __name__ == "__main__":
    sys.exit(main())
