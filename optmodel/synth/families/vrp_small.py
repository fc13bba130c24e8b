"""Small capacitated vehicle routing: 2-3 vehicles, 4-6 customers, MTZ-style load variables.

Complexity: 1 -> 4 customers ... 5 -> 6 customers (7 took seconds). Capacity is drawn so the fleet can carry
the total demand with slack (bin-packing failures are resampled by the framework).
Knobs: a fixed cost per vehicle used.
"""

from __future__ import annotations

import math
import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

# (intro, depot, customer pool, vehicle word, load unit, distance unit)
CONTEXTS = [
    (
        "A dairy delivers milk from its depot to grocery stores every morning.",
        "Depot",
        [
            "Corner Shop",
            "FreshMart",
            "Village Store",
            "QuickStop",
            "Green Grocer",
            "Daily Needs",
            "Farm Shop",
            "Mini Market",
        ],
        "van",
        "crate",
        "kilometer",
    ),
    (
        "A school district runs buses that pick up students at several stops and bring them to school.",
        "School",
        [
            "Oak Stop",
            "Pine Stop",
            "Elm Stop",
            "Birch Stop",
            "Cedar Stop",
            "Maple Stop",
            "Ash Stop",
            "Willow Stop",
        ],
        "bus",
        "student",
        "mile",
    ),
    (
        "A medical courier collects blood samples from clinics and brings them to the central lab.",
        "Central Lab",
        ["Clinic A", "Clinic B", "Clinic C", "Clinic D", "Clinic E", "Clinic F", "Clinic G", "Clinic H"],
        "car",
        "sample box",
        "kilometer",
    ),
    (
        "A fuel distributor supplies gas stations from its terminal.",
        "Terminal",
        ["Hillview", "Lakeshore", "Southgate", "Northpoint", "Fairmont", "Riverside", "Kingsway", "Elmwood"],
        "tanker",
        "kiloliter",
        "mile",
    ),
]


class VrpSmall(Family):
    name = "vrp_small"
    tags = ("milp", "routing", "vrp", "structured")
    knobs = {"vehicle_cost": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ci = rng.randrange(len(CONTEXTS))
        _, depot, pool, _, _, _ = CONTEXTS[ci]
        n = min(4 + (complexity - 1) // 2, 6)
        names = [depot] + rng.sample(pool, n)
        N = [nl.slug(x) for x in names]
        C = N[1:]
        pos = {c: (rng.uniform(0, 30), rng.uniform(0, 30)) for c in N}
        dist = {i: {j: 0 if i == j else max(1, round(math.dist(pos[i], pos[j]))) for j in N} for i in N}
        demand = {c: rng.randint(2, 12) for c in C}
        vehicles = rng.choice([2, 3]) if n >= 5 else 2
        need = max(max(demand.values()), math.ceil(sum(demand.values()) / vehicles))
        capacity = int(math.ceil(need * rng.uniform(1.15, 1.5)))
        params = {"dist": dist, "demand": demand, "capacity": capacity, "vehicles": vehicles, "depot": N[0]}
        if k["vehicle_cost"]:
            params["vehicle_cost"] = rng.randint(2, 8) * 5
        return Spec(
            sets={"Nodes": N, "Customers": C},
            params=params,
            knobs=k,
            story={"ctx": ci, "names": dict(zip(N, names, strict=True))},
        )

    def describe(self, spec: Spec, rng: random.Random) -> str:
        intro, _, _, veh, unit, dunit = CONTEXTS[spec.story["ctx"]]
        nm, par, k = spec.story["names"], spec.params, spec.knobs
        N, C = spec.sets["Nodes"], spec.sets["Customers"]
        facts = [
            nl.v(
                rng,
                f"[There are|The company has] {nl.num(rng, par['vehicles'])} {nl.plural_of(veh)}[ available|], each [able to carry|with a capacity of] {nl.qty(rng, par['capacity'], unit)}.",
            ),
            nl.v(
                rng,
                f"[Each route starts and ends at|Every {veh} leaves from and returns to] {nm[N[0]]}, and each [stop|location] is visited by exactly one {veh}.",
            ),
        ]
        dem = [f"{nl.num(rng, par['demand'][c])} [at|for] {nm[c]}" for c in C]
        facts.append(
            nl.v(
                rng,
                f"[The loads, in {nl.plural_of(unit)}, are|Amounts to be handled ({nl.plural_of(unit)}):] {nl.join(dem, rng)}.",
            )
        )
        rows = [[nm[i]] + ["-" if i == j else nl.plain(par["dist"][i][j]) for j in N] for i in N]
        facts.append(
            nl.v(
                rng,
                f"[Distances in {dunit}s between all locations are:|The table gives the distance ({dunit}s) between every pair of locations.]",
            )
            + "\n"
            + nl.table(rng, [""] + [nm[x] for x in N], rows)
        )
        if k["vehicle_cost"]:
            facts.append(
                nl.v(
                    rng,
                    f"[Using|Dispatching] a {veh} [also costs|adds a fixed charge equivalent to] {nl.qty(rng, par['vehicle_cost'], dunit)}[ of driving|].",
                )
            )
        q = nl.v(
            rng,
            f"[How should the routes be planned to minimize|What is the minimum] total [distance traveled|{dunit}s driven][| including the fixed charge for each {veh}]?"
            if k["vehicle_cost"]
            else f"[How should the routes be planned to minimize|What is the minimum] total [distance traveled|{dunit}s driven]?",
        )
        return nl.arrange(
            rng,
            [intro],
            facts,
            q,
            noise=["Drivers start their shift at 6 a.m.", "Every vehicle is fueled overnight."],
        )


FAMILY = VrpSmall()
