"""Lot sizing: production runs with a fixed setup cost per period, stock carried at a holding
cost; when (and how much) to produce so that demand is met each period.

Complexity: 1 -> 1 item x 3 periods ... 5 -> 3 items x 10 periods.
Knobs: a shared capacity in machine hours, per-unit production costs, starting stock, whole units.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "org": ["a craft brewery", "a small brewery"],
        "items": [
            ("batch of lager", "batches of lager"),
            ("batch of stout", "batches of stout"),
            ("batch of pale ale", "batches of pale ale"),
        ],
        "period": "week",
        "line": "brewhouse",
    },
    {
        "org": ["a pharmaceutical plant", "a generic drug manufacturer"],
        "items": [
            ("lot of tablets", "lots of tablets"),
            ("lot of capsules", "lots of capsules"),
            ("lot of syrup", "lots of syrup"),
        ],
        "period": "week",
        "line": "packaging line",
    },
    {
        "org": ["a printing company", "a print shop"],
        "items": [
            ("box of brochures", "boxes of brochures"),
            ("box of catalogs", "boxes of catalogs"),
            ("box of posters", "boxes of posters"),
        ],
        "period": "month",
        "line": "press",
    },
    {
        "org": ["a machine shop", "a metal parts supplier"],
        "items": [("gear", "gears"), ("shaft", "shafts"), ("bracket", "brackets")],
        "period": "month",
        "line": "CNC machine",
    },
]
SIZES = {1: (1, 3), 2: (1, 5), 3: (2, 5), 4: (2, 6), 5: (3, 6)}


class LotSizing(Family):
    name = "lot_sizing"
    tags = ("milp", "small", "word-problem", "production", "multi-period")
    knobs = {
        "capacity": (False, True),
        "unit_cost": (False, True),
        "initial": (False, True),
        "integer": (True, False),
    }

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ctx_i = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ctx_i]
        n_items, n = SIZES[complexity]
        items = rng.sample(ctx["items"], n_items)
        ids = [nl.slug(it[1]) for it in items]
        T = list(range(1, n + 1))
        scale = rng.choice([10, 40, 100])
        demand = {i: {t: rng.randint(scale // 2, scale * 2) for t in T} for i in ids}
        params = {
            "demand": demand,
            "setup_cost": {
                i: rng.choice([50, 80, 100, 150, 200, 250, 300, 400, 500]) * max(1, scale // 10) for i in ids
            },
            "hold_cost": {i: rng.choice([0.5, 1, 1.5, 2, 2.5, 3, 4, 5]) for i in ids},
        }
        if k["unit_cost"]:
            params["unit_cost"] = {i: rng.choice([5, 8, 10, 12, 15, 20, 25]) for i in ids}
        if k["initial"]:
            params["initial"] = {i: rng.randint(0, scale) for i in ids}
        if k["capacity"]:
            params["hours"] = {i: rng.choice([0.5, 1, 1.5, 2, 3]) for i in ids}
            peak = max(sum(params["hours"][i] * demand[i][t] for i in ids) for t in T)
            params["capacity"] = int(round(peak * rng.uniform(1.1, 1.8), -1))
        story = {
            "ctx": ctx_i,
            "org": rng.choice(ctx["org"]),
            "items": {nl.slug(it[1]): list(it) for it in items},
        }
        return Spec(sets={"Items": ids, "Periods": f"1..{n}"}, params=params, knobs=k, story=story)

    def describe(self, spec: Spec, rng: random.Random) -> str:
        st, par, k = spec.story, spec.params, spec.knobs
        ctx = CONTEXTS[st["ctx"]]
        per, line = ctx["period"], ctx["line"]
        ids = spec.sets["Items"]
        n = int(spec.sets["Periods"].split("..")[1])
        one = {i: st["items"][i][0] for i in ids}
        many = {i: st["items"][i][1] for i in ids}
        intro = [
            nl.v(
                rng,
                f"{nl.cap(st['org'])} [is planning|plans] production of {nl.join([many[i] for i in ids], rng)} "
                f"for the next {nl.num(rng, n)} {per}s.",
            )
        ]
        facts = []
        dem = par["demand"]
        if len(ids) > 1 or rng.random() < 0.4:
            header = ["Item"] + [f"{per.capitalize()} {t}" for t in range(1, n + 1)]
            rows = [[many[i].capitalize()] + [nl.plain(dem[i][t]) for t in range(1, n + 1)] for i in ids]
            facts.append(
                nl.v(rng, f"[The demand forecast is|Forecast demand ({per} by {per}) is given below]:")
                + "\n"
                + nl.table(rng, header, rows)
            )
        else:
            i = ids[0]
            facts.append(
                nl.v(
                    rng,
                    f"[Demand|The forecast demand] for {many[i]} in {per}s 1 to {nl.num(rng, n)} is "
                    + nl.join([nl.plain(dem[i][t]) for t in range(1, n + 1)], rng)
                    + "[|, respectively].",
                )
            )
        for i in ids:
            parts = [
                f"setting up the {line} to make {many[i]} costs {nl.money(rng, par['setup_cost'][i])} in any {per} in which "
                f"they are produced"
            ]
            if k["unit_cost"]:
                parts.append(f"each {one[i]} costs {nl.money(rng, par['unit_cost'][i])} to make")
            parts.append(
                f"keeping one {one[i]} in stock from one {per} to the next costs {nl.money(rng, par['hold_cost'][i])}"
            )
            facts.append(nl.sent(rng, "; ".join(parts) + "."))
        if k["initial"]:
            facts.append(
                nl.v(
                    rng,
                    "[At the start|Currently], the warehouse holds "
                    + nl.join([f"{nl.num(rng, par['initial'][i])} {many[i]}" for i in ids], rng)
                    + ".",
                )
            )
        if k["capacity"]:
            use = nl.join([f"{nl.qty(rng, par['hours'][i], 'hour')} per {one[i]}" for i in ids], rng)
            facts.append(
                nl.v(
                    rng,
                    f"The {line} is available for {nl.qty(rng, par['capacity'], 'hour')} each {per}, and production "
                    f"takes {use}.",
                )
            )
        facts.append(
            nl.v(
                rng,
                f"Demand must be met on time [from production or stock|with no backorders], and costs for stock are "
                f"charged on the units left at the end of each {per}.",
            )
        )
        if k["integer"]:
            facts.append(
                nl.v(rng, "[Only whole units can be produced.|Production quantities must be whole numbers.]")
            )
        question = nl.v(
            rng,
            f"[In which {per}s should the company produce, and how much, to minimize the total cost?|"
            f"Find a production plan that minimizes total [setup and holding|] cost.|What is the minimum total "
            f"cost of meeting the demand?]",
        )
        noise = [
            "The plant was renovated two years ago.",
            "The company also sells some products through online shops.",
        ]
        return nl.arrange(rng, intro, facts, question, noise=noise)


FAMILY = LotSizing()
