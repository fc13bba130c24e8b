"""Entity cues: which variables a stated limit is about, and what a row counts, read from the words
around its numbers.

Why: the model's commonest benchmark error is a limit on the wrong variable: "at most 8 van
trips" written as a bound on the trucks, "X and Z combined" written as `x1 + x2`. The clause that
states the number names the things it limits, so a candidate program whose rows disagree with
those names can be ranked below one that agrees, in any problem text, without training.

The things are found in one of two ways:
- **names**: when the text labels its decisions with letters (`X`, `$Y$`, `X1`, "(z)") and there are
  as many labels as the program has variables, variable k is the k-th label in order of first
  mention (the order the model numbers its variables);
- **words**: otherwise, each variable is known by the words around its own coefficients that are
  not also around another variable's ("A truck carries 40 boxes" vs "A van carries 20 boxes").

Three more cues read the whole goal, row or text: a goal that is a plain count ("minimise the
total number of vans" is `min x1`, not a sum weighted by another number; `count_goal`), the
left-hand side a limit's words spell out over labelled decisions ("twice X2 minus X3 must be at
least 10" is `2 x2 - x3 >= 10`; `expression_rows`), and whole-number decisions (`integer_score`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache, partial
from typing import NamedTuple

from optmodel.model.numbers import find_numbers

_TOKEN = re.compile(r"[A-Za-z]+\d*")
_SENTENCE = re.compile(r"[.!?;:](?=\s)|\n|\\n|- ")
_CLAUSE = re.compile(r"[.!?;:,](?=\s)|\n|\\n|- |\b(?:and|while|whereas|but|however)\b", re.IGNORECASE)
_LABEL = re.compile(r"(?<![\w$])\$?([A-Z]\d?|[xX]\d)\$?(?![\w])|\(([a-z])\)")
_STOP = set(
    """the of to in on at for by with from and or but if then than as is are be been being was were will would
    can could must should may might shall does did has have had its this that these those there their they them
    his her our you your each per every any all some not only more most less least fewer how many much what which
    who whom whose when where why whereas while also such into out over under between both either neither other
    another same one two three four five six seven eight nine ten use used using uses need needs needed require
    requires required make makes made total amount number numbers unit units available maximize minimize maximum
    minimum wants want decide determine find company type types kind kinds can cannot ensure""".split()
)
_VAR = re.compile(r"^x(\d+)$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$")


def _stem(word: str) -> str:
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ches", "shes", "xes", "sses")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def _span(pattern: re.Pattern, text: str, start: int, end: int) -> tuple[int, int]:
    """The piece of `text` between the separators (`pattern`) around [start, end). An "and" that
    joins two labels ("X and Y", "package X and package Y") does not separate."""
    lo, hi = 0, len(text)
    for m in pattern.finditer(text):
        if m.group(0).lower() == "and" and _joins_labels(text, m.start(), m.end()):
            continue
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


def _joins_labels(text: str, start: int, end: int) -> bool:
    before = _TOKEN.findall(text[max(0, start - 30) : start])[-2:]
    after = _TOKEN.findall(text[end : end + 30])[:2]
    return any(_LABEL.fullmatch(w) for w in before) and any(_LABEL.fullmatch(w) for w in after)


def labels(text: str) -> list[str]:
    """The letter labels of the text's decisions (`X`, `$Y$`, `X1`, "(z)"), in order of first mention."""
    out: list[str] = []
    for m in _LABEL.finditer(text):
        name = (m.group(1) or m.group(2)).upper()
        if name == "I" or (name == "A" and _sentence_start(text, m.start())):
            continue
        if name not in out:
            out.append(name)
    return out if _is_series(out) else []


def _sentence_start(text: str, at: int) -> bool:
    """Whether position `at` starts a sentence (where a capital "A" is an article, not a label)."""
    before = text[:at].rstrip()
    return not before or before[-1] in ".!?\n" or before.endswith("\\n")


def _is_series(names: list[str]) -> bool:
    """Labels that name a set of decisions run in sequence (A B C, X Y Z W, X1 X2 X3), unlike the
    stray letters of "substance B and substance C"."""
    ordered = sorted(names, key=lambda n: (len(n), n))
    series = (
        [chr(ord("A") + i) for i in range(len(names))],
        ["X", "Y", "Z", "W"][: len(names)],
        [f"X{i + 1}" for i in range(len(names))],
    )
    return any(sorted(s, key=lambda n: (len(n), n)) == ordered for s in series if len(s) == len(names))


class _Reading(NamedTuple):
    """What the entity cues read from a text alone, once per text (every candidate of a problem
    is scored against the same text)."""

    values: tuple[float, ...]  # the distinct numbers, as find_numbers indexes them
    spans: tuple[tuple[int, int, int], ...]  # (start, end, value index) of every mention
    names: list[str]  # letter labels of the decisions (`labels`)
    alias: dict[str, str]  # words given a label (`aliases`)


@lru_cache(maxsize=64)
def _read(text: str) -> _Reading:
    values, spans = find_numbers(text)
    names = labels(text)
    return _Reading(tuple(float(v) for v in values), tuple(spans), names, aliases(text, names))


class Row(NamedTuple):
    """One line of a program, as far as entity cues care."""

    kind: str  # objective | bound (x2 <= 25) | share (x1 >= 0.3 ( x1 + x2 )) | ratio (x1 >= 2 x2) | general
    variables: set[int]
    coefficients: list[tuple[int, int]]  # (number index, variable) for each stated coefficient
    rhs: int | None  # number index of a stated right-hand side (constraints only)
    single: int | None  # the one variable of the left-hand side, if there is one
    order: list[int] | None  # a difference `a - b`: [a, b]
    lhs: list[int]  # the variables of the left-hand side, in order
    terms: dict[int, float] | None  # the left-hand side {variable: coefficient} when the right is a plain number


def _parse(program: str, values: list[float]) -> list[Row]:
    """The lines of a program (program words with literal numbers); numbers are indexed as in
    `values`, and those not stated in the text are left out."""

    def index(word: str) -> int | None:
        if not _NUMBER.match(word):
            return None
        v = float(word)
        return next((i for i, u in enumerate(values) if abs(u - v) <= 1e-9 * max(1.0, abs(v))), None)

    rows = []
    for line in program.splitlines()[1:]:
        words = line.split()
        objective = bool(words) and words[0] in ("max", "min")
        words = words[1:] if objective else words
        op = next((i for i, w in enumerate(words) if w in ("<=", ">=", "=")), None)
        lhs, rhs = (words, []) if op is None else (words[:op], words[op + 1 :])
        variables: set[int] = set()
        coefficients = []
        signs = []
        terms: dict[int, float] = {}
        for side in (lhs, rhs):
            for i, w in enumerate(side):
                if (m := _VAR.match(w)) is None:
                    continue
                var = int(m.group(1))
                variables.add(var)
                if i > 0 and (k := index(side[i - 1])) is not None:
                    coefficients.append((k, var))
                if side is lhs:
                    stated = i > 0 and _NUMBER.match(side[i - 1])
                    j = i - 2 if stated else i - 1
                    sign = -1 if j >= 0 and side[j] == "-" else 1
                    signs.append((sign, var))
                    terms[var] = terms.get(var, 0.0) + sign * (float(side[i - 1]) if stated else 1.0)
        lhs_vars = {v for _s, v in signs}
        single = next(iter(lhs_vars)) if len(lhs_vars) == 1 and len(signs) == 1 else None
        kind = "objective" if objective else "general"
        if single is not None and rhs and _NUMBER.match(rhs[0]):
            kind = "bound" if len(rhs) == 1 else "share" if rhs[1] == "(" else "ratio" if len(rhs) == 2 else kind
        order = None
        if len(signs) == 2 and {s for s, _ in signs} == {1, -1} and len(rhs) == 1:
            order = [v for _s, v in sorted(signs, key=lambda sv: -sv[0])]
        plain = (op is not None and len(rhs) == 1 and _NUMBER.match(rhs[0])
                 and all(w in ("+", "-") or _NUMBER.match(w) or _VAR.match(w) for w in lhs))
        rows.append(Row(kind, variables, coefficients, None if objective or not rhs else index(rhs[0]), single, order,
                        [v for _s, v in signs], terms if plain else None))
    return rows


def _word_lexicon(text: str, spans: list[tuple[int, int, int]], rows, n_vars: int) -> list[dict[str, float]]:
    """For each variable, the words near its coefficients and not near another variable's, weighted.
    A mention with a comparison cue ("at least 500 boxes") states a limit, not a coefficient,
    even when a coefficient has the same value, so it is left out."""
    from optmodel.model.cues import mention_cue

    profiles = [Counter() for _ in range(n_vars + 1)]
    for row in rows:
        if len(row.variables) < 2:
            continue
        for k, var in row.coefficients:
            for start, end, j in spans:
                if j != k or mention_cue(text, start) is not None:
                    continue
                lo, hi = _span(_SENTENCE, text, start, end)
                for m in _TOKEN.finditer(text, lo, hi):
                    word = m.group(0).lower()
                    if word in _STOP or len(word) < 3 or (m.start() < end and m.end() > start):
                        continue
                    gap = text[min(m.end(), end) : max(m.start(), start)]
                    distance = len(_TOKEN.findall(gap))
                    crossings = len(_CLAUSE.findall(gap))
                    profiles[var][_stem(word)] += math.exp(-distance / 4) * 0.5**crossings
    lexicon = []
    for var, profile in enumerate(profiles):
        total = sum(profile.values()) or 1.0
        others = [p for v, p in enumerate(profiles) if v != var and v > 0]
        lexicon.append({w: c / total - max((p[w] / (sum(p.values()) or 1.0) for p in others), default=0.0)
                        for w, c in profile.items()})
    return [{w: s for w, s in lex.items() if s > 0} for lex in lexicon]


def _label_of(token: str, names: list[str], aliases: dict[str, str]) -> int | None:
    """The variable (1-based) a token names: its label, or a word a label was given to."""
    word = aliases.get(token.lower(), token.upper())
    if word in names and (token.isupper() or word.startswith("X") or token.lower() in aliases):
        return names.index(word) + 1
    return None


def _named(text: str, names: list[str], lo: int, hi: int, aliases: dict[str, str] | None = None) -> list[int]:
    """The variables (1-based) whose labels `text[lo:hi]` mentions, in order of first mention."""
    found = []
    for m in _TOKEN.finditer(text, lo, hi):
        var = _label_of(m.group(0), names, aliases or {})
        if var is not None and var not in found:
            found.append(var)
    return found


def aliases(text: str, names: list[str]) -> dict[str, str]:
    """Words given a label in parentheses: "wheat (X)" lets "wheat" name X."""
    out = {}
    for m in re.finditer(r"([A-Za-z]+)\s*\(\s*(?:\w+\s+)?\$?([A-Za-z]\d?)\$?\s*\)", text):
        label = m.group(2).upper()
        if label in names and m.group(1).lower() not in _STOP:
            out[m.group(1).lower()] = label
    return out


def _clause_names(text: str, names: list[str], alias: dict[str, str], start: int, end: int) -> list[int]:
    """The variables the clause of a mention names; else the last one named before it in its
    sentence ("plant Z, the newest, needs at least 40"); else its sentence's."""
    lo, hi = _span(_CLAUSE, text, start, end)
    if named := _named(text, names, lo, hi, alias):
        return named
    s_lo, s_hi = _span(_SENTENCE, text, start, end)
    before = [v for m in _TOKEN.finditer(text, s_lo, lo) if (v := _label_of(m.group(0), names, alias)) is not None]
    return before[-1:] or _named(text, names, s_lo, s_hi, alias)


def _mention_label(text: str, names: list[str], alias: dict[str, str], start: int, end: int) -> int | None:
    """The variable whose label is closest after a number mention in its clause ("twice the batches of X"),
    else just before it ("each X costs 500"); None when a list says "respectively"."""
    lo, hi = _span(_CLAUSE, text, start, end)
    s_lo, s_hi = _span(_SENTENCE, text, start, end)
    if "respectively" in text[s_lo:s_hi].lower():
        return None
    tokens_after = list(_TOKEN.finditer(text, end, hi))[:8]
    for m in tokens_after:
        if (var := _label_of(m.group(0), names, alias)) is not None:
            return var
    tokens_before = list(_TOKEN.finditer(text, lo, start))[-4:]
    for m in reversed(tokens_before):
        if (var := _label_of(m.group(0), names, alias)) is not None:
            return var
    return None


def _ratio_vote(text: str, spans, row: Row, owner) -> tuple[float, list[int] | None] | None:
    """For a ratio row (`x1 >= 3 x2`): +1 when the clause of its number names its two things in its
    order ("3 times as many X as Y", "X ... at least twice Y"), -1 with the right order when it
    names them the other way round; None when it does not say. `owner` maps a word to a variable."""
    other = next(iter(row.variables - {row.single}), None)
    best = None
    for start, end, k in spans:
        if k != row.rhs:
            continue
        lo, hi = _span(_CLAUSE, text, start, end)
        after = list(dict.fromkeys(v for m in _TOKEN.finditer(text, end, hi) if (v := owner(m.group(0)))))
        before = [v for m in _TOKEN.finditer(text, lo, start) if (v := owner(m.group(0)))]
        if len(after) >= 2:
            expected = after[:2]
        elif len(after) == 1 and before and before[-1] != after[0]:
            expected = [before[-1], after[0]]
        else:
            continue
        vote = (1.0, None) if expected == [row.single, other] else (-1.0, expected) if expected == [other, row.single] \
            else None
        if vote is not None and (best is None or vote[0] > best[0]):
            best = vote
    return best


def _label_rows(text: str, spans, rows: list[Row], names: list[str]) -> list[tuple[float, list[int] | None]]:
    """Per row: its agreement with the labels its clauses name, and the variables its left-hand
    side should have instead: a bound or share whose clause names one other, or a sum or
    difference of plain variables whose clause names as many others ("X and Z combined")."""
    alias = _read(text).alias
    out = []
    for row in rows:
        score, move = 0.0, None
        if row.kind == "ratio":
            out.append(_ratio_vote(text, spans, row, lambda w: _label_of(w, names, alias)) or (0.0, None))
            continue
        if row.rhs is not None:
            best = None
            for start, end, k in spans:
                if k != row.rhs:
                    continue
                named = _clause_names(text, names, alias, start, end)
                if not named:
                    continue
                own = {row.single} if row.kind in ("bound", "share") else row.variables
                agree = len(set(named) & own) / len(set(named) | own)
                if row.order is not None and len(named) == 2 and set(named) == row.variables:
                    agree += 0.5 if named == row.order else -0.5
                if best is None or agree > best:
                    best = agree
                    move = None
                    if row.kind in ("bound", "share") and len(named) == 1:
                        move = named
                    elif (row.kind == "general" and not row.coefficients and len(named) == len(row.lhs) > 1
                          and len(set(row.lhs)) == len(row.lhs)):
                        move = named
            if best is not None:
                score += 2 * best - 1
        for k, var in row.coefficients:
            votes = [v for start, end, j in spans if j == k
                     if (v := _mention_label(text, names, alias, start, end)) is not None]
            if votes:
                score += 0.5 if var in votes else -0.5
        out.append((score, move))
    return out


def _owner(lexicon: list[dict[str, float]], word: str, share: float = 0.25) -> int | None:
    """The variable a word names, if it is one of its telling words: a word only weakly tied to
    one (a unit both use, "hours") says nothing about which comes first in a ratio."""
    weights = [lex.get(_stem(word), 0.0) for lex in lexicon]
    top = max(weights[1:], default=0.0)
    var = weights.index(top)
    return var if top > 0 and top > share * max(lexicon[var].values()) else None


_MINUS = re.compile(r"\b(?:minus|less(?! than)|subtract\w*|negative|deduct\w*|fewer(?! than)|over (?:that|those|the))\b"
                    r"|(?<!\S)-(?=\s)", re.IGNORECASE)
_PLUS = re.compile(r"\bplus\b|\badd(?:ed|ing)?\b|\+", re.IGNORECASE)
_COMPARE = r"exceed\w*|surpass\w*|more than|less than|greater than|fewer than|at least|at most"
_OTHER_SIDE = re.compile(rf"\b(?:{_COMPARE})\b", re.IGNORECASE)  # what follows is on the other side
_LIMIT = re.compile(rf"\b(?:{_COMPARE}|equal\w*|exactly|minimum|maximum|limit\w*|up to|below|above|cap\w*|no more|"
                    r"no less)\W+(?:\w+\W+){0,2}$", re.IGNORECASE)  # the words just before a limit
_MULTIPLIER = re.compile(r"(?:twice|thrice|half|double|triple|quadruple)$", re.IGNORECASE)
_SCALES = re.compile(r"\s*(?:times\b|%|percent\b|of (?:the|that|those|its)\b|the\b|that\b|those\b)", re.IGNORECASE)
_BREAK = re.compile(r"\b(?:while|whereas|but)\b|,\s+and\b|;|\n|\\n", re.IGNORECASE)
_DIFFERENCE = re.compile(r"\bdifference\b", re.IGNORECASE)
_FILLER = set("and or the of for from to in at on by both projects project those that allocated allocation".split())


def _expression(text: str, names: list[str], alias: dict[str, str], spans, values, start: int
                ) -> dict[int, float] | None:
    """The left-hand side the words before a limit spell out over labelled decisions ("twice the
    hours of team X2 minus those of team X3 must be at least 10" -> 2 x2 - x3), as {variable:
    coefficient}; None unless it names two or more labels, each once, each with at most one
    number before it."""
    from optmodel.model.cues import mention_cue

    if mention_cue(text, start) is None and not _LIMIT.search(text[max(0, start - 40) : start]):
        return None  # a coefficient ("costs 5 for X"), not a limit
    lo, hi = _span(_SENTENCE, text, start, start)
    if "respectively" in text[lo:hi].lower():
        return None
    end = next(b for a, b, _k in spans if a == start)
    if _named(text, names, end, _span(_CLAUSE, text, start, end)[1], alias):
        return None  # "at most three quarters of that for X": the limit is not a plain number
    for m in _BREAK.finditer(text, lo, start):
        lo = m.end()
    for a, b, _k in spans:  # another number earlier in the sentence: the expression starts after it
        if lo <= a and b <= start and not _MULTIPLIER.match(text[a:b]) and not _SCALES.match(text, b):
            lo = b  # "X requires at least 20, Y at least 30"; but not "twice X", "0.5 times X"
    found = [(m.start(), m.end(), v) for m in _TOKEN.finditer(text, lo, start)
             if (v := _label_of(m.group(0), names, alias)) is not None]
    if len(found) < 2 or len({v for *_, v in found}) != len(found):
        return None
    terms: dict[int, float] = {}
    prev, sign, side = lo, 1, 1
    difference = False
    for i, (a, b, var) in enumerate(found):
        piece = text[prev:a]
        numbers = [k for ma, mb, k in spans if prev <= ma and mb <= a]
        if len(numbers) > 1:
            return None
        if i == 0:
            difference = bool(_DIFFERENCE.search(piece))
            sign = -1 if _MINUS.search(piece) else 1
        else:
            if _OTHER_SIDE.search(piece):  # "x4 must not exceed half of x2 by more than 100"
                side, sign = -side, 1
            words = {w.lower() for w in _TOKEN.findall(piece)} - _FILLER
            if _MINUS.search(piece) or (difference and i == 1 and not _PLUS.search(piece)):
                sign = -1
            elif _PLUS.search(piece) or (words and not numbers):
                sign = 1
            # else a bare "and" between labels ("X1 and X2") keeps the sign before it
        terms[var] = side * sign * (float(values[numbers[0]]) if numbers else 1.0)
        prev = b
    return terms


def _same_terms(a: dict[int, float], b: dict[int, float]) -> bool:
    return a.keys() == b.keys() and all(abs(a[x] - b[x]) <= 1e-9 * max(1.0, abs(a[x])) for x in a)


def _format_terms(terms: dict[int, float]) -> str:
    out = []
    for var, coef in terms.items():
        magnitude = abs(coef)
        word = "" if magnitude == 1 else f"{int(magnitude) if magnitude == int(magnitude) else magnitude!r} "
        out += ["-" if coef < 0 else "+", f"{word}x{var}"]
    text = " ".join(out)
    return text[2:] if text.startswith("+ ") else text


def expression_rows(text: str, program: str) -> list[tuple[float, str | None]]:
    """Per constraint row of a program over labelled decisions: +1 when its left-hand side is the
    one the words before its limit spell out (`_expression`), -1 when not (with the row rewritten
    that way), 0 when the words do not say."""
    lines = program.splitlines()
    n_vars = len(lines[0].split()) if lines else 0
    out: list[tuple[float, str | None]] = [(0.0, None) for _ in lines[2:]]
    r = _read(text)
    if len(r.names) != n_vars or n_vars < 2:
        return out
    for i, row in enumerate(_parse(program, r.values)[1:]):
        if row.terms is None or row.rhs is None:
            continue
        said = [e for a, _b, k in r.spans if k == row.rhs
                if (e := _expression(text, r.names, r.alias, r.spans, r.values, a)) is not None]
        if not said:
            continue
        if any(_same_terms(e, row.terms) for e in said):
            out[i] = (1.0, None)
        else:
            out[i] = (-1.0, f"{_format_terms(said[0])} {' '.join(lines[i + 2].split()[-2:])}")
    return out


def _word_rows(text: str, spans, rows: list[Row], n_vars: int) -> list[tuple[float, list[int] | None]]:
    """Per row: for a bound or share, +1 when the words of its clause point at its variable more
    than at any other, -1 when they point elsewhere; for a ratio (`x1 >= 3 x2`), +1 or -1 when the
    clause names its two things in its order or the other; else 0."""
    lexicon = _word_lexicon(text, spans, rows, n_vars)

    owner = partial(_owner, lexicon)
    out = []
    for row in rows:
        best: tuple[float, list[int] | None] | None = None
        if row.kind == "ratio":
            best = _ratio_vote(text, spans, row, owner)
            best = (best[0], None) if best else None  # words are not sure enough to move a row
        elif row.kind in ("bound", "share"):
            for start, end, k in spans:
                if k != row.rhs:
                    continue
                lo, hi = _span(_CLAUSE, text, start, end)
                words = [_stem(m.group(0)) for m in _TOKEN.finditer(text, lo, hi)]
                affinity = [sum(lex.get(w, 0.0) for w in words) for lex in lexicon]
                top = max(affinity[1:], default=0.0)
                if top <= 0:
                    continue
                own = affinity[row.single] if row.single < len(affinity) else 0.0
                vote = (1.0, None) if own >= top else (-1.0, [affinity.index(top)])
                best = vote if best is None or vote[0] > best[0] else best
        out.append(best or (0.0, None))
    return out


def _rows(text: str, program: str) -> tuple[list[Row], list[tuple[float, list[int] | None]]]:
    r = _read(text)
    rows = _parse(program, r.values)
    n_vars = len(program.splitlines()[0].split()) if program.strip() else 0
    if len(r.names) == n_vars and n_vars > 1:
        return rows, _label_rows(text, r.spans, rows, r.names)
    return rows, _word_rows(text, r.spans, rows, n_vars)


_GOAL = re.compile(r"\b(?:maximi[sz]e|minimi[sz]e|maximi[sz]ing|minimi[sz]ing)\b", re.IGNORECASE)


def _units(text: str, start: int, end: int, before: int, after: int) -> set[str]:
    """The content words just after a number mention in its clause ("9 hours of carving" -> carving),
    and `before` words before it."""
    lo, hi = _span(_CLAUSE, text, start, end)
    words = [m.group(0) for m in _TOKEN.finditer(text, lo, start)][-before:] if before else []
    words += [m.group(0) for m in _TOKEN.finditer(text, end, hi)][:after]
    return {_stem(w) for w in words if w.lower() not in _STOP and len(w) > 2}


def unit_score(text: str, program: str) -> float:
    """Agreement of each row's numbers on what they measure: a constraint's coefficients and its
    right-hand side should count the same thing ("5 hours of carving" with "90 hours of carving"), the
    objective's coefficients what the text maximises or minimises. Each row scores in [-1, 1]."""
    r = _read(text)
    rows = _parse(program, r.values)
    spans = r.spans
    mentions: dict[int, list[tuple[int, int]]] = {}
    for start, end, k in spans:
        mentions.setdefault(k, []).append((start, end))
    goals = list(_GOAL.finditer(text))
    goal: set[str] = set()
    if goals:
        g = goals[-1]
        _lo, hi = _span(_CLAUSE, text, g.start(), g.end())
        goal = {_stem(m.group(0)) for m in _TOKEN.finditer(text, g.end(), hi)
                if m.group(0).lower() not in _STOP and len(m.group(0)) > 2}
    score = 0.0
    for row in rows:
        if not row.coefficients:
            continue
        if row.kind == "objective":
            targets = [goal] if goal else []
            before = 3
        elif row.rhs is not None:
            targets = [u for s, e in mentions.get(row.rhs, []) if (u := _units(text, s, e, 0, 4))]
            before = 0
        else:
            continue
        best = None
        for target in targets:
            hits = [any(_units(text, s, e, before, 4) & target for s, e in mentions.get(k, []))
                    for k, _var in row.coefficients]
            agree = (2 * sum(hits) - len(hits)) / len(hits)
            best = agree if best is None else max(best, agree)
        score += best or 0.0
    return score


_COUNT_GOAL = re.compile(
    r"\b(?:(?:maximi[sz]|minimi[sz])(?:e|es|ing)|reduce|decrease|lower"
    r"|(?:find|what is|determine|calculate) the (?:minimum|maximum|smallest|largest|fewest|least|most))"
    r"(?:\s+(?:the|their|its|our|his|her))?(?:\s+(?:total|overall|combined|entire))?\s+(?:number|count)\s+of\b",
    re.IGNORECASE,
)
_GOAL_END = re.compile(r"[.!?;:,](?=\s|$)|\n|\\n|\b(?:while|whilst|subject|given|such|so|if|but|when|where)\b",
                       re.IGNORECASE)
_TIMES_AFTER = re.compile(r"\s+times\b(\s+(?:as|more|less|fewer|the|that|than|larger|greater|smaller)\b)?",
                          re.IGNORECASE)
_KINDS = {"type", "kind", "sort"}
_CATEGORY = _KINDS | {"two", "three", "four", "both", "different", "various"}


class _CountGoal(NamedTuple):
    sense: str  # "max" or "min"
    words: set[str]  # the content words of what is counted
    start: int  # where those words are in the text
    end: int
    category: bool  # the counted thing is a category of the decisions ("two types of vehicles")


@lru_cache(maxsize=64)
def _count_words(text: str) -> _CountGoal | None:
    """The text's part of `count_goal`, read once per text."""
    from optmodel.model.cues import mention_cue

    goals = list(_COUNT_GOAL.finditer(text))
    if not goals:
        return None
    g = goals[-1]
    stop = _GOAL_END.search(text, g.end())
    hi = stop.start() if stop else len(text)
    words = {_stem(m.group(0)) for m in _TOKEN.finditer(text, g.end(), hi)
             if m.group(0).lower() not in _STOP and len(m.group(0)) > 2}
    if not words:
        return None
    for start, end, _k in _read(text).spans:
        if text[end : end + 1] == "-" or mention_cue(text, start) is not None:
            continue  # "a 4-wheeler" names a thing; "at least 20 bottles" is a limit, not a rate
        if {_stem(m.group(0)) for m in _TOKEN.finditer(text[end : end + 30])}.intersection(_KINDS):
            continue  # "two factory types" counts kinds of things
        after = _TIMES_AFTER.match(text, end)
        if after and after.group(1):
            continue  # "3 times as many": a ratio
        rated = _units(text, start, end, 3, 0) if after else _units(text, start, end, 0, 2)  # "changed 3 times"
        if any(_similar(u, w) for u in rated for w in words):
            return None
    sense = "max" if re.search(r"maxim|largest|most", g.group(0), re.IGNORECASE) else "min"
    tokens = [m.group(0) for m in _TOKEN.finditer(text)]
    category = any(_stem(token) in words and {_stem(t) for t in tokens[max(0, i - 3) : i]} & _CATEGORY
                   for i, token in enumerate(tokens))
    return _CountGoal(sense, words, g.end(), hi, category)


def count_goal(text: str, program: str) -> tuple[str, set[int]] | None:
    """The sense ("max" / "min") and the variables (1-based) whose plain count the text maximises
    or minimises: "minimise the total number of vans" -> the vans; every variable for a count of
    all the decisions ("the number of vehicles", where vans and trucks are two types of
    vehicles). None when the goal is not a count, or counts something the text gives rates of
    ("the number of people treated" with "a dose treats 12 people"), which the objective's
    coefficients carry."""
    goal = _count_words(text)
    if goal is None:
        return None
    n_vars = len(program.splitlines()[0].split()) if program.strip() else 0
    everything = set(range(1, n_vars + 1))
    r = _read(text)
    if len(r.names) == n_vars and n_vars > 1:
        return goal.sense, set(_named(text, r.names, goal.start, goal.end, r.alias)) or everything
    if goal.category:
        return goal.sense, everything
    lexicon = _word_lexicon(text, r.spans, _parse(program, r.values), n_vars)
    owners = {v for w in goal.words if (v := _owner(lexicon, w, share=0.5)) is not None}
    return goal.sense, owners or everything


def _similar(a: str, b: str) -> bool:
    """Stems of one word ("change" and "changed")."""
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))


def objective_score(text: str, program: str) -> tuple[float, str | None]:
    """+1 when a count goal (`count_goal`) is written as the plain sum of the variables it counts,
    -1 when it is not (with that sum as the objective line to use instead); 0 when the goal is
    not a count."""
    goal = count_goal(text, program)
    lines = program.splitlines()
    if goal is None or len(lines) < 2 or not lines[1].startswith(("max", "min")):
        return 0.0, None
    sense, target = goal
    words = lines[1].split()
    used = {int(m.group(1)) for w in words if (m := _VAR.match(w))}
    plain = not any(_NUMBER.match(w) and w != "1" for w in words) and "-" not in words
    if used == target and plain and words[0] == sense:
        return 1.0, None
    return -1.0, f"{sense} " + " + ".join(f"x{v}" for v in sorted(target))


_WHOLE = re.compile(r"\b(?:integers?|integral|whole numbers?|whole units?|indivisible|fraction(?:al|ed|s)?)\b", re.IGNORECASE)
_NOT_WHOLE = re.compile(r"\b(?:non-?integer|continuous|need not be (?:an )?integers?|can be fractional|"
                        r"fraction\w* (?:\w+ ){0,3}(?:are|is) (?:allowed|acceptable|possible|fine))\b", re.IGNORECASE)


def integer_score(text: str, program: str) -> tuple[float, str | None]:
    """+1 when a text that says its decisions are whole numbers ("must be integers", "cannot be
    fractional") gets integer variables, -1 when some are real (with the kinds line to use
    instead); 0 when the text does not say."""
    lines = program.splitlines()
    if not lines or not _WHOLE.search(text) or _NOT_WHOLE.search(text):
        return 0.0, None
    kinds = lines[0].split()
    if all(k == "I" for k in kinds):
        return 1.0, None
    return -1.0, " ".join("I" for _ in kinds)


def entity_score(text: str, program: str) -> float:
    """Agreement of a program with the words around its numbers: its limits and coefficients on
    the variables the text attaches them to, each row's numbers counting one thing (`unit_score`),
    its rows and goal as the words spell them out and its variables' kinds; positive when they
    agree, negative when not, 0 when the text does not say."""
    base = sum(score for score, _move in _rows(text, program)[1])
    expressions = sum(score for score, _line in expression_rows(text, program))
    return (base + unit_score(text, program) + objective_score(text, program)[0] + expressions
            + integer_score(text, program)[0])


def entity_fix(text: str, program: str) -> str | None:
    """The program with the left-hand sides its labels say are on other variables (see
    `_label_rows`) moved onto those, ratios they say are the other way round turned, rows written
    as their limits' words spell them out (`expression_rows`), a count goal written as a plain sum
    (`objective_score`) and integer variables where the text says whole numbers; None when
    nothing changes."""
    from optmodel.model.cues import value_cues

    rows, scored = _rows(text, program)
    cues = value_cues(text)
    lines = program.splitlines()
    _score, objective = objective_score(text, program)
    _score, kinds = integer_score(text, program)
    changed = objective is not None or kinds is not None
    if objective is not None:
        lines[1] = objective
    if kinds is not None:
        lines[0] = kinds
    for i, (row, (_score, move)) in enumerate(zip(rows, scored, strict=True)):
        if move is None or move == row.lhs:
            continue
        words, targets = lines[i + 1].split(), iter(move)
        for j, word in enumerate(words):
            if word in ("<=", ">=", "="):
                said = cues[row.rhs] if row.rhs is not None else None
                if said is not None and len(said) == 1:  # "at most 10": the moved row says <= too
                    words[j] = next(iter(said))
                if row.kind != "ratio":
                    break
            elif _VAR.match(word):
                words[j] = f"x{next(targets)}"
        lines[i + 1] = " ".join(words)
        changed = True
    for i, (_score, line) in enumerate(expression_rows(text, program)):
        if line is not None:  # the row as its words spell it out wins over a moved one
            lines[i + 2] = line
            changed = True
    return "\n".join(lines) if changed else None
