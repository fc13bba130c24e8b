"""Forward modelling + rejection sampling: a formulator reads the text, its formulation is
solved, and the pair is accepted only when the optimum matches the ground truth.

Rejected pairs keep the reason; `build_benchmark` turns that hard-case pool into a
`{question, answer}` jsonl benchmark (the filter is documented in docs/synthesis.md).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from optmodel.atomic import write_text
from optmodel.errors import OptModelError
from optmodel.formulate import extract_formulation
from optmodel.formulators.base import FormulationRequest, Formulator

REL_TOL = 1e-6
ABS_TOL = 1e-6


def same_optimum(found: float | None, truth: float) -> bool:
    """Relative 1e-6, or absolute 1e-6 near zero."""
    if found is None or not math.isfinite(found):
        return False
    return math.isclose(found, truth, rel_tol=REL_TOL, abs_tol=ABS_TOL)


@dataclass
class Verdict:
    accepted: bool
    reason: str  # "" when accepted
    candidate: str
    candidate_optimum: float | None = None


def check_candidate(
    candidate: str,
    truth_formulation: str,
    truth_optimum: float,
    *,
    reuse_identical: bool = True,
    truth_parsed=None,
) -> Verdict:
    """Solve `candidate` and compare optima. With `reuse_identical`, a candidate that is the
    ground-truth formulation (same text, or parsing to an equal Formulation) is not solved again:
    its optimum is already known."""
    from optmodel.parser import parse
    from optmodel.synth.instance import ground_truth

    if reuse_identical and candidate == truth_formulation:
        return Verdict(True, "", candidate, truth_optimum)
    try:
        form = parse(candidate)
    except OptModelError as exc:
        return Verdict(False, f"parse error: {exc}", candidate)
    if reuse_identical and form == (truth_parsed if truth_parsed is not None else parse(truth_formulation)):
        return Verdict(True, "", candidate, truth_optimum)
    try:
        sol = ground_truth(form)
    except OptModelError as exc:
        return Verdict(False, f"compile error: {exc}", candidate)
    if sol.status != "optimal":
        return Verdict(False, f"status {sol.status}", candidate, sol.objective)
    if not same_optimum(sol.objective, truth_optimum):
        return Verdict(
            False,
            f"objective {sol.objective:.10g} != ground truth {truth_optimum:.10g}",
            candidate,
            sol.objective,
        )
    return Verdict(True, "", candidate, sol.objective)


def forward_model(
    formulator: Formulator, rows: Sequence[dict[str, Any]], *, reuse_identical: bool = True
) -> list[Verdict]:
    """One batched formulator call for the rows (dicts with nl, formulation, optimum)."""
    requests = [FormulationRequest(problem=row["nl"]) for row in rows]
    try:
        candidates = formulator.generate(requests, num_samples=1)
    except OptModelError as exc:
        return [Verdict(False, f"formulator error: {exc}", "") for _ in rows]
    verdicts = []
    for row, cands in zip(rows, candidates, strict=True):
        text = extract_formulation(cands[0] if cands else "")
        verdicts.append(
            check_candidate(
                text,
                row["formulation"],
                row["optimum"],
                reuse_identical=reuse_identical,
                truth_parsed=row.get("_parsed"),
            )
        )
    return verdicts


# ---------------------------------------------------------------- hard cases -> benchmark

# Reasons that say the text was hard to model (kept), as opposed to infrastructure failures.
MODELLING_REASONS = ("parse error", "compile error", "status ", "objective ")


def benchmark_filter(row: dict[str, Any], *, max_chars: int = 4000) -> bool:
    """Keep a hard case when: its ground truth is a finite optimum, the rejection was a
    modelling mistake (not a formulator/infrastructure error), and the text is of benchmark size."""
    if row.get("solver_status") != "optimal" or row.get("optimum") is None:
        return False
    if not math.isfinite(float(row["optimum"])):
        return False
    if not str(row.get("reason", "")).startswith(MODELLING_REASONS):
        return False
    return 40 <= len(row["nl"]) <= max_chars


def build_benchmark(hard_rows: Sequence[dict[str, Any]], path: str | Path) -> int:
    """Write the filtered hard cases as `{question, answer, family, id}` jsonl (atomically);
    duplicate questions are dropped. Returns the number of lines written."""
    seen: set[str] = set()
    lines = []
    for row in sorted(hard_rows, key=lambda r: r["id"]):
        if not benchmark_filter(row) or row["nl"] in seen:
            continue
        seen.add(row["nl"])
        answer = round(float(row["optimum"]), 6)
        lines.append(
            json.dumps({"question": row["nl"], "answer": answer, "family": row["family"], "id": row["id"]})
        )
    write_text(Path(path), "".join(line + "\n" for line in lines))
    return len(lines)
