"""Requirement/covering stories in the NL4Opt style: pick how many of 2-4 options to use so that
stated requirements are met ("at least 300 ducks must be transported", "the mix must contain at
least 50 units of protein") at the lowest cost, time, pollution, fuel or head-count, with side
constraints (caps, budgets, proportions, comparisons, minimum counts); a minority maximise a
reach-type quantity under a budget instead.

Why: covering problems are a large share of human-written textbook LPs, and their language (needs,
minimums, "at least", budgets and "no more than 30% of ...") differs from the production-planning
stories; a model that only saw resource-capacity stories misreads them. Every sample is feasible
by construction: a hidden plan x* is drawn first and every constraint is stated so that x* meets it,
while all objective/budget coefficients are positive so the problem is bounded.
"""

from __future__ import annotations

import random

from optmodel.model.numbers import NUMBER_WORDS
from optmodel.synth.stories import first_mention, variety
from optmodel.synth.stories.tables import load_tables

# --------------------------------------------------------------------------------------------
# small helpers


def _an(word: str) -> str:
    vowel = word[0].lower() in "aeiou" or word.lower().startswith("hour")
    return ("an " if vowel else "a ") + word


def _cap(s: str) -> str:
    return s[0].upper() + s[1:] if s else s


def _pn(v: float) -> str:
    """A number as written in the program."""
    if float(v).is_integer():
        return str(int(v))
    return repr(round(float(v), 6))


_WORDNUM = NUMBER_WORDS


def _tn(rng: random.Random, v: float, money: bool = False) -> str:
    """A number as written in the text."""
    if money:
        if float(v).is_integer():
            v = int(v)
            return f"${v:,}" if v >= 1000 and rng.random() < 0.8 else f"${v}"
        return f"${v:,.2f}"
    if float(v).is_integer():
        v = int(v)
        if v >= 1000 and rng.random() < 0.6:
            return f"{v:,}"
        return str(v)
    return _pn(v)


def _small(rng: random.Random, v: int) -> str:
    """A small count, sometimes written as a word."""
    if v in _WORDNUM and rng.random() < 0.3:
        return _WORDNUM[v]
    return str(v)


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} and {items[1]}"
    return ", ".join(items[:-1]) + ", and " + items[-1]


def _join_or(items: list[str]) -> str:
    if len(items) == 2:
        return f"{items[0]} or {items[1]}"
    return ", ".join(items[:-1]) + ", or " + items[-1]


def _nice_floor(v: float) -> float:
    if v < 30:
        step = 1
    elif v < 200:
        step = 5
    elif v < 1000:
        step = 10
    elif v < 5000:
        step = 50
    elif v < 50000:
        step = 100
    else:
        step = 1000
    return max(step, int(v // step) * step)


def _nice_ceil(v: float) -> float:
    f = _nice_floor(v)
    if f >= v - 1e-9:
        return f
    step = (
        1 if v < 30 else 5 if v < 200 else 10 if v < 1000 else 50 if v < 5000 else 100 if v < 50000 else 1000
    )
    return f + step


def _round_step(v: float, step: float) -> float:
    r = round(v / step) * step
    r = max(step, r)
    return round(r, 2) if step < 1 else int(r)


# --------------------------------------------------------------------------------------------
# options (the decision variables)


def C(sg: str, pl: str | None = None, s: float = 1.0, name: str | None = None) -> dict:
    """A countable option: trucks, trips, workers, ads, servings. `name` is the entity's own name when
    the option is a container of it ("Brand A" in "can of Brand A"); it is what the text points at."""
    pl = pl or sg + "s"
    return {
        "kind": "I",
        "names": [name] if name else [sg, pl],
        "each": f"each {sg}",
        "a": _an(sg),
        "per": f"per {sg}",
        "q": lambda n, sg=sg, pl=pl: f"{n} {pl}",
        "one": f"one {sg}",
        "ref": f"the number of {pl}",
        "short": pl,
        "many": "many",
        "s": s,
    }


def M(name: str, unit: str = "kilogram", units: str | None = None, s: float = 1.0) -> dict:
    """A divisible option measured in some unit: kilograms of feed, liters of juice."""
    units = units or unit + "s"
    return {
        "kind": "R",
        "names": [name],
        "each": f"each {unit} of {name}",
        "a": f"{_an(unit)} of {name}",
        "per": f"per {unit} of {name}",
        "q": lambda n, name=name, units=units: f"{n} {units} of {name}",
        "one": None,
        "ref": f"the amount of {name}",
        "short": name,
        "many": "much",
        "s": s,
    }


def H(place: str, s: float = 1.0, unit: str = "hour") -> dict:
    """A divisible option measured in operating time: hours at a mine, hours of a generator."""
    return {
        "kind": "R",
        "names": [place.removeprefix("the ")],
        "each": f"each {unit} of operation at {place}",
        "a": f"{_an(unit)} at {place}",
        "per": f"per {unit} at {place}",
        "q": lambda n, place=place, unit=unit: f"{n} {unit}s at {place}",
        "one": None,
        "ref": f"the number of {unit}s at {place}",
        "short": f"{unit}s at {place}",
        "many": "many",
        "hours": True,
        "name": place,
        "s": s,
    }


def R(sg, pl, noun, label, lunit, lo, hi, step=1, need=(), mx=None):
    """A requirement attribute (covered with >=)."""
    return dict(
        sg=sg, pl=pl, noun=noun, label=label, lunit=lunit, lo=lo, hi=hi, step=step, need=list(need), mx=mx
    )


def A(sg, pl, total, label, lunit, lo, hi, step=1, money=False, noun=None, res=False):
    """A cost-like attribute (minimised, or limited by a budget)."""
    return dict(
        sg=sg,
        pl=pl,
        total=total,
        label=label,
        lunit=lunit,
        lo=lo,
        hi=hi,
        step=step,
        money=money,
        noun=noun,
        res=res,
    )


def COST(lo, hi, step=1, suffix=""):
    return A(
        f"costs {{n}}{suffix}", f"cost {{n}}{suffix}", "total cost", "the cost", "", lo, hi, step, money=True
    )


def FUEL(lo, hi, step=1, unit="liters"):
    return A(
        f"uses {{n}} {unit} of fuel",
        f"use {{n}} {unit} of fuel",
        "total fuel consumption",
        "the fuel consumption",
        f" {unit}",
        lo,
        hi,
        step,
        noun=f"{unit} of fuel",
        res=True,
    )


def POLL(lo, hi, step=1, what="units of pollution", verb="produces", verbp="produce"):
    return A(
        f"{verb} {{n}} {what}",
        f"{verbp} {{n}} {what}",
        "total pollution",
        "the pollution",
        f" {what}",
        lo,
        hi,
        step,
        noun=what,
    )


def TIME(lo, hi, step=1, unit="hours", verb="takes", verbp="take"):
    return A(
        f"{verb} {{n}} {unit}",
        f"{verbp} {{n}} {unit}",
        "total time",
        "the time needed",
        f" {unit}",
        lo,
        hi,
        step,
        noun=unit,
        res=True,
    )


def NEED(noun, verb, verbp, label, lo, hi, step=1, need=(), mx=None, lunit=""):
    return R(f"{verb} {{n}} {noun}", f"{verbp} {{n}} {noun}", noun, label, lunit, lo, hi, step, need, mx)


def NUTR(nutr, unit, lo, hi, step=1, need=(), verb="contains", verbp="contain"):
    noun = f"{unit} of {nutr}"
    return R(
        f"{verb} {{n}} {noun}",
        f"{verbp} {{n}} {noun}",
        noun,
        f"the {nutr} content",
        f" {unit}",
        lo,
        hi,
        step,
        need,
        f"total amount of {nutr}",
    )


# --------------------------------------------------------------------------------------------
# the domains

TABLES = load_tables(
    "covering", C=C, M=M, H=H, R=R, A=A, COST=COST, FUEL=FUEL, POLL=POLL, TIME=TIME, NEED=NEED, NUTR=NUTR
)
SENTENCES = variety.Phrases(TABLES["sentences"], TABLES.get("more_sentences"))
D = TABLES["domains"]


# --------------------------------------------------------------------------------------------
# sentence builders


def _fmt_attr(rng: random.Random, attr: dict, v: float) -> str:
    return _tn(rng, v, attr.get("money", False))


def _data_sentences(rng: random.Random, opts: list[dict], attrs: list[tuple[dict, list[float]]]) -> list[str]:
    """Facts about the options: grouped per option or per attribute, or (variety level 1) a grid."""
    out: list[str] = []
    k = len(opts)
    if variety.level() >= 1 and rng.random() < 0.4:
        return [_data_grid(rng, opts, attrs)]
    if rng.random() < 0.45:  # per option
        for i, o in enumerate(opts):
            phrases = [a["sg"].format(n=_fmt_attr(rng, a, vals[i])) for a, vals in attrs]
            subj = rng.choice([o["each"], o["a"]]) if i == 0 else rng.choice([o["each"], o["a"], o["each"]])
            if len(phrases) >= 3 and rng.random() < 0.4:
                out.append(
                    f"{_cap(subj)} {_join(phrases[:-1])}. It also {phrases[-1]}.".replace(
                        "also can ", "can also "
                    )
                )
            elif len(phrases) == 1 and rng.random() < 0.3 and i > 0:
                out.append(SENTENCES.say(rng, "contrast", Subject=_cap(subj), fact=phrases[0]))
            else:
                out.append(f"{_cap(subj)} {_join(phrases)}.")
        if k >= 2 and rng.random() < 0.3:
            # merge the first two sentences with "while"
            a, b = out[0].rstrip("."), out[1].removesuffix(".")
            out = [SENTENCES.say(rng, "while", First=a, second=b[0].lower() + b[1:])] + out[2:]
        return out
    for a, vals in attrs:
        style = rng.random()
        nums = [_fmt_attr(rng, a, v) for v in vals]
        if style < 0.35:
            parts = [a["sg"].format(n=nums[i]) for i in range(k)]
            subs = [rng.choice([o["each"], o["a"]]) for o in opts]
            items = [f"{s} {p}" for s, p in zip(subs, parts, strict=True)]
            if k == 2 and rng.random() < 0.6:
                out.append(SENTENCES.say(rng, "while", First=_cap(items[0]), second=items[1]))
            else:
                out.append(_cap(_join(items)) + ".")
        elif style < 0.7:
            subs = _join([o["a"] for o in opts])
            out.append(SENTENCES.say(rng, "respectively", Subjects=_cap(subs), values=a["pl"].format(n=_join(nums))))
        else:
            unit = "" if a.get("money") else a["lunit"]
            items = [f"{n}{unit} {o['per']}" for n, o in zip(nums, opts, strict=True)]
            out.append(SENTENCES.say(rng, "per_option", Label=_cap(a["label"]), items=_join(items)))
    return out


def _data_grid(rng: random.Random, opts: list[dict], attrs: list[tuple[dict, list[float]]]) -> str:
    """The options' attributes as a table: one row per option, one column per attribute."""

    def header(a: dict) -> str:
        unit = "$" if a.get("money") else a["lunit"].strip()
        return a["label"].removeprefix("the ") + (f" ({unit})" if unit else "")

    cells = [[_pn(vals[i]) for _, vals in attrs] for i in range(len(opts))]
    return variety.grid(rng, [o["short"] for o in opts], [header(a) for a, _ in attrs], cells, "options")


def _need_sentence(rng: random.Random, req: dict, n: float, who: str) -> str:
    ns = _tn(rng, n)
    generic = [t.format(n=ns, noun=req["noun"], Who=_cap(who)) for t in SENTENCES["need"]]
    own = [t.format(n=ns, Who=_cap(who)) for t in req["need"]]
    return rng.choice(own + own + generic)


def _limit_sentence(rng: random.Random, attr: dict, b: float, who: str) -> str:
    bs = _tn(rng, b, attr.get("money", False))
    if attr.get("money"):
        return SENTENCES.say(rng, "budget", n=bs, Who=_cap(who))
    forms = SENTENCES["limit"] + (SENTENCES["limit_available"] if attr.get("res") else [])
    return rng.choice(forms).format(n=bs, total=attr["total"], noun=attr["noun"], Who=_cap(who))


def _ratio_word(rng: random.Random, k: float) -> str:
    if k == 2:
        return rng.choice(SENTENCES["twice"])
    if k == 3:
        return rng.choice(SENTENCES["thrice"])
    return f"{_pn(k)} times"


# --------------------------------------------------------------------------------------------
# the generator


def sample(rng: random.Random) -> tuple[str, str]:
    """One (problem text, program)."""
    text, program, _ = sample_named(rng)
    return text, program


def sample_named(rng: random.Random) -> tuple[str, str, list[list[str]]]:
    """One (problem text, program, names): `names[k]` lists the strings under which the entity of
    x{k+1} is named in the text. Why: the pointer model is trained to point at the first place each
    variable's entity is named (stories.first_mention); the names come from the chosen options, so
    they stay right whatever the templates say. Draws from `rng` exactly as `sample` always did."""
    dom = rng.choice(D)
    nv = rng.choices([2, 3, 4], weights=[6, 3, 1])[0]
    nv = min(nv, len(dom["pool"]))
    opts = rng.sample(dom["pool"], nv)
    kind = opts[0]["kind"] if all(o["kind"] == opts[0]["kind"] for o in opts) else "mixed"
    who_a, who = dom["who"]

    # a hidden feasible plan
    xs = [rng.randint(2, 25) if o["kind"] == "I" else rng.randint(3, 60) for o in opts]

    def vals_for(a: dict) -> list[float]:
        out = []
        base = rng.uniform(a["lo"], a["hi"])
        for o in opts:
            v = base * o["s"] * rng.uniform(0.75, 1.25)
            out.append(_round_step(v, a["step"]))
        return out

    mode = "min"
    if rng.random() < dom.get("mx", 0.18):
        mode = "max"
    nreq = 1
    if len(dom["reqs"]) > 1:
        nreq = rng.choices([1, 2, 3], weights=[4, 5, 2])[0]
        nreq = min(nreq, len(dom["reqs"]))
    reqs = rng.sample(dom["reqs"], nreq)
    if mode == "max" and nreq == 1 and len(dom["reqs"]) == 1:
        pass
    attrs = list(dom["attrs"])
    rng.shuffle(attrs)
    obj_kind = "attr"
    if mode == "min" and kind == "I" and rng.random() < 0.15:
        obj_kind = "count"
    objattr = None
    limattr = None
    if mode == "max":
        money = [a for a in attrs if a.get("money")]
        limattr = money[0] if money else attrs[0]
    else:
        if obj_kind == "attr":
            objattr = attrs[0]
            rest = attrs[1:]
            if rest and rng.random() < 0.5:
                limattr = rest[0]
        elif rng.random() < 0.6:
            limattr = attrs[0]

    reqvals = [(r, vals_for(r)) for r in reqs]
    objvals = vals_for(objattr) if objattr else None
    limvals = vals_for(limattr) if limattr else None

    def about(o: dict, prefix: str = "") -> dict:
        """What a side-constraint template may say of option `o` (`prefix`: of a second option)."""
        own = dict(ref=o["ref"], Ref=_cap(o["ref"]), short=o["short"], Short=_cap(o["short"]), many=o["many"])
        return {prefix + k: v for k, v in own.items()} | dict(Who=_cap(who), used=dom["used"], use=dom["use"])

    def expr(coefs: list[float]) -> str:
        terms = []
        for i, c in enumerate(coefs):
            if c == 1:
                terms.append(f"x{i + 1}")
            else:
                terms.append(f"{_pn(c)} x{i + 1}")
        return " + ".join(terms)

    allx = " + ".join(f"x{i + 1}" for i in range(nv))
    dot = lambda c: sum(ci * xi for ci, xi in zip(c, xs, strict=True))  # noqa: E731

    # ---- facts: (sentence, constraint-or-None); needs may come before or after the data
    data_attrs: list[tuple[dict, list[float]]] = list(reqvals)
    if objattr:
        data_attrs.append((objattr, objvals))
    if limattr:
        data_attrs.append((limattr, limvals))
    if rng.random() < 0.3:
        rng.shuffle(data_attrs)

    if mode == "max":
        maxreq, maxvals = reqvals[0]
        cover = reqvals[1:]
    else:
        maxreq, maxvals = None, None
        cover = reqvals

    need_lines: list[tuple[str, str]] = []
    for r, v in cover:
        n = _nice_floor(dot(v))
        need_lines.append((_need_sentence(rng, r, n, who), f"{expr(v)} >= {_pn(n)}"))
    lim_line = None
    if limattr:
        b = _nice_ceil(dot(limvals) * rng.uniform(1.0, 1.35))
        if limattr.get("step", 1) < 1 and not limattr.get("money"):
            b = _nice_ceil(b)
        lim_line = (_limit_sentence(rng, limattr, b, who), f"{expr(limvals)} <= {_pn(b)}")

    # ---- side constraints, each satisfied by xs
    side: list[tuple[str, str]] = []
    nside = rng.choices([0, 1, 2, 3], weights=[2, 5, 4, 1])[0]
    if mode == "max" and not cover:
        nside = max(nside, 1)
    kinds = ["cap", "min", "prop", "ratio", "asmany", "diff", "total", "cap", "prop"]
    rng.shuffle(kinds)
    used_kinds: list[str] = []
    capped: list[int] = []
    unit_total = dom["total"]
    for kd in kinds:
        if len(side) >= nside:
            break
        if kd in used_kinds and kd != "cap":
            continue
        if kind == "mixed" and kd in ("prop", "total"):
            continue
        i = rng.randrange(nv)
        o = opts[i]
        if kd == "cap":
            if i in capped:
                continue
            capped.append(i)
            c = xs[i] + rng.randint(0, 6)
            cs = _small(rng, c)
            reason = rng.choice(SENTENCES["limit_reason"])
            s = SENTENCES.say(rng, "cap", q=o["q"](cs), n=cs, reason=reason, **about(o))
            side.append((s, f"x{i + 1} <= {_pn(c)}"))
        elif kd == "min":
            if xs[i] >= 2 and rng.random() < 0.8:
                m = rng.randint(2, xs[i])
                ms = _small(rng, m)
                s = SENTENCES.say(rng, "at_least_count", q=o["q"](ms), n=ms, **about(o))
                side.append((s, f"x{i + 1} >= {_pn(m)}"))
            elif o["one"]:
                s = SENTENCES.say(rng, "at_least_one", one=o["one"], **about(o))
                side.append((s, f"x{i + 1} >= 1"))
        elif kd == "prop":
            share = xs[i] / sum(xs)
            whole = rng.choice(dom["whole"])
            if rng.random() < 0.5 and share >= 0.12:
                pct = int(share * 20) * 5
                pct = max(5, pct - 5 * rng.randint(0, 2))
                ps = f"{pct}%" if rng.random() < 0.75 else f"{pct} percent"
                s = SENTENCES.say(rng, "share_at_least", share=ps, whole=whole, **about(o))
                side.append((s, f"x{i + 1} >= {_pn(pct / 100)} ( {allx} )"))
            elif share <= 0.85:
                pct = (int(share * 20) + 1) * 5 + 5 * rng.randint(0, 2)
                pct = min(pct, 95)
                ps = f"{pct}%" if rng.random() < 0.75 else f"{pct} percent"
                s = SENTENCES.say(rng, "share_at_most", share=ps, whole=whole, **about(o))
                side.append((s, f"x{i + 1} <= {_pn(pct / 100)} ( {allx} )"))
            else:
                continue
        elif kd in ("ratio", "asmany", "diff"):
            pairs = [
                (a, b) for a in range(nv) for b in range(nv) if a != b and opts[a]["kind"] == opts[b]["kind"]
            ]
            rng.shuffle(pairs)
            done = False
            for a, b in pairs:
                oa, ob = opts[a], opts[b]
                ab = about(oa) | about(ob, "other_")
                if kd == "ratio":
                    for k in rng.sample([2, 3, 1.5], 3):
                        if xs[a] >= k * xs[b]:
                            if rng.random() < 0.5:
                                w = _ratio_word(rng, k)
                                s = SENTENCES.say(rng, "ratio_at_least", times=w, **ab)
                            else:
                                w = (
                                    _ratio_word(rng, k)
                                    .replace("double", "twice")
                                    .replace("triple", "three times")
                                )
                                s = SENTENCES.say(rng, "ratio_as_many", times=w, **ab)
                            side.append((s, f"x{a + 1} >= {_pn(k)} x{b + 1}"))
                            done = True
                            break
                        if xs[a] <= k * xs[b] and rng.random() < 0.4:
                            w = _ratio_word(rng, k)
                            s = SENTENCES.say(rng, "ratio_at_most", times=w, **ab)
                            side.append((s, f"x{a + 1} <= {_pn(k)} x{b + 1}"))
                            done = True
                            break
                elif kd == "asmany":
                    if xs[a] >= xs[b]:
                        if rng.random() < 0.3:
                            s = SENTENCES.say(rng, "not_more_than_other", **ab)
                            side.append((s, f"x{b + 1} <= x{a + 1}"))
                        else:
                            s = SENTENCES.say(rng, "at_least_other", **ab)
                            side.append((s, f"x{a + 1} >= x{b + 1}"))
                        done = True
                else:
                    if xs[a] - xs[b] >= 2:
                        d = rng.randint(2, min(xs[a] - xs[b], 15))
                        ds = _small(rng, d)
                        key = "more_than_other_count" if oa["kind"] == "I" else "more_than_other_amount"
                        s = SENTENCES.say(rng, key, n=ds, **ab)
                        side.append((s, f"x{a + 1} - x{b + 1} >= {_pn(d)}"))
                        done = True
                if done:
                    break
            if not done:
                continue
        elif kd == "total":
            t = sum(xs)
            if rng.random() < 0.6:
                c = _nice_ceil(t + rng.randint(0, 8))
                cs = _tn(rng, c)
                s = rng.choice(SENTENCES["total_at_most"]).format(
                    cs=cs, unit_total=unit_total, used=dom["used"]
                )
                if kind == "R":
                    s = SENTENCES.say(rng, "total_amount_at_most", cs=cs, unit_total=unit_total, used=dom["used"])
                side.append((s, f"{allx} <= {_pn(c)}"))
            else:
                c = max(2, _nice_floor(t - rng.randint(0, 5)))
                cs = _tn(rng, c)
                s = rng.choice(SENTENCES["total_at_least"]).format(
                    cs=cs, unit_total=unit_total, used=dom["used"]
                )
                side.append((s, f"{allx} >= {_pn(c)}"))
        used_kinds.append(kd)

    # ---- objective / question
    names, cat = _join([o["short"] for o in opts]), dom["cat"]
    if kind == "I":
        what = SENTENCES.say(rng, "what_count", names=names, cat=cat)
    elif opts[0].get("hours"):
        what = SENTENCES.say(rng, "what_hours", cat=cat)
    else:
        what = SENTENCES.say(rng, "what_amount", names=names, cat=cat)
    if mode == "max":
        goal_phrase = SENTENCES.say(rng, "max_goal", mx=maxreq["mx"])
        obj_line = f"max {expr(maxvals)}"
        best = SENTENCES.say(rng, "max_best", mx=maxreq["mx"])
    elif obj_kind == "count":
        goal_phrase = SENTENCES.say(rng, "count_goal", unit_total=unit_total)
        obj_line = f"min {allx}"
        best = SENTENCES.say(rng, "count_best", unit_total=unit_total)
    else:
        if objattr.get("money"):
            goal_phrase = rng.choice(SENTENCES["min_cost_goal"])
            best = SENTENCES.say(rng, "cost_best")
        else:
            goal_phrase = SENTENCES.say(rng, "attr_goal", total=objattr["total"])
            best = SENTENCES.say(rng, "attr_best", total=objattr["total"])
        obj_line = f"min {expr(objvals)}"
    if opts[0].get("hours"):
        how_each = SENTENCES.say(rng, "how_each_hours", use=dom["use"], cat=cat)
    else:
        how_each = SENTENCES.say(rng, "how_each", many="many" if kind == "I" else "much", use=dom["use"], cat=cat)
    fields = dict(
        what=what, used=dom["used"], use=dom["use"], who=who, Who=_cap(who), goal=goal_phrase, best=best
    )
    q_forms = [t.format(how_each=how_each, **fields) for t in SENTENCES["question"]]
    if variety.level() >= 1:
        q_forms += [t.format(**fields) for t in variety.phrases()["covering_question"]]
    early_goal = rng.random() < 0.2

    # ---- assemble
    intro_with = rng.random() < 0.8 or not dom["intro"]
    optlist = (
        _join([o["short"] for o in opts]) if rng.random() < 0.8 else _join_or([o["short"] for o in opts])
    )
    intro = rng.choice(dom["intro"]).format(A=who_a, a=who_a[0].lower() + who_a[1:], who=who, opts=optlist)
    if not intro_with:
        intro = None
    data = _data_sentences(rng, opts, data_attrs)
    if intro is None:
        # first mention must list the options in order: the first data sentence does so only when grouped per
        # attribute or when the first option is described first; both hold by construction.
        pass

    blocks: list[tuple[str, str | None]] = []
    if intro:
        blocks.append((intro, None))
    if dom.get("fill") and rng.random() < 0.25:
        f = rng.choice(dom["fill"]).format(n=rng.randint(3, 40))
        if intro:
            blocks.append((f, None))
    early_needs = intro is not None and rng.random() < 0.25
    if early_needs:
        blocks += need_lines
    blocks += [(s, None) for s in data]
    if early_goal:
        blocks.append((SENTENCES.say(rng, "early_goal", Who=_cap(who), goal=goal_phrase), None))
    if not early_needs:
        blocks += need_lines
    tail = side + ([lim_line] if lim_line else [])
    rng.shuffle(tail)
    blocks += tail
    if kind == "R" and dom.get("frac") and rng.random() < 0.4:
        blocks.append((rng.choice(dom["frac"]), None))
    elif kind == "mixed" and dom.get("fracmix") and opts[0]["kind"] == "I" and rng.random() < 0.5:
        blocks.append((rng.choice(dom["fracmix"]), None))
    elif kind == "I" and rng.random() < 0.1:
        blocks.append((SENTENCES.say(rng, "whole_numbers", unit_total=unit_total, used=dom["used"]), None))
    if early_goal:
        q = rng.choice(SENTENCES["early_goal_question"]).format(what=what, used=dom["used"])
    else:
        q = rng.choice(q_forms)
    if q:
        blocks.append((q, None))

    text = " ".join(s for s, _ in blocks)
    if "\n" in text and variety.level() >= 1:
        text = text.replace("\n ", "\n").strip()
    cons = [c for _, c in blocks if c]
    program = "\n".join([" ".join(o["kind"] for o in opts), obj_line] + cons)
    # an intro opens with who_a, which may itself contain an option's name ("An ambulance service"); the
    # intro's list of options names each one after it, so such a name is dropped there
    entity_names = [
        [n for n in o["names"] if not (intro and first_mention(who_a, [n]) is not None)] for o in opts
    ]
    return text, program, entity_names
