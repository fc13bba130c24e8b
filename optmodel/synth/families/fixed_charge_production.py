"""Fixed-charge production: a product mix where each product line has a setup (rental, tooling)
cost paid only if the product is made; maximise profit net of setup costs.

Complexity: 1 -> 2-3 products x 2 resources ... 5 -> 7 products x 4 resources.
Knobs: whole units, a minimum lot size for any product made, at most k product lines.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "org": ["A clothing manufacturer", "A garment company"],
        "setup": "renting the machinery for",
        "products": [
            ("shirt", "shirts"),
            ("pair of shorts", "pairs of shorts"),
            ("pair of pants", "pairs of pants"),
            ("jacket", "jackets"),
            ("skirt", "skirts"),
            ("dress", "dresses"),
            ("hoodie", "hoodies"),
        ],
        "resources": [
            ("labor", "hour", "hours"),
            ("cloth", "square yard", "square yards"),
            ("sewing machine time", "hour", "hours"),
            ("finishing", "hour", "hours"),
        ],
        "period": "per week",
    },
    {
        "org": ["A plastics company", "An injection-molding shop"],
        "setup": "buying the mold for",
        "products": [
            ("bucket", "buckets"),
            ("crate", "crates"),
            ("bottle", "bottles"),
            ("tray", "trays"),
            ("lid", "lids"),
            ("bin", "bins"),
            ("pipe fitting", "pipe fittings"),
        ],
        "resources": [
            ("resin", "kilogram", "kilograms"),
            ("machine time", "minute", "minutes"),
            ("packing", "minute", "minutes"),
            ("colorant", "gram", "grams"),
        ],
        "period": "per month",
    },
    {
        "org": ["A food processor", "A snack company"],
        "setup": "cleaning and setting up the line for",
        "products": [
            ("case of chips", "cases of chips"),
            ("case of pretzels", "cases of pretzels"),
            ("case of popcorn", "cases of popcorn"),
            ("case of crackers", "cases of crackers"),
            ("case of nuts", "cases of nuts"),
            ("case of granola bars", "cases of granola bars"),
            ("case of rice cakes", "cases of rice cakes"),
        ],
        "resources": [
            ("line time", "hour", "hours"),
            ("oil", "liter", "liters"),
            ("packaging", "hour", "hours"),
            ("flour", "kilogram", "kilograms"),
        ],
        "period": "per week",
    },
]


class FixedChargeProduction(Family):
    name = "fixed_charge_production"
    tags = ("milp", "small", "word-problem", "production", "fixed-charge")
    knobs = {"integer": (True, False), "min_lot": (False, True), "max_lines": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ctx_i = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ctx_i]
        n_p = min(7, 1 + complexity + rng.randint(0, 1))
        n_r = min(4, 2 + complexity // 3)
        prods, ress = rng.sample(ctx["products"], n_p), rng.sample(ctx["resources"], n_r)
        P, R = [nl.slug(p[1]) for p in prods], [nl.slug(r[0]) for r in ress]
        use = {r: {p: rng.randint(1, 8) for p in P} for r in R}
        plan = {p: rng.randint(20, 120) for p in P}
        params: dict = {
            "profit": {p: rng.randint(4, 40) for p in P},
            "use": use,
            "avail": {
                r: int(round(sum(use[r][p] * plan[p] for p in P) * rng.uniform(0.4, 0.8), -1)) for r in R
            },
            "market": {p: int(plan[p] * rng.uniform(0.8, 1.5)) for p in P},
        }
        params["setup"] = {
            p: int(params["profit"][p] * plan[p] * rng.uniform(0.15, 0.6)) // 10 * 10 for p in P
        }
        if k["min_lot"]:
            params["min_lot"] = rng.choice([10, 15, 20, 25])
        if k["max_lines"]:
            params["max_lines"] = max(1, n_p - rng.randint(1, 2))
        story = {
            "ctx": ctx_i,
            "org": rng.choice(ctx["org"]),
            "products": {nl.slug(p[1]): list(p) for p in prods},
            "resources": {nl.slug(r[0]): list(r) for r in ress},
        }
        return Spec(sets={"Products": P, "Resources": R}, params=params, knobs=k, story=story)

    def describe(self, spec: Spec, rng: random.Random) -> str:
        st, par, k = spec.story, spec.params, spec.knobs
        ctx = CONTEXTS[st["ctx"]]
        P, R = spec.sets["Products"], spec.sets["Resources"]
        one = {p: st["products"][p][0] for p in P}
        many = {p: st["products"][p][1] for p in P}
        res = st["resources"]
        intro = [
            nl.v(rng, f"{st['org']} [can make|is able to produce] {nl.join([many[p] for p in P], rng)}.")
        ]
        facts = []
        header = (
            ["Product"]
            + [f"{res[r][0].capitalize()} ({res[r][2]})" for r in R]
            + ["Profit per unit ($)", "Fixed cost ($)", "Max sales"]
        )
        rows = [
            [many[p].capitalize()]
            + [nl.plain(par["use"][r][p]) for r in R]
            + [nl.plain(par["profit"][p]), nl.plain(par["setup"][p]), nl.plain(par["market"][p])]
            for p in P
        ]
        if rng.random() < 0.5:
            facts.append(
                nl.v(
                    rng,
                    "The [requirements per unit|resource needs], profits, fixed costs and [market limits|maximum sales] "
                    "are [shown below|as follows]:",
                )
                + "\n"
                + nl.table(rng, header, rows)
            )
        else:
            for p in P:
                needs = nl.join(
                    [
                        nl.qty(rng, par["use"][r][p], res[r][1], plural=res[r][2]) + f" of {res[r][0]}"
                        for r in R
                    ],
                    rng,
                )
                facts.append(
                    nl.v(
                        rng,
                        f"Each {one[p]} [requires|uses] {needs} and [earns|yields] a profit of "
                        f"{nl.money(rng, par['profit'][p])}; at most {nl.num(rng, par['market'][p])} {many[p]} can be "
                        f"sold, and {ctx['setup']} {many[p]} costs {nl.money(rng, par['setup'][p])}.",
                    )
                )
        facts.append(
            nl.v(
                rng,
                "A fixed cost is paid only [for products that are actually made|if at least one unit of that product is made].",
            )
        )
        facts.append(
            nl.v(
                rng,
                "[The company has|There are] "
                + nl.join(
                    [
                        f"{nl.qty(rng, par['avail'][r], res[r][1], plural=res[r][2])} of {res[r][0]}"
                        for r in R
                    ],
                    rng,
                )
                + f" available {ctx['period']}.",
            )
        )
        if k["min_lot"]:
            facts.append(
                nl.v(
                    rng,
                    f"[Any product that is made must be produced in a batch of at least|A product line, once set up, "
                    f"must make at least] {nl.num(rng, par['min_lot'])} units.",
                )
            )
        if k["max_lines"]:
            facts.append(
                nl.v(
                    rng,
                    f"[Because of limited floor space|With the staff available], at most {nl.num(rng, par['max_lines'])} "
                    f"different products can be made.",
                )
            )
        if k["integer"]:
            facts.append(nl.v(rng, "[Only whole units are made.|Quantities must be whole numbers.]"))
        question = nl.v(
            rng,
            "[Which products should be made, and how many of each, to maximize profit?|What is the maximum "
            "profit after fixed costs?]",
        )
        return nl.arrange(
            rng, intro, facts, question, noise=["The company has ten years of experience in the field."]
        )


FAMILY = FixedChargeProduction()
