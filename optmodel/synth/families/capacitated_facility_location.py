"""Capacitated facility location: open plants (fixed cost, limited capacity) and ship from
them to meet every market's demand at least cost.

Complexity: 1 -> 2-3 plants x 3 markets ... 5 -> 6-7 plants x 8 markets.
Knobs: integer or continuous shipments, a cap on the number of plants opened.
Feasibility by construction: total capacity (of the largest `max_open` plants) exceeds demand.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

# (organisation, plant word, market word, plant names, market names, unit, period)
CONTEXTS = [
    (
        "a beverage company",
        "bottling plant",
        "region",
        ["Atlanta", "Denver", "Phoenix", "Omaha", "Memphis", "Tulsa", "Raleigh"],
        ["Northeast", "Southeast", "Midwest", "Southwest", "Northwest", "Central", "Gulf Coast", "Mountain"],
        "pallet",
        "",
        "per month",
    ),
    (
        "a cement producer",
        "kiln site",
        "construction zone",
        ["Quarry Hill", "River Bend", "Stone Valley", "Ridge Top", "Granite Flats", "Clay Pit", "Lime Creek"],
        [
            "Downtown",
            "Airport",
            "Harbor",
            "University",
            "Suburbs",
            "Industrial Park",
            "Ring Road",
            "New Town",
        ],
        "ton",
        "",
        "per week",
    ),
    (
        "a cloud provider",
        "data center",
        "city",
        ["Dublin", "Frankfurt", "Madrid", "Warsaw", "Oslo", "Milan", "Lyon"],
        ["Paris", "Berlin", "Rome", "Vienna", "Prague", "Lisbon", "Brussels", "Zurich"],
        "server rack",
        "",
        "per year",
    ),
    (
        "a furniture maker",
        "factory",
        "showroom",
        ["Elkhart", "Hickory", "Tupelo", "Grand Rapids", "High Point", "Dalton", "Lenoir"],
        ["Austin", "Dallas", "Houston", "El Paso", "San Antonio", "Lubbock", "Waco", "Laredo"],
        "sofa",
        "",
        "per month",
    ),
]


class CapacitatedFacilityLocation(Family):
    name = "capacitated_facility_location"
    tags = ("milp", "structured", "facility-location", "logistics")
    knobs = {"integer": (False, True), "max_open": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ci = rng.randrange(len(CONTEXTS))
        _, _, _, plant_pool, market_pool, _, _, _ = CONTEXTS[ci]
        n_p = min(2 + complexity // 2 + rng.randint(0, 1), 7)
        n_m = min(2 + complexity + rng.randint(0, 1), 8)
        plants, markets = rng.sample(plant_pool, n_p), rng.sample(market_pool, n_m)
        P, M = [nl.slug(p) for p in plants], [nl.slug(m) for m in markets]
        demand = {m: rng.randint(5, 60) * 10 for m in M}
        total = sum(demand.values())
        n_needed = rng.randint(2, n_p) if n_p > 2 else 2
        # each plant carries a share so that any n_needed of the largest cover the demand
        capacity = {p: int(round(total / n_needed * rng.uniform(1.05, 1.6), -1)) for p in P}
        fixed = {p: rng.randint(15, 90) * 100 for p in P}
        cost = {p: {m: rng.choice([rng.randint(2, 20), round(rng.uniform(1, 9), 1)]) for m in M} for p in P}
        params = {"fixed": fixed, "capacity": capacity, "cost": cost, "demand": demand}
        if k["max_open"]:
            params["max_open"] = min(n_p, n_needed + rng.randint(0, 1))
        return Spec(
            sets={"Plants": P, "Markets": M},
            params=params,
            knobs=k,
            story={
                "ctx": ci,
                "plants": dict(zip(P, plants, strict=True)),
                "markets": dict(zip(M, markets, strict=True)),
            },
        )

    def describe(self, spec: Spec, rng: random.Random) -> str:
        org, pw, mw, _, _, unit, scale, period = CONTEXTS[spec.story["ctx"]]
        P, M = spec.sets["Plants"], spec.sets["Markets"]
        pn, mn = spec.story["plants"], spec.story["markets"]
        par, k = spec.params, spec.knobs
        units = f"{scale} {unit}s".strip()
        intro = [
            nl.sent(
                rng,
                f"{org} [can operate|is choosing among] {nl.num(rng, len(P))} candidate {nl.plural_of(pw)} "
                f"({nl.join([pn[p] for p in P], rng)}) to supply {nl.num(rng, len(M))} {nl.plural_of(mw)}.",
            )
        ]
        facts = []
        style = rng.random()
        if style < 0.5:
            rows = [[pn[p], nl.money(rng, par["fixed"][p]), nl.grouped(par["capacity"][p])] for p in P]
            facts.append(
                nl.v(
                    rng,
                    f"[Fixed costs and capacities ({units} {period}) are:|The {nl.plural_of(pw)} have these fixed costs and capacities, in {units} {period}:]",
                )
                + "\n"
                + nl.table(rng, [nl.cap(pw), "Fixed cost", "Capacity"], rows)
            )
        else:
            for p in P:
                facts.append(
                    nl.v(
                        rng,
                        f"[The|A] {pw} in {pn[p]} [costs|has a fixed cost of] {nl.money(rng, par['fixed'][p])} {period} "
                        f"[to run|if it is opened] and can [supply|handle] up to {nl.num(rng, par['capacity'][p])} {units}.",
                    )
                )
        facts.append(
            nl.v(
                rng,
                f"[Demand|The requirement] {period} is "
                + nl.join([f"{nl.num(rng, par['demand'][m])} {units} [for|in] {mn[m]}" for m in M], rng)
                + ".",
            )
        )
        rows = [[pn[p]] + [nl.money(rng, par["cost"][p][m]) for m in M] for p in P]
        facts.append(
            nl.v(rng, f"[Shipping|Transport] costs per {units if scale else unit} are:")
            + "\n"
            + nl.table(rng, ["From \\ to"] + [mn[m] for m in M], rows)
        )
        if k["integer"]:
            facts.append(nl.v(rng, f"Shipments [must be|are made in] whole {units}."))
        if k["max_open"]:
            facts.append(
                nl.v(
                    rng,
                    f"[Management|The board] [will approve|allows] at most {nl.num(rng, par['max_open'])} {nl.plural_of(pw)}.",
                )
            )
        facts.append(
            nl.v(rng, "[All demand must be met.|Every demand has to be satisfied.|Only open sites can ship.]")
        )
        q = nl.v(
            rng,
            f"[Which {nl.plural_of(pw)} should be opened and how much should each ship to each {mw} to minimize total cost|What is the minimum total cost of opening {nl.plural_of(pw)} and shipping]?",
        )
        return nl.arrange(
            rng,
            intro,
            facts,
            q,
            noise=["Fuel prices have been stable this year.", "The firm also considered outsourcing."],
        )


FAMILY = CapacitatedFacilityLocation()
