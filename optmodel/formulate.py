"""Problem text -> formulation -> solution with any formulator, with self-correction
(parse, compile and solve errors are fed back for a repair, up to `max_tries` rounds) and
self-consistency (k samples per round; the most common optimal objective wins)."""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from optmodel.errors import ArgumentError, LimitError, OptModelError
from optmodel.formulators.base import FormulationRequest, Formulator, as_candidate

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
    score: float | None = None  # the formulator's score of the candidate (None: unscored)
    origin: str = ""


@dataclass
class FormulateResult:
    problem: str
    formulation_text: str | None = None
    formulation: object = None  # Formulation
    solution: object = None  # Solution
    tries: int = 0
    attempts: list[Attempt] = field(default_factory=list)
    stopped: str | None = None  # why the loop stopped early (the formulation deadline)

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


def problem_error(problem: object, formulator: object = None) -> str | None:
    """Why a plain-English problem cannot be formulated, before any model sees it: too long, too
    many numbers, a number too large for a solver, or, for a formulator that copies every number
    from the text (`needs_numbers`, the embedded model), no numbers at all: it could only invent
    the data. None when fine."""
    from optmodel.limits import MAX_NUMBER, limit
    from optmodel.model.numbers import _NUMBER, find_numbers

    if not isinstance(problem, str):
        raise ArgumentError(f"a problem is text (str), not {type(problem).__name__}")
    max_chars = int(limit("text_chars"))
    if len(problem) > max_chars:
        return (
            f"the problem text has {len(problem):,} characters; the limit is {max_chars:,} "
            "(set OPTMODEL_MAX_TEXT_CHARS to change it)"
        )
    mentions = 0
    for m in _NUMBER.finditer(problem):
        mentions += 1
        digits = m.group("num").replace(",", "")
        if len(digits) > 30 or not abs(float(digits)) < MAX_NUMBER:
            shown = digits if len(digits) <= 24 else f"{digits[:10]}...{digits[-6:]}"
            return f"the number {shown} (character {m.start() + 1}) is too large; numbers must be below {MAX_NUMBER:g}"
    max_numbers = int(limit("text_numbers"))
    if mentions > max_numbers:
        return (
            f"the problem text has {mentions} numbers; the limit is {max_numbers} "
            "(put large tables in a five-element file with file(...) tables, or set OPTMODEL_MAX_TEXT_NUMBERS)"
        )
    if getattr(formulator, "needs_numbers", False) and not find_numbers(problem)[0]:
        return (
            "the problem text has no numbers; write the data (amounts, costs, limits) in the text, "
            "or write the model as a five-element file"
        )
    return None


def _vote_key(objective: float) -> float:
    return float(f"{objective:.6g}")


def select(solved: Sequence[Attempt]) -> int:
    """The one selection rule (CLI, `optmodel eval`, server): among solved candidates, the
    best-scored when every one carries a score, else the most common optimal objective
    (self-consistency); ties go to the earlier candidate."""
    if not solved:
        raise ValueError("select() needs at least one solved candidate")
    if all(a.score is not None for a in solved):
        return max(range(len(solved)), key=lambda k: (solved[k].score, -k))
    votes = Counter(_vote_key(a.objective) for a in solved)
    winner = votes.most_common(1)[0][0]
    return next(k for k, a in enumerate(solved) if _vote_key(a.objective) == winner)


def formulate_and_solve(
    problem: str,
    formulator: Formulator,
    *,
    max_tries: int = 3,
    samples: int = 1,
    time_limit: float | None = 30.0,
    deadline: float | None = None,
    check_fn: Callable[..., tuple] | None = None,
) -> FormulateResult:
    """Formulate one problem with self-correction and self-consistency. A problem that cannot be
    formulated (see `problem_error`) raises `LimitError`; `deadline` (seconds, default
    `limit("formulate_seconds")`) bounds the whole loop: no new round starts after it."""
    from optmodel.limits import limit

    error = problem_error(problem, formulator)
    if error is not None:
        raise LimitError(error)
    return formulate_batch(
        [problem],
        formulator,
        max_tries=max_tries,
        samples=samples,
        time_limit=time_limit,
        deadline=limit("formulate_seconds") if deadline is None else deadline,
        check_fn=check_fn,
    )[0]


def formulate_batch(
    problems: Sequence[str],
    formulator: Formulator,
    *,
    max_tries: int = 3,
    samples: int = 1,
    time_limit: float | None = 30.0,
    deadline: float | None = None,
    check_fn: Callable[..., tuple] | None = None,
    on_done: Callable[[int], None] | None = None,
) -> list[FormulateResult]:
    """Like `formulate_and_solve` for many problems, batching each round's generation. A problem
    `problem_error` refuses gets that error as its only attempt and never reaches the formulator;
    after `deadline` seconds (None: no deadline) no new round starts. `check_fn` replaces `check`
    (the server runs it in a killable worker). `on_done(i)` is called as soon as problem i's
    result is final (for per-problem progress)."""
    check_fn = check_fn or check
    started = time.monotonic()
    results = [FormulateResult(p) for p in problems]
    pending: dict[int, FormulationRequest] = {}
    for i, p in enumerate(problems):
        refused = problem_error(p, formulator)
        if refused is None:
            pending[i] = FormulationRequest(p)
        else:
            results[i].attempts.append(Attempt("", refused))
            if on_done is not None:
                on_done(i)
    rounds = max(1, max_tries)
    for _round in range(rounds):
        if not pending:
            break
        if _round and deadline is not None and time.monotonic() - started > deadline:
            for i in pending:
                results[i].stopped = f"stopped at the formulation deadline ({deadline:g} s)"
                if on_done is not None:
                    on_done(i)
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
                candidate = as_candidate(raw, formulator.name)
                text = extract_formulation(candidate.text)
                if text not in checked:
                    checked[text] = check_fn(text, time_limit=time_limit)
                form, sol, error = checked[text]
                attempt = Attempt(
                    text,
                    error,
                    sol.status if sol else None,
                    sol.objective if sol else None,
                    candidate.score,
                    candidate.origin,
                )
                res.attempts.append(attempt)
                if error is None and sol is not None and sol.objective is not None:
                    good.append((attempt, form, sol))
                elif last_bad is None or (sol is not None and last_bad.status is None):
                    last_bad = attempt
                    if res.solution is None and sol is not None:
                        res.formulation_text, res.formulation, res.solution = text, form, sol
            if good:
                attempt, form, sol = good[select([a for a, _, _ in good])]
                res.formulation_text, res.formulation, res.solution = attempt.text, form, sol
            elif last_bad is not None:
                if res.formulation_text is None:
                    res.formulation_text = last_bad.text
                next_pending[i] = FormulationRequest(problems[i], faulty=last_bad.text, error=last_bad.error)
            if on_done is not None and (i not in next_pending or _round == rounds - 1):
                on_done(i)
        pending = next_pending
    return results
