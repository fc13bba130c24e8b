"""Blending: mix raw materials (crude oils, ores, grains, alloys) into a fixed amount of product
whose average properties (octane, sulfur, protein, carbon...) stay within limits, at least cost.
Complexity: 1 -> 2 materials x 1 property ... 5 -> 7 materials x 4 properties. Knob: limited
stock of each material."""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "org": ["An oil refinery", "A fuel company"],
        "product": "gasoline",
        "unit": ("barrel", "barrels"),
        "materials": ["Crude A", "Crude B", "Crude C", "Crude D", "Crude E", "Crude F", "Crude G"],
        "props": [
            ("octane rating", "num", 80, 100),
            ("sulfur content", "pct", 1, 5),
            ("vapor pressure", "num", 5, 15),
            ("benzene content", "pct", 1, 4),
        ],
    },
    {
        "org": ["A steel mill", "A foundry"],
        "product": "steel alloy",
        "unit": ("ton", "tons"),
        "materials": [
            "iron ore",
            "scrap metal",
            "pig iron",
            "alloy X",
            "alloy Y",
            "recycled steel",
            "ferro-manganese",
        ],
        "props": [
            ("carbon content", "pct", 1, 6),
            ("manganese content", "pct", 1, 8),
            ("silicon content", "pct", 1, 5),
            ("chromium content", "pct", 2, 12),
        ],
    },
    {
        "org": ["An animal feed company", "A mill"],
        "product": "feed mix",
        "unit": ("kilogram", "kilograms"),
        "materials": ["corn", "soybean meal", "oats", "fish meal", "barley", "wheat bran", "alfalfa"],
        "props": [
            ("protein content", "pct", 8, 45),
            ("fat content", "pct", 2, 12),
            ("fiber content", "pct", 3, 20),
            ("calcium content", "pct", 1, 6),
        ],
    },
    {
        "org": ["A juice company", "A beverage maker"],
        "product": "fruit punch",
        "unit": ("liter", "liters"),
        "materials": [
            "orange juice",
            "apple juice",
            "grape juice",
            "pineapple juice",
            "cranberry juice",
            "mango nectar",
            "lemon juice",
        ],
        "props": [
            ("sugar content", "pct", 5, 20),
            ("vitamin C level", "num", 10, 60),
            ("acidity", "num", 2, 9),
        ],
    },
    {
        "org": ["A paint manufacturer"],
        "product": "paint",
        "unit": ("gallon", "gallons"),
        "materials": ["base P", "base Q", "base R", "base S", "base T", "base U", "base V"],
        "props": [
            ("pigment content", "pct", 10, 40),
            ("solvent content", "pct", 20, 60),
            ("viscosity", "num", 20, 90),
        ],
    },
]


class Blending(Family):
    name = "blending"
    tags = ("lp", "small", "word-problem", "blending")
    knobs = {"stock": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        ci = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ci]
        k = self.choose_knobs(rng, knobs)
        nm = min(2 + complexity - 1 + rng.randint(0, 1), 7)
        npr = min(1 + (complexity - 1 + rng.randint(0, 1)) // 2 + (complexity >= 3), len(ctx["props"]))
        mats = rng.sample(ctx["materials"], nm)
        props = rng.sample(ctx["props"], npr)
        M = [nl.slug(x) for x in mats]
        P = [nl.slug(p[0]) for p in props]
        cost = {m: rng.randint(5, 90) for m in M}
        quality = {}
        for p, (_, kind, lo, hi) in zip(P, props, strict=True):
            quality[p] = {m: (rng.randint(lo, hi) / 100 if kind == "pct" else rng.randint(lo, hi)) for m in M}
        # a feasible reference mix; limits around its average property levels
        w = [rng.randint(1, 5) for _ in M]
        mix = {m: wi / sum(w) for m, wi in zip(M, w, strict=True)}
        avg = {p: sum(quality[p][m] * mix[m] for m in M) for p in P}
        at_least, at_most = [], []
        low, high = {}, {}
        for p, (_, kind, _lo, _hi) in zip(P, props, strict=True):
            side = rng.choice(["low", "high"]) if len(P) > 1 else "low"
            if side == "low":
                at_least.append(p)
                low[p] = (
                    (int(avg[p] * 100 * rng.uniform(0.85, 1.0)) / 100)
                    if kind == "pct"
                    else int(avg[p] * rng.uniform(0.85, 1.0))
                )
            else:
                at_most.append(p)
                high[p] = (
                    (-(-int(avg[p] * 100 * rng.uniform(1.0, 1.15)) // 1) / 100 + 0.01)
                    if kind == "pct"
                    else int(avg[p] * rng.uniform(1.0, 1.15)) + 1
                )
                high[p] = round(high[p], 2)
        amount = rng.choice([100, 200, 500, 1000, 1500, 2000, 5000, 10000])
        spec = Spec(
            sets={"Materials": M, "Properties": P, "AtLeast": at_least, "AtMost": at_most},
            params={"cost": cost, "quality": quality, "low": low, "high": high, "amount": amount},
            knobs=k,
            story={
                "ctx": ci,
                "org": rng.choice(ctx["org"]),
                "mats": dict(zip(M, mats, strict=True)),
                "props": {nl.slug(p[0]): [p[0], p[1]] for p in props},
            },
        )
        if k["stock"]:
            spec.params["stock"] = {m: int(amount * mix[m] * rng.uniform(1.1, 2.0)) + 1 for m in M}
        return spec

    def describe(self, spec: Spec, rng: random.Random) -> str:
        ctx = CONTEXTS[spec.story["ctx"]]
        M, P, par, k = spec.sets["Materials"], spec.sets["Properties"], spec.params, spec.knobs
        mn, pr = spec.story["mats"], spec.story["props"]
        u1, u2 = ctx["unit"]

        def level(p, x):
            return nl.percent(rng, x) if pr[p][1] == "pct" else nl.plain(x)

        intro = [
            nl.sent(
                rng,
                f"{spec.story['org']} [blends|mixes|combines] {nl.join([mn[m] for m in M], rng)} to make {ctx['product']}.",
            ),
            nl.sent(
                rng,
                nl.pick(
                    rng,
                    [
                        f"[it must produce|the order is for] {nl.qty(rng, par['amount'], u1, plural=u2)} of {ctx['product']}[| this week].",
                        f"exactly {nl.qty(rng, par['amount'], u1, plural=u2)} of {ctx['product']} [must be produced|are needed].",
                    ],
                ),
            ),
        ]
        facts = []
        if rng.random() < 0.4 or len(M) >= 4:
            header = ["Material", f"Cost per {u1}"] + [pr[p][0].capitalize() for p in P]
            rows = [
                [mn[m], nl.money(rng, par["cost"][m])] + [level(p, par["quality"][p][m]) for p in P]
                for m in M
            ]
            facts.append(
                nl.v(
                    rng,
                    "[The properties and costs of the inputs are:|Input data:|Each input has the following cost and properties:]",
                )
                + "\n"
                + nl.table(rng, header, rows)
            )
        else:
            for m in M:
                props = [
                    f"{'an' if pr[p][0][0] in 'aeiou' else 'a'} {pr[p][0]} of {level(p, par['quality'][p][m])}"
                    for p in P
                ]
                facts.append(
                    nl.sent(
                        rng,
                        f"{mn[m]} costs {nl.money(rng, par['cost'][m])} per {u1} and has {nl.join(props, rng)}.",
                    )
                )
        for p in spec.sets["AtLeast"]:
            facts.append(
                nl.sent(
                    rng,
                    f"the {ctx['product']} must have [an average {pr[p][0]}|{nl.a(pr[p][0])}] of at least {level(p, par['low'][p])}.",
                )
            )
        for p in spec.sets["AtMost"]:
            facts.append(
                nl.sent(
                    rng,
                    f"the {pr[p][0]} of the {ctx['product']} [must not exceed|can be at most|may not be more than] {level(p, par['high'][p])}.",
                )
            )
        if k.get("stock"):
            facts.append(
                nl.sent(
                    rng,
                    "[only|at most] "
                    + nl.join([f"{nl.qty(rng, par['stock'][m], u1, plural=u2)} of {mn[m]}" for m in M], rng)
                    + " [are available|can be used].",
                )
            )
        facts.append(
            nl.sent(
                rng,
                "[the properties mix linearly: the blend's level is the average weighted by amount.|properties blend in proportion to the amounts used.|]",
            )
        )
        question = nl.v(
            rng,
            f"[How many {u2} of each input should be used to minimize the cost|What is the minimum cost of the blend|Determine the cheapest blend]?",
        )
        return nl.arrange(rng, intro, [f for f in facts if f], question)


FAMILY = Blending()
