"""NL4Opt-style production / resource-allocation stories: a business or person decides how many of
2-4 products to make (or how many acres, liters, kilograms of each to produce), every product draws
on a few limited resources, and side rules cap, floor, compare or proportion the amounts.

Why: this is the single most common shape of human-written LP word problems, and humans write it in
endlessly different ways. The generator varies the setting (30+ domains with their own nouns,
units and verbs), the grouping of facts (per product vs per resource, two facts per sentence,
"respectively" lists), the way a per-unit profit or cost is stated, number formats, sentence order,
distractor sentences and the closing question, so the model learns the structure and not a template.
Every instance is built around a known feasible plan, so it is feasible; positive objective
coefficients with all-positive resource rows (max) or a nonnegative cost (min) keep it bounded.
"""

from __future__ import annotations

import math
import random

from optmodel.model.numbers import NUMBER_WORDS
from optmodel.synth.stories import variety
from optmodel.synth.stories.tables import load_tables

# ---------------------------------------------------------------------------------------------
# domains (datasets/stories/production.yaml): items are [singular, plural, unit] where unit null =
# countable (integer), else a [singular, plural] unit of a divisible quantity (real); resources
# are [unit singular, unit plural, noun, lo, hi, step]
# ---------------------------------------------------------------------------------------------

TABLES = load_tables("production")
SENTENCES = variety.Phrases(TABLES["sentences"], TABLES.get("more_sentences"))
DOMAINS = TABLES["domains"]

NAMES_F = TABLES["names_f"]
NAMES_M = TABLES["names_m"]
BRANDS = TABLES["brands"]

WORDS = NUMBER_WORDS


# ---------------------------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------------------------


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _pn(v: float) -> str:
    """A number as the program writes it."""
    v = round(v, 9)
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _num(rng: random.Random, v: float, words: float = 0.07) -> str:
    """A number as the text writes it: digits, thousands separators, sometimes a word."""
    if float(v).is_integer():
        v = int(v)
        if v in WORDS and rng.random() < words:
            return WORDS[v]
        if v >= 1000 and rng.random() < 0.6:
            return f"{v:,}"
        return str(v)
    return f"{v:g}"


def _money(rng: random.Random, v: float) -> str:
    if float(v).is_integer():
        v = int(v)
        s = f"{v:,}" if v >= 1000 and rng.random() < 0.7 else str(v)
    else:
        s = f"{v:.2f}" if rng.random() < 0.6 else f"{v:g}"
    r = rng.random()
    if r < 0.7:
        return f"${s}"
    if r < 0.9:
        return f"{s} dollars"
    return f"${s} USD" if rng.random() < 0.5 else f"${s}"


def _a(noun: str) -> str:
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def _join(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return f"{parts[0]} and {parts[1]}"
    return ", ".join(parts[:-1]) + ", and " + parts[-1]


def _forms(keys: list[str], draws: dict | None = None, **fields: object) -> list[str]:
    """Every template of SENTENCES[key], for each key of `keys` in order, filled with `fields`; a
    field in `draws` is a function, called once for each template that uses it, in order. Why: the
    inline lists these templates came from wrote every wording (drawing its numbers) before one was
    picked, so level 0 draws the same random numbers as they did."""
    out = []
    for key in keys:
        for t in SENTENCES[key]:
            drawn = {k: f() for k, f in (draws or {}).items() if "{" + k + "}" in t}
            out.append(t.format(**fields, **drawn))
    return out


def _lin(coefs: list[float]) -> str:
    out = []
    for i, c in enumerate(coefs):
        if c == 0:
            continue
        term = f"x{i + 1}" if c == 1 else f"{_pn(c)} x{i + 1}"
        out.append(term)
    return " + ".join(out)


def _sum(idx: list[int]) -> str:
    return " + ".join(f"x{i + 1}" for i in sorted(idx))


def _nice_up(x: float) -> float:
    if x <= 20:
        g = 1
    elif x <= 200:
        g = 5
    elif x <= 2000:
        g = 10
    elif x <= 20000:
        g = 50
    else:
        g = 500
    return max(g, math.ceil(x / g - 1e-9) * g)


def _nice_down(x: float) -> float:
    if x <= 20:
        g = 1
    elif x <= 200:
        g = 5
    else:
        g = 10
    return max(1, math.floor(x / g + 1e-9) * g)


class Item:
    def __init__(self, s: str, p: str, unit):
        self.s, self.p, self.unit = s, p, None if unit is None else tuple(unit)  # (singular, plural)
        self.real = unit is not None

    def each(self) -> str:  # "table" / "acre of wheat"
        return f"{self.unit[0]} of {self.s}" if self.real else self.s

    def many(self) -> str:  # "tables" / "acres of wheat"
        return f"{self.unit[1]} of {self.p}" if self.real else self.p

    def qty(self, n: str) -> str:
        return f"{n} {self.many()}"

    def ref(self) -> str:  # "the number of tables" / "the amount of wheat"
        if not self.real:
            return f"the number of {self.p}"
        return f"the number of {self.unit[1]} of {self.p}"

    def name(self) -> str:
        return self.p

    def names(self) -> list[str]:
        """The surface strings naming this item in the text ("table"/"tables", "wheat"): the
        item noun itself, never its unit, so the name finds the entity, not its unit."""
        return [self.s] if self.s == self.p else [self.s, self.p]


class Res:
    def __init__(self, t):
        self.us, self.up, self.noun, self.lo, self.hi, self.step = t
        self.money = self.us == "$"

    def draw(self, rng: random.Random) -> float:
        k = int(round((self.hi - self.lo) / self.step))
        return round(self.lo + self.step * rng.randint(0, k), 6)

    def q(self, rng: random.Random, v: float) -> str:
        """'3 hours of carpentry', '$30 worth of seed', '2 circuit boards'."""
        if self.money:
            return f"{_money(rng, v)} {rng.choice(SENTENCES['money_of'])} {self.noun}"
        unit = self.us if v == 1 else self.up
        if not self.noun:
            return f"{_num(rng, v)} {unit}"
        return f"{_num(rng, v)} {unit} of {self.noun}"

    def bare(self, rng: random.Random, v: float) -> str:
        """The number with its unit only: '3 hours', '$30'."""
        if self.money:
            return _money(rng, v)
        return f"{_num(rng, v)} {self.us if v == 1 else self.up}"

    def label(self) -> str:
        return self.noun if self.noun else self.up

    def avail(self, rng: random.Random, cap: float, subj: str) -> str:
        if self.money:
            m = _money(rng, cap)
            return rng.choice(SENTENCES["budget_limit"]).format(noun=self.noun, m=m, subj=subj)
        q = self.q(rng, cap)
        lab = self.label()
        per = rng.choice(SENTENCES["per_period"])
        keys = ["available", "available_of_noun" if self.noun else "available_no_noun"]
        forms = _forms(keys, dict(bare=lambda: self.bare(rng, cap)), q=q, subj=subj, per=per, lab=lab)
        return rng.choice(forms + [t.format(q=q, subj=subj, per=per) for t in _more("production_available")])


# ---------------------------------------------------------------------------------------------
# the sample
# ---------------------------------------------------------------------------------------------


def _actor(rng: random.Random, dom: dict) -> tuple[str, str, str, str | None]:
    """(intro subject, later subject, possessive pronoun, person name or None)."""
    place = dom["place"]
    r = rng.random()
    if r < 0.35:
        female = rng.random() < 0.5
        name = rng.choice(NAMES_F if female else NAMES_M)
        return name, name, "her" if female else "his", name
    short = "the " + place.split()[-1]
    if r < 0.55:
        name = rng.choice(NAMES_F + NAMES_M)
        return f"{name}'s {place}", short, "its", None
    if r < 0.7:
        b = rng.choice(BRANDS)
        return (
            f"{b} {place.title()}",
            rng.choice([short, b]),
            "its",
            None,
        )
    return _a(place), short, "its", None


def _intro(rng, dom, items, actor, subj, person) -> tuple[str, bool]:
    """The opening sentence(s); the bool says whether it names the items (in order)."""
    base, third, past = dom["verb"]
    names = [it.p for it in items]
    n = len(items)
    same_unit = len({it.unit for it in items}) == 1
    if items[0].real and same_unit:
        listed = f"{items[0].unit[1]} of {_join(names)}"
    else:
        listed = _join([it.p for it in items])
    if person and rng.random() < 0.6:
        lead = (
            rng.choice(SENTENCES["person_intro"]).format(person=person, place=dom["place"], who=dom["who"])
            + " "
        )
        actor_s = rng.choice(["She" if _pron(person) == "she" else "He", person])
    else:
        lead = ""
        actor_s = _cap(actor)
    fields = dict(Actor=actor_s, makes=third, make=base, group=dom["group"], N=WORDS[n])
    if rng.random() < 0.12:
        # does not name the items: the first fact sentence will
        keys = ["intro_kinds", "intro_plan", "intro_plan_person" if person else "intro_plan_firm"]
        forms = _forms(keys, dict(n=lambda: n if rng.random() < 0.5 else WORDS[n]), **fields)
        return lead + rng.choice(forms), False
    fields.update(
        names=_join(names),
        listed=listed,
        actor=actor if not lead else (actor_s.lower() if actor_s in ("He", "She") else actor_s),
    )
    keys = [
        "intro_makes",
        "intro_decide_count" if (not items[0].real or same_unit) else "intro_decide_amount",
        "intro_can",
        "intro_makes_and_sells" if base not in ("sell",) else "intro_sells",
        "intro_each_season" if dom.get("land") else "intro_each_week",
    ]
    return lead + rng.choice(_forms(keys, **fields)), True


def _pron(person: str) -> str:
    return "she" if person in NAMES_F else "he"


def _gen(rng: random.Random) -> tuple[str, str, list[list[str]]]:
    wording = variety.level()  # 0: the trained-on text; above: more wording (variety.py)
    dom = rng.choice(DOMAINS)
    n = rng.choices([2, 3, 4], weights=[0.55, 0.3, 0.15])[0]
    n = min(n, len(dom["items"]))
    items = [Item(*t) for t in rng.sample(dom["items"], n)]
    batch_real = dom.get("batch") and rng.random() < 0.25
    kinds = ["R" if (it.real or batch_real) else "I" for it in items]
    actor, subj, poss, person = _actor(rng, dom)
    Subj = _cap(subj)
    base, third, past = dom["verb"]
    minimize = rng.random() < 0.22
    alt = dom.get("alt") if not minimize and rng.random() < 0.35 else None
    money = "cost" if minimize else rng.choice(SENTENCES["gain_word"])

    # a known feasible plan
    plan = [rng.randint(5, 150) if it.real else rng.randint(3, 60) for it in items]

    # ---- objective coefficients
    if minimize:
        obj = [rng.choice([rng.randint(2, 60), rng.randint(5, 300), rng.randint(2, 40) + 0.5]) for _ in items]
    elif alt:
        obj = [rng.randint(2, 60) for _ in items]
    else:
        obj = [
            rng.choice(
                [rng.randint(3, 90), rng.randint(10, 400), rng.randint(2, 30) + rng.choice([0.5, 0.25, 0.75])]
            )
            for _ in items
        ]

    def obj_phrase(it: Item, v: float) -> str:
        e = it.each()
        if alt:
            does = dict(does=lambda: alt[1].format(n=_num(rng, v)))
            return rng.choice(_forms(["alt_each"], does, e=e, e_a=_a(e)))
        m = _money(rng, v)
        more = variety.phrases()["production_objective"] if wording else {"minimise": [], "maximise": []}
        if minimize:
            return rng.choice(
                _forms(["cost_each"], e=e, e_a=_a(e), m=m, make=base)
                + [t.format(e=e, e_a=_a(e), m=m, w="cost") for t in more["minimise"]]
            )
        w = money
        head = [t.format(e=e, e_a=_a(e), m=m, w=w) for t in more["maximise"]]
        net = rng.random() < 0.5
        keys = ["gain_each", "gain_net" if net else "gain_per", "gain_each_more"]
        return rng.choice(head + _forms(keys, dict(n=lambda: _num(rng, v)), e=e, e_a=_a(e), m=m, w=w))

    def obj_sentence() -> str:
        r = rng.random()
        if r < 0.3 and len(items) >= 2 and not alt:
            vals = _join([_money(rng, v) for v in obj])
            names = _join([it.p for it in items])
            w = "cost" if minimize else money
            fields = dict(Names=_cap(names), names=names, vals=vals, w=w, ws=w + "s")
            if any(it.real for it in items):
                return SENTENCES.say(rng, "gain_respectively_measured", unit=items[0].unit[0], **fields)
            return rng.choice(_forms(["gain_respectively"], **fields))
        parts = [obj_phrase(it, v) for it, v in zip(items, obj, strict=True)]
        if len(parts) == 2 and rng.random() < 0.6:
            return _cap(f"{parts[0]}{rng.choice(SENTENCES['two_joiner'])}{parts[1]}.")
        return " ".join(_cap(p) + "." for p in parts)

    # ---- resources
    pool = [Res(t) for t in dom["res"]]
    n_res = rng.choices([1, 2, 3], weights=[0.3, 0.45, 0.25])[0]
    n_res = min(n_res, len(pool))
    if minimize:
        n_res = rng.choice([0, 1, 1, 2])
    resources = rng.sample(pool, n_res)
    use = [[r.draw(rng) for _ in items] for r in resources]
    caps = []
    for r, row in zip(resources, use, strict=True):
        need = sum(a * p for a, p in zip(row, plan, strict=True))
        c = _nice_up(need * rng.uniform(1.0, 1.45))
        caps.append(c)
        r.cap = c

    def res_line(k: int) -> str:
        return f"{_lin(use[k])} <= {_pn(caps[k])}"

    res_chunks: list[tuple[str, list[str]]] = []
    as_grid = wording >= 1 and n_res and len(items) >= 2 and rng.random() < 0.4
    per_entity = not as_grid and n_res >= 2 and rng.random() < 0.5
    if as_grid:
        res_chunks, obj_done = _grid(rng, items, resources, use, caps, obj, subj, money, minimize, alt)
        res_chunks[-1:] = [(res_chunks[-1][0], res_chunks[-1][1] + [res_line(k) for k in range(n_res)])]
    elif n_res and per_entity:
        sents = []
        with_profit = rng.random() < 0.35 and not alt and not minimize
        for j, it in enumerate(items):
            qs = _join([r.q(rng, use[k][j]) for k, r in enumerate(resources)])
            verb = rng.choice(SENTENCES["item_uses"])
            e = it.each()
            s = rng.choice(
                _forms(["item_needs"], e=e, E_a=_cap(_a(e)), uses=verb, qs=qs, make=base, subj=subj)
            )
            if with_profit:
                earns = rng.choice(SENTENCES["and_earns"]).format(money=money)
                s = SENTENCES.say(rng, "needs_and_earns", needs=s, earns=earns, m=_money(rng, obj[j]))
            sents.append(s)
        if len(sents) == 2 and rng.random() < 0.5:
            text = SENTENCES.say(rng, "while", First=sents[0], second=sents[1][0].lower() + sents[1][1:])
        else:
            text = " ".join(s + "." for s in sents)
        order = list(range(n_res))
        rng.shuffle(order)
        if rng.random() < 0.5:
            cap_text = _cap(_join([resources[k].avail(rng, caps[k], subj) for k in order])) + "."
            res_chunks.append((text + " " + cap_text, [res_line(k) for k in order]))
        else:
            res_chunks.append((text, []))
            for k in order:
                res_chunks.append((_cap(resources[k].avail(rng, caps[k], subj)) + ".", [res_line(k)]))
        obj_done = with_profit
    else:
        obj_done = False
        for k, r in enumerate(resources):
            row = use[k]
            avail = r.avail(rng, caps[k], subj)
            style = rng.random()
            if style < 0.3 and len(items) >= 2:
                vals = _join([_num(rng, v) if not r.money else _money(rng, v) for v in row])
                unit = "" if r.money else f" {r.up}"
                of = f" of {r.noun}" if (r.noun and not r.money) else (f" in {r.noun}" if r.money else "")
                names = _join([it.p for it in items])
                fields = dict(Names=_cap(names), names=names, amounts=f"{vals}{unit}{of}")
                if items[0].real:
                    s = SENTENCES.say(rng, "require_respectively_measured", unit=items[0].unit[0], **fields)
                else:
                    s = SENTENCES.say(rng, "require_respectively", **fields)
                if rng.random() < 0.5:
                    text = SENTENCES.say(rng, "uses_and_available", uses=s, avail=avail)
                else:
                    text = SENTENCES.say(rng, "available_then_uses", Avail=_cap(avail), Uses=s)
            elif style < 0.65:
                parts = [
                    SENTENCES.say(
                        rng,
                        "each_uses_q",
                        e=it.each(),
                        uses=rng.choice(SENTENCES["each_uses"]),
                        q=r.q(rng, row[j]),
                    )
                    for j, it in enumerate(items)
                ]
                if rng.random() < 0.5:
                    text = SENTENCES.say(rng, "uses_then_available", Uses=_cap(_join(parts)), avail=avail)
                else:
                    text = SENTENCES.say(rng, "available_then_uses", Avail=_cap(avail), Uses=_cap(_join(parts)))
            else:
                parts = [
                    SENTENCES.say(
                        rng,
                        "a_uses_q",
                        e_a=_a(it.each()),
                        uses=rng.choice(SENTENCES["a_uses"]),
                        q=r.bare(rng, row[j]),
                    )
                    for j, it in enumerate(items)
                ]
                lead = SENTENCES.say(rng, "regarding", lab=r.label())
                text = SENTENCES.say(rng, "regarding_uses", lead=lead, uses=_join(parts), avail=avail)
            res_chunks.append((text, [res_line(k)]))

    # ---- side constraints, derived from the plan
    same_unit = len({it.unit for it in items}) == 1
    land = dom.get("land") and items[0].real
    side: list[tuple[str, list[str]]] = []
    kinds_pool = ["min", "max", "ratio_ge", "ratio_le", "diff", "total_le"]
    if same_unit:
        kinds_pool += ["pct_ge", "pct_le", "total_le", "total_ge"]
    if minimize:
        kinds_pool += ["min", "total_ge", "total_ge"]
    want = rng.choices([0, 1, 2, 3], weights=[0.15, 0.4, 0.3, 0.15])[0]
    if minimize:
        want = max(want, 1)
    want = min(want, 6 - n_res)
    used_kinds: list[str] = []
    have_demand = False
    tries = 0
    while len(side) < want and tries < 30:
        tries += 1
        kd = rng.choice(kinds_pool)
        if minimize and not have_demand and len(side) == want - 1:
            kd = rng.choice(["min", "total_ge"])
        if used_kinds.count(kd) >= (2 if kd in ("min", "max") else 1):
            continue
        c = _side(rng, kd, items, plan, dom, subj, land)
        if c is None or any(_clash(c[1][0], o[1][0]) for o in side):
            continue
        if kd in ("min", "total_ge"):
            have_demand = True
        used_kinds.append(kd)
        side.append(c)

    # ---- assemble
    intro, named = _intro(rng, dom, items, actor, subj, person)
    facts = list(res_chunks)
    obj_text = None if obj_done else obj_sentence()
    if obj_text:
        pos = rng.choice([0, len(facts)]) if facts else 0
        facts.insert(pos, (obj_text, []))
    if not named:
        body = facts + side
    else:
        body = facts + side
        if rng.random() < (0.25 if not wording else 0.6):
            rng.shuffle(body)
    # integrality note
    extra = []
    if batch_real:
        extra.append(rng.choice(SENTENCES["fractional_note"]).format(Subj=Subj, base=base))
    elif kinds.count("I") and rng.random() < 0.08:
        extra.append(rng.choice(SENTENCES["integer_note"]))
    for e in extra:
        body.append((e, []))
    if rng.random() < 0.2:
        body.insert(rng.randint(0, len(body)), (_distractor(rng, subj, dom), []))

    q = _question(rng, dom, items, subj, money, minimize, alt, same_unit)
    if not q and minimize:
        q = SENTENCES.say(rng, "goal_min_cost")
    if not q and alt:
        q = SENTENCES.say(rng, "goal_alt", goal=alt[2])
    text = " ".join([intro] + [t for t, _ in body] + ([q] if q else []))
    if as_grid:
        text = text.replace("\n ", "\n").strip()
    lines = [" ".join(kinds), f"{'min' if minimize else 'max'} {_lin(obj)}"]
    for _, ls in body:
        lines += ls
    if len(lines) < 3:
        return "", "", []
    return text, "\n".join(lines), [it.names() for it in items]


def _grid(rng, items, resources, use, caps, obj, subj, money, minimize, alt) -> tuple[list, bool]:
    """The resource table as a grid (variety level 1): one row per item, one column per resource,
    and the amounts available as a last row or in words after the table; the per-unit profit or
    cost as a column too, half of the time. Returns the text chunks (the last carries no program
    line yet) and whether the objective's numbers are stated."""
    columns = [f"{r.noun} ($)" if r.money else (f"{r.noun} ({r.up})" if r.noun else r.up) for r in resources]
    cells = [[_pn(use[k][j]) for k in range(len(resources))] for j in range(len(items))]
    with_obj = not alt and rng.random() < 0.5
    if with_obj:
        per = items[0].unit[0] if items[0].real else "unit"
        columns.append(f"{'cost' if minimize else money} per {per} ($)")
        for j, row in enumerate(cells):
            row.append(_pn(obj[j]))
    rows = [it.p for it in items]
    chunks = []
    if rng.random() < 0.5:
        rows.append(rng.choice(variety.phrases()["available_header"]))
        cells.append([_pn(c) for c in caps] + ([""] if with_obj else []))
        chunks.append(
            (variety.grid(rng, rows, columns, cells, items[0].p if len(items) == 1 else "products"), [])
        )
    else:
        chunks.append((variety.grid(rng, rows, columns, cells, "products"), []))
        chunks.append(
            (_cap(_join([r.avail(rng, c, subj) for r, c in zip(resources, caps, strict=True)])) + ".", [])
        )
    return chunks, with_obj


def _clash(a: str, b: str) -> bool:
    """Two simple bounds on the same variable and side (x1 <= 30 and x1 <= 40) would read oddly."""
    a, b = a.split(), b.split()
    return len(a) == 3 and len(b) == 3 and a[:2] == b[:2]


def _pct(rng: random.Random, p: int) -> str:
    return rng.choice(SENTENCES["percent"]).format(p=p)


def _times(rng: random.Random, k: int) -> str:
    if k == 2:
        return rng.choice(SENTENCES["twice"])
    if k == 3:
        return rng.choice(SENTENCES["thrice"])
    return rng.choice(_forms(["times"], k=k, k_word=WORDS.get(k, k)))


def _side(rng, kd, items, plan, dom, subj, land):
    n = len(items)
    base, third, past = dom["verb"]
    i = rng.randrange(n)
    it = items[i]
    Subj = _cap(subj)
    # what a side-constraint template may say: the domain's verb, who acts, and item i (`it`)
    words = dict(subj=subj, Subj=Subj, make=base, made=past, p=it.p, many=it.many(), ref=it.ref())
    words["Ref"] = _cap(it.ref())
    if kd == "min":
        v = _nice_down(plan[i] * rng.uniform(0.3, 1.0))
        if v < 2:
            return None
        q = it.qty(_num(rng, v))
        s = rng.choice(_forms(["at_least"] + (["at_least_land"] if land else []), q=q, **words))
        return s, [f"x{i + 1} >= {_pn(v)}"]
    if kd == "max":
        v = _nice_up(plan[i] * rng.uniform(1.0, 1.6))
        q = it.qty(_num(rng, v))
        n = dict(n=lambda: _num(rng, v))
        u = " " + it.unit[1] if it.real else ""
        opts = _forms(["at_most", "at_most_land" if land else "at_most_demand"], n, q=q, u=u, **words)
        return rng.choice(opts), [f"x{i + 1} <= {_pn(v)}"]
    if kd in ("ratio_ge", "ratio_le", "diff"):
        j = rng.choice([k for k in range(n) if k != i])
        jt = items[j]
        words.update(other_many=jt.many(), other_ref=jt.ref(), other_p=jt.p)
        pi, pj = plan[i], plan[j]
        same = it.unit == jt.unit
        if kd == "ratio_ge":
            kmax = pi // pj if pj else 0
            if kmax < 1:
                return None
            k = rng.randint(1, min(int(kmax), 4))
            if k == 1:
                if not same:
                    return None
                return rng.choice(_forms(["at_least_other"], **words)), [f"x{i + 1} >= x{j + 1}"]
            t = _times(rng, k)
            keys = ["times_at_least"]
            if same:
                keys.append("times_at_least" if t in ("double", "triple") else "times_as_many")
            return rng.choice(_forms(keys, times=t, **words)), [f"x{i + 1} >= {k} x{j + 1}"]
        if kd == "ratio_le":
            k = math.ceil(pi / pj)
            k = rng.randint(max(1, k), max(1, k) + 2)
            if k > 6:
                return None
            if k == 1:
                if not same:
                    return None
                return rng.choice(_forms(["at_most_other"], **words)), [f"x{i + 1} <= x{j + 1}"]
            t = _times(rng, k)
            keys = ["times_at_most"] + ([] if t in ("double", "triple") else ["ratio_at_most"])
            ratio = dict(k=lambda: k if rng.random() < 0.6 else WORDS.get(k, k))
            return rng.choice(_forms(keys, ratio, times=t, **words)), [f"x{i + 1} <= {k} x{j + 1}"]
        if not same:
            return None
        d = pi - pj
        if d >= 4 and rng.random() < 0.6:
            v = _nice_down(d * rng.uniform(0.4, 1.0))
            u = f" {it.unit[1]}" if it.real else ""
            extra = f" {it.unit[1]} of" if it.real else ""
            n = dict(n=lambda: _num(rng, v))
            opts = _forms(["more_than_other"], n, u=u, units_of=extra, **words)
            return rng.choice(opts), [f"x{i + 1} - x{j + 1} >= {_pn(v)}"]
        v = _nice_up(max(d, 0) + rng.randint(2, 15))
        u = f" {it.unit[1]}" if it.real else ""
        opts = _forms(["gap_at_most"], dict(n=lambda: _num(rng, v)), u=u, **words)
        return rng.choice(opts), [f"x{i + 1} - x{j + 1} <= {_pn(v)}"]
    tot = sum(plan)
    allv = _sum(list(range(n)))
    grp = dom["group"]
    if items[0].real:
        grp = f"{items[0].unit[1]}"
    if kd in ("pct_ge", "pct_le"):
        share = plan[i] / tot
        if kd == "pct_ge":
            p = int(share * 100) // 5 * 5
            if p < 5:
                return None
            p = rng.choice([p, max(5, p - 5), max(5, p - 10)])
            ps = _pct(rng, p)
            key = "share_at_least_land" if land else "share_at_least"
            opts = _forms([key], share=ps, grp=grp, P=_cap(it.p), **words)
            return rng.choice(opts), [f"x{i + 1} >= {_pn(p / 100)} ( {allv} )"]
        p = math.ceil(share * 100 / 5 - 1e-9) * 5
        p = min(95, rng.choice([p, p + 5, p + 10]))
        if p <= 0 or p / 100 < share:
            return None
        ps = _pct(rng, p)
        key = "share_at_most_land" if land else "share_at_most"
        opts = _forms([key], share=ps, grp=grp, P=_cap(it.p), **words)
        return rng.choice(opts), [f"x{i + 1} <= {_pn(p / 100)} ( {allv} )"]
    if kd == "total_le":
        sub = list(range(n))
        if n >= 3 and rng.random() < 0.3:
            sub = sorted(rng.sample(sub, 2))
        if len({items[k].unit for k in sub}) != 1:
            return None
        v = _nice_up(sum(plan[k] for k in sub) * rng.uniform(1.0, 1.4))
        vs = _num(rng, v)
        if len(sub) < n:
            names = _join([items[k].p for k in sub])
            u = f" {items[sub[0]].unit[1]}" if items[sub[0]].real else ""
            s = rng.choice(SENTENCES["group_at_most"]).format(names=names, vs=vs, u=u)
        elif land:
            s = rng.choice(SENTENCES["land_at_most"]).format(Subj=Subj, vs=vs, grp=grp)
        else:
            s = rng.choice(SENTENCES["total_at_most"]).format(vs=vs, grp=grp, past=past, Subj=Subj, base=base)
        return s, [f"{_sum(sub)} <= {_pn(v)}"]
    if kd == "total_ge":
        v = _nice_down(tot * rng.uniform(0.5, 1.0))
        if v < 2:
            return None
        vs = _num(rng, v)
        s = rng.choice(SENTENCES["total_at_least"]).format(vs=vs, grp=grp, past=past, Subj=Subj, base=base)
        return s, [f"{allv} >= {_pn(v)}"]
    return None


def _distractor(rng, subj, dom) -> str:
    """A sentence with no bearing on the plan; each number field is drawn for each template using it."""
    draws = dict(
        years=lambda: rng.randint(3, 40),
        growth=lambda: rng.randint(2, 30),
        staff=lambda: rng.randint(3, 60),
        rent=lambda: _money(rng, rng.randint(8, 60) * 100),
    )
    return rng.choice(_forms(["distractor"], draws, Subj=_cap(subj), who=dom["who"]))


def _question(rng, dom, items, subj, money, minimize, alt, same_unit) -> str:
    base, third, past = dom["verb"]
    names = _join([it.p for it in items])
    if items[0].real and same_unit:
        unit = items[0].unit[1]
        what = SENTENCES.say(rng, "what_of_each_measured", unit=unit)
        what2 = SENTENCES.say(rng, "what_measured", unit=unit, names=names)
    else:
        what = SENTENCES.say(rng, "what_of_each")
        what2 = SENTENCES.say(rng, "what_count", names=names)
    if alt:
        goal = alt[2]
    elif minimize:
        goal = SENTENCES.say(rng, "goal_cost")
    else:
        goal = SENTENCES.say(rng, "goal_gain", money=money)
    verb = "minimize" if minimize else "maximize"
    best = "minimum" if minimize else "maximum"
    fields = dict(
        what=what, what2=what2, subj=subj, Subj=_cap(subj), base=base, past=past, verb=verb, goal=goal
    )
    keys = ["question"] + ([] if minimize or alt else ["question_or_none"])
    opts = _forms(keys, best=best, **fields)
    return rng.choice(opts + [t.format(**fields) for t in _more("production_question")])


def _more(table: str) -> list[str]:
    """Level-1 templates of `table` in datasets/stories/variety.yaml; none at level 0."""
    return variety.phrases()[table] if variety.level() >= 1 else []


def sample_named(rng: random.Random) -> tuple[str, str, list[list[str]]]:
    """(text, program, names): names[k] lists the strings under which the entity of x{k+1} is
    named in the text. Why: the pointer model is trained to point at the first place each
    variable's entity is named (see optmodel.synth.stories.first_mention); draws exactly the
    same random numbers as `sample`."""
    while True:
        text, program, names = _gen(rng)
        if text:
            return text, program, names


def sample(rng: random.Random) -> tuple[str, str]:
    return sample_named(rng)[:2]
