"""Multi-period inventory ordering: meet known demand each period from orders and stock,
with period-dependent prices, a holding cost, and a warehouse capacity.

Complexity: 1 -> 3 periods ... 5 -> 12 periods.
Knobs: integer orders, a cap per order, a fixed cost per order placed (then the cap is the
big-M), a required stock at the end. Feasible by construction: capacity and the cap cover
the largest demand, and the starting/ending stocks fit in the warehouse.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
# (intro, item singular, item plural, period word, use month names)
CONTEXTS = [
    ("A hardware store sells snow shovels.", "shovel", "shovels", "month", True),
    ("A coffee roaster buys green coffee beans.", "bag", "bags", "week", False),
    ("A hospital pharmacy stocks an antibiotic.", "box", "boxes", "week", False),
    ("A bicycle shop sells a popular city bike model.", "bike", "bikes", "month", True),
    ("A school cafeteria buys frozen vegetables.", "case", "cases", "month", True),
]


class InventoryOrdering(Family):
    name = "inventory_ordering"
    tags = ("lp", "milp", "multi-period", "inventory", "lot-sizing")
    knobs = {
        "integer": (True, False),
        "max_order": (False, True),
        "setup": (False, True),
        "end_stock": (False, True),
    }

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        if k["setup"]:
            k["max_order"] = True
        ci = rng.randrange(len(CONTEXTS))
        T = [3, 4, 6, 8, 12][complexity - 1]
        demand = {str(t): rng.randint(2, 30) * 5 for t in range(1, T + 1)}
        base = rng.randint(10, 60)
        price = {t: round(base * rng.uniform(0.8, 1.25), 1 if rng.random() < 0.3 else 0) for t in demand}
        peak = max(demand.values())
        params: dict = {
            "demand": demand,
            "price": price,
            "hold": rng.choice([0.5, 1, 1.5, 2, 2.5, 3, 4]),
            "capacity": int(round(peak * rng.uniform(1.0, 2.5), -1)) or 10,
            "init": rng.randint(0, 5) * 5,
        }
        params["capacity"] = max(params["capacity"], params["init"], peak)
        if k["max_order"]:
            params["max_order"] = int(round(peak * rng.uniform(1.0, 1.8), -1))
            params["max_order"] = max(params["max_order"], peak)
        if k["setup"]:
            params["setup"] = rng.randint(4, 40) * 10
        if k["end_stock"]:
            params["end_stock"] = min(params["capacity"], rng.randint(1, 6) * 5)
        params["last"] = T
        return Spec(sets={"Periods": f"1..{T}"}, params=params, knobs=k, story={"ctx": ci, "T": T})

    def describe(self, spec: Spec, rng: random.Random) -> str:
        intro, one, many, per, months = CONTEXTS[spec.story["ctx"]]
        par, k, T = spec.params, spec.knobs, spec.story["T"]
        months = months and T <= 12
        label = (lambda t: MONTHS[int(t) - 1]) if months else (lambda t: f"{per} {t}")
        ts = [str(t) for t in range(1, T + 1)]
        span = f"the next {nl.num(rng, T)} {per}s" if not months else f"{MONTHS[0]} through {MONTHS[T - 1]}"
        facts = []
        if rng.random() < 0.5:
            rows = [
                [nl.cap(label(t)), nl.plain(par["demand"][t]), nl.money(rng, par["price"][t])] for t in ts
            ]
            facts.append(
                nl.v(
                    rng,
                    f"[Forecast demand and purchase prices for {span} are:|For {span}, the demand and the price per {one} are:]",
                )
                + "\n"
                + nl.table(rng, [nl.cap(per), "Demand", "Price"], rows)
            )
        else:
            facts.append(
                nl.v(
                    rng,
                    f"[Demand for {span} is forecast as|Over {span}, the requirements are] "
                    + nl.join(
                        [f"{nl.qty(rng, par['demand'][t], one, plural=many)} in {label(t)}" for t in ts], rng
                    )
                    + ".",
                )
            )
            facts.append(
                nl.v(
                    rng,
                    f"The purchase price per {one} [is|will be] "
                    + nl.join([f"{nl.money(rng, par['price'][t])} in {label(t)}" for t in ts], rng)
                    + ".",
                )
            )
        facts.append(
            nl.v(
                rng,
                f"[Orders arrive at the start of the {per} and demand must be met on time|Deliveries arrive immediately, and no shortages are allowed].",
            )
        )
        facts.append(
            nl.v(
                rng,
                f"[Keeping|Storing] a {one} in stock from one {per} to the next costs {nl.money(rng, par['hold'])}[, charged on the stock at the end of each {per}|].",
            )
        )
        facts.append(
            nl.v(
                rng,
                f"The [storeroom|warehouse] can hold at most {nl.qty(rng, par['capacity'], one, plural=many)} at the end of a {per}.",
            )
        )
        facts.append(
            nl.v(
                rng,
                f"[There are {nl.qty(rng, par['init'], one, plural=many)} in stock at the start|Currently {nl.qty(rng, par['init'], one, plural=many)} are on hand]."
                if par["init"]
                else "[There is no stock at the start.|Initially the shelves are empty.]",
            )
        )
        if k["max_order"]:
            facts.append(
                nl.v(
                    rng,
                    f"The supplier [delivers|can ship] at most {nl.qty(rng, par['max_order'], one, plural=many)} per {per}.",
                )
            )
        if k["setup"]:
            facts.append(
                nl.v(
                    rng,
                    f"Each order placed [also incurs|carries] a fixed [delivery|ordering] charge of {nl.money(rng, par['setup'])}, whatever its size.",
                )
            )
        if k["end_stock"]:
            facts.append(
                nl.v(
                    rng,
                    f"At the end of the last {per}, at least {nl.qty(rng, par['end_stock'], one, plural=many)} should remain in stock.",
                )
            )
        if k["integer"]:
            facts.append(nl.v(rng, f"Only whole {many} can be ordered."))
        q = nl.v(
            rng,
            f"[How many {many} should be ordered each {per} to minimize total cost|What is the minimum total cost of meeting demand over {span}]?",
        )
        return nl.arrange(
            rng,
            [intro],
            facts,
            q,
            noise=[
                "Sales are usually reported every Friday.",
                "The manager reviews the stock every morning.",
            ],
        )


FAMILY = InventoryOrdering()
