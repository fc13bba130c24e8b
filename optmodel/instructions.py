"""Multi-instruction training pairs in the spirit of LLMOPT.

Two instructions share one model: (1) problem text -> formulation, and (2) problem text + a
faulty formulation + the real error message it produces -> the corrected formulation. The
faulty formulations are made by corrupting correct ones, and the messages come from running
the real parser, compiler and solver on them, so at inference time the self-correction loop
feeds the model exactly the kind of message it was trained on.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Mapping

from optmodel.formulators.base import FormulationRequest

Row = Mapping[str, object]

_IDENT = re.compile(r"\b[A-Za-z_]\w*\b")
_KEYWORDS = {
    "sum",
    "for",
    "in",
    "if",
    "and",
    "or",
    "not",
    "minimize",
    "maximize",
    "integer",
    "binary",
    "free",
}


def diagnose(text: str, *, solve: bool = True, time_limit: float = 5.0) -> str | None:
    """The error a formulation produces (parse, compile, or a non-optimal solve), or None: the
    same messages `optmodel.formulate.check` gives the self-correction loop at inference time."""
    from optmodel.formulate import check

    return check(text, time_limit=time_limit, solve=solve)[2]


# ---------------------------------------------------------------- corruptions


def _lines(text: str) -> list[str]:
    return text.splitlines()


def _section_of(lines: list[str]) -> list[str]:
    out, cur = [], ""
    for line in lines:
        s = line.strip()
        if s.startswith("## "):
            cur = s[3:].strip().lower()
        out.append(cur)
    return out


def _body_lines(lines: list[str], sections: Iterable[str]) -> list[int]:
    secs = _section_of(lines)
    wanted = set(sections)
    return [
        i
        for i, line in enumerate(lines)
        if secs[i] in wanted and line.strip() and not line.strip().startswith("#")
    ]


def _drop_declaration(text: str, rng: random.Random) -> str | None:
    lines = _lines(text)
    idx = _body_lines(lines, ["variables", "parameters", "sets"])
    if not idx:
        return None
    i = rng.choice(idx)
    if lines[i].rstrip().endswith(("{", "[")):  # a multi-line literal: keep it simple
        return None
    return "\n".join(lines[:i] + lines[i + 1 :])


def _misspell(text: str, rng: random.Random) -> str | None:
    lines = _lines(text)
    idx = _body_lines(lines, ["objective", "constraints"])
    if not idx:
        return None
    i = rng.choice(idx)
    line = lines[i]
    start = line.find(":") + 1 if ":" in line else 0
    names = [m for m in _IDENT.finditer(line, start) if m.group(0) not in _KEYWORDS]
    if not names:
        return None
    m = rng.choice(names)
    new = m.group(0) + rng.choice(["s", "_1", "x", "2"])
    lines[i] = line[: m.start()] + new + line[m.end() :]
    return "\n".join(lines)


def _break_syntax(text: str, rng: random.Random) -> str | None:
    lines = _lines(text)
    idx = _body_lines(lines, ["objective", "constraints", "variables"])
    if not idx:
        return None
    i = rng.choice(idx)
    line = lines[i]
    edits = [
        ("<=", "=<"),
        (">=", "=>"),
        (")", ""),
        ("]", ""),
        ("*", "* *"),
        (":", ""),
        ("==", "="),
    ]
    rng.shuffle(edits)
    for old, new in edits:
        if old in line:
            pos = rng.choice([m.start() for m in re.finditer(re.escape(old), line)])
            lines[i] = line[:pos] + new + line[pos + len(old) :]
            return "\n".join(lines)
    return None


def _drop_heading(text: str, rng: random.Random) -> str | None:
    lines = _lines(text)
    idx = [
        i
        for i, line in enumerate(lines)
        if line.strip().startswith("## ") and "objective" not in line.lower()
    ]
    if not idx:
        return None
    i = rng.choice(idx)
    return "\n".join(lines[:i] + lines[i + 1 :])


def _flip_sense(text: str, rng: random.Random) -> str | None:
    lines = _lines(text)
    idx = [i for i in _body_lines(lines, ["constraints"]) if "<=" in lines[i] or ">=" in lines[i]]
    if not idx:
        return None
    i = rng.choice(idx)
    line = lines[i]
    swapped = line.replace("<=", "\0").replace(">=", "<=").replace("\0", ">=")
    lines[i] = swapped
    return "\n".join(lines)


def _drop_constraint(text: str, rng: random.Random) -> str | None:
    lines = _lines(text)
    idx = [i for i in _body_lines(lines, ["constraints"]) if ":" in lines[i]]
    if len(idx) < 2:
        return None
    i = rng.choice(idx)
    return "\n".join(lines[:i] + lines[i + 1 :])


# syntax/name corruptions need only the parser and compiler; semantic ones need a solve
CORRUPTIONS: list[tuple[str, Callable[[str, random.Random], str | None], bool]] = [
    ("drop_declaration", _drop_declaration, False),
    ("misspell", _misspell, False),
    ("break_syntax", _break_syntax, False),
    ("drop_heading", _drop_heading, False),
    ("flip_sense", _flip_sense, True),
    ("drop_constraint", _drop_constraint, True),
]


def corrupt(text: str, rng: random.Random, *, tries: int = 6) -> tuple[str, str] | None:
    """A corrupted copy of `text` and the real error message it produces, or None."""
    for _ in range(tries):
        _name, fn, needs_solve = rng.choice(CORRUPTIONS)
        bad = fn(text, rng)
        if bad is None or bad.strip() == text.strip():
            continue
        error = diagnose(bad, solve=needs_solve)
        if error:
            return bad, error
    return None


def build_examples(
    rows: Iterable[Row], *, seed: int = 0, repair_fraction: float = 0.3
) -> list[tuple[FormulationRequest, str]]:
    """(request, target formulation) pairs: every row gives a text -> formulation pair, and about
    `repair_fraction` of the rows also give a repair pair. Rows need `nl` (or `question`/`problem`)
    and `formulation`. Deterministic given `seed`."""
    rng = random.Random(seed)
    out: list[tuple[FormulationRequest, str]] = []
    for row in rows:
        problem = row.get("nl") or row.get("problem") or row.get("question")
        target = row.get("formulation")
        if not problem or not target:
            continue
        problem, target = str(problem), str(target)
        out.append((FormulationRequest(problem), target))
        if repair_fraction > 0 and rng.random() < repair_fraction:
            bad = corrupt(target, rng)
            if bad is not None:
                out.append((FormulationRequest(problem, faulty=bad[0], error=bad[1]), target))
    return out
