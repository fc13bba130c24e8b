"""Transshipment: plants ship to regional depots, depots ship on to customers (optionally some
plant-to-customer direct shipments); minimise the total shipping cost.

Complexity: 1 -> 2 plants, 2 depots, 2 customers ... 5 -> 3 plants, 3 depots, 6 customers.
Knobs: direct shipments allowed, depot throughput limits, whole truckloads.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "org": "a beverage company",
        "plant": "bottling plant",
        "depot": "distribution center",
        "cust": "supermarket chain",
        "unit": ("pallet", "pallets"),
        "cities": [
            "Springfield",
            "Riverton",
            "Lakeside",
            "Fairview",
            "Oakdale",
            "Hillcrest",
            "Brookfield",
            "Greenville",
            "Maplewood",
            "Westport",
            "Ashford",
            "Clayton",
        ],
    },
    {
        "org": "a cement producer",
        "plant": "kiln",
        "depot": "rail terminal",
        "cust": "construction site",
        "unit": ("ton", "tons"),
        "cities": [
            "North Ridge",
            "Stonebridge",
            "Millbrook",
            "Eastfield",
            "Harbor Point",
            "Redwood",
            "Pinecrest",
            "Silver Lake",
            "Kingsport",
            "Elmwood",
            "Southgate",
            "Bayview",
        ],
    },
    {
        "org": "an electronics distributor",
        "plant": "factory",
        "depot": "warehouse",
        "cust": "retail store",
        "unit": ("carton", "cartons"),
        "cities": [
            "Avon",
            "Bristol",
            "Camden",
            "Dover",
            "Easton",
            "Fulton",
            "Glendale",
            "Hampton",
            "Irvine",
            "Jasper",
            "Kent",
            "Lima",
        ],
    },
]
SIZES = {1: (2, 2, 2), 2: (2, 2, 3), 3: (3, 2, 4), 4: (3, 3, 5), 5: (3, 3, 6)}


class Transshipment(Family):
    name = "transshipment"
    tags = ("lp", "milp", "small", "word-problem", "network", "transportation")
    knobs = {"direct": (False, True), "depot_cap": (False, True), "integer": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ctx_i = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ctx_i]
        n_p, n_d, n_c = SIZES[complexity]
        names = rng.sample(ctx["cities"], n_p + n_d + n_c)
        P, D, C = (
            [nl.slug(x) for x in names[:n_p]],
            [nl.slug(x) for x in names[n_p : n_p + n_d]],
            [nl.slug(x) for x in names[n_p + n_d :]],
        )
        demand = {c: rng.randint(4, 30) * 10 for c in C}
        total = sum(demand.values())
        supply = {p: int(total / n_p * rng.uniform(0.8, 1.5)) // 10 * 10 for p in P}
        while sum(supply.values()) < total:
            supply[rng.choice(P)] += 50
        params: dict = {
            "supply": supply,
            "demand": demand,
            "cost_in": {p: {d: rng.randint(2, 12) for d in D} for p in P},
            "cost_out": {d: {c: rng.randint(3, 15) for c in C} for d in D},
        }
        if k["direct"]:
            params["cost_direct"] = {p: {c: rng.randint(12, 28) for c in C} for p in P}
        if k["depot_cap"]:
            params["throughput"] = {d: int(total / n_d * rng.uniform(0.7, 1.3)) // 10 * 10 for d in D}
            while sum(params["throughput"].values()) < total:
                params["throughput"][rng.choice(D)] += 50
        story = {"ctx": ctx_i, "names": dict(zip(P + D + C, names, strict=True))}
        return Spec(sets={"Plants": P, "Depots": D, "Customers": C}, params=params, knobs=k, story=story)

    def describe(self, spec: Spec, rng: random.Random) -> str:
        st, par, k = spec.story, spec.params, spec.knobs
        ctx = CONTEXTS[st["ctx"]]
        P, D, C, nm = spec.sets["Plants"], spec.sets["Depots"], spec.sets["Customers"], st["names"]
        u1, u2 = ctx["unit"]
        intro = [
            nl.v(
                rng,
                f"{nl.cap(ctx['org'])} [ships|distributes] its product from {nl.num(rng, len(P))} {ctx['plant']}s to "
                f"{nl.num(rng, len(C))} {ctx['cust']}s through {nl.num(rng, len(D))} {ctx['depot']}s.",
            )
        ]
        facts = [
            nl.v(
                rng,
                "[Weekly supplies:|Each week,] "
                + nl.join(
                    [f"{nm[p]} can supply {nl.qty(rng, par['supply'][p], u1, plural=u2)}" for p in P], rng
                )
                + ".",
            ),
            nl.v(
                rng,
                "The [weekly|] [requirements|demands] are "
                + nl.join(
                    [
                        f"{nl.qty(rng, par['demand'][c], u1, plural=u2)} for the {ctx['cust']} in {nm[c]}"
                        for c in C
                    ],
                    rng,
                )
                + ".",
            ),
        ]
        header = ["From \\ To"] + [nm[d] for d in D]
        rows = [[nm[p]] + [nl.money(rng, par["cost_in"][p][d]) for d in D] for p in P]
        facts.append(
            nl.v(rng, f"Shipping costs per {u1} from {ctx['plant']}s to {ctx['depot']}s are:")
            + "\n"
            + nl.table(rng, header, rows)
        )
        header = ["From \\ To"] + [nm[c] for c in C]
        rows = [[nm[d]] + [nl.money(rng, par["cost_out"][d][c]) for c in C] for d in D]
        facts.append(
            nl.v(rng, f"[From the {ctx['depot']}s to the customers|Onward shipping], the cost per {u1} is:")
            + "\n"
            + nl.table(rng, header, rows)
        )
        if k["direct"]:
            rows = [[nm[p]] + [nl.money(rng, par["cost_direct"][p][c]) for c in C] for p in P]
            facts.append(
                nl.v(
                    rng,
                    f"Shipping directly from a {ctx['plant']} to a customer is also possible, at these costs per {u1}:",
                )
                + "\n"
                + nl.table(rng, ["From \\ To"] + [nm[c] for c in C], rows)
            )
        else:
            facts.append(
                nl.v(
                    rng,
                    f"[All shipments must pass through a {ctx['depot']}.|No direct shipments from {ctx['plant']}s "
                    f"to customers are possible.]",
                )
            )
        if k["depot_cap"]:
            facts.append(
                nl.v(
                    rng,
                    f"[Each {ctx['depot']} can handle a limited volume:|Depot throughput is limited:] "
                    + nl.join(
                        [f"{nl.qty(rng, par['throughput'][d], u1, plural=u2)} at {nm[d]}" for d in D], rng
                    )
                    + ".",
                )
            )
        facts.append(
            nl.v(
                rng,
                f"[{ctx['depot'].capitalize()}s keep no stock: whatever arrives is shipped on.|Nothing is stored at "
                f"the {ctx['depot']}s.]",
            )
        )
        if k["integer"]:
            facts.append(nl.v(rng, f"Shipments are made in whole {u2}."))
        question = nl.v(
            rng,
            "[How should the product be shipped to meet all demand at minimum total cost?|What is the "
            "minimum total shipping cost?]",
        )
        return nl.arrange(
            rng, intro, facts, question, noise=["Fuel prices have risen this year."], shuffle=0.3
        )


FAMILY = Transshipment()
