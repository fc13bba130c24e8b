"""Multi-period production with inventory and backlog: a plant with limited machine hours
faces uneven demand; it can build stock ahead (holding cost) or fill orders late (backorder
penalty), but every order must be filled by the end of the horizon.

Complexity: 1 -> 1 product x 3 periods ... 5 -> 4 products x 8 periods.
Knobs: overtime hours at a premium, a storage limit, whole units.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "org": ["a bicycle manufacturer", "a bike factory"],
        "items": [
            ("road bike", "road bikes"),
            ("mountain bike", "mountain bikes"),
            ("city bike", "city bikes"),
            ("kids' bike", "kids' bikes"),
        ],
        "period": "month",
        "resource": "assembly",
    },
    {
        "org": ["an appliance maker", "a household appliance plant"],
        "items": [
            ("washing machine", "washing machines"),
            ("dryer", "dryers"),
            ("dishwasher", "dishwashers"),
            ("refrigerator", "refrigerators"),
        ],
        "period": "month",
        "resource": "assembly line",
    },
    {
        "org": ["a boat builder", "a small shipyard"],
        "items": [
            ("kayak", "kayaks"),
            ("canoe", "canoes"),
            ("dinghy", "dinghies"),
            ("rowing boat", "rowing boats"),
        ],
        "period": "quarter",
        "resource": "workshop",
    },
    {
        "org": ["a furniture factory", "an office furniture maker"],
        "items": [
            ("desk", "desks"),
            ("office chair", "office chairs"),
            ("filing cabinet", "filing cabinets"),
            ("bookcase", "bookcases"),
        ],
        "period": "week",
        "resource": "production line",
    },
]
SIZES = {1: (1, 3), 2: (2, 4), 3: (2, 6), 4: (3, 6), 5: (4, 8)}


class ProductionInventoryBacklog(Family):
    name = "production_inventory_backlog"
    tags = ("lp", "milp", "small", "word-problem", "production", "multi-period")
    knobs = {"overtime": (False, True), "storage": (False, True), "integer": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ctx_i = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ctx_i]
        n_p, n = SIZES[complexity]
        items = rng.sample(ctx["items"], n_p)
        P = [nl.slug(it[1]) for it in items]
        T = list(range(1, n + 1))
        base = {p: rng.choice([20, 50, 100, 200]) for p in P}
        demand = {p: {t: int(base[p] * rng.uniform(0.3, 1.8)) for t in T} for p in P}
        hours = {p: rng.choice([0.5, 1, 1.5, 2, 2.5, 3, 4]) for p in P}
        load = sum(hours[p] * demand[p][t] for p in P for t in T) / n
        params = {
            "demand": demand,
            "hours": hours,
            "capacity": int(round(load * rng.uniform(1.02, 1.3), -1)),
            "make_cost": {p: rng.choice([20, 35, 50, 80, 120, 150, 200]) for p in P},
        }
        params["hold_cost"] = {
            p: round(params["make_cost"][p] * rng.choice([0.02, 0.04, 0.05, 0.1]), 1) for p in P
        }
        params["back_cost"] = {
            p: round(params["hold_cost"][p] * rng.choice([2, 3, 4, 5]) + rng.choice([0, 1, 2]), 1) for p in P
        }
        if k["overtime"]:
            params["ot_cost"] = rng.choice([30, 40, 45, 55, 60, 75])
            params["ot_max"] = int(round(params["capacity"] * rng.choice([0.1, 0.15, 0.2, 0.25]), -1)) or 10
        if k["storage"]:
            params["storage"] = int(round(sum(base.values()) * rng.uniform(0.3, 1.0), -1)) or 10
        params["last"] = n
        story = {
            "ctx": ctx_i,
            "org": rng.choice(ctx["org"]),
            "items": {nl.slug(it[1]): list(it) for it in items},
        }
        return Spec(sets={"Products": P, "Periods": f"1..{n}"}, params=params, knobs=k, story=story)

    def describe(self, spec: Spec, rng: random.Random) -> str:
        st, par, k = spec.story, spec.params, spec.knobs
        ctx = CONTEXTS[st["ctx"]]
        per, res = ctx["period"], ctx["resource"]
        P = spec.sets["Products"]
        n = par["last"]
        one = {p: st["items"][p][0] for p in P}
        many = {p: st["items"][p][1] for p in P}
        intro = [
            nl.v(
                rng,
                f"{nl.cap(st['org'])} [makes|produces|builds] {nl.join([many[p] for p in P], rng)} and [is planning|plans] "
                f"its production for the next {nl.num(rng, n)} {per}s.",
            )
        ]
        dem = par["demand"]
        header = ["Product"] + [f"{per.capitalize()} {t}" for t in range(1, n + 1)]
        rows = [[many[p].capitalize()] + [nl.plain(dem[p][t]) for t in range(1, n + 1)] for p in P]
        facts = [
            nl.v(rng, f"[The orders to be delivered in each {per} are|Demand in each {per} is] shown below.")
            + "\n"
            + nl.table(rng, header, rows)
        ]
        facts.append(
            nl.v(
                rng,
                f"The {res} has {nl.qty(rng, par['capacity'], 'hour')} of capacity [in each|per] {per}. "
                "[Making|Producing] "
                + nl.join([f"{_a(one[p])} takes {nl.qty(rng, par['hours'][p], 'hour')}" for p in P], rng)
                + ".",
            )
        )
        for p in P:
            facts.append(
                nl.v(
                    rng,
                    f"[Each|Every] {one[p]} costs {nl.money(rng, par['make_cost'][p])} to [make|produce]; "
                    f"[holding|keeping] one in [stock|inventory] for a {per} costs {nl.money(rng, par['hold_cost'][p])}, and "
                    f"each {one[p]} [delivered late|backordered] costs a penalty of {nl.money(rng, par['back_cost'][p])} "
                    f"for every {per} [it is late|of delay].",
                )
            )
        facts.append(
            nl.v(
                rng,
                f"Orders that cannot be filled on time are backordered and filled later, but all orders must be "
                f"filled by the end of {per} {nl.num(rng, n)}. There is no stock or backlog [at the start|initially].",
            )
        )
        if k["overtime"]:
            facts.append(
                nl.v(
                    rng,
                    f"Up to {nl.qty(rng, par['ot_max'], 'hour')} of overtime [can be added|are available] in each {per} "
                    f"at {nl.money(rng, par['ot_cost'])} per hour.",
                )
            )
        if k["storage"]:
            facts.append(
                nl.v(
                    rng,
                    f"The warehouse can hold at most {nl.num(rng, par['storage'])} units [in total|of all products combined] "
                    f"at the end of any {per}.",
                )
            )
        if k["integer"]:
            facts.append(
                nl.v(rng, "[Only whole units are produced.|Production quantities must be integers.]")
            )
        question = nl.v(
            rng,
            f"[How many units of each product should be made in each {per} to minimize total cost?|"
            f"Find the production plan with the lowest total cost of production, storage{', overtime' if k['overtime'] else ''} and backorders.|"
            f"What is the minimum total cost?]",
        )
        return nl.arrange(
            rng,
            intro,
            facts,
            question,
            noise=[
                "The company was founded by two engineers.",
                "Its products are exported to three countries.",
            ],
        )


def _a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


FAMILY = ProductionInventoryBacklog()
