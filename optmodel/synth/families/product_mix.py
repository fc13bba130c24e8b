"""Product mix: products share limited resources; choose quantities to maximise profit.

Complexity: 1 -> 2 products x 2 resources ... 5 -> 7 products x 5 resources.
Knobs: integer or continuous quantities, per-product sales caps, a minimum total, a minimum
share of one product, "at most k times as many A as B".
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

# Story contexts: who makes what from which resources (unit singular, unit plural).
CONTEXTS = [
    {
        "org": ["a furniture workshop", "a small carpentry company", "a furniture maker"],
        "products": [
            ("chair", "chairs"),
            ("table", "tables"),
            ("desk", "desks"),
            ("bookshelf", "bookshelves"),
            ("stool", "stools"),
            ("cabinet", "cabinets"),
            ("bench", "benches"),
        ],
        "resources": [
            ("carpentry", "hour", "hours"),
            ("finishing", "hour", "hours"),
            ("wood", "board foot", "board feet"),
            ("varnish", "liter", "liters"),
            ("packaging", "minute", "minutes"),
        ],
        "period": ["per week", "each week", "this week"],
    },
    {
        "org": ["a bakery", "a family bakery", "a pastry shop"],
        "products": [
            ("loaf of bread", "loaves of bread"),
            ("cake", "cakes"),
            ("batch of cookies", "batches of cookies"),
            ("pie", "pies"),
            ("croissant tray", "croissant trays"),
            ("muffin box", "muffin boxes"),
            ("baguette crate", "baguette crates"),
        ],
        "resources": [
            ("flour", "kilogram", "kilograms"),
            ("oven time", "minute", "minutes"),
            ("sugar", "kilogram", "kilograms"),
            ("baker labor", "hour", "hours"),
            ("butter", "kilogram", "kilograms"),
        ],
        "period": ["per day", "each day", "daily"],
    },
    {
        "org": ["an electronics manufacturer", "a gadget company", "a small electronics plant"],
        "products": [
            ("phone", "phones"),
            ("tablet", "tablets"),
            ("laptop", "laptops"),
            ("smartwatch", "smartwatches"),
            ("speaker", "speakers"),
            ("router", "routers"),
            ("camera", "cameras"),
        ],
        "resources": [
            ("assembly", "hour", "hours"),
            ("testing", "hour", "hours"),
            ("circuit boards", "unit", "units"),
            ("soldering", "minute", "minutes"),
            ("inspection", "minute", "minutes"),
        ],
        "period": ["per month", "each month", "monthly"],
    },
    {
        "org": ["a jewelry studio", "a jeweler", "a craft jewelry shop"],
        "products": [
            ("ring", "rings"),
            ("necklace", "necklaces"),
            ("bracelet", "bracelets"),
            ("pair of earrings", "pairs of earrings"),
            ("pendant", "pendants"),
            ("brooch", "brooches"),
            ("anklet", "anklets"),
        ],
        "resources": [
            ("gold", "gram", "grams"),
            ("design", "hour", "hours"),
            ("polishing", "hour", "hours"),
            ("silver", "gram", "grams"),
            ("gemstones", "unit", "units"),
        ],
        "period": ["per week", "each week", "weekly"],
    },
    {
        "org": ["a chemical plant", "a paint factory", "a cleaning products company"],
        "products": [
            ("batch of detergent", "batches of detergent"),
            ("barrel of paint", "barrels of paint"),
            ("drum of solvent", "drums of solvent"),
            ("tank of cleaner", "tanks of cleaner"),
            ("crate of soap", "crates of soap"),
            ("pallet of polish", "pallets of polish"),
            ("tub of wax", "tubs of wax"),
        ],
        "resources": [
            ("mixing", "hour", "hours"),
            ("raw material", "ton", "tons"),
            ("storage", "cubic meter", "cubic meters"),
            ("bottling", "hour", "hours"),
            ("quality control", "hour", "hours"),
        ],
        "period": ["per shift", "per day", "each week"],
    },
    {
        "org": ["a toy factory", "a toy company", "a workshop making wooden toys"],
        "products": [
            ("toy car", "toy cars"),
            ("doll", "dolls"),
            ("puzzle", "puzzles"),
            ("train set", "train sets"),
            ("kite", "kites"),
            ("board game", "board games"),
            ("teddy bear", "teddy bears"),
        ],
        "resources": [
            ("molding", "hour", "hours"),
            ("painting", "hour", "hours"),
            ("plastic", "kilogram", "kilograms"),
            ("labor", "hour", "hours"),
            ("packing", "minute", "minutes"),
        ],
        "period": ["per day", "each week", "per week"],
    },
]
NOISE = [
    "The company has been in business for {n} years.",
    "Last year, the owner opened a second location downtown.",
    "Its products are sold mainly through local retailers.",
    "Customers have rated the products highly in recent surveys.",
    "The manager has {n} employees on the payroll but labor hours are what limit production.",
]


class ProductMix(Family):
    name = "product_mix"
    tags = ("lp", "milp", "small", "word-problem", "production")
    knobs = {
        "integer": (True, False),
        "max_demand": (True, False),
        "min_total": (False, True),
        "share": (False, True),
        "relate": (False, True),
        "min_one": (False, True),
        "objective": ("profit", "profit", "profit", "profit", "count"),
    }

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        n_prod = min(2 + complexity - 1 + rng.randint(0, 1), 7)
        n_res = min(2 + (complexity - 1) // 2 + rng.randint(0, 1), 5)
        ctx_i = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ctx_i]
        prods = rng.sample(ctx["products"], n_prod)
        ress = rng.sample(ctx["resources"], n_res)
        P = [nl.slug(p[1]) for p in prods]
        R = [nl.slug(r[0]) for r in ress]
        k = self.choose_knobs(rng, knobs)
        if n_prod < 2:
            k["relate"] = False
        profit = {
            p: rng.choice([rng.randint(2, 60), rng.randint(5, 200), round(rng.uniform(1, 30) * 2) / 2])
            for p in P
        }
        use = {r: {p: rng.randint(1, 9) for p in P} for r in R}
        if complexity >= 3:  # some products skip some resources
            for r in R:
                for p in P:
                    if rng.random() < 0.2:
                        use[r][p] = 0
        for p in P:  # every product needs something, or its profit is unbounded
            if all(use[r][p] == 0 for r in R):
                use[R[0]][p] = rng.randint(1, 9)
        plan = {p: rng.randint(5, 40) for p in P}  # a production plan the capacities can carry
        avail = {
            r: max(10, int(round(sum(use[r][p] * plan[p] for p in P) * rng.uniform(0.6, 1.1), -1))) for r in R
        }
        spec = Spec(
            sets={"Products": P, "Resources": R},
            params={"profit": profit, "use": use, "avail": avail},
            knobs=k,
            story={
                "ctx": ctx_i,
                "org": rng.choice(ctx["org"]),
                "period": rng.choice(ctx["period"]),
                "products": {nl.slug(p[1]): list(p) for p in prods},
                "resources": {nl.slug(r[0]): list(r) for r in ress},
            },
        )
        if k["max_demand"]:
            capped = sorted(rng.sample(P, rng.randint(1, len(P))), key=P.index)
            spec.sets["Capped"] = capped
            spec.params["max_sales"] = {p: max(3, int(plan[p] * rng.uniform(0.5, 1.3))) for p in capped}
        if k["min_total"]:
            spec.params["min_make"] = max(2, int(sum(plan.values()) * rng.uniform(0.2, 0.5)))
        if k["share"]:
            spec.params["share"] = rng.choice([0.1, 0.15, 0.2, 0.25, 0.3, 0.4])
            spec.params["share_product"] = rng.choice(P)
        if k["min_one"]:
            spec.params["min_one_product"] = rng.choice(P)
            spec.params["min_one"] = max(2, int(plan[spec.params["min_one_product"]] * rng.uniform(0.2, 0.8)))
        if k["objective"] == "count":
            del spec.params["profit"]
            k["integer"] = True
        if k["relate"]:
            a, b = rng.sample(P, 2)
            spec.params.update(rel_a=a, rel_b=b, rel_k=rng.choice([2, 3, 1.5, 4]))
        return spec

    def describe(self, spec: Spec, rng: random.Random) -> str:
        P, R = spec.sets["Products"], spec.sets["Resources"]
        prods, ress = spec.story["products"], spec.story["resources"]
        k, par = spec.knobs, spec.params
        sing = {p: prods[p][0] for p in P}
        plur = {p: prods[p][1] for p in P}
        period = spec.story["period"]
        org = spec.story["org"]

        def amount(r: str, x) -> str:
            name, u1, u2 = ress[r]
            return f"{nl.qty(rng, x, u1, plural=u2)} of {name}"

        intro = [
            nl.v(rng, f"{nl.cap(org)} [makes|produces|manufactures] {nl.join([plur[p] for p in P], rng)}.")
        ]
        facts: list[str] = []
        # profits (not stated when the goal is the number of units)
        style = rng.random() if "profit" in par else 2.0
        if style < 0.4:
            facts.append(
                nl.v(
                    rng,
                    "The [profit|net profit] [is|equals] "
                    + nl.join([f"{nl.money(rng, par['profit'][p])} per {sing[p]}" for p in P], rng)
                    + ".",
                )
            )
        elif style < 0.7 and len(P) > 1:
            facts.append(
                nl.v(
                    rng,
                    f"{nl.cap(nl.join([plur[p] for p in P], rng))} [earn|yield|bring in] [a profit of|profits of] "
                    + nl.join([nl.money(rng, par["profit"][p]) for p in P], rng)
                    + " [per unit|each], respectively.",
                )
            )
        elif style <= 1.0:
            for p in P:
                facts.append(
                    nl.v(
                        rng,
                        f"Each {sing[p]} [yields a profit of|earns|brings in a profit of|generates] {nl.money(rng, par['profit'][p])}.",
                    )
                )
        # resource use: prose per product, per resource, or a table
        style = rng.random()
        if style < 0.3 and len(P) >= 3:
            header = ["Product"] + [f"{ress[r][0].capitalize()} ({ress[r][2]})" for r in R]
            rows = [[plur[p].capitalize()] + [nl.plain(spec.params["use"][r][p]) for r in R] for p in P]
            facts.append(
                nl.v(
                    rng,
                    "[The resources needed per unit are shown below.|Resource requirements per unit:|Per unit, the products need:]",
                )
                + "\n"
                + nl.table(rng, header, rows)
            )
        elif style < 0.65:
            for p in P:
                needs = [amount(r, par["use"][r][p]) for r in R if par["use"][r][p]]
                facts.append(
                    nl.v(
                        rng,
                        f"[Each|One|A single] {sing[p]} [requires|needs|takes|uses] {nl.join(needs, rng)}.",
                    )
                )
        else:
            for r in R:
                name, u1, u2 = ress[r]
                parts = [
                    f"{nl.qty(rng, par['use'][r][p], u1, plural=u2)} per {sing[p]}"
                    for p in P
                    if par["use"][r][p]
                ]
                facts.append(
                    nl.v(
                        rng,
                        f"[Producing the items|Production] [uses|requires] {name}: {nl.join(parts, rng)}.",
                    )
                )
        for r in R:
            facts.append(
                nl.sent(
                    rng,
                    nl.pick(
                        rng,
                        [
                            f"[there are|the company has] {amount(r, par['avail'][r])} available {period}.",
                            f"at most {amount(r, par['avail'][r])} can be used {period}.",
                            f"[a total of|up to] {amount(r, par['avail'][r])} [can be used|is available] {period}.",
                        ],
                    ),
                )
            )
        if k.get("max_demand"):
            for p in spec.sets["Capped"]:
                cap_n = par["max_sales"][p]
                facts.append(
                    nl.v(
                        rng,
                        nl.pick(
                            rng,
                            [
                                f"[Demand|The market] for {plur[p]} is limited to {nl.num(rng, cap_n)} {period}.",
                                f"No more than {nl.num(rng, cap_n)} {plur[p]} can be sold {period}.",
                                f"At most {nl.num(rng, cap_n)} {plur[p]} [can|should] be made.",
                            ],
                        ),
                    )
                )
        if k.get("min_total"):
            facts.append(
                nl.v(
                    rng,
                    f"[To keep the line running|Because of a supply contract|To cover fixed commitments], at least {nl.num(rng, par['min_make'])} items in total must be produced.",
                )
            )
        if k.get("share"):
            p = par["share_product"]
            facts.append(
                nl.v(
                    rng,
                    f"[At least|A minimum of] {nl.percent(rng, par['share'])} of [all|the total] [units produced|production] must be {plur[p]}.",
                )
            )
        if k.get("relate"):
            a, b, kk = par["rel_a"], par["rel_b"], par["rel_k"]
            facts.append(
                nl.v(
                    rng,
                    f"The number of {plur[a]} [made|produced] [can be|should be|must be] at most {nl.times(rng, kk)} the number of {plur[b]}.",
                )
            )
        if k.get("min_one"):
            p = par["min_one_product"]
            facts.append(
                nl.sent(
                    rng,
                    f"[however, |in addition, |]at least {nl.num(rng, par['min_one'])} {plur[p]} must be [made|produced][| to fill existing orders].",
                )
            )
        if k.get("objective") == "count":
            question = nl.v(
                rng,
                f"[How many of each product should be made to maximize the total number of items produced|What is the largest total number of {' and '.join(plur[p] for p in P[:2]) if len(P) == 2 else 'items'} that can be made]?",
            )
            noise = [s.format(n=rng.randint(3, 40)) for s in NOISE]
            return nl.arrange(rng, intro, facts, question, noise=noise)
        if k.get("integer"):
            if rng.random() < 0.5:
                facts.append(
                    nl.v(
                        rng,
                        f"[Only whole|Fractional {plur[P[0]]} cannot be sold, so only whole] [units|items] [can be|are] produced.",
                    )
                )
            question = nl.v(
                rng,
                "[How many of each product should be made|How many "
                + nl.join([plur[p] for p in P])
                + " should be produced|How many units of each product should the company make] to maximize [total|its] profit[| "
                + period
                + "]?",
            )
        else:
            if rng.random() < 0.6:
                facts.append(
                    nl.v(
                        rng,
                        "[Fractional quantities are allowed.|Production quantities do not need to be whole numbers.|Partial units can be produced, since production is measured continuously.]",
                    )
                )
            question = nl.v(
                rng,
                "[What is the maximum profit the company can make|Determine the production quantities that maximize profit|Find the profit-maximizing production plan and its profit]?",
            )
            question = question.replace("plan and its profit?", "plan and its profit.")
        noise = [s.format(n=rng.randint(3, 40)) for s in NOISE]
        return nl.arrange(rng, intro, facts, question, noise=noise)


FAMILY = ProductMix()
