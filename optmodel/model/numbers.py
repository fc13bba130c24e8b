"""Numbers as pointers: every number mentioned in the problem text becomes a placeholder `<nK>`,
the model writes placeholders instead of digits, and the exact values are substituted back.

Why: a small model trained on CPU cannot learn to copy digit strings reliably, but it can learn
which mention goes where. Percentages become fractions (60% -> 0.6), written-out numbers and
"twice"/"half"/"triple" become numbers first, so the formulation can point at them too.
"""

from __future__ import annotations

import re

MAX_NUMBERS = 64
PLACEHOLDERS = [f"<n{i}>" for i in range(MAX_NUMBERS)]

_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
# value -> word, for generators that write small numbers out (find_numbers reads them back)
NUMBER_WORDS: dict[int, str] = {v: w for w, v in _WORDS.items() if w not in ("dozen", "hundred")}
# multiplicative words: replaced by "<nK> times" / "<nK> of" so the sentence still reads.
_TIMES = {"twice": 2, "double": 2, "thrice": 3, "triple": 3, "quadruple": 4}
# "a third", "two-thirds", "three quarters": numerator word and denominator word
_NUMERATORS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_DENOMINATORS = {"half": 2, "halves": 2} | {
    w + s: d for w, d in {"third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "tenth": 10}.items() for s in ("", "s")
}
_LEADS = {"one": 1} | {w: v for w, v in _WORDS.items() if v <= 20}  # "N and a half"
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}

_NUMBER = re.compile(
    r"(?<![\w.<])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?![\w>])"
    r"(?P<pct>\s*(?:%|percent\b|per cent\b))?"
    r"(?P<scale>\s+(?:thousand|million|billion)\b)?",
    re.IGNORECASE,
)
_WORD = re.compile(
    r"\b(?:(?P<andhalf>(?:\d+|" + "|".join(_LEADS) + r")\s+and\s+a\s+half)"
    r"|(?P<frac>(?:" + "|".join(_NUMERATORS) + r")[- ](?:" + "|".join(_DENOMINATORS) + r"))|(?P<times>"
    + "|".join(_TIMES)
    + r")|(?P<word>"
    + "|".join(sorted(_WORDS, key=len, reverse=True))
    + r")(?P<wpct>\s+(?:percent|per cent))?)\b",
    re.IGNORECASE,
)
_HALF = re.compile(r"\bhalf\b", re.IGNORECASE)
# one pass over numbers and words in textual order, so value order follows the text
_MENTION = re.compile(f"{_WORD.pattern}|{_NUMBER.pattern}|{_HALF.pattern}", re.IGNORECASE)


def _clean(value: float) -> float | int:
    if abs(value - round(value)) < 1e-9 and abs(value) < 1e15:
        return int(round(value))
    return float(f"{value:.12g}")


def find_numbers(text: str) -> tuple[list[float | int], list[tuple[int, int, int]]]:
    """Every number mention in `text`: the distinct values (in order of first mention) and the
    spans `(start, end, k)` of the mentions, `k` indexing the values.

    Equal values share one index, so a model sees one pointer per distinct number.
    """
    values: list[float | int] = []
    spans: list[tuple[int, int, int]] = []

    def slot(m: re.Match, value: float) -> None:
        if not abs(value) < 1e300:  # "999...9" of hundreds of digits: not a usable number
            return
        value = _clean(value)
        for i, v in enumerate(values):
            if v == value:
                spans.append((m.start(), m.end(), i))
                return
        if len(values) < MAX_NUMBERS:
            values.append(value)
            spans.append((m.start(), m.end(), len(values) - 1))

    for m in _MENTION.finditer(text):
        if m.group("num") is not None:
            value = float(m.group("num").replace(",", ""))
            if m.group("scale"):
                value *= _SCALE[m.group("scale").strip().lower()]
            slot(m, value / 100 if m.group("pct") else value)
        elif m.group("andhalf"):
            lead = m.group("andhalf").split()[0].lower()
            slot(m, (float(lead) if lead.isdigit() else _LEADS[lead]) + 0.5)
        elif m.group("frac"):
            num, den = m.group("frac").lower().replace("-", " ").split()
            slot(m, _NUMERATORS[num] / _DENOMINATORS[den])
        elif m.group("times"):
            slot(m, _TIMES[m.group("times").lower()])
        elif m.group("word"):
            value = _WORDS[m.group("word").lower()]
            slot(m, value / 100 if m.group("wpct") else value)
        else:  # a bare "half"
            slot(m, 0.5)
    return values, spans


def mask_numbers(text: str) -> tuple[str, list[float | int]]:
    """Replace each number mention in `text` by `<nK>`; return the masked text and the values."""
    values, spans = find_numbers(text)
    pieces: list[str] = []
    pos = 0
    for start, end, k in spans:
        m = _MENTION.match(text, start)
        suffix = ""
        if m.group("pct") or m.group("wpct"):
            suffix = " percent"
        elif m.group("times"):
            suffix = " times"
        pieces += [text[pos:start], PLACEHOLDERS[k] + suffix]
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces), values


# numbers inside formulation text: not part of an identifier or a placeholder
_FE_TOKEN = re.compile(r"<n\d+>|[A-Za-z_]\w*|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?%?|\.\.|.", re.DOTALL)


def _format(value: float | int) -> str:
    value = _clean(value)
    return repr(value) if isinstance(value, float) else str(value)


def strip_comments(formulation: str) -> str:
    """Drop comments, descriptions and blank lines: the model need not learn to write them."""
    lines = []
    for line in formulation.splitlines():
        if line.lstrip().startswith("#") and not line.lstrip().startswith("##"):
            continue
        cut = line.find(" #")
        if cut >= 0 and not line.lstrip().startswith("##"):
            line = line[:cut]
        line = re.sub(r"\s+", " ", line).strip()
        if line:
            lines.append(line)
    return "\n".join(lines)


def point_numbers(formulation: str, values: list[float | int]) -> str:
    """Write each number of `formulation` that equals a text value as that value's placeholder.

    0 and 1 stay literal: they are structure (bounds, ranges) far more often than data.
    """
    out = []
    for tok in _FE_TOKEN.findall(formulation):
        if tok[0].isdigit():
            value = float(tok[:-1]) / 100 if tok.endswith("%") else float(tok)
            value = _clean(value)
            if value not in (0, 1):
                for i, v in enumerate(values):
                    if abs(v - value) <= 1e-9 * max(1.0, abs(value)):
                        tok = PLACEHOLDERS[i]
                        break
        out.append(tok)
    return "".join(out)


_PLACEHOLDER = re.compile(r"<n(\d+)>")


def fill_numbers(text: str, values: list[float | int]) -> str:
    """Substitute the exact values back; an out-of-range pointer is left as is (the parser then
    reports it, and the self-correction loop can repair it)."""

    def sub(m: re.Match) -> str:
        i = int(m.group(1))
        return _format(values[i]) if i < len(values) else m.group(0)

    return _PLACEHOLDER.sub(sub, text)
