"""The number checker: every number a formulation uses must appear in the problem text.

A training pair whose text lacks a number of its formulation teaches the model to invent data,
so the pipeline rejects such pairs. Numbers are compared by value, whatever their rendering in
the text ("1,200", "twelve hundred" is not produced, "one thousand two hundred", "30%" for 0.3,
"twice" for 2, "half" for 0.5). Set members are labels, not data; 0 and 1 are structural
(`x >= 0`, `t - 1`) and exempt, as are index arithmetic and filter conditions.
"""

from __future__ import annotations

import math
import re

from optmodel.formulation import (
    Add,
    BinOp,
    BoolOp,
    Compare,
    DictData,
    Formulation,
    Index,
    InSet,
    ListData,
    Neg,
    Not,
    Num,
    Pow,
    Sum,
    Tuple,
)

EXEMPT = {0.0, 1.0}

# ---------------------------------------------------------------- numbers in a formulation


def _data_numbers(data, out: list[float]) -> None:
    if isinstance(data, bool):
        return
    if isinstance(data, (int, float)):
        out.append(float(data))
    elif isinstance(data, DictData):
        for _key, value in data.items:  # keys are set members: labels, not data
            _data_numbers(value, out)
    elif isinstance(data, ListData):
        for value in data.items:
            _data_numbers(value, out)
    else:  # an expression-valued parameter
        _expr_numbers(data, out)


def _expr_numbers(expr, out: list[float]) -> None:
    if expr is None:
        return
    if isinstance(expr, Num):
        out.append(float(expr.value))
    elif isinstance(expr, Index):
        return  # index arithmetic such as stock[t - 1] is structure
    elif isinstance(expr, Add):
        for term in expr.terms:
            _expr_numbers(term, out)
    elif isinstance(expr, (BinOp, Compare)):
        _expr_numbers(expr.left, out)
        _expr_numbers(expr.right, out)
    elif isinstance(expr, Neg):
        _expr_numbers(expr.operand, out)
    elif isinstance(expr, Pow):
        _expr_numbers(expr.base, out)  # the exponent (x ** 2) is structure
    elif isinstance(expr, Sum):
        _expr_numbers(expr.body, out)  # filters (if t > 1) are structure
    elif isinstance(expr, Tuple):
        for item in expr.items:
            _expr_numbers(item, out)
    elif isinstance(expr, (BoolOp, Not, InSet)):
        return


def formulation_numbers(form: Formulation) -> list[float]:
    """The data values of a formulation: parameter values, bounds, literal coefficients."""
    out: list[float] = []
    for param in form.params:
        _data_numbers(param.value, out)
        if param.default is not None:
            out.append(float(param.default))
    for var in form.variables:
        _expr_numbers(var.lower, out)
        _expr_numbers(var.upper, out)
    if form.objective is not None:
        _expr_numbers(form.objective.expr, out)
    for con in form.constraints:
        _expr_numbers(con.lhs, out)
        _expr_numbers(con.rhs, out)
        _expr_numbers(con.upper, out)
    return [abs(x) for x in out if abs(x) not in EXEMPT]


# ---------------------------------------------------------------- numbers in English text

_WORD_VALUES = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
     "nineteen"])}  # fmt: skip
_WORD_VALUES.update(
    {
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
    }
)
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_SPECIAL = {
    "twice": 2.0, "double": 2.0, "doubled": 2.0, "triple": 3.0, "tripled": 3.0, "half": 0.5,
    "quarter": 0.25, "dozen": 12.0, "third": 1 / 3,
}  # fmt: skip
_DIGITS = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(\s*(?:%|percent\b|per cent\b))?", re.I)
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?", re.I)


def _word_runs(text: str) -> list[tuple[float, bool]]:
    """Values of written-out numbers ('three hundred twenty-five'), with a percent flag."""
    tokens = [(m.group(0).lower(), m.end(), m.start()) for m in _WORD.finditer(text)]
    values: list[tuple[float, bool]] = []
    i = 0
    while i < len(tokens):
        total, current, used = 0, 0, False
        j = i
        while j < len(tokens):
            tok = tokens[j][0]
            if j > i and text[tokens[j - 1][1] : tokens[j][2]].strip():
                break  # punctuation or a table cell border ends a written-out number
            parts = tok.split("-")
            if all(p in _WORD_VALUES for p in parts) and len(parts) <= 2:
                current += sum(_WORD_VALUES[p] for p in parts)
                used = True
            elif tok in ("hundred",) and used:
                current *= 100
            elif tok in ("thousand", "million") and used:
                total += current * _SCALES[tok]
                current = 0
            elif (
                tok == "and"
                and used
                and tokens[j - 1][0] in ("hundred", "thousand", "million")
                and j + 1 < len(tokens)
                and tokens[j + 1][0].split("-")[0] in _WORD_VALUES
            ):
                pass
            else:
                break
            j += 1
        if used:
            is_pct = j < len(tokens) and tokens[j][0] == "percent"
            values.append((float(total + current), is_pct))
            i = j
        else:
            if tokens[i][0] in _SPECIAL:
                values.append((_SPECIAL[tokens[i][0]], False))
            i += 1
    return values


def text_numbers(text: str) -> set[float]:
    """Every value the text states, in any rendering (a percent counts as both 30 and 0.3)."""
    found: set[float] = set()
    for m in _DIGITS.finditer(text):
        value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        found.add(value)
        if m.group(3):
            found.add(value / 100)
    for value, is_pct in _word_runs(text):
        found.add(value)
        if is_pct:
            found.add(value / 100)
        if value in (0.5, 0.25):
            found.add(value * 100)
    return found


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def missing_numbers(formulation: Formulation | str, text: str) -> list[float]:
    """Numbers the formulation uses that the text never states (empty list: the pair is sound)."""
    if isinstance(formulation, str):
        from optmodel.parser import parse

        formulation = parse(formulation)
    stated = text_numbers(text)
    missing = []
    for value in formulation_numbers(formulation):
        if not any(_close(value, s) for s in stated) and value not in missing:
            missing.append(value)
    return missing
