"""Container filling: a limited stock (wine, juice, flour, medicine...) is packed into containers
of two or more sizes; maximise the number of containers or the revenue, with a minimum count,
a ratio ("at least 4 times as many regular as vintage") and a cap.
Complexity: 1 -> 2 sizes ... 5 -> 4 sizes."""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "who": ["A winery", "A vineyard", "A wine company"],
        "stuff": "wine",
        "unit": ("ml", "ml"),
        "sizes": [
            ("small bottle", "small bottles"),
            ("regular bottle", "regular bottles"),
            ("vintage bottle", "vintage bottles"),
            ("magnum", "magnums"),
        ],
        "holds": (250, 1500, 50),
    },
    {
        "who": ["A juice bar", "A beverage company"],
        "stuff": "juice",
        "unit": ("ml", "ml"),
        "sizes": [
            ("small cup", "small cups"),
            ("medium cup", "medium cups"),
            ("large cup", "large cups"),
            ("jug", "jugs"),
        ],
        "holds": (200, 2000, 50),
    },
    {
        "who": ["A flour mill", "A bakery supplier"],
        "stuff": "flour",
        "unit": ("kilogram", "kilograms"),
        "sizes": [
            ("small bag", "small bags"),
            ("medium bag", "medium bags"),
            ("large sack", "large sacks"),
            ("bulk sack", "bulk sacks"),
        ],
        "holds": (1, 50, 1),
    },
    {
        "who": ["A pharmacy", "A compounding lab"],
        "stuff": "cough syrup",
        "unit": ("ml", "ml"),
        "sizes": [
            ("small vial", "small vials"),
            ("standard bottle", "standard bottles"),
            ("family-size bottle", "family-size bottles"),
            ("refill pack", "refill packs"),
        ],
        "holds": (20, 500, 10),
    },
    {
        "who": ["A honey farm", "A beekeeper"],
        "stuff": "honey",
        "unit": ("gram", "grams"),
        "sizes": [
            ("small jar", "small jars"),
            ("large jar", "large jars"),
            ("gift tin", "gift tins"),
            ("bucket", "buckets"),
        ],
        "holds": (100, 2000, 50),
    },
]


class ContainerFilling(Family):
    name = "container_filling"
    tags = ("milp", "small", "word-problem", "packaging")
    knobs = {
        "objective": ("count", "revenue"),
        "min_count": (True, False),
        "ratio": (False, True),
        "max_count": (False, True),
    }

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        ci = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ci]
        k = self.choose_knobs(rng, knobs)
        n = min(2 + (complexity - 1) // 2 + (rng.random() < 0.2), 4)
        idx = sorted(rng.sample(range(len(ctx["sizes"])), n))
        sizes = [ctx["sizes"][i] for i in idx]
        S = [nl.slug(s[0]) for s in sizes]
        lo, hi, step = ctx["holds"]
        vals = sorted(rng.sample(range(lo, hi + 1, step), n))
        holds = dict(zip(S, vals, strict=True))
        plan = {s: rng.randint(5, 20 * complexity) for s in S}
        stock = (
            int(sum(holds[s] * plan[s] for s in S) * rng.uniform(0.9, 1.2)) // (10 * step) * (10 * step)
            + 10 * step
        )
        spec = Spec(
            sets={"Sizes": S},
            params={"holds": holds, "stock": stock},
            knobs=k,
            story={
                "ctx": ci,
                "who": rng.choice(ctx["who"]),
                "sizes": {nl.slug(s[0]): list(s) for s in sizes},
            },
        )
        if k["objective"] == "revenue":
            spec.params["value"] = {
                s: round(holds[s] / hi * rng.uniform(5, 40) + rng.randint(1, 5), 1) for s in S
            }
        if k["min_count"]:
            spec.params["min_size"] = rng.choice(S)
            spec.params["min_count"] = max(2, plan[spec.params["min_size"]] // 2)
        if k["ratio"]:
            a, b = rng.sample(S, 2)
            spec.params.update(ratio_a=a, ratio_b=b, ratio=rng.choice([2, 3, 4, 1.5]))
        if k["max_count"]:
            spec.params["max_size"] = rng.choice(S)
            spec.params["max_count"] = plan[spec.params["max_size"]] + rng.randint(0, 10)
        return spec

    def describe(self, spec: Spec, rng: random.Random) -> str:
        ctx = CONTEXTS[spec.story["ctx"]]
        S, par, k = spec.sets["Sizes"], spec.params, spec.knobs
        one = {s: spec.story["sizes"][s][0] for s in S}
        many = {s: spec.story["sizes"][s][1] for s in S}
        u1, u2 = ctx["unit"]
        stuff = ctx["stuff"]
        intro = [
            nl.sent(
                rng,
                f"{spec.story['who']} [sells|packages] {stuff} in {nl.join([many[s] for s in S], rng)}.",
            )
        ]
        facts = []
        if rng.random() < 0.5 and len(S) > 1:
            facts.append(
                nl.sent(
                    rng,
                    f"{nl.join([nl.a(one[s]) for s in S], rng)} [hold|can hold|contain] "
                    + nl.join([nl.num(rng, par["holds"][s]) for s in S], rng)
                    + f" {u2} of {stuff}, respectively.",
                )
            )
        else:
            for s in S:
                facts.append(
                    nl.sent(
                        rng,
                        f"{nl.a(one[s])} [holds|can hold|contains] {nl.qty(rng, par['holds'][s], u1, plural=u2)} of {stuff}.",
                    )
                )
        facts.append(
            nl.sent(
                rng,
                f"[the company|it] has [only|] {nl.qty(rng, par['stock'], u1, plural=u2)} of {stuff} available[| this week| in stock].",
            )
        )
        if k["objective"] == "revenue":
            facts.append(
                nl.sent(
                    rng,
                    "[they sell for|the selling prices are|the prices are] "
                    + nl.join([f"{nl.money(rng, par['value'][s])} per {one[s]}" for s in S], rng)
                    + ".",
                )
            )
        if k.get("ratio"):
            a, b = par["ratio_a"], par["ratio_b"]
            facts.append(
                nl.sent(
                    rng,
                    f"[because of customer demand, |based on past sales, |]the number of {many[a]} must be at least {nl.times(rng, par['ratio'])} the number of {many[b]}.",
                )
            )
        if k.get("min_count"):
            facts.append(
                nl.sent(
                    rng,
                    f"[however, |in addition, |]at least {nl.num(rng, par['min_count'])} {many[par['min_size']]} must be [filled|made|prepared].",
                )
            )
        if k.get("max_count"):
            facts.append(
                nl.sent(
                    rng,
                    f"[only|at most|no more than] {nl.num(rng, par['max_count'])} {many[par['max_size']]} [are available|can be filled|can be sold].",
                )
            )
        if k["objective"] == "count":
            question = nl.v(
                rng,
                "[How many of each should be [made|filled] to maximize the total number of containers|What is the largest total number of containers that can be filled]?",
            )
        else:
            question = nl.v(
                rng, "[How many of each should be filled to maximize revenue|What is the maximum revenue]?"
            )
        return nl.arrange(rng, intro, facts, question)


FAMILY = ContainerFilling()
