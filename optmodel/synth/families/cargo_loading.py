"""Cargo loading: several cargo types (tons available, volume per ton, profit per ton) go into
compartments with weight and volume limits; optionally the loads must keep the craft balanced
(each compartment filled to the same fraction of its weight capacity).

Complexity: 1 -> 2-3 cargoes x 2 holds ... 5 -> 6 cargoes x 4 holds.
Knobs: balance (continuous loads), or whole tons. Always feasible (load nothing); bounded by the offers.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

# (intro, vehicle, hold names, cargo pool)
CONTEXTS = [
    (
        "A cargo plane has {n} compartments: {holds}.",
        "plane",
        ["front", "center", "rear", "upper deck"],
        [
            "machine parts",
            "fresh flowers",
            "electronics",
            "textiles",
            "medical supplies",
            "auto parts",
            "seafood",
        ],
    ),
    (
        "A river barge is divided into {n} holds: {holds}.",
        "barge",
        ["bow hold", "middle hold", "stern hold", "deck area"],
        ["grain", "fertilizer", "coal", "scrap metal", "timber", "cement", "sand"],
    ),
    (
        "A freight train has {n} wagons available: {holds}.",
        "train",
        ["wagon A", "wagon B", "wagon C", "wagon D"],
        ["steel beams", "paper rolls", "canned food", "furniture", "bottled water", "tires", "appliances"],
    ),
    (
        "A container ship has {n} cargo bays: {holds}.",
        "ship",
        ["forward bay", "midship bay", "aft bay", "upper bay"],
        ["coffee", "cotton", "rubber", "cocoa", "copper", "sugar", "rice"],
    ),
]


class CargoLoading(Family):
    name = "cargo_loading"
    tags = ("lp", "milp", "small", "word-problem", "loading", "logistics")
    knobs = {"integer": (False, True), "balance": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        if k["balance"]:  # balance equalities over whole tons make a slow, often infeasible MIP
            k["integer"] = False
        ci = rng.randrange(len(CONTEXTS))
        _, _, hold_pool, cargo_pool = CONTEXTS[ci]
        n_c = min(2 + complexity // 2 + rng.randint(0, 1), 6)
        n_h = min(2 + complexity // 2, 4) if complexity > 1 else 2
        holds = hold_pool[:n_h] if rng.random() < 0.7 else rng.sample(hold_pool, n_h)
        cargo = rng.sample(cargo_pool, n_c)
        C, H = [nl.slug(x) for x in cargo], [nl.slug(x) for x in holds]
        avail = {c: rng.randint(4, 30) * 5 for c in C}
        space = {c: rng.choice([rng.randint(1, 6), round(rng.uniform(0.5, 5), 1)]) for c in C}
        profit = {c: rng.randint(8, 60) * 5 for c in C}
        total = sum(avail.values())
        max_weight = {h: int(round(total / n_h * rng.uniform(0.3, 0.8), -1)) or 10 for h in H}
        max_volume = {h: int(round(max_weight[h] * rng.uniform(1.0, 3.0), -1)) for h in H}
        return Spec(
            sets={"Cargo": C, "Holds": H},
            params={
                "avail": avail,
                "space": space,
                "profit": profit,
                "max_weight": max_weight,
                "max_volume": max_volume,
                "first": H[0],
            },
            knobs=k,
            story={"ctx": ci, "names": {nl.slug(x): x for x in cargo + holds}},
        )

    def describe(self, spec: Spec, rng: random.Random) -> str:
        intro_t, veh, _, _ = CONTEXTS[spec.story["ctx"]]
        nm, par, k = spec.story["names"], spec.params, spec.knobs
        C, H = spec.sets["Cargo"], spec.sets["Holds"]
        intro = [intro_t.format(n=nl.num(rng, len(H)), holds=nl.join([nm[h] for h in H], rng))]
        facts = []
        if rng.random() < 0.5:
            rows = [
                [nl.cap(nm[h]), nl.plain(par["max_weight"][h]), nl.plain(par["max_volume"][h])] for h in H
            ]
            facts.append(
                nl.v(rng, "[Their limits are:|Capacities:]")
                + "\n"
                + nl.table(rng, ["Compartment", "Weight (tons)", "Space (cubic meters)"], rows)
            )
        else:
            for h in H:
                facts.append(
                    nl.v(
                        rng,
                        f"The {nm[h]} can [take|hold] at most {nl.qty(rng, par['max_weight'][h], 'ton')} and has {nl.qty(rng, par['max_volume'][h], 'cubic meter')} of space.",
                    )
                )
        rows = [
            [
                nl.cap(nm[c]),
                nl.plain(par["avail"][c]),
                nl.plain(par["space"][c]),
                nl.money(rng, par["profit"][c]),
            ]
            for c in C
        ]
        facts.append(
            nl.v(rng, "[The following cargo is offered for this trip|Shippers have offered these loads]:")
            + "\n"
            + nl.table(rng, ["Cargo", "Tons available", "Cubic meters per ton", "Profit per ton"], rows)
        )
        facts.append(
            nl.v(
                rng,
                "[Any part of an offer may be accepted, and a cargo may be split among compartments.|Each cargo can be split between compartments, and only part of it need be taken.]",
            )
        )
        if k["balance"]:
            facts.append(
                nl.v(
                    rng,
                    f"To keep the {veh} [balanced|stable], [the weight in each compartment must be the same fraction of its weight capacity|every compartment must be loaded to the same percentage of its weight limit].",
                )
            )
        if k["integer"]:
            facts.append(nl.v(rng, "Cargo is loaded in whole tons."))
        q = nl.v(
            rng,
            "[How much of each cargo should be put in each compartment to maximize profit|What is the maximum profit for this trip]?",
        )
        return nl.arrange(
            rng,
            intro,
            facts,
            q,
            noise=["The trip takes about two days.", "Insurance is paid by the shippers."],
        )


FAMILY = CargoLoading()
