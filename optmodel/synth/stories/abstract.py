"""Semi-algebraic "resource allocation" problems in the style of LLM-written benchmark sets.

Why: a large share of real evaluation problems (MAMO EasyLP and its kin) are not stories about
chairs and tables but formal allocation exercises: an organisation splits units between 2-4
labelled projects ("Project X", "x1", "programs A, B and C", "Route 1") under bullet-listed
conditions such as "the combined allocation to X and Y cannot exceed 20 units", "twice X plus Y
must be at least 10", "X minus Y should not exceed 5" or "X must be no less than 40% of the
total", with literal "\\n" escapes between paragraphs and a closing "rounded to the nearest whole
number" question. This generator writes such problems with many organisations, labelling styles,
sentence templates and layouts, deriving every right-hand side from a hidden feasible point so
each sample has an optimum.
"""

from __future__ import annotations

import random

from optmodel.errors import OptModelError
from optmodel.model.numbers import NUMBER_WORDS, find_numbers
from optmodel.model.program import to_tokens
from optmodel.synth.stories import variety
from optmodel.synth.stories.tables import load_tables

# ---------------------------------------------------------------- settings
# (organisation, short reference, item kinds, descriptive item names, allocation units
#  [(plural, singular, integral? None = must be stated)], reason units are indivisible,
#  objective nouns for max)
TABLES = load_tables("abstract")
SENTENCES = variety.Phrases(TABLES["sentences"], TABLES.get("more_sentences"))
SETTINGS = TABLES["settings"]

LETTER_SETS = TABLES["letter_sets"]
VAR_SETS = TABLES["var_sets"]
COUNT_WORD = TABLES["count_word"]
WORDS = NUMBER_WORDS
RESOURCES = TABLES["resources"]
OUTPUTS = TABLES["outputs"]
FILLER = TABLES["filler"]
OBJECTIVE = TABLES["objective"]


# ---------------------------------------------------------------- helpers
def _num(v: float, rng: random.Random, words: bool = True) -> str:
    """A number as text: digits (with or without thousands separators), sometimes a word."""
    if float(v).is_integer():
        v = int(v)
        if words and v in WORDS and rng.random() < 0.12:
            return WORDS[v]
        if v >= 1000 and rng.random() < 0.7:
            return f"{v:,}"
        return str(v)
    return f"{v:g}"


def _money(v: float, rng: random.Random, style: str) -> str:
    if style == "dollar":
        if not float(v).is_integer() and rng.random() < 0.5:
            return f"${v:,.2f}"
        return "$" + _num(v, rng, words=False)
    if style == "units":
        return _num(v, rng, words=False)
    word = {"dollars": "dollar", "points": "point"}[style]
    return _num(v, rng, words=False) + " " + (word if v == 1 else word + "s")


def _prog_num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _term(c: float, i: int) -> str:
    return f"x{i + 1}" if c == 1 else f"{_prog_num(c)} x{i + 1}"


def _linear(coefs: list[tuple[int, float]]) -> str:
    """Sum in index order; negative coefficients become `- c xi`."""
    out = ""
    for i, c in sorted(coefs):
        if not out:
            out = _term(c, i) if c > 0 else "- " + _term(-c, i)
        else:
            out += (" + " if c > 0 else " - ") + _term(abs(c), i)
    return out


def _join(items: list[str], conj: str = "and") -> str:
    if len(items) == 2:
        return f"{items[0]} {conj} {items[1]}"
    return ", ".join(items[:-1]) + f"{',' if len(items) > 3 else ''} {conj} {items[-1]}"


def _nice_up(v: float, rng: random.Random) -> float:
    """A round number >= v with some slack."""
    v = v + rng.choice([0, 0, 1, 2, 3, 5]) * max(1, v * 0.05)
    step = 1 if v < 40 else 5 if v < 400 else 50 if v < 4000 else 500
    return float(int(-(-v // step) * step))


def _nice_down(v: float, rng: random.Random) -> float:
    """A round positive number <= v with some slack (0 if v < 1)."""
    v = v - rng.choice([0, 0, 1, 2, 3]) * max(1, v * 0.05)
    step = 1 if v < 40 else 5 if v < 400 else 50 if v < 4000 else 500
    return float(int(v // step) * step)


def _coef_phrase(c: float, ref: str, rng: random.Random) -> str:
    if c == 1:
        return ref
    if c == 2:
        return rng.choice(SENTENCES["twice_ref"]).format(ref=ref)
    if c == 3:
        return rng.choice(SENTENCES["thrice_ref"]).format(ref=ref)
    if c == 0.5:
        return rng.choice(SENTENCES["half_ref"]).format(ref=ref)
    return _fill(rng, "times_ref", {"c": _prog_num(c), "ref": ref})


def _fill(rng: random.Random, keys: str | list[str], fields: dict) -> str:
    """`SENTENCES.say`, with `{kind}` and `{kinds}` left in the text for `_attempt` to fill."""
    return SENTENCES.say(rng, keys, **({"kind": "{kind}", "kinds": "{kinds}"} | fields))


def _template(rng: random.Random, key: str) -> str:
    """One unfilled template of `SENTENCES[key]` (no draw when there is one), for a part that
    repeats per item with the same wording."""
    templates = SENTENCES[key]
    return templates[0] if len(templates) == 1 else rng.choice(templates)


class _Ctx:
    """Everything the sentence templates of one sample need."""

    def __init__(self, rng: random.Random, names: list[str], alloc: str, unit: tuple, integral: bool) -> None:
        self.rng = rng
        self.names = names
        self.alloc = alloc
        self.unit_pl, self.unit_sg = unit[0], unit[1]
        self.integral = integral

    def nm(self, i: int) -> str:
        return self.names[i]

    def ref(self, i: int) -> str:
        if self.rng.random() < 0.2:
            return self.names[i]
        return self.alloc.format(N=self.names[i], U=self.unit_pl)

    def units(self, q: float) -> str:
        u = self.rng.choice([self.unit_pl, self.unit_pl, "units"])
        return f"{_num(q, self.rng)} {self.unit_sg if q == 1 else u}"

    def cap(self, s: str) -> str:
        if any(s.startswith(n) for n in self.names) or s.startswith("$"):
            return s
        return s[0].upper() + s[1:]

    def say(self, keys: str | list[str], **fields) -> str:
        """A sentence from the templates `keys` (see `_fill`), its first letter capitalised."""
        return self.cap(_fill(self.rng, keys, fields))


# ---------------------------------------------------------------- constraint kinds
# each returns (sentence text, [program lines]) or None when it does not fit the hidden point


def _sum(ctx: _Ctx, p: list[int], idx: list[int], op: str):
    rng = ctx.rng
    val = sum(p[i] for i in idx)
    if op == "<=":
        q = _nice_up(val, rng)
    elif op == ">=":
        q = _nice_down(val, rng)
        if q < 2:
            return None
    else:
        q = float(val)
    names = _join([ctx.nm(i) for i in idx])
    allv = len(idx) == len(p)
    U = ctx.units(q)
    Q = _num(q, rng)
    key = {"<=": "sum_at_most", ">=": "sum_at_least", "=": "sum_exactly"}[op]
    t = ctx.say([key, key + "_all"] if allv else key, names=names, U=U, Q=Q, units=ctx.unit_pl, n=len(idx))
    return t, [f"{' + '.join(f'x{i + 1}' for i in idx)} {op} {_prog_num(q)}"]


def _weighted(ctx: _Ctx, p: list[int], idx: list[int], op: str):
    rng = ctx.rng
    coefs = [rng.choice([0.5, 1, 1.5, 2, 2, 2.5, 3, 3, 4, 5]) for _ in idx]
    if all(c == 1 for c in coefs):
        coefs[rng.randrange(len(coefs))] = rng.choice([2, 3, 1.5])
    val = sum(c * p[i] for c, i in zip(coefs, idx, strict=True))
    q = _nice_up(val, rng) if op == "<=" else _nice_down(val, rng)
    if q < 2:
        return None
    Q = _num(q, rng)
    lines = [f"{_linear(list(zip(idx, coefs, strict=True)))} {op} {_prog_num(q)}"]
    style = rng.random()
    if style < 0.35:  # resource consumption / contribution story
        if op == "<=":
            res_pl, res_sg = rng.choice(RESOURCES)
            parts = [f"{_num(c, rng, False)} {res_sg if c == 1 else res_pl}" for c in coefs]
            verb = rng.choice(SENTENCES["unit_uses"])
            sg = ctx.unit_sg if rng.random() < 0.5 else "unit"
            if rng.random() < 0.5:
                each = _template(rng, "uses_each")
                items = [
                    each.format(sg=sg, name=ctx.nm(i), verb=verb, part=part)
                    for i, part in zip(idx, parts, strict=True)
                ]
                t = ctx.say("uses_limit", items=_join(items), Q=Q, res=res_pl)
            else:
                need = res_pl.split(" of ")[-1] if " of " in res_pl else res_pl  # "supervision"
                names = _join([ctx.nm(i) for i in idx])
                t = ctx.say("uses_table", need=need, sg=sg, parts=_join(parts), names=names, Q=Q, res=res_pl)
        else:
            out_pl, out_sg = rng.choice(OUTPUTS)
            parts = [f"{_num(c, rng, False)} {out_sg if c == 1 else out_pl}" for c in coefs]
            sg = ctx.unit_sg if rng.random() < 0.5 else "unit"
            each = _template(rng, "provides_each")
            items = [
                each.format(sg=sg, name=ctx.nm(i), part=part) for i, part in zip(idx, parts, strict=True)
            ]
            t = ctx.say("provides_total", items=_join(items), Q=Q, out=out_pl)
        return t, lines
    phrases = [_coef_phrase(c, ctx.ref(i), rng) for c, i in zip(coefs, idx, strict=True)]
    expr = " plus ".join(phrases) if rng.random() < 0.6 else ", ".join(phrases[:-1]) + " and " + phrases[-1]
    combined = " plus " in expr
    if op == "<=":
        tail = rng.choice(SENTENCES["at_most"])
    else:
        tail = rng.choice(SENTENCES["at_least"])
    if combined and rng.random() < 0.7 and not expr[0].isdigit():
        t = f"{ctx.cap(expr)} {tail} {Q}."
    elif rng.random() < 0.5:
        t = ctx.say("weighted_sum", expr=expr, tail=tail, Q=Q)
    else:
        parts = [
            f"{_num(c, rng, False)} {'unit' if c == 1 else 'units'} of {ctx.nm(i)}"
            for c, i in zip(coefs, idx, strict=True)
        ]
        t = ctx.say("weighted_combination", parts=_join(parts), tail=tail, Q=Q)
    return t, lines


def _diff(ctx: _Ctx, p: list[int], i: int, j: int, op: str):
    rng = ctx.rng
    d = p[i] - p[j]
    if op == ">=":
        if d < 0:
            i, j, d = j, i, -d
        if d < 1:
            return None
        c = float(rng.randint(1, d)) if d < 40 else _nice_down(d, rng)
    else:
        c = _nice_up(max(d, 0) + rng.randint(0, 4), rng)
        if c < 2:
            c = float(rng.randint(2, 6))
    C = _num(c, rng)
    t = ctx.say(
        "gap_at_most" if op == "<=" else "gap_at_least",
        first=ctx.nm(i),
        second=ctx.nm(j),
        Q=C,
        First_ref=lambda: ctx.cap(ctx.ref(i)),
        first_ref=lambda: ctx.ref(i),
        second_ref=lambda: ctx.ref(j),
    )
    return t, [f"x{i + 1} - x{j + 1} {op} {_prog_num(c)}"]


def _wdiff(ctx: _Ctx, p: list[int], i: int, j: int, op: str):
    rng = ctx.rng
    a = rng.choice([1, 1, 2, 2, 3, 1.5])
    b = rng.choice([1, 0.5, 2, 3]) if a == 1 else rng.choice([1, 1, 0.5, 2])
    if a == b == 1:
        b = 2
    val = a * p[i] - b * p[j]
    if op == ">=":
        if val < 2:
            return None
        c = _nice_down(val, rng)
        if c < 1:
            return None
    else:
        c = _nice_up(max(val, 0) + rng.randint(0, 4), rng)
        if c < 2:
            c = float(rng.randint(2, 8))
    C = _num(c, rng)
    left = _coef_phrase(a, ctx.ref(i), rng)
    right = _coef_phrase(b, ctx.ref(j), rng)
    if op == "<=":
        tail = rng.choice(SENTENCES["diff_at_most"])
    else:
        tail = rng.choice(SENTENCES["diff_at_least"])
    between = left[0].isdigit() or rng.random() >= 0.6  # a sentence does not start with a digit
    t = ctx.say("wdiff_between" if between else "wdiff_minus", left=left, right=right, tail=tail, Q=C)
    return t, [f"{_term(a, i)} - {_term(b, j)} {op} {_prog_num(c)}"]


def _ratio(ctx: _Ctx, p: list[int], i: int, j: int, op: str):
    rng = ctx.rng
    ks = [1, 1.5, 2, 2, 3, 4]
    ok = [k for k in ks if (p[i] >= k * p[j] if op == ">=" else p[i] <= k * p[j])]
    if not ok:
        return None
    k = rng.choice(ok)
    A, B = ctx.ref(i), ctx.ref(j)
    fields = {"First_ref": ctx.cap(A), "second_ref": B, "first": ctx.nm(i), "second": ctx.nm(j)}
    if k == 1:
        t = ctx.say("ratio_same_at_least" if op == ">=" else "ratio_same_at_most", **fields)
        return t, [f"x{i + 1} {op} x{j + 1}"]
    K = _num(k, rng)
    key = "ratio_at_least" if op == ">=" else "ratio_at_most"
    t = ctx.say(key, K=K, multiple=lambda: _coef_phrase(k, B, rng), **fields)
    return t, [f"x{i + 1} {op} {_prog_num(k)} x{j + 1}"]


def _pct(ctx: _Ctx, p: list[int], i: int, op: str):
    rng = ctx.rng
    r = p[i] / sum(p)
    if op == ">=":
        f = int(r * 20) * 5 - rng.choice([0, 0, 5])
        if f < 10:
            return None
    else:
        f = -int(-r * 20 // 1) * 5 + rng.choice([0, 0, 5])
        if f > 90 or f / 100 < r:
            return None
    pct = rng.choice(SENTENCES["percent"]).format(f=f)
    A = ctx.ref(i)
    tot = rng.choice(SENTENCES["share_of_total"])
    t = ctx.say(
        "pct_at_least" if op == ">=" else "pct_at_most", Ref=ctx.cap(A), pct=pct, total=tot, name=ctx.nm(i)
    )
    allv = " + ".join(f"x{k + 1}" for k in range(len(p)))
    return t, [f"x{i + 1} {op} {_prog_num(f / 100)} ( {allv} )"]


def _bound(ctx: _Ctx, p: list[int], i: int, op: str):
    rng = ctx.rng
    if op == "<=":
        q = _nice_up(p[i], rng)
    elif op == ">=":
        q = _nice_down(p[i], rng)
        if q < 2:
            return None
    else:
        q = float(p[i])
        if q < 2:
            return None
    A, N, U = ctx.ref(i), ctx.nm(i), ctx.units(q)
    t = ctx.say(
        {"<=": "bound_at_most", ">=": "bound_at_least", "=": "bound_exactly"}[op],
        name=N,
        U=U,
        Ref=ctx.cap(A),
        ref=lambda: ctx.ref(i),
        Q=lambda: _num(q, rng),
        fewer="fewer" if ctx.integral else "less",  # "no fewer than 5 nurses", "no less than 2.5 acres"
    )
    return t, [f"x{i + 1} {op} {_prog_num(q)}"]


def _bounds_list(ctx: _Ctx, p: list[int], idx: list[int], op: str):
    rng = ctx.rng
    qs = [_nice_up(p[i], rng) if op == "<=" else _nice_down(p[i], rng) for i in idx]
    if any(q < 2 for q in qs):
        return None
    nums = [_num(q, rng) for q in qs]
    names = _join([ctx.nm(i) for i in idx])
    unit = ctx.unit_pl if rng.random() < 0.6 else "units"
    t = ctx.say(
        "bounds_at_most" if op == "<=" else "bounds_at_least", names=names, nums=_join(nums), units=unit
    )
    return t, [f"x{i + 1} {op} {_prog_num(q)}" for i, q in zip(idx, qs, strict=True)]


def _range(ctx: _Ctx, p: list[int], i: int, op: str):
    rng = ctx.rng
    lo, hi = _nice_down(p[i], rng), _nice_up(p[i] + rng.randint(1, 5), rng)
    if lo < 2 or hi <= lo:
        return None
    L, H = _num(lo, rng), _num(hi, rng)
    t = ctx.say("between", name=ctx.nm(i), L=L, H=H, units=ctx.unit_pl, Ref=lambda: ctx.cap(ctx.ref(i)))
    return t, [f"x{i + 1} >= {_prog_num(lo)}", f"x{i + 1} <= {_prog_num(hi)}"]


# ---------------------------------------------------------------- the sample
def sample(rng: random.Random) -> tuple[str, str]:
    return sample_named(rng)[:2]


def sample_named(rng: random.Random) -> tuple[str, str, list[list[str]]]:
    """(text, program, names): `names[k]` holds the strings under which variable x{k+1}'s entity is
    named in the text. Why: the pointer model learns to point at the first place each variable is
    named (`first_mention`); the names are taken where the entities are chosen, not guessed from the
    text. Consumes the random stream exactly like `sample`."""
    for _ in range(50):
        out = _attempt(rng)
        if out is not None:
            return out
    raise RuntimeError("abstract: no sample")  # pragma: no cover


def _attempt(rng: random.Random) -> tuple[str, str, list[list[str]]] | None:
    org, short, kinds, descr, units, reason, gains = rng.choice(SETTINGS)
    n = rng.choices([2, 3, 4], weights=[5, 4, 2])[0]
    kind = rng.choice(kinds)
    kinds_pl = (
        kind[:-1] + "ies" if kind.endswith("y") else kind + ("es" if kind.endswith(("s", "ch")) else "s")
    )
    unit = rng.choice(units)
    if rng.random() < 0.3:
        unit = ("units", "unit", None)

    # integrality: mostly integer; generic units always state it
    base_int = unit[2] if unit[2] is not None else rng.random() < 0.75
    if unit[2] is None or rng.random() < 0.15:
        base_int = rng.random() < 0.75 if unit[2] is None else base_int
    mixed = unit[2] is None and rng.random() < 0.12
    kinds_v = [base_int] * n
    if mixed:
        kinds_v[rng.randrange(n)] = not base_int
    state_int = (
        unit[2] is None or mixed or rng.random() < 0.7 or (unit[2] is not None and unit[2] != base_int)
    )

    # naming style
    style = rng.choices(["letters", "vars", "descr", "numbered"], weights=[4, 3, 3, 1])[0]
    Kind = kind.title()
    if style == "letters":
        labels = rng.choice(LETTER_SETS)[:n]
        first = [f"{Kind} {lab}" for lab in labels]
        names = first if rng.random() < 0.5 else labels
        # the intro always lists "Project A"; a bare "A" would also match the article "A"
        entity_names = [[f] for f in first]
    elif style == "numbered":
        first = [f"{Kind} {k + 1}" for k in range(n)]
        names = first
        entity_names = [[f] for f in first]
    elif style == "vars":
        labels = rng.choice(VAR_SETS)[:n]
        first = labels
        names = labels
        entity_names = [[lab] for lab in labels]
    else:
        picks = rng.sample(descr, n)
        first = [f"the {d} {kind}" if rng.random() < 0.4 else d for d in picks]
        names = picks
        # the longer "Storage workload" where the intro uses it ("terabytes of storage" may precede)
        entity_names = [[f[4:]] if f.startswith("the ") else [d] for d, f in zip(picks, first, strict=True)]

    integral_all = all(kinds_v)
    # how a sentence refers to an allocation, filled by _Ctx.ref ({N}: the name, {U}: the units)
    allocs = SENTENCES["alloc_ref"] + SENTENCES["alloc_ref_counted" if integral_all else "alloc_ref_amount"]
    if style == "vars":
        allocs += ["{N}", "{N}"]  # a variable is also named bare
    ctx = _Ctx(rng, names, rng.choice(allocs), unit, integral_all)

    # hidden feasible point
    scale = rng.choices([1, 1, 1, 5, 10, 100], weights=[4, 3, 3, 2, 1, 1])[0]
    p = [rng.randint(1, 30) * scale for _ in range(n)]
    sense = rng.choice(["min", "max"])

    # constraints: one main constraint that makes the problem meaningful, then extras
    allidx = list(range(n))
    made: list[tuple[str, list[str]]] = []
    if sense == "max":
        main_rule = rng.choices(["sum_le", "w_le", "ub_list", "sum_eq"], weights=[5, 3, 2, 1])[0]
    else:
        main_rule = rng.choices(["sum_ge", "w_ge", "sum_eq", "lb_list"], weights=[5, 3, 1, 1])[0]
    if main_rule == "sum_le":
        made.append(_sum(ctx, p, allidx, "<="))
    elif main_rule == "sum_ge":
        made.append(_sum(ctx, p, allidx, ">="))
    elif main_rule == "sum_eq":
        made.append(_sum(ctx, p, allidx, "="))
    elif main_rule == "w_le":
        made.append(_weighted(ctx, p, allidx, "<="))
    elif main_rule == "w_ge":
        made.append(_weighted(ctx, p, allidx, ">="))
    elif main_rule == "ub_list":
        made.append(_bounds_list(ctx, p, allidx, "<="))
    else:
        made.append(_bounds_list(ctx, p, allidx, ">="))
    if made[0] is None:
        return None

    target = rng.choices([2, 3, 4, 5, 6], weights=[3, 4, 4, 2, 1])[0]
    tries = 0
    used_keys: set[str] = {main_rule}
    while sum(len(m[1]) for m in made) < target and tries < 30:
        tries += 1
        kind_c = rng.choices(
            ["sum", "weighted", "diff", "wdiff", "ratio", "pct", "bound", "range", "eq"],
            weights=[3, 3, 4, 2, 2, 2, 4, 1, 0.4],
        )[0]
        i, j = rng.sample(allidx, 2)
        op = rng.choice(["<=", ">="])
        if kind_c == "sum":
            if n == 2:
                continue
            idx = sorted(rng.sample(allidx, rng.randint(2, n - 1)))
            res = _sum(ctx, p, idx, op)
            key = f"sum{idx}{op}"
        elif kind_c == "weighted":
            idx = sorted(rng.sample(allidx, rng.randint(2, n)))
            res = _weighted(ctx, p, idx, op)
            key = f"w{idx}{op}"
        elif kind_c == "diff":
            res = _diff(ctx, p, i, j, op)
            key = f"d{sorted((i, j))}"
        elif kind_c == "wdiff":
            res = _wdiff(ctx, p, i, j, op)
            key = f"d{sorted((i, j))}"
        elif kind_c == "ratio":
            res = _ratio(ctx, p, i, j, op)
            key = f"r{sorted((i, j))}"
        elif kind_c == "pct":
            res = _pct(ctx, p, i, op)
            key = f"p{i}"
        elif kind_c == "bound":
            res = _bound(ctx, p, i, op)
            key = f"b{i}{op}"
        elif kind_c in ("range", "eq"):
            if f"b{i}<=" in used_keys or f"b{i}>=" in used_keys:
                continue
            res = _range(ctx, p, i, op) if kind_c == "range" else _bound(ctx, p, i, "=")
            if res is not None:
                used_keys.add(f"b{i}<=")
            key = f"b{i}>="
        if res is None or key in used_keys:
            continue
        if sum(len(m[1]) for m in made) + len(res[1]) > 6:
            continue
        used_keys.add(key)
        made.append(res)
    if sense == "min" and not any(_is_need(ln) for m in made for ln in m[1]):
        return None
    rng.shuffle(made)

    # objective
    money = rng.choice(SENTENCES["money_unit"])
    if style == "vars" and "$" in names[0]:
        money = rng.choice(SENTENCES["budget_unit"])
    if sense == "max":
        money = rng.choice(["points", "points", money])
    if scale >= 10 and rng.random() < 0.6:
        coefs = [float(rng.randint(1, 60) * rng.choice([1, 5, 10])) for _ in range(n)]
    elif rng.random() < 0.2:
        coefs = [
            float(rng.choice([1.5, 2.5, 3.5, 4.5, 7.5, 12.5, 0.5]) + rng.randint(0, 10)) for _ in range(n)
        ]
    else:
        coefs = [float(rng.randint(1, 30)) for _ in range(n)]
    # what the objective counts: the total (`gain`), a unit's worth (`noun`) and the verb between
    worth = "points" if money == "points" else "units" if money == "units" else "money"
    if sense == "min":
        gain, noun, verb = OBJECTIVE["cost"]["gain"], OBJECTIVE["cost"]["noun"], OBJECTIVE["cost"]["verb"]
    elif worth == "points":
        point_gains = OBJECTIVE["points"]["gains"]
        gain = rng.choice(point_gains + [g for g in gains if any(w in g for w in point_gains)])
    elif worth == "units":
        gain = rng.choice(gains)
    else:
        money_gains = OBJECTIVE["money"]["gains"]
        gain = rng.choice(money_gains + [g for g in gains if g.split()[-1] in money_gains])
    vals = [_money(c, rng, money) for c in coefs]
    sg = ctx.unit_sg if rng.random() < 0.6 else "unit"
    if sense == "max":
        verb = rng.choice(SENTENCES["unit_yields"])
        noun = rng.choice(OBJECTIVE[worth]["nouns"] + [gain.split()[-1]])
    r = rng.random()
    if r < 0.3:
        each = _template(rng, "objective_each")
        items = [each.format(sg=sg, name=names[k], verb=verb, val=vals[k]) for k in range(n)]
        if n == 2 and rng.random() < 0.5:
            obj_t = ctx.say("objective_pair", first=items[0], second=items[1])
        else:
            obj_t = ctx.cap(_join(items) + ".")
    elif r < 0.55:
        values = _join([f"{vals[k]} for {names[k]}" for k in range(n)])
        obj_t = ctx.say("objective_per_unit", noun=noun, sg=sg, values=values)
    elif r < 0.8:
        key = "objective_respectively" if rng.random() < 0.5 else "objective_unit_nouns"
        obj_t = ctx.say(key, noun=noun, names=_join(names), values=_join(vals), sg=sg)
    else:
        each = _template(rng, "objective_one_unit")
        obj_t = " ".join(
            ctx.cap(
                each.format(
                    allocating=rng.choice(SENTENCES["allocating"]),
                    sg=sg,
                    name=names[k],
                    verb=verb,
                    val=vals[k],
                )
            )
            for k in range(n)
        )
    Short = short[0].upper() + short[1:]
    goal = ctx.say("goal_min" if sense == "min" else "goal_max", Short=Short, gain=gain)
    obj_first = rng.random() < 0.5

    # intro
    U = unit[0]
    listing = _join(first)
    orgl = org[0].lower() + org[1:]
    if U == "units":
        U = rng.choice(SENTENCES["units_word"])
    how_many = "how much of its" if U == "resources" else "how many"  # agrees with the units word
    about = {"org": org, "orgl": orgl, "U": U, "count": COUNT_WORD[n], "kinds": kinds_pl, "listing": listing}
    intro = ctx.say("intro", how_many=how_many, **about)
    if style == "vars" and rng.random() < 0.6:
        intro = ctx.say("intro_vars", **about)

    # integrality sentence
    int_t = ""
    if state_int:
        unitname = unit[0] if unit[2] is not None else rng.choice(SENTENCES["indivisible_units"])
        if mixed:
            wi = [names[k] for k in range(n) if kinds_v[k]]
            wr = [names[k] for k in range(n) if not kinds_v[k]]
            int_t = ctx.say(
                "mixed_whole_many" if len(wi) > 1 else "mixed_whole_one",
                whole=_join(wi) if len(wi) > 1 else wi[0],
                fractional=_join(wr) if len(wr) > 1 else wr[0],
            )
        elif base_int:
            if n == 2:
                both_key = "allocations_both"
            else:
                both_key = "allocations_counted" if rng.random() < 0.5 else "allocations_all"
            both = _fill(rng, both_key, {"count": COUNT_WORD[n]})
            int_t = ctx.say(
                "whole_numbers_why" if unit[2] else "whole_numbers",
                both=both,
                unitname=unitname,
                reason=reason,
                units=unit[0],
            )
        else:
            int_t = ctx.say("fractional_ok", Units=unit[0][0].upper() + unit[0][1:])

    question = ""
    r = rng.random()
    if r < 0.85:
        if sense == "min":
            question = rng.choice(SENTENCES["question_min"]).format(short=short, U=U, kind=kind)
        else:
            question = rng.choice(SENTENCES["question_max"]).format(gain=gain, short=short, U=U, kind=kind)

    # layout
    sep = rng.choice(SENTENCES["paragraph_break"])
    fmt = rng.choices(["inline", "bullet", "numbered"], weights=[3, 3, 3])[0]
    if sep == " " and fmt != "inline":
        sep = rng.choice(SENTENCES["line_break"])
    lsep = sep
    texts = [m[0].replace("{kinds}", kinds_pl).replace("{kind}", kind) for m in made]
    if fmt == "inline":
        if rng.random() < 0.4:
            joins = SENTENCES["sentence_joins"]
            texts = [
                t if k == 0 or rng.random() < 0.5 else rng.choice(joins) + _lower(t, names)
                for k, t in enumerate(texts)
            ]
        body = " ".join(texts)
        cons_block = body
    else:
        head = ctx.say("constraints_head", Short=Short)
        end = rng.choice(SENTENCES["item_end"])
        lines = []
        for k, t in enumerate(texts):
            t = t[:-1] + end if t.endswith(".") else t
            mark = rng.choice(["- "]) if fmt == "bullet" else ""
            if fmt == "bullet":
                mark = ["- ", "* ", "• "][len(texts) % 3]
            else:
                mark = [f"{k + 1}. ", f"{k + 1}) ", f"({k + 1}) "][len(texts) % 3]
            lines.append(mark + t)
        cons_block = head + lsep + lsep.join(lines)

    parts = [intro]
    if rng.random() < 0.25:
        a, b = rng.randint(3, 40), rng.randint(50, 900)
        fill = rng.choice(FILLER).format(a=a, b=b, short=short, Short=Short)
        parts.insert(rng.choice([1, len(parts)]), fill)
    objpar = f"{obj_t} {goal}" if rng.random() < 0.5 else f"{goal} {obj_t}"
    if obj_first:
        parts += [objpar, cons_block]
    else:
        parts += [cons_block, objpar]
    tail = " ".join(s for s in (int_t, question) if s)
    if tail:
        if rng.random() < 0.5 and int_t:
            parts.insert(len(parts) - 1 if not obj_first else len(parts), int_t)
            if question:
                parts.append(question)
        else:
            parts.append(tail)
    text = sep.join(parts)

    program = " ".join("I" if v else "R" for v in kinds_v) + "\n"
    program += f"{sense} {_linear(list(enumerate(coefs)))}\n"
    program += "\n".join(ln for m in made for ln in m[1])
    # a number glued to a literal "\\n" ("\\nTwice ...") is not a mention: resample such rare cases
    try:
        to_tokens(program, find_numbers(text)[0])
    except OptModelError:
        return None
    return text, program, entity_names


def _lower(t: str, names: list[str]) -> str:
    if any(t.startswith(n) for n in names) or t[:2].isupper():
        return t
    return t[0].lower() + t[1:]


def _is_need(line: str) -> bool:
    """A `>=`/`=` line with only positive terms and a constant right side: it forces a positive allocation."""
    words = line.split()
    return (
        "-" not in words
        and "(" not in words
        and (">=" in words or "=" in words)
        and not words[-1].startswith("x")
    )
