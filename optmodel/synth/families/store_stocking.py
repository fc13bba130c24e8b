"""Store stocking: a shop buys products for resale within a purchase budget and its shelf (or
floor, or warehouse) space, to maximise profit; optional demand limits and a minimum share of one
product. Complexity: 1 -> 2 products ... 5 -> 7 products."""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "who": ["An electronics store", "A gadget shop"],
        "space": ("square foot", "square feet", "of shelf space"),
        "items": [
            ("laptop", "laptops"),
            ("tablet", "tablets"),
            ("phone", "phones"),
            ("monitor", "monitors"),
            ("printer", "printers"),
            ("game console", "game consoles"),
            ("camera", "cameras"),
        ],
        "price": (50, 900),
    },
    {
        "who": ["A garden center", "A plant nursery"],
        "space": ("square meter", "square meters", "of greenhouse space"),
        "items": [
            ("rose bush", "rose bushes"),
            ("fruit tree", "fruit trees"),
            ("fern", "ferns"),
            ("cactus", "cacti"),
            ("orchid", "orchids"),
            ("herb tray", "herb trays"),
            ("palm", "palms"),
        ],
        "price": (3, 60),
    },
    {
        "who": ["A corner shop", "A convenience store"],
        "space": ("shelf slot", "shelf slots", ""),
        "items": [
            ("case of soda", "cases of soda"),
            ("box of cereal", "boxes of cereal"),
            ("bag of chips", "bags of chips"),
            ("carton of milk", "cartons of milk"),
            ("pack of coffee", "packs of coffee"),
            ("jar of jam", "jars of jam"),
            ("bottle of juice", "bottles of juice"),
        ],
        "price": (1, 15),
    },
    {
        "who": ["A bicycle shop", "A sports store"],
        "space": ("square foot", "square feet", "of floor space"),
        "items": [
            ("road bike", "road bikes"),
            ("mountain bike", "mountain bikes"),
            ("scooter", "scooters"),
            ("helmet", "helmets"),
            ("kayak", "kayaks"),
            ("treadmill", "treadmills"),
            ("skateboard", "skateboards"),
        ],
        "price": (20, 800),
    },
]


class StoreStocking(Family):
    name = "store_stocking"
    tags = ("milp", "small", "word-problem", "retail")
    knobs = {"demand": (False, True), "share": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        ci = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ci]
        k = self.choose_knobs(rng, knobs)
        n = min(2 + complexity - 1 + rng.randint(0, 1), 7)
        items = rng.sample(ctx["items"], n)
        P = [nl.slug(x[1]) for x in items]
        lo, hi = ctx["price"]
        price = {p: rng.randint(lo, hi) for p in P}
        profit = {p: max(1, int(price[p] * rng.uniform(0.1, 0.6))) for p in P}
        space = {p: rng.randint(1, 12) for p in P}
        plan = {p: rng.randint(5, 40) for p in P}
        budget = int(sum(price[p] * plan[p] for p in P) * rng.uniform(0.6, 1.0)) // 100 * 100 + 100
        shelf = int(sum(space[p] * plan[p] for p in P) * rng.uniform(0.6, 1.0)) // 10 * 10 + 10
        spec = Spec(
            sets={"Products": P},
            params={"price": price, "profit": profit, "space": space, "budget": budget, "shelf": shelf},
            knobs=k,
            story={
                "ctx": ci,
                "who": rng.choice(ctx["who"]),
                "items": {nl.slug(x[1]): list(x) for x in items},
            },
        )
        if k["demand"]:
            spec.params["max_demand"] = {p: plan[p] + rng.randint(0, 15) for p in P}
        if k["share"]:
            spec.params["share_product"] = rng.choice(P)
            spec.params["share"] = rng.choice([0.1, 0.2, 0.25, 0.3])
        return spec

    def describe(self, spec: Spec, rng: random.Random) -> str:
        ctx = CONTEXTS[spec.story["ctx"]]
        P, par, k = spec.sets["Products"], spec.params, spec.knobs
        one = {p: spec.story["items"][p][0] for p in P}
        many = {p: spec.story["items"][p][1] for p in P}
        u1, u2, of = ctx["space"]
        intro = [
            nl.sent(
                rng,
                f"{spec.story['who']} [is deciding how many|plans how many] {nl.join([many[p] for p in P], rng)} to [stock|order|buy] for the [coming|next] [month|season|week].",
            )
        ]
        facts = []
        if rng.random() < 0.35 and len(P) >= 3:
            rows = [
                [
                    many[p],
                    nl.money(rng, par["price"][p]),
                    nl.money(rng, par["profit"][p]),
                    nl.plain(par["space"][p]),
                ]
                for p in P
            ]
            facts.append(
                nl.v(rng, "[Product data:|The details per unit are:]")
                + "\n"
                + nl.table(rng, ["Product", "Cost", "Profit", f"Space ({u2})"], rows)
            )
        else:
            for p in P:
                facts.append(
                    nl.sent(
                        rng,
                        nl.pick(
                            rng,
                            [
                                f"[each|one|a] {one[p]} costs the store {nl.money(rng, par['price'][p])}, [takes up|needs|uses] {nl.qty(rng, par['space'][p], u1, plural=u2)} {of} and [yields|brings] a profit of {nl.money(rng, par['profit'][p])}.",
                                f"{many[p]} cost {nl.money(rng, par['price'][p])} each to buy and earn {nl.money(rng, par['profit'][p])} profit each; each one [takes up|needs] {nl.qty(rng, par['space'][p], u1, plural=u2)} {of}.",
                            ],
                        ),
                    )
                )
        facts.append(
            nl.sent(
                rng,
                f"the [store|shop|owner] can spend at most {nl.money(rng, par['budget'])} and has {nl.qty(rng, par['shelf'], u1, plural=u2)} {of} [available|free|in total].",
            )
        )
        if k.get("demand"):
            limits = nl.join([f"{nl.num(rng, par['max_demand'][p])} {many[p]}" for p in P], rng)
            facts.append(
                nl.sent(
                    rng,
                    nl.pick(
                        rng,
                        [f"the expected demand limits sales to {limits}.", f"at most {limits} can be sold."],
                    ),
                )
            )
        if k.get("share"):
            facts.append(
                nl.sent(
                    rng,
                    f"at least {nl.percent(rng, par['share'])} of the [units|items] [stocked|ordered] must be {many[par['share_product']]}.",
                )
            )
        facts.append(
            nl.sent(rng, "[everything stocked is assumed to sell.|all stocked items are expected to sell.|]")
        )
        question = nl.v(
            rng,
            "[How many of each product should be stocked to maximize profit|What is the maximum profit the store can make]?",
        )
        return nl.arrange(rng, intro, facts, question)


FAMILY = StoreStocking()
