"""Bounded knapsack: load whole units of several goods, each with a limited number of units
available, into a vehicle with a weight (and possibly a volume) limit; maximise value.

Complexity: 1 -> 2-3 item types ... 5 -> 10-11 item types.
Knobs: a second (volume) limit; a minimum number of units of every type.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "intro": "A cargo plane [is being loaded|will carry goods] for a relief mission.",
        "vehicle": "plane",
        "value": "priority points",
        "money": False,
        "goods": [
            ("box of medicine", "boxes of medicine"),
            ("water tank", "water tanks"),
            ("tent", "tents"),
            ("food crate", "food crates"),
            ("blanket bundle", "blanket bundles"),
            ("generator", "generators"),
            ("hygiene kit", "hygiene kits"),
            ("toolbox", "toolboxes"),
            ("radio set", "radio sets"),
            ("water filter", "water filters"),
            ("first-aid kit", "first-aid kits"),
        ],
    },
    {
        "intro": "A trader [drives|takes] a van to a weekend market.",
        "vehicle": "van",
        "value": "profit",
        "money": True,
        "goods": [
            ("rug", "rugs"),
            ("lamp", "lamps"),
            ("chair", "chairs"),
            ("mirror", "mirrors"),
            ("vase", "vases"),
            ("clock", "clocks"),
            ("painting", "paintings"),
            ("basket", "baskets"),
            ("stool", "stools"),
            ("side table", "side tables"),
            ("crate of books", "crates of books"),
        ],
    },
    {
        "intro": "A farmer [is loading|loads] a truck [for the city market|with produce for a wholesale buyer].",
        "vehicle": "truck",
        "value": "profit",
        "money": True,
        "goods": [
            ("crate of apples", "crates of apples"),
            ("sack of potatoes", "sacks of potatoes"),
            ("box of tomatoes", "boxes of tomatoes"),
            ("crate of pears", "crates of pears"),
            ("bag of onions", "bags of onions"),
            ("crate of cabbages", "crates of cabbages"),
            ("box of peppers", "boxes of peppers"),
            ("sack of carrots", "sacks of carrots"),
            ("crate of melons", "crates of melons"),
            ("box of berries", "boxes of berries"),
            ("crate of plums", "crates of plums"),
        ],
    },
]


class BoundedKnapsack(Family):
    name = "bounded_knapsack"
    tags = ("milp", "small", "word-problem", "knapsack")
    knobs = {"volume": (False, True), "variety": (False, False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ctx_i = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ctx_i]
        n = min(len(ctx["goods"]), 2 * complexity + rng.randint(0, 1))
        goods = rng.sample(ctx["goods"], max(2, n))
        ids = [nl.slug(g[1]) for g in goods]
        weight = {i: rng.randint(5, 80) for i in ids}
        avail = {i: rng.randint(2, 15) for i in ids}
        total = sum(weight[i] * avail[i] for i in ids)
        params: dict = {
            "value": {i: rng.randint(10, 300) for i in ids},
            "weight": weight,
            "available": avail,
            "capacity": int(round(total * rng.uniform(0.3, 0.7), -1)),
        }
        if k["volume"]:
            params["volume"] = {i: round(rng.uniform(0.1, 2.0), 1) for i in ids}
            params["space"] = round(sum(params["volume"][i] * avail[i] for i in ids) * rng.uniform(0.3, 0.7))
        if k["variety"]:
            params["min_each"] = rng.choice([2, 2, 3])
        story = {"ctx": ctx_i, "goods": {nl.slug(g[1]): list(g) for g in goods}}
        return Spec(sets={"Types": ids}, params=params, knobs=k, story=story)

    def describe(self, spec: Spec, rng: random.Random) -> str:
        st, par, k = spec.story, spec.params, spec.knobs
        ctx = CONTEXTS[st["ctx"]]
        ids, g = spec.sets["Types"], st["goods"]
        val = (lambda x: nl.money(rng, x)) if ctx["money"] else (lambda x: f"{nl.num(rng, x)} {ctx['value']}")
        intro = [nl.v(rng, ctx["intro"])]
        facts = []
        if rng.random() < 0.5:
            header = (
                ["Item", "Weight (kg)"]
                + (["Volume (m3)"] if k["volume"] else [])
                + ["Units available", "Profit ($)" if ctx["money"] else "Priority"]
            )
            rows = [
                [g[i][1].capitalize(), nl.plain(par["weight"][i])]
                + ([nl.plain(par["volume"][i])] if k["volume"] else [])
                + [nl.plain(par["available"][i]), nl.plain(par["value"][i])]
                for i in ids
            ]
            facts.append(
                nl.v(
                    rng,
                    "[The available goods are listed below|The following goods can be loaded] (per unit):",
                )
                + ("" if ctx["money"] else " priority is measured in points")
                + "\n"
                + nl.table(rng, header, rows)
            )
        else:
            for i in ids:
                vol = f", takes up {nl.plain(par['volume'][i])} cubic meters" if k["volume"] else ""
                facts.append(
                    nl.v(
                        rng,
                        f"[Each|One] {g[i][0]} weighs {nl.qty(rng, par['weight'][i], 'kg', plural='kg')}{vol} "
                        f"and [is worth|brings] {val(par['value'][i])}; {nl.num(rng, par['available'][i])} "
                        f"[are available|can be loaded at most].",
                    )
                )
        facts.append(
            nl.v(
                rng,
                f"The {ctx['vehicle']} can carry [at most|up to] {nl.qty(rng, par['capacity'], 'kg', plural='kg')}"
                + (f" and {nl.plain(par['space'])} cubic meters of cargo." if k["volume"] else "."),
            )
        )
        if k["variety"]:
            facts.append(
                nl.v(
                    rng,
                    f"[To keep a varied load|For balance], at least {nl.num(rng, par['min_each'])} units of every "
                    f"type must be [taken|loaded].",
                )
            )
        facts.append(nl.v(rng, "[Only whole units can be loaded.|Units cannot be split.]"))
        goal = "profit" if ctx["money"] else f"the total {ctx['value']}"
        question = nl.v(
            rng,
            f"[How many units of each item should be loaded to maximize {goal}?|What load maximizes {goal}?]",
        )
        return nl.arrange(rng, intro, facts, question, noise=["The trip takes about four hours."])


FAMILY = BoundedKnapsack()
