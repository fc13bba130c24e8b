"""Allocation stories about money, land, time, mixtures and energy (NL4Opt style, mostly continuous).

Why: a large share of real textbook problems split a divisible quantity (dollars, acres, hours,
kilograms, MWh) between two to four uses: returns stated as percentages, minimum or maximum shares
of a total, "twice as much in A as in B", nutrient requirements of a blend, emission caps. The model
must learn that such amounts are real-valued, that "at least 40% of the money" is a fraction of the
sum of all decisions, and that percentages become fractions, while countable things (shares,
ads, servings) stay integer. Each sample is built from a known feasible point, so every program has
an optimum without calling the solver, and entities are numbered by first mention in the final text.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable

from optmodel.model.numbers import NUMBER_WORDS
from optmodel.synth.stories import first_mention, variety
from optmodel.synth.stories.tables import load_tables

# --------------------------------------------------------------------------- numbers and text

_SMALL = NUMBER_WORDS


def fmt(v: float) -> str:
    """A number as the program writes it."""
    v = round(float(v), 9)
    if v.is_integer():
        return str(int(v))
    return f"{v:.9g}"


def _digits(rng: random.Random, v: float) -> str:
    v = round(float(v), 6)
    if v.is_integer():
        n = int(v)
        if n >= 1000 and rng.random() < 0.75:
            return f"{n:,}"
        return str(n)
    return f"{v:.6g}"


def num(rng: random.Random, v: float, words: bool = True) -> str:
    if words and float(v).is_integer() and int(v) in _SMALL and rng.random() < 0.15:
        return _SMALL[int(v)]
    return _digits(rng, v)


def money(rng: random.Random, v: float) -> str:
    v = round(float(v), 6)
    if v >= 1_000_000 and v % 100_000 == 0 and rng.random() < 0.6:
        return f"${fmt(v / 1_000_000)} million"
    if not v.is_integer():
        s = f"{v:.2f}" if rng.random() < 0.7 and round(v, 2) == v else f"{v:.6g}"
        return f"${s}" if rng.random() < 0.85 else f"{s} dollars"
    d = _digits(rng, v)
    return f"${d}" if rng.random() < 0.8 else f"{d} dollars"


def pct(rng: random.Random, p: float, special: bool = True) -> str:
    """p in percent units (40 -> '40%')."""
    if special and p == 50 and rng.random() < 0.5:
        return "half"
    if special and p == 25 and rng.random() < 0.4:
        return "a quarter"
    s = fmt(p)
    r = rng.random()
    if r < 0.6:
        return f"{s}%"
    if r < 0.93:
        return f"{s} percent"
    return f"{s} per cent"


def nice(v: float, up: bool, integer: bool = False) -> float:
    """Round v to a two-significant-figure value, up or down."""
    if v <= 0:
        return 0.0
    g = 10 ** (math.floor(math.log10(v)) - 1)
    if integer:
        g = max(1, g)
    if g >= 10 and v / g >= 20:
        g *= 5 if v / g >= 50 else 1
    q = math.ceil(v / g - 1e-9) if up else math.floor(v / g + 1e-9)
    return round(q * g, 9)


def times_word(rng: random.Random, k: float) -> str:
    if k == 2:
        return rng.choice(SENTENCES["twice"])
    if k == 3:
        return rng.choice(SENTENCES["thrice"])
    return f"{fmt(k)} times"


_MARK = re.compile(r"<<(\d+)\|([^>]*)>>")


def E(i: int, name: str) -> str:
    """An entity mention; the marker lets us number variables by first mention."""
    return f"<<{i}|{name}>>"


def cap(s: str) -> str:
    m = _MARK.match(s)
    if m:
        name = m.group(2)
        return f"<<{m.group(1)}|{name[:1].upper() + name[1:]}>>" + s[m.end() :]
    return s[:1].upper() + s[1:]


# --------------------------------------------------------------------------- program pieces

Named = tuple[str, str, list[list[str]]]  # (text, program, names per variable)
Cons = tuple  # ("lin", {i: c}, op, rhs) | ("cmp", i, op, k, j) | ("diff", i, j, op, d) | ("share", [i..], op, p, [all])


def _lin(terms: dict[int, float], vm: dict[int, int]) -> str:
    out = []
    for i in sorted(terms, key=lambda i: vm[i]):
        c = terms[i]
        out.append(f"x{vm[i]}" if c == 1 else f"{fmt(c)} x{vm[i]}")
    return " + ".join(out)


def render(c: Cons, vm: dict[int, int]) -> str:
    kind = c[0]
    if kind == "lin":
        return f"{_lin(c[1], vm)} {c[2]} {fmt(c[3])}"
    if kind == "cmp":
        _, i, op, k, j = c
        rhs = f"x{vm[j]}" if k == 1 else f"{fmt(k)} x{vm[j]}"
        return f"x{vm[i]} {op} {rhs}"
    if kind == "diff":
        _, i, j, op, d = c
        return f"x{vm[i]} - x{vm[j]} {op} {fmt(d)}"
    _, group, op, p, allv = c
    return f"{_lin(dict.fromkeys(group, 1), vm)} {op} {fmt(p)} ( {_lin(dict.fromkeys(allv, 1), vm)} )"


class Story:
    """Sentences with attached constraints; assembled into (text, program)."""

    def __init__(self, rng: random.Random, n: int):
        self.rng = rng
        self.n = n
        self.head: list[tuple[str, list]] = []
        self.body: list[tuple[str, list]] = []
        self.tail: list[tuple[str, list]] = []

    def build(
        self,
        sense: str,
        obj: dict[int, float],
        kinds: list[str],
        names: list[list[str]],
        shuffle: bool = True,
    ) -> Named:
        """(text, program, names): `names[e]`, indexed by entity, are the strings naming entity e in the
        text; they come back in variable order so each variable can be found where it is first named."""
        rng = self.rng
        body = list(self.body)
        if shuffle and rng.random() < 0.6:
            rng.shuffle(body)
        sents = self.head + body + self.tail
        order: list[int] = []
        for s, _ in sents:
            for m in _MARK.finditer(s):
                i = int(m.group(1))
                if i not in order:
                    order.append(i)
        for i in range(self.n):
            if i not in order:
                order.append(i)
        vm = {e: k + 1 for k, e in enumerate(order)}
        text = self._text(sents, lambda m: m.group(2))
        lines = [" ".join(kinds[e] for e in order), f"{sense} {_lin(obj, vm)}"]
        for _, cs in sents:
            lines += [render(c, vm) for c in cs]
        named = [names[e] if self._named_first(sents, text, e, names[e]) else [] for e in order]
        return text, "\n".join(lines), named

    @staticmethod
    def _text(sents: list[tuple[str, list]], mention: Callable[[re.Match], str]) -> str:
        return " ".join(_MARK.sub(mention, cap(s.strip())) for s, _ in sents if s.strip())

    def _named_first(self, sents: list[tuple[str, list]], text: str, e: int, names: list[str]) -> bool:
        """Whether the earliest match of `names` is entity e's own mention, not an accidental earlier one
        ('rice' in 'A rice grower'); if not, the entity gets no names rather than a wrong one."""
        blank = self._text(sents, lambda m: "#" * len(m.group(2)) if int(m.group(1)) == e else m.group(2))
        at, other = first_mention(text, names), first_mention(blank, names)
        return at is not None and (other is None or other > at)


def split(rng: random.Random, total: float, n: int, integer: bool, lo: float = 0.08) -> list[float]:
    """A random positive split of `total` (rounded) into n parts."""
    w = [rng.uniform(0.4, 1.6) for _ in range(n)]
    s = sum(w)
    parts = [max(lo, x / s) * total for x in w]
    if integer:
        return [float(max(1, int(p))) for p in parts]
    return [nice(p, up=False) for p in parts]


def join_list(items: list[str]) -> str:
    if len(items) == 2:
        return f"{items[0]} and {items[1]}"
    return ", ".join(items[:-1]) + ", and " + items[-1]


# --------------------------------------------------------------------------- side constraints


def sides(st: Story, V: dict, x: list[float], k: int, integer: bool, kinds: list[str] | None = None) -> None:
    """Append k side constraints (bounds, shares, ratios, differences) satisfied by the point x.
    Template fields: {amount} is the quantity of entity i, {other} that of entity j; {q} a number
    with its entity, {n} a number alone."""
    rng = st.rng
    n = len(x)
    S = sum(x)
    pool = kinds or ["min", "max", "minshare", "maxshare", "ratio", "asmuch", "diff"]
    used: set = set()
    ents = list(range(n))
    u = V["u"]
    amt = V["amt"]
    ent = V["ent"]
    for _ in range(k):
        kind = rng.choice(pool)
        i = rng.choice(ents)
        j = rng.choice([e for e in ents if e != i])
        if (kind, i) in used:
            continue
        used.add((kind, i))
        say = dict(agent=V["agent"], verb=V["verb"], pp=V["pp"], ing=V["ing"], amount=lambda i=i: amt(i))
        say |= dict(other=lambda j=j: amt(j), reason=V["because"])
        if kind == "min":
            v = nice(x[i] * rng.uniform(0.3, 0.9), up=False, integer=integer)
            if v <= 1:
                continue
            t = SENTENCES.say(rng, "side_min", q=lambda v=v, i=i: V["nq"](u(v), i), n=lambda v=v: u(v), **say)
            st.body.append((t, [("lin", {i: 1}, ">=", v)]))
        elif kind == "max":
            v = nice(x[i] * rng.uniform(1.05, 1.6) + (1 if integer else 0), up=True, integer=integer)
            t = SENTENCES.say(rng, "side_max", q=lambda v=v, i=i: V["nq"](u(v), i), n=lambda v=v: u(v), **say)
            st.body.append((t, [("lin", {i: 1}, "<=", v)]))
        elif kind in ("minshare", "maxshare"):
            s = 100 * x[i] / S
            if kind == "minshare":
                p = math.floor(s / 5) * 5
                if p < 5:
                    continue
                op, w1, key = ">=", rng.choice(SENTENCES["at_least"]), "side_share_at_least"
            else:
                p = math.ceil(s / 5) * 5 + 5
                if p > 90:
                    continue
                op, w1, key = "<=", rng.choice(SENTENCES["at_most"]), "side_share_at_most"
            ps = pct(rng, p)
            tot = rng.choice(V["total"])
            sv = rng.choice(V["share_verb"])
            t = SENTENCES.say(rng, key, bound=w1, share=ps, whole=tot, go=sv, ent=ent(i), rule=V["rule"], **say)
            st.body.append((t, [("share", [i], op, p / 100, list(range(n)))]))
        elif kind == "ratio":
            ks = [q for q in (2, 3, 1.5, 2.5, 4) if x[i] >= q * x[j]]
            if not ks:
                i, j = j, i
                ks = [q for q in (2, 3, 1.5, 2.5, 4) if x[i] >= q * x[j]]
                say |= dict(amount=lambda i=i: amt(i), other=lambda j=j: amt(j))
            if not ks:
                kind = "asmuch"
            else:
                q = ks[0] if rng.random() < 0.6 else rng.choice(ks)
                r = rng.random()
                times = lambda q=q: times_word(rng, q)  # noqa: E731
                if r < 0.3:
                    t = SENTENCES.say(rng, "side_times_at_least", times=times, **say)
                    st.body.append((t, [("cmp", i, ">=", q, j)]))
                elif r < 0.5:
                    t = SENTENCES.say(rng, "side_ratio_at_least", k=fmt(q), **say)
                    st.body.append((t, [("cmp", i, ">=", q, j)]))
                elif r < 0.7 and q == 2:
                    t = SENTENCES.say(rng, "side_at_most_half", **say)
                    st.body.append((t, [("cmp", j, "<=", 0.5, i)]))
                else:
                    t = SENTENCES.say(rng, "side_wants_times", times=times, **say)
                    st.body.append((t, [("cmp", i, ">=", q, j)]))
                continue
        if kind == "asmuch":
            if x[i] < x[j]:
                i, j = j, i
                say |= dict(amount=lambda i=i: amt(i), other=lambda j=j: amt(j))
            r = rng.random()
            if r < 0.35:
                t = SENTENCES.say(rng, "side_as_large", **say)
                st.body.append((t, [("cmp", i, ">=", 1, j)]))
            elif r < 0.65:
                t = SENTENCES.say(rng, "side_not_less", **say)
                st.body.append((t, [("cmp", i, ">=", 1, j)]))
            else:
                t = SENTENCES.say(rng, "side_not_exceed_other", **say)
                st.body.append((t, [("cmp", j, "<=", 1, i)]))
        elif kind == "diff":
            d = x[i] - x[j]
            if d > 0 and rng.random() < 0.5:
                v = nice(d * rng.uniform(0.4, 0.9), up=False, integer=integer)
                if v <= 1:
                    continue
                t = SENTENCES.say(rng, "side_diff_at_least", n=lambda v=v: u(v), **say)
                st.body.append((t, [("diff", i, j, ">=", v)]))
            else:
                v = nice(max(d, 0) + S * rng.uniform(0.05, 0.2), up=True, integer=integer)
                t = SENTENCES.say(rng, "side_diff_at_most", n=lambda v=v: u(v), **say)
                st.body.append((t, [("diff", i, j, "<=", v)]))


TABLES = load_tables("money")
SENTENCES = variety.Phrases(TABLES["sentences"], TABLES.get("more_sentences"))
_REFS = TABLES["refs"]


def _ref(agent: str) -> str:
    """How the story refers back to its actor: 'A credit union' -> 'the credit union'."""
    if agent in _REFS:
        return _REFS[agent]
    first, _, rest = agent.partition(" ")
    if first in ("A", "An", "The") and rest:
        return "the " + rest
    return agent


def vb(name: str, sg: str, pl: str) -> str:
    """Verb agreement with an entity name: 'soybeans earn', 'wheat earns', 'certificates of deposit pay'."""
    head = name.split(" of ")[0].split(" from ")[0].split()[-1]
    plural = head.endswith("s") and not head.endswith(("ss", "us", "gas"))
    return pl if plural else sg


def bare(name: str) -> str:
    """An entity name without its article ('a bond fund' -> 'bond fund'), so the name is the entity itself."""
    first, _, rest = name.partition(" ")
    return rest if first in ("a", "an", "the") and rest else name


def _agree(name: str) -> dict[str, str]:
    """Verbs of a template agreeing with an entity name ({returns}, {has}, {yields}, {earns})."""
    forms = dict(returns="return", has="have", yields="yield", earns="earn")
    return {sg: vb(name, sg, pl) for sg, pl in forms.items()}


def pick(rng: random.Random, pool: list, n: int) -> list:
    return rng.sample(pool, n)


def nvars(rng: random.Random, hi: int = 4) -> int:
    return rng.choices([2, 3, 4], weights=[5, 4, 2] if hi >= 4 else [5, 4, 0])[0]


def intro_list(rng: random.Random, names: list[str]) -> str:
    return join_list([E(i, nm) for i, nm in enumerate(names)])


# --------------------------------------------------------------------------- investments (R)

_INVEST = TABLES["invest"]


def _invest(rng: random.Random) -> Named:
    agents, pool, flavour = rng.choice(_INVEST)
    agent = rng.choice(agents)
    n = nvars(rng)
    opts = pick(rng, pool, n)
    dname = [o[0] for o in opts]
    B = rng.choice(
        [10_000, 20_000, 25_000, 40_000, 50_000, 60_000, 75_000, 100_000, 150_000, 200_000, 500_000]
    )
    if flavour in ("loans", "fund"):
        B *= rng.choice([10, 20, 50])
    x = split(rng, B * rng.uniform(0.85, 1.0), n, False)
    rates = sorted(rng.sample([2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 7, 7.5, 8, 9, 10, 11, 12], n))
    rng.shuffle(rates)
    st = Story(rng, n)
    pron = "it" if agent.startswith(("A ", "The ")) and "couple" not in agent else "they"
    if agent in ("Maria", "A retired teacher", "A nurse", "A grandmother planning a gift"):
        pron = "she"
    if agent in ("Mr. Okafor", "A young engineer"):
        pron = "he"
    Pron = pron.capitalize()
    has = "has"
    lend = flavour == "loans"
    verb, pp, ing = ("lend", "lent", "lending") if lend else ("invest", "invested", "investing")
    agent_ref = _ref(agent)
    equal = rng.random() < 0.3
    Bs = money(rng, B)
    intro_opts = intro_list(rng, [o[1] for o in opts])
    if equal:
        tot_cons = ("lin", dict.fromkeys(range(n), 1), "=", B)
        intro = rng.choice(SENTENCES["invest_exact_budget"]).format(
            agent=agent, verb=verb, Bs=Bs, intro_opts=intro_opts, has=has
        )
    else:
        tot_cons = ("lin", dict.fromkeys(range(n), 1), "<=", B)
        intro = rng.choice(SENTENCES["invest_budget_limit"]).format(
            agent=agent, Bs=Bs, verb=verb, intro_opts=intro_opts
        )
    st.head.append((intro, [tot_cons]))
    minrisk = rng.random() < 0.25
    ret_sents = []
    for i in range(n):
        r = pct(rng, rates[i], special=False)
        nm = E(i, dname[i])
        if lend:
            ret_sents.append(rng.choice(SENTENCES["loan_rate"]).format(nm=nm, r=r))
        else:
            ret_sents.append(SENTENCES.say(rng, "invest_return", nm=nm, r=r, **_agree(dname[i])))
    if rng.random() < 0.5:
        st.body.append((join_list(ret_sents) + ".", []))
    else:
        for s in ret_sents:
            st.body.append((s + ".", []))
    obj = {i: rates[i] / 100 for i in range(n)}
    sense = "max"
    if minrisk:
        risk = [rng.randint(1, 9) for _ in range(n)]
        rs = [SENTENCES.say(rng, "invest_risk", e=E(i, dname[i]), n=num(rng, risk[i], words=False)) for i in range(n)]
        st.body.append((join_list(rs) + ".", []))
        target = nice(sum(obj[i] * x[i] for i in range(n)) * rng.uniform(0.8, 0.97), up=False)
        ts = money(rng, target)
        st.body.append(
            (
                rng.choice(SENTENCES["min_return"]).format(agent_ref=agent_ref, ts=ts, Pron=Pron),
                [("lin", dict(obj), ">=", target)],
            )
        )
        obj = {i: float(risk[i]) for i in range(n)}
        sense = "min"
    elif rng.random() < 0.3:
        fee = [rng.choice([0.5, 1, 1.5, 2, 2.5, 3]) for _ in range(n)]
        if len(set(fee)) > 1:
            cap_ = nice(sum(fee[i] / 100 * x[i] for i in range(n)) * rng.uniform(1.05, 1.3), up=True)
            fs = [
                SENTENCES.say(rng, "invest_fee", r=pct(rng, fee[i], special=False), e=E(i, dname[i])) for i in range(n)
            ]
            st.body.append(
                (
                    SENTENCES.say(rng, "invest_fees", fees=join_list(fs), cap=money(rng, cap_)),
                    [("lin", {i: fee[i] / 100 for i in range(n)}, "<=", cap_)],
                )
            )
    V = dict(
        agent=agent_ref,
        verb=verb,
        pp=pp,
        ing=ing,
        u=lambda v: money(rng, v),
        nq=lambda s, i: f"{s} in {E(i, dname[i])}",
        amt=lambda i: SENTENCES.say(rng, "lend_amount" if lend else "invest_amount", pp=pp, e=E(i, dname[i])),
        ent=lambda i: E(i, dname[i]),
        total=SENTENCES["lend_total" if lend else "invest_total"],
        share_verb=SENTENCES["lend_share_verb" if lend else "invest_share_verb"],
        rule=rng.choice(SENTENCES["policy_lead"]),
        because=lambda: rng.choice(SENTENCES["limit_reason"]),
    )
    sides(st, V, x, rng.choice([1, 2, 2, 3]), False)
    if rng.random() < 0.25:
        inflation = lambda: pct(rng, rng.choice([2, 3, 4]))  # noqa: E731
        years = lambda: rng.randint(3, 15)  # noqa: E731
        st.body.append((SENTENCES.say(rng, "invest_aside", inflation=inflation, agent_ref=agent_ref, years=years), []))
    key = "invest_question_max" if sense == "max" else "invest_question_min"
    st.tail.append((SENTENCES.say(rng, key, pp=pp, verb=verb, agent_ref=agent_ref), []))
    return st.build(sense, obj, ["R"] * n, [[bare(d)] for d in dname])


# --------------------------------------------------------------------------- buying shares (I)

_SHARES = TABLES["shares"]


def _shares(rng: random.Random) -> Named:
    agent, pool, form = rng.choice(_SHARES)
    n = rng.choice([2, 2, 3])
    items = pick(rng, pool, n)
    names = [form.format(it) for it in items]
    price = [rng.choice([12, 15, 20, 25, 30, 40, 45, 50, 60, 75, 80, 120, 150]) for _ in range(n)]
    gain = [round(p * rng.choice([0.04, 0.05, 0.06, 0.08, 0.1, 0.12]), 2) for p in price]
    x = [float(rng.randint(10, 200)) for _ in range(n)]
    B = nice(sum(price[i] * x[i] for i in range(n)) * rng.uniform(1.0, 1.15), up=True)
    st = Story(rng, n)
    noun = "shares" if form.startswith("shares") else ("units" if form.startswith("units") else "items")
    st.head.append(
        (
            SENTENCES.say(
                rng, "shares_budget", agent=agent, budget=lambda: money(rng, B), items=intro_list(rng, names)
            ),
            [("lin", {i: price[i] for i in range(n)}, "<=", B)],
        )
    )
    gword = rng.choice(SENTENCES["share_gain"])
    facts = []
    for i in range(n):
        one = names[i].split(" of ")[-1] if " of " in names[i] else names[i]
        price_s, gain_s = (lambda i=i: money(rng, price[i])), (lambda i=i: money(rng, gain[i]))
        item, unit = E(i, names[i]), E(i, one)
        facts.append(SENTENCES.say(rng, "shares_fact", item=item, unit=unit, price=price_s, gain=gain_s, gword=gword))
    for f in facts:
        st.body.append((f + ".", []))
    V = dict(
        agent=_ref(agent),
        verb="buy",
        pp="bought",
        ing="buying",
        u=lambda v: f"{num(rng, v)}",
        nq=lambda s, i: f"{s} {E(i, names[i])}",
        amt=lambda i: SENTENCES.say(rng, "shares_amount", e=E(i, names[i])),
        ent=lambda i: E(i, names[i]),
        total=[t.format(noun=noun) for t in SENTENCES["shares_total"]],
        share_verb=["be"],
        rule=SENTENCES.say(rng, "shares_rule"),
        because=lambda: rng.choice(SENTENCES["share_limit_reason"]),
    )
    sides(st, V, x, rng.choice([1, 1, 2]), True, ["min", "max", "ratio", "asmuch", "minshare", "maxshare"])
    if rng.random() < 0.5:
        st.body.append((rng.choice(SENTENCES["whole_shares"]).format(noun=noun), []))
    st.tail.append((SENTENCES.say(rng, "shares_question", gain=gword.split()[-1]), []))
    # the item itself ('Northwind', 'bond ETF'), not the generic 'shares of' / 'units of'
    return st.build("max", {i: gain[i] for i in range(n)}, ["I"] * n, [[bare(it)] for it in items])


# --------------------------------------------------------------------------- advertising (R dollars or I ads)

_ADS_AGENTS = TABLES["ads_agents"]
_CHANNELS = TABLES["channels"]


def _ads(rng: random.Random) -> Named:
    agent = rng.choice(_ADS_AGENTS)
    n = nvars(rng)
    ch = pick(rng, _CHANNELS, n)
    count = rng.random() < 0.5
    st = Story(rng, n)
    aud = rng.choice(
        SENTENCES["audience"] + SENTENCES["campaign_audience" if "campaign" in agent else "reader_audience"]
    )
    aref = _ref(agent)
    if count:
        names = [c[1] for c in ch]
        cost = [rng.choice([200, 300, 450, 500, 800, 1000, 1200, 1500, 2000, 2500, 3000]) for _ in range(n)]
        reach = [rng.choice([1500, 2000, 3000, 4500, 5000, 8000, 10000, 12000, 20000]) for _ in range(n)]
        x = [float(rng.randint(2, 30)) for _ in range(n)]
        B = nice(sum(cost[i] * x[i] for i in range(n)) * rng.uniform(1.0, 1.2), up=True)
        st.head.append(
            (
                SENTENCES.say(
                    rng,
                    "ads_count_budget",
                    agent=agent,
                    budget=lambda: money(rng, B),
                    ads=intro_list(rng, names),
                ),
                [("lin", {i: cost[i] for i in range(n)}, "<=", B)],
            )
        )
        for i in range(n):
            cost_s, reach_s = (lambda i=i: money(rng, cost[i])), (lambda i=i: num(rng, reach[i]))
            one, many = E(i, ch[i][2]), E(i, names[i])
            st.body.append((SENTENCES.say(rng, "ads_fact", ad=one, ads=many, cost=cost_s, reach=reach_s, aud=aud), []))
        V = dict(
            agent=aref,
            verb="run",
            pp="run",
            ing="running",
            u=lambda v: num(rng, v),
            nq=lambda s, i: f"{s} {E(i, names[i])}",
            amt=lambda i: SENTENCES.say(rng, "ads_count_amount", e=E(i, names[i])),
            ent=lambda i: E(i, names[i]),
            total=SENTENCES["ads_count_total"],
            share_verb=["be"],
            rule=SENTENCES.say(rng, "ads_count_rule"),
            because=lambda: rng.choice(SENTENCES["ads_min_reason"]),
        )
        sides(st, V, x, rng.choice([1, 2, 2]), True)
        kinds = ["I"] * n
    else:
        names = [c[0] for c in ch]
        reach = [rng.choice([0.5, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8]) for _ in range(n)]
        B = rng.choice([5_000, 8_000, 10_000, 20_000, 30_000, 50_000, 100_000])
        x = split(rng, B * rng.uniform(0.85, 1.0), n, False)
        st.head.append(
            (
                SENTENCES.say(
                    rng, "ads_budget", agent=agent, budget=lambda: money(rng, B), media=intro_list(rng, names)
                ),
                [("lin", dict.fromkeys(range(n), 1), "<=", B)],
            )
        )
        fs = [
            SENTENCES.say(rng, "ads_reach", e=E(i, names[i]), reach=lambda i=i: num(rng, reach[i], False), aud=aud)
            for i in range(n)
        ]
        st.body.append((join_list(fs) + ".", []))
        V = dict(
            agent=aref,
            verb="spend",
            pp="spent",
            ing="spending",
            u=lambda v: money(rng, v),
            nq=lambda s, i: f"{s} on {E(i, names[i])}",
            amt=lambda i: SENTENCES.say(rng, "ads_amount", e=E(i, names[i])),
            ent=lambda i: E(i, names[i]),
            total=SENTENCES["ads_total"],
            share_verb=SENTENCES["ads_share_verb"],
            rule=SENTENCES.say(rng, "ads_rule"),
            because=lambda: rng.choice(SENTENCES["ads_max_reason"]),
        )
        sides(st, V, x, rng.choice([1, 2, 2, 3]), False)
        kinds = ["R"] * n
    st.tail.append(
        (
            rng.choice(SENTENCES["ads_question"]).format(aref=aref, aud=aud),
            [],
        )
    )
    ent_names = [[c[1], c[2]] for c in ch] if count else [[c[0]] for c in ch]
    return st.build("max", {i: reach[i] for i in range(n)}, kinds, ent_names)


# --------------------------------------------------------------------------- land (R)

_LAND = TABLES["land"]


def _land(rng: random.Random) -> Named:
    agents, crops, unit, objkind = rng.choice(_LAND)
    agent = rng.choice(agents)
    aref = _ref(agent)
    n = nvars(rng)
    names = pick(rng, crops, n)
    sg = {"acres": "acre", "hectares": "hectare", "square meters": "square meter"}[unit]
    L = rng.choice([50, 80, 100, 120, 150, 200, 250, 300, 400, 500, 1000])
    if unit == "square meters":
        L = rng.choice([200, 300, 400, 500, 600, 800])
    x = split(rng, L * rng.uniform(0.8, 1.0), n, False)
    st = Story(rng, n)
    u = lambda v: f"{num(rng, v)} {unit}"  # noqa: E731
    verb = "plant" if objkind != "carbon" else "replant"
    crops = intro_list(rng, names)
    st.head.append(
        (
            SENTENCES.say(rng, "land_intro", agent=agent, area=lambda: u(L), crops=crops, unit=unit, verb=verb),
            [("lin", dict.fromkeys(range(n), 1), "<=", L)],
        )
    )
    # (name, short name, usage per unit of land to draw from, what is available)
    resources = TABLES["land_resources"]
    if objkind == "carbon":
        val = [rng.choice([3, 4, 5, 6, 7.5, 8, 9, 10, 12]) for _ in range(n)]
    elif objkind == "yield":
        val = [rng.choice([2, 3, 4, 5, 6, 8]) for _ in range(n)]
    else:
        val = [rng.choice([150, 200, 250, 300, 350, 400, 450, 500, 600, 800]) for _ in range(n)]
    if unit == "square meters":
        resources = TABLES["garden_resources"]
    minimize = rng.random() < 0.25 and objkind != "carbon"
    val_facts = []
    for i in range(n):
        e = E(i, names[i])
        if objkind in ("carbon", "yield"):
            val_facts.append(SENTENCES.say(rng, f"land_{objkind}", sg=sg, e=e, n=num(rng, val[i])))
        else:
            profit = lambda i=i: money(rng, val[i])  # noqa: E731
            val_facts.append(SENTENCES.say(rng, "land_profit", sg=sg, e=e, profit=profit, **_agree(names[i])))
    rs = pick(rng, resources, rng.choice([1, 1, 2]) if len(resources) > 1 else 1)
    per_res = []
    for name, short, vals, avail in rs:
        a = [rng.choice(vals) for _ in range(n)]
        use = sum(a[i] * x[i] for i in range(n))
        capv = nice(use * rng.uniform(1.0, 1.2), up=True)
        if short == "cost":
            cs = SENTENCES.say(rng, "land_cost_budget", budget=money(rng, capv))
            each = [
                SENTENCES.say(rng, "land_cost_each", cost=money(rng, a[i]), sg=sg, e=E(i, names[i])) for i in range(n)
            ]
            fact = SENTENCES.say(rng, "land_costs", costs=join_list(each))
        else:
            cs = SENTENCES.say(rng, "land_available", n=lambda capv=capv: num(rng, capv), avail=avail, name=name)
            each = [
                SENTENCES.say(rng, "land_use_each", n=num(rng, a[i]), name=name, sg=sg, e=E(i, names[i]))
                for i in range(n)
            ]
            fact = SENTENCES.say(rng, "land_uses", uses=join_list(each))
        per_res.append((short, a, capv, fact, cs))
    if minimize:
        # minimize a resource (e.g. water or labor) subject to producing enough
        short, a, _, fact, _ = per_res[0]
        prod = [rng.choice([2, 3, 4, 5, 6, 8]) for _ in range(n)]
        need = nice(sum(prod[i] * x[i] for i in range(n)) * rng.uniform(0.85, 1.0), up=False)
        wt = "kg" if unit == "square meters" else "tons"
        pf = [
            SENTENCES.say(rng, "land_harvest_each", n=num(rng, prod[i]), wt=wt, sg=sg, e=E(i, names[i]))
            for i in range(n)
        ]
        st.body.append((SENTENCES.say(rng, "land_harvest", harvests=join_list(pf)), []))
        st.body.append((fact, []))
        st.body.append(
            (
                SENTENCES.say(rng, "land_harvest_need", n=lambda: num(rng, need), wt=wt, aref=aref),
                [("lin", {i: prod[i] for i in range(n)}, ">=", need)],
            )
        )
        obj = {i: float(a[i]) for i in range(n)}
        word = TABLES["resource_words"][short]
        q = rng.choice(SENTENCES["land_question_min"]).format(unit=unit, word=word)
        sense = "min"
    else:
        if rng.random() < 0.5:
            st.body.append((join_list(val_facts) + ".", []))
        else:
            for f in val_facts:
                st.body.append((f + ".", []))
        for _short, a, capv, fact, cs in per_res:
            if rng.random() < 0.5:
                st.body.append((fact + " " + cs, [("lin", {i: a[i] for i in range(n)}, "<=", capv)]))
            else:
                st.body.append((fact, []))
                st.body.append((cs, [("lin", {i: a[i] for i in range(n)}, "<=", capv)]))
        obj = {i: float(val[i]) for i in range(n)}
        goal = TABLES["land_goals"][objkind]
        q = rng.choice(SENTENCES["land_question_max"]).format(unit=unit, aref=aref, verb=verb, goal=goal)
        sense = "max"
    V = dict(
        agent=aref,
        verb=verb,
        pp=verb + "ed",
        ing=verb + "ing",
        u=u,
        nq=lambda s, i: f"{s} of {E(i, names[i])}",
        amt=lambda i: SENTENCES.say(rng, "land_amount", unit=unit, e=E(i, names[i])),
        ent=lambda i: E(i, names[i]),
        total=SENTENCES["land_total"],
        share_verb=[t.format(verb=verb) for t in SENTENCES["land_share_verb"]],
        rule=SENTENCES.say(rng, "land_rule"),
        because=lambda: rng.choice(SENTENCES["land_reason"]),
    )
    sides(st, V, x, rng.choice([0, 1, 1, 2]), False)
    if rng.random() < 0.3:
        days, crop, years = (
            (lambda: rng.randint(90, 200)),
            (lambda: rng.choice(names)),
            (lambda: rng.randint(2, 6)),
        )
        st.body.append((SENTENCES.say(rng, "land_aside", days=days, aref=aref, crop=crop, years=years), []))
    st.tail.append((q, []))
    return st.build(sense, obj, ["R"] * n, [[nm] for nm in names])


# --------------------------------------------------------------------------- time allocation (R)

_TIME = TABLES["time"]


def _time(rng: random.Random) -> Named:
    agent, pron, acts = rng.choice(_TIME)
    aref = _ref(agent)
    Pron = pron.capitalize()
    pron_obj = {"she": "her", "he": "him"}[pron]
    pron_pos = {"she": "her", "he": "his"}[pron]
    n = rng.choice([2, 2, 3, 3, 4]) if len(acts) >= 4 else rng.choice([2, 3])
    names = pick(rng, acts, n)
    H = rng.choice([20, 25, 30, 35, 40, 45, 50, 60])
    x = split(rng, H * rng.uniform(0.8, 1.0), n, False)
    pay = [rng.choice([12, 14, 15, 16, 18, 20, 22, 25, 30, 35, 40, 45, 60]) for _ in range(n)]
    if agent.startswith("A consultant"):
        pay = [p * 5 for p in pay]
    st = Story(rng, n)
    per = rng.choice(SENTENCES["per_week"])
    jobs = intro_list(rng, names)
    st.head.append(
        (
            SENTENCES.say(rng, "time_intro", agent=agent, hours=lambda: num(rng, H), per=per, jobs=jobs),
            [("lin", dict.fromkeys(range(n), 1), "<=", H)],
        )
    )
    minimize = rng.random() < 0.3
    pays = [
        SENTENCES.say(rng, "time_pay", e=E(i, names[i]), pay=lambda i=i: money(rng, pay[i]), pron_obj=pron_obj)
        for i in range(n)
    ]
    if rng.random() < 0.5:
        st.body.append((join_list(pays) + ".", []))
    else:
        for s in pays:
            st.body.append((s + ".", []))
    if minimize:
        fat = [rng.choice([1, 2, 3, 4, 5, 6, 7]) for _ in range(n)]
        need = nice(sum(pay[i] * x[i] for i in range(n)) * rng.uniform(0.8, 0.95), up=False)
        fs = [SENTENCES.say(rng, "time_stress_each", n=num(rng, fat[i], False), e=E(i, names[i])) for i in range(n)]
        st.body.append((SENTENCES.say(rng, "time_stress", scores=join_list(fs)), []))
        st.body.append(
            (
                SENTENCES.say(rng, "time_need", Pron=Pron, pron=pron, need=lambda: money(rng, need), per=per),
                [("lin", {i: float(pay[i]) for i in range(n)}, ">=", need)],
            )
        )
        obj = {i: float(fat[i]) for i in range(n)}
        q = rng.choice(SENTENCES["time_question_min"]).format(aref=aref)
        sense = "min"
    else:
        if rng.random() < 0.4:
            tr = [rng.choice([2, 3, 4, 5, 6, 8, 10]) for _ in range(n)]
            capv = nice(sum(tr[i] * x[i] for i in range(n)) * rng.uniform(1.0, 1.2), up=True)
            ts = [SENTENCES.say(rng, "time_energy_each", n=num(rng, tr[i], False), e=E(i, names[i])) for i in range(n)]
            st.body.append(
                (
                    SENTENCES.say(
                        rng,
                        "time_energy",
                        pron_pos=pron_pos,
                        drains=join_list(ts),
                        pron=pron,
                        n=num(rng, capv, False),
                        per=per,
                    ),
                    [("lin", {i: float(tr[i]) for i in range(n)}, "<=", capv)],
                )
            )
        obj = {i: float(pay[i]) for i in range(n)}
        q = rng.choice(SENTENCES["time_question_max"]).format(aref=aref)
        sense = "max"
    V = dict(
        agent=aref,
        verb="spend",
        pp="spent",
        ing="spending",
        u=lambda v: f"{num(rng, v)} hours",
        nq=lambda s, i: f"{s} on {E(i, names[i])}",
        amt=lambda i: SENTENCES.say(rng, "time_amount", e=E(i, names[i])),
        ent=lambda i: E(i, names[i]),
        total=[t.format(pron_pos=pron_pos) for t in SENTENCES["time_total"]],
        share_verb=SENTENCES["time_share_verb"],
        rule=SENTENCES.say(rng, "time_rule", Pron=Pron),
        because=lambda: rng.choice(SENTENCES["time_reason"]),
    )
    sides(st, V, x, rng.choice([1, 1, 2, 2, 3]), False)
    if rng.random() < 0.3:
        sleep, fare = (lambda: rng.randint(6, 9)), (lambda: money(rng, rng.choice([2, 2.5, 3])))
        months = lambda: rng.randint(2, 10)  # noqa: E731
        st.body.append((SENTENCES.say(rng, "time_aside", Pron=Pron, sleep=sleep, fare=fare, months=months), []))
    st.tail.append((q, []))
    return st.build(sense, obj, ["R"] * n, [[nm] for nm in names])


# --------------------------------------------------------------------------- blends and diets (R kg or I servings)

_BLENDS = TABLES["blends"]

_DIETS = TABLES["diets"]
_NUTR = TABLES["nutr"]


def _blend(rng: random.Random) -> Named:
    diet = rng.random() < 0.4
    st = Story(rng, 0)
    if diet:
        who, foods, target = rng.choice(_DIETS)
        n = nvars(rng)
        names = pick(rng, foods, n)
        frac = rng.random() < 0.4
        kinds = ["R" if frac else "I"] * n
        x = [float(rng.randint(1, 5)) if not frac else rng.choice([0.5, 1, 1.5, 2, 2.5, 3]) for _ in range(n)]
        cost = [rng.choice([0.5, 0.75, 1, 1.2, 1.5, 2, 2.5, 3, 4]) for _ in range(n)]
        nut = pick(rng, _NUTR, rng.choice([1, 2, 2, 3]))
        st.n = n
        unit_s = rng.choice(SENTENCES["serving_word"])
        tref = "himself" if target == "himself" else target
        st.head.append((SENTENCES.say(rng, "diet_intro", who=who, tref=tref, foods=intro_list(rng, names)), []))
        content = {}
        for nm, _ in nut:
            base = {
                "calories": [80, 120, 150, 200, 250, 300, 400],
                "protein": [2, 4, 5, 8, 10, 15, 20, 25],
            }.get(nm, [3, 5, 8, 10, 12, 20, 30])
            content[nm] = [rng.choice(base) for _ in range(n)]
        for i in range(n):
            facts = [
                SENTENCES.say(rng, "diet_content", n=num(rng, content[nm][i], False), pre=pre, nm=nm)
                for nm, pre in nut
            ]
            facts_s = join_list(facts) if len(facts) > 1 else facts[0]
            cost_s = lambda i=i: money(rng, cost[i])  # noqa: E731
            st.body.append(
                (SENTENCES.say(rng, "diet_food", unit_s=unit_s, e=E(i, names[i]), cost=cost_s, facts=facts_s), [])
            )
        reqs = []
        for k, (nm, pre) in enumerate(nut):
            tot = sum(content[nm][i] * x[i] for i in range(n))
            if k == 0 or rng.random() < 0.75:
                need = nice(tot * rng.uniform(0.7, 0.95), up=False)
                cap_who = tref.capitalize() if target != "himself" else "He"
                reqs.append(
                    (
                        SENTENCES.say(
                            rng, "diet_need", n=lambda need=need: num(rng, need), pre=pre, nm=nm, Who=cap_who
                        ),
                        [("lin", {i: float(content[nm][i]) for i in range(n)}, ">=", need)],
                    )
                )
            else:
                capv = nice(tot * rng.uniform(1.1, 1.4), up=True)
                reqs.append(
                    (
                        SENTENCES.say(rng, "diet_cap", n=num(rng, capv), pre=pre, nm=nm),
                        [("lin", {i: float(content[nm][i]) for i in range(n)}, "<=", capv)],
                    )
                )
        st.body += reqs
        V = dict(
            agent=_ref(who),
            verb="include",
            pp="included",
            ing="including",
            u=lambda v: f"{num(rng, v)} {unit_s}s" if v != 1 else f"1 {unit_s}",
            nq=lambda s, i: f"{s} of {E(i, names[i])}",
            amt=lambda i: SENTENCES.say(rng, "diet_amount", unit_s=unit_s, e=E(i, names[i])),
            ent=lambda i: E(i, names[i]),
            total=[t.format(unit_s=unit_s) for t in SENTENCES["diet_total"]],
            share_verb=["be"],
            rule=SENTENCES.say(rng, "diet_rule"),
            because=lambda: rng.choice(SENTENCES["diet_reason"]),
        )
        sides(st, V, x, rng.choice([0, 1, 1]), not frac, ["max", "min", "asmuch"])
        note = (
            rng.choice(SENTENCES["fractional_servings"]).format(unit_s=unit_s)
            if frac
            else rng.choice(SENTENCES["whole_servings"]).format(unit_s=unit_s)
        )
        q = rng.choice(SENTENCES["diet_question"]).format(unit_s=unit_s)
        st.tail.append(((note + " " + q).strip(), []))
        return st.build("min", {i: cost[i] for i in range(n)}, kinds, [[nm] for nm in names])
    who, product, unit, ings, nuts = rng.choice(_BLENDS)
    n = min(nvars(rng), len(ings))
    st.n = n
    names = pick(rng, ings, n)
    sg = unit[:-1]
    x = split(rng, rng.choice([100, 200, 500, 1000, 2000]), n, False)
    cost = [rng.choice([0.2, 0.35, 0.5, 0.8, 1.2, 1.5, 2, 3, 4.5]) for _ in range(n)]
    if unit in ("tons", "barrels"):
        cost = [rng.choice([40, 55, 60, 75, 80, 90, 120]) for _ in range(n)]
    nu = pick(rng, nuts, min(len(nuts), rng.choice([1, 2, 2, 3])))
    parts = intro_list(rng, names)
    st.head.append((SENTENCES.say(rng, "blend_intro", Who=who, who=who.lower(), parts=parts, product=product), []))
    content = {nm: [rng.choice([5, 8, 10, 12, 15, 20, 25, 30, 40, 60]) for _ in range(n)] for nm, _ in nu}
    by_entity = rng.random() < 0.5
    costs = [
        SENTENCES.say(rng, "blend_cost_each", cost=money(rng, cost[i]), sg=sg, e=E(i, names[i])) for i in range(n)
    ]
    cost_s = SENTENCES.say(rng, "blend_costs", costs=join_list(costs))
    if by_entity:
        for i in range(n):
            cs = [
                SENTENCES.say(rng, "blend_content", n=num(rng, content[nm][i], False), un=un, nm=nm) for nm, un in nu
            ]
            contents = join_list(cs) if len(cs) > 1 else cs[0]
            st.body.append((SENTENCES.say(rng, "blend_ingredient", sg=sg, e=E(i, names[i]), contents=contents), []))
        st.body.append((cost_s, []))
    else:
        for nm, un in nu:
            cs = [
                SENTENCES.say(rng, "blend_content_each", n=num(rng, content[nm][i], False), e=E(i, names[i]))
                for i in range(n)
            ]
            st.body.append((SENTENCES.say(rng, "blend_nutrient", nm=nm, un=un, sg=sg, contents=join_list(cs)), []))
        st.body.append((cost_s, []))
    maxmode = rng.random() < 0.2
    reqs = []
    for k, (nm, un) in enumerate(nu):
        tot = sum(content[nm][i] * x[i] for i in range(n))
        if (k == 0 and not maxmode) or rng.random() < 0.6:
            need = nice(tot * rng.uniform(0.7, 0.95), up=False)
            reqs.append(
                (
                    SENTENCES.say(rng, "blend_need", n=lambda need=need: num(rng, need), un=un, nm=nm),
                    [("lin", {i: float(content[nm][i]) for i in range(n)}, ">=", need)],
                )
            )
        else:
            capv = nice(tot * rng.uniform(1.05, 1.4), up=True)
            reqs.append(
                (
                    SENTENCES.say(rng, "blend_cap", n=lambda capv=capv: num(rng, capv), un=un, nm=nm),
                    [("lin", {i: float(content[nm][i]) for i in range(n)}, "<=", capv)],
                )
            )
    W = sum(x)
    if maxmode:
        budget = nice(sum(cost[i] * x[i] for i in range(n)) * rng.uniform(1.0, 1.2), up=True)
        reqs.append(
            (
                SENTENCES.say(rng, "blend_budget", budget=money(rng, budget)),
                [("lin", {i: cost[i] for i in range(n)}, "<=", budget)],
            )
        )
    elif rng.random() < 0.6:
        w = nice(W * rng.uniform(0.85, 1.0), up=False)
        reqs.append(
            (
                SENTENCES.say(
                    rng,
                    "blend_weight" if unit in ("kilograms", "tons") else "blend_volume",
                    n=lambda: num(rng, w),
                    unit=unit,
                    product=product,
                ),
                [("lin", dict.fromkeys(range(n), 1), ">=", w)],
            )
        )
    st.body += reqs
    V = dict(
        agent=_ref(who),
        verb="use",
        pp="used",
        ing="using",
        u=lambda v: f"{num(rng, v)} {unit}",
        nq=lambda s, i: f"{s} of {E(i, names[i])}",
        amt=lambda i: SENTENCES.say(rng, "blend_amount", unit=unit, e=E(i, names[i])),
        ent=lambda i: E(i, names[i]),
        total=[t.format(product=product) for t in SENTENCES["blend_total"]],
        share_verb=SENTENCES["blend_share_verb"],
        rule=SENTENCES.say(rng, "blend_rule"),
        because=lambda: rng.choice(SENTENCES["blend_reason"]),
    )
    sides(
        st, V, x, rng.choice([0, 1, 1, 2]), False, ["min", "max", "minshare", "maxshare", "ratio", "asmuch"]
    )
    if maxmode:
        main = nu[0][0]
        obj = {i: float(content[main][i]) for i in range(n)}
        # the main nutrient must not also have an upper-bound row; the budget keeps it bounded
        q = rng.choice(SENTENCES["blend_question_max"]).format(unit=unit, main=main)
        st.tail.append((q, []))
        return st.build("max", obj, ["R"] * n, [[nm] for nm in names])
    st.tail.append(
        (
            rng.choice(SENTENCES["blend_question_min"]).format(unit=unit, product=product),
            [],
        )
    )
    return st.build("min", {i: cost[i] for i in range(n)}, ["R"] * n, [[nm] for nm in names])


# --------------------------------------------------------------------------- energy (R)

_ENERGY = TABLES["energy"]
_GREEN = set(TABLES["green"])  # energy sources without emissions


def _energy(rng: random.Random) -> Named:
    who, unit, srcs = rng.choice(_ENERGY)
    n = nvars(rng)
    names = pick(rng, srcs, n)
    st = Story(rng, n)
    D = rng.choice([500, 800, 1000, 1200, 2000, 5000, 10000])
    x = split(rng, D * rng.uniform(1.0, 1.15), n, False)
    cost = [rng.choice([20, 25, 30, 35, 40, 45, 50, 60, 70, 90, 110]) for _ in range(n)]
    if unit == "kWh":
        cost = [rng.choice([0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3]) for _ in range(n)]
    emis = [0.0 if names[i] in _GREEN else rng.choice([0.4, 0.5, 0.6, 0.8, 0.9, 1.1]) for i in range(n)]
    st.head.append((SENTENCES.say(rng, "energy_intro", who=who, sources=intro_list(rng, names)), []))
    cs = [
        SENTENCES.say(rng, "energy_cost_each", cost=money(rng, cost[i]), unit=unit, e=E(i, names[i])) for i in range(n)
    ]
    st.body.append((SENTENCES.say(rng, "energy_costs", costs=join_list(cs)), []))
    Ds = num(rng, D)
    st.body.append(
        (
            rng.choice(SENTENCES["energy_demand"]).format(Ds=Ds, unit=unit),
            [("lin", dict.fromkeys(range(n), 1), ">=", D)],
        )
    )
    dirty = [i for i in range(n) if emis[i] > 0]
    if dirty and rng.random() < 0.6:
        tot = sum(emis[i] * x[i] for i in dirty)
        capv = nice(tot * rng.uniform(1.05, 1.3), up=True)
        es = [
            SENTENCES.say(rng, "energy_emission_each", n=num(rng, emis[i], False), unit=unit, e=E(i, names[i]))
            for i in dirty
        ]
        key = "energy_emissions_some" if len(dirty) < n else "energy_emissions_all"
        st.body.append(
            (
                SENTENCES.say(rng, key, emissions=join_list(es) if len(es) > 1 else es[0], cap=num(rng, capv)),
                [("lin", {i: emis[i] for i in dirty}, "<=", capv)],
            )
        )
    for i in rng.sample(range(n), rng.choice([0, 1, 2])):
        capi = nice(x[i] * rng.uniform(1.05, 1.5), up=True)
        st.body.append(
            (
                SENTENCES.say(rng, "energy_capacity", e=E(i, names[i]), n=lambda capi=capi: num(rng, capi), unit=unit),
                [("lin", {i: 1}, "<=", capi)],
            )
        )
    green = [i for i in range(n) if names[i] in _GREEN]
    if green and len(green) < n and rng.random() < 0.6:
        s = 100 * sum(x[i] for i in green) / sum(x)
        p = math.floor(s / 5) * 5
        if p >= 5:
            gl = [E(i, names[i]) for i in green]
            gtxt = join_list(gl) if len(gl) > 1 else gl[0]
            st.body.append(
                (
                    SENTENCES.say(rng, "energy_green", share=lambda: pct(rng, p), green=gtxt),
                    [("share", green, ">=", p / 100, list(range(n)))],
                )
            )
    V = dict(
        agent=_ref(who),
        verb="buy",
        pp="bought",
        ing="buying",
        u=lambda v: f"{num(rng, v)} {unit}",
        nq=lambda s, i: f"{s} from {E(i, names[i])}",
        amt=lambda i: SENTENCES.say(rng, "energy_amount", e=E(i, names[i])),
        ent=lambda i: E(i, names[i]),
        total=SENTENCES["energy_total"],
        share_verb=["come from"],
        rule=SENTENCES.say(rng, "energy_rule"),
        because=lambda: rng.choice(SENTENCES["energy_reason"]),
    )
    sides(st, V, x, rng.choice([0, 1]), False, ["min", "minshare", "ratio"])
    st.tail.append(
        (
            rng.choice(SENTENCES["energy_question"]).format(unit=unit),
            [],
        )
    )
    return st.build("min", {i: cost[i] for i in range(n)}, ["R"] * n, [[bare(nm)] for nm in names])


_KINDS = [(_invest, 5), (_shares, 2), (_ads, 3), (_land, 5), (_time, 4), (_blend, 5), (_energy, 3)]


def sample_named(rng: random.Random) -> Named:
    """(text, program, names): `names[k]` are the strings under which variable x{k+1}'s entity is named
    in the text. Why: the pointer model is trained to point where each entity is first named
    (stories.first_mention); the generator knows the names, so it hands them over. Draws exactly the
    same random numbers as `sample`."""
    gen = rng.choices([g for g, _ in _KINDS], weights=[w for _, w in _KINDS])[0]
    return gen(rng)


def sample(rng: random.Random) -> tuple[str, str]:
    text, program, _ = sample_named(rng)
    return text, program
