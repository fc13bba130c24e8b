"""Problem text -> formulation -> solution with any formulator, with self-correction
(parse, compile and solve errors are fed back for a repair, up to `max_tries` rounds) and
self-consistency (k samples per round; the most common optimal objective wins)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from optmodel.errors import OptModelError
from optmodel.formulators.base import FormulationRequest, Formulator, Ranker

_SECTION = re.compile(
    r"^\s*##\s*(sets?|parameters?|params|data|variables?|decision variables|objective( function)?|constraints?|subject to)\s*:?\s*$",
    re.I | re.M,
)
_FENCE = re.compile(r"```[a-zA-Z0-9_-]*\n(.*?)```", re.S)


def extract_formulation(answer: str) -> str:
    """The five-element block of an LLM answer: a fenced block with the headings, or the text
    from the first section heading to the end (prose after the last statement is dropped)."""
    for block in _FENCE.findall(answer):
        if re.search(r"^\s*##\s*objective", block, re.I | re.M):
            return block.strip() + "\n"
    match = _SECTION.search(answer)
    if not match:
        return answer.strip() + "\n"
    text = answer[match.start() :].split("```")[0]
    kept: list[str] = []
    depth = 0
    for line in text.split("\n"):
        if depth == 0 and _is_prose(line):
            break
        kept.append(line)
        code = line.split("#", 1)[0]
        depth += sum(code.count(c) for c in "([{") - sum(code.count(c) for c in ")]}")
    return "\n".join(kept).strip() + "\n"


def _is_prose(line: str) -> bool:
    """A sentence after the formulation: no formula symbols, and sentence-like."""
    code = line.split("#", 1)[0].strip()
    if not code or code.startswith("##") or any(c in code for c in "=:<>[]{}()+*/"):
        return False
    if re.match(r"(minimi[sz]e|maximi[sz]e|min|max)\b", code, re.I):
        return False
    return len(code.split()) >= 4 or code[-1] in ".?!"


@dataclass
class Attempt:
    text: str
    error: str | None = None
    status: str | None = None
    objective: float | None = None


@dataclass
class FormulateResult:
    problem: str
    formulation_text: str | None = None
    formulation: object = None  # Formulation
    solution: object = None  # Solution
    tries: int = 0
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def executed(self) -> bool:
        """Parsed, compiled and solved to a status (the ER criterion)."""
        return self.solution is not None and self.solution.status != "error"

    @property
    def objective(self) -> float | None:
        return self.solution.objective if self.solution is not None else None


def check(text: str, *, time_limit: float | None = None, solve: bool = True):
    """Parse, compile and (unless `solve=False`) solve; returns (formulation, solution or None,
    error message or None). These messages are what the self-correction loop feeds back."""
    from optmodel.compiler import expand
    from optmodel.formulation import FileData
    from optmodel.parser import parse
    from optmodel.solver import solve as run_solve

    try:
        form = parse(text)
        for p in form.params:
            if isinstance(p.value, FileData):
                return (
                    None,
                    None,
                    f"parameter '{p.name}': a generated formulation must give its data inline, not file(...)",
                )
        if not solve:
            expand(form)
            return form, None, None
        sol = run_solve(form, time_limit=time_limit)
    except OptModelError as exc:
        return None, None, str(exc)
    except (RecursionError, MemoryError, OverflowError, ValueError, ZeroDivisionError) as exc:
        return None, None, f"the formulation could not be compiled: {type(exc).__name__}: {exc}"
    if sol.status == "error":
        return form, sol, f"the solver failed: {sol.message}"
    if sol.status in ("infeasible", "unbounded", "infeasible_or_unbounded"):
        return form, sol, f"the model is {sol.status.replace('_', ' ')}: {sol.message}"
    return form, sol, None


def _vote_key(objective: float) -> float:
    return float(f"{objective:.6g}")


def _pick(problem: str, good: list, formulator: Formulator):
    """The solved candidate to keep: the best-scored when the formulator ranks its candidates,
    else the most common optimal objective (self-consistency), ties to the earlier candidate."""
    scores = None
    if len(good) > 1 and isinstance(formulator, Ranker):
        scores = formulator.rank(problem, [a.text for a, _, _ in good])
    if scores is not None:
        return good[max(range(len(good)), key=lambda k: (scores[k], -k))]
    votes = Counter(_vote_key(a.objective) for a, _, _ in good)
    winner = votes.most_common(1)[0][0]
    return next(g for g in good if _vote_key(g[0].objective) == winner)


def formulate_and_solve(
    problem: str,
    formulator: Formulator,
    *,
    max_tries: int = 3,
    samples: int = 1,
    time_limit: float | None = 30.0,
) -> FormulateResult:
    """Formulate one problem with self-correction and self-consistency."""
    return formulate_batch(
        [problem], formulator, max_tries=max_tries, samples=samples, time_limit=time_limit
    )[0]


def formulate_batch(
    problems: Sequence[str],
    formulator: Formulator,
    *,
    max_tries: int = 3,
    samples: int = 1,
    time_limit: float | None = 30.0,
    on_done: Callable[[int], None] | None = None,
) -> list[FormulateResult]:
    """Like `formulate_and_solve` for many problems, batching each round's generation.
    `on_done(i)` is called as soon as problem i's result is final (for per-problem progress)."""
    results = [FormulateResult(p) for p in problems]
    pending = {i: FormulationRequest(p) for i, p in enumerate(problems)}
    rounds = max(1, max_tries)
    for round_number in range(rounds):
        if not pending:
            break
        order = list(pending)
        outputs = formulator.generate([pending[i] for i in order], num_samples=samples)
        next_pending: dict[int, FormulationRequest] = {}
        for i, candidates in zip(order, outputs, strict=True):
            res = results[i]
            res.tries += 1
            good: list[tuple[Attempt, object, object]] = []
            last_bad: Attempt | None = None
            checked: dict[str, tuple] = {}  # samples often repeat: each distinct text is solved once
            for raw in candidates:
                text = extract_formulation(raw)
                if text not in checked:
                    checked[text] = check(text, time_limit=time_limit)
                form, sol, error = checked[text]
                attempt = Attempt(text, error, sol.status if sol else None, sol.objective if sol else None)
                res.attempts.append(attempt)
                if error is None and sol is not None and sol.objective is not None:
                    good.append((attempt, form, sol))
                elif last_bad is None or (sol is not None and last_bad.status is None):
                    last_bad = attempt
                    if res.solution is None and sol is not None:
                        res.formulation_text, res.formulation, res.solution = text, form, sol
            if good:
                attempt, form, sol = _pick(problems[i], good, formulator)
                res.formulation_text, res.formulation, res.solution = attempt.text, form, sol
            elif last_bad is not None:
                if res.formulation_text is None:
                    res.formulation_text = last_bad.text
                next_pending[i] = FormulationRequest(problems[i], faulty=last_bad.text, error=last_bad.error)
            if on_done is not None and (i not in next_pending or round_number == rounds - 1):
                on_done(i)
        pending = next_pending
    return results
