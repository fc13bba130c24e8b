"""Crop / land allocation: split land between crops under water, labor and money limits.

Complexity: 1 -> 2 crops x 1 resource ... 5 -> 6 crops x 4 resources. Knobs: whole acres or
not, a minimum area for one crop, a maximum share of land for one crop, "at least k times as
much A as B".
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CROPS = [
    "wheat",
    "corn",
    "soybeans",
    "barley",
    "potatoes",
    "carrots",
    "tomatoes",
    "rice",
    "cotton",
    "sunflowers",
    "oats",
    "alfalfa",
    "lettuce",
    "strawberries",
    "grapes",
    "canola",
]
RESOURCES = [
    ("water", "cubic meter", "cubic meters"),
    ("labor", "hour", "hours"),
    ("fertilizer", "kilogram", "kilograms"),
    ("pesticide", "liter", "liters"),
    ("planting budget", "dollar", "dollars"),
    ("machine time", "hour", "hours"),
]
WHO = [
    "A farmer",
    "A family farm",
    "A cooperative of growers",
    "A gardener",
    "An agricultural company",
    "Farmer Lopez",
]
UNITS = [("acre", "acres"), ("hectare", "hectares")]
NOISE = [
    "The farm has been in the family for {n} years.",
    "The soil was tested last spring.",
    "Market prices are assumed to stay the same this season.",
    "The farmer also keeps a few chickens.",
]


class CropAllocation(Family):
    name = "crop_allocation"
    tags = ("lp", "milp", "small", "word-problem", "agriculture")
    knobs = {
        "integer": (False, True),
        "min_area": (False, True),
        "max_share": (False, True),
        "relate": (False, True),
    }

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        n = min(2 + complexity - 1 + rng.randint(0, 1), 6)
        m = min(1 + (complexity + rng.randint(0, 1)) // 2, 4)
        k = self.choose_knobs(rng, knobs)
        crops = rng.sample(CROPS, n)
        res = rng.sample(RESOURCES, m)
        C = [nl.slug(c) for c in crops]
        R = [nl.slug(r[0]) for r in res]
        land = rng.choice([rng.randint(5, 60) * 10, rng.randint(20, 300)])
        profit = {c: rng.randint(5, 120) * rng.choice([1, 5, 10]) for c in C}
        use = {r: {c: rng.randint(1, 20) * rng.choice([1, 1, 5, 10]) for c in C} for r in R}
        plan = {c: land / n * rng.uniform(0.3, 1.2) for c in C}
        avail = {
            r: max(10, int(sum(use[r][c] * plan[c] for c in C) * rng.uniform(0.6, 1.0)) // 10 * 10) for r in R
        }
        unit = rng.choice(UNITS)
        spec = Spec(
            sets={"Crops": C, "Resources": R},
            params={"land": land, "profit": profit, "use": use, "avail": avail},
            knobs=k,
            story={
                "who": rng.choice(WHO),
                "unit": list(unit),
                "crops": dict(zip(C, crops, strict=True)),
                "res": {nl.slug(r[0]): list(r) for r in res},
            },
        )
        if k["min_area"]:
            spec.params["min_crop"] = rng.choice(C)
            spec.params["min_area"] = max(2, int(land * rng.choice([0.05, 0.1, 0.15, 0.2])))
        if k["max_share"]:
            spec.params["share_crop"] = rng.choice(C)
            spec.params["max_share"] = rng.choice([0.2, 0.25, 0.3, 0.4, 0.5])
        if k["relate"]:
            a, b = rng.sample(C, 2)
            spec.params.update(rel_a=a, rel_b=b, rel_k=rng.choice([2, 3, 1.5]))
        return spec

    def describe(self, spec: Spec, rng: random.Random) -> str:
        C, R, par, k = spec.sets["Crops"], spec.sets["Resources"], spec.params, spec.knobs
        nm, res = spec.story["crops"], spec.story["res"]
        u1, u2 = spec.story["unit"]

        def amount(r, x):
            name, a, b = res[r]
            if name == "planting budget":
                return nl.money(rng, x)
            return f"{nl.qty(rng, x, a, plural=b)} of {name}"

        intro = [
            nl.sent(
                rng,
                f"{spec.story['who']} has {nl.qty(rng, par['land'], u1, plural=u2)} of land [available|] [to plant with|on which to grow|for] {nl.join([nm[c] for c in C], rng)}.",
            )
        ]
        facts = []
        if rng.random() < 0.5 and len(C) > 1:
            facts.append(
                nl.sent(
                    rng,
                    f"the [expected|] profit per {u1} is "
                    + nl.join([f"{nl.money(rng, par['profit'][c])} for {nm[c]}" for c in C], rng)
                    + ".",
                )
            )
        else:
            for c in C:
                facts.append(
                    nl.sent(
                        rng,
                        f"[each|every] {u1} of {nm[c]} [yields|brings|earns] [a profit of|a net profit of] {nl.money(rng, par['profit'][c])}.",
                    )
                )
        if rng.random() < 0.3 and len(C) >= 3:
            header = ["Crop"] + [
                res[r][0] + ("" if res[r][0] == "planting budget" else f" ({res[r][2]})") + f" per {u1}"
                for r in R
            ]
            rows = [[nm[c]] + [nl.plain(par["use"][r][c]) for r in R] for c in C]
            facts.append(
                nl.v(rng, f"[Resource needs per {u1}:|The crops need, per {u1}:]")
                + "\n"
                + nl.table(rng, header, rows)
            )
        else:
            for r in R:
                parts = [f"{amount(r, par['use'][r][c])} per {u1} of {nm[c]}" for c in C]
                facts.append(
                    nl.sent(rng, f"[growing the crops requires|the crops need] {nl.join(parts, rng)}.")
                )
        for r in R:
            facts.append(
                nl.sent(
                    rng,
                    f"[only|at most|a total of] {amount(r, par['avail'][r])} [is|are] available [this season|for the season|].",
                )
            )
        if k.get("min_area"):
            facts.append(
                nl.sent(
                    rng,
                    f"[due to a contract|to meet a prior commitment|for crop rotation], at least {nl.qty(rng, par['min_area'], u1, plural=u2)} must be planted with {nm[par['min_crop']]}.",
                )
            )
        if k.get("max_share"):
            facts.append(
                nl.sent(
                    rng,
                    f"no more than {nl.percent(rng, par['max_share'])} of the land [can|may] be used for {nm[par['share_crop']]}.",
                )
            )
        if k.get("relate"):
            facts.append(
                nl.sent(
                    rng,
                    f"the area planted with {nm[par['rel_a']]} [must|should] be at least {nl.times(rng, par['rel_k'])} the area of {nm[par['rel_b']]}.",
                )
            )
        if k.get("integer"):
            facts.append(
                nl.sent(rng, f"[land is assigned in whole {u2}|each crop must get a whole number of {u2}].")
            )
        question = nl.v(
            rng,
            f"[How many {u2} of each crop should be planted to maximize profit|How should the land be divided among the crops to maximize the total profit|What is the maximum profit the farm can earn]?",
        )
        noise = [s.format(n=rng.randint(5, 90)) for s in NOISE]
        return nl.arrange(rng, intro, facts, question, noise=noise)


FAMILY = CropAllocation()
