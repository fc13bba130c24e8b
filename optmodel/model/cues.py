"""Comparison cues: "at most 12 trips" says the constraint that uses 12 is a `<=`.

Why: the model's commonest benchmark error is a stated limit put on the wrong row, for example
`10 x1 + 8 x2 >= 12` where the text says "at most 12 boat trips". The words right before a number
say which way a constraint that ends in it must point, in any problem text, so a decoder can be
kept from contradicting them without learning anything new.
"""

from __future__ import annotations

import re

from optmodel.model.numbers import find_numbers

LE, GE, EQ = "<=", ">=", "="

# phrases that end right before the number ("at most 12", "cannot exceed $5,000")
_CUES: list[tuple[str, str]] = [
    (r"at most", LE),
    (r"no more than", LE),
    (r"not more than", LE),
    (r"up to", LE),
    (r"maximum", LE),
    (r"(?:can ?not|can't|cannot|not|never|does not|do not|must not|should not|to not|won't) exceed", LE),
    (r"(?:less|fewer|lower) than or equal to", LE),
    (r"no (?:greater|larger|higher) than", LE),
    (r"limited to", LE),
    (r"at least", GE),
    (r"no less than", GE),
    (r"not less than", GE),
    (r"no fewer than", GE),
    (r"minimum", GE),
    (r"(?:greater|more|higher) than or equal to", GE),
    (r"exactly", EQ),
]
_CUE = re.compile(r"\b(?:" + "|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(_CUES)) + r")\W{0,3}$", re.IGNORECASE)
# a few words may sit between the cue and the number: "at least a total of 300", "at most $12"
_GAP = re.compile(r"(?:\s*\b(?:a|an|the|total|of|\$|us\$)\b|\s*\$|\s)*$", re.IGNORECASE)


def mention_cue(text: str, start: int) -> str | None:
    """The comparison the words just before position `start` of `text` express, if any."""
    before = text[max(0, start - 60) : start]
    before = before[: len(before) - len(_GAP.search(before).group(0))]
    m = _CUE.search(before)
    if m is None:
        return None
    return next(op for i, (_, op) in enumerate(_CUES) if m.group(f"c{i}") is not None)


def value_cues(text: str) -> list[set[str] | None]:
    """For each distinct number of `text` (as `find_numbers` indexes them), the comparisons a
    constraint ending in it may use; None when some mention of it has no cue (anything goes)."""
    values, spans = find_numbers(text)
    cues: list[set[str] | None] = [set() for _ in values]
    for start, _end, k in spans:
        cue = mention_cue(text, start)
        if cue is None:
            cues[k] = None
        elif cues[k] is not None:
            cues[k].add(cue)
    return [c if c else None for c in cues]
