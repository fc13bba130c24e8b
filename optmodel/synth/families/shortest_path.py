"""Shortest path between two places in a small directed road/route network.

Complexity: 1 -> 4 places ... 5 -> 9-10 places. A backbone route guarantees a path.
Knobs: binary or continuous arc variables (the LP is integral); a budget on a second
attribute (tolls, fuel) on the chosen route, which makes it a binary problem.
"""

from __future__ import annotations

import math
import random
from itertools import pairwise

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

# (intro, place names, leg word, length unit, toll word, toll is money)
CONTEXTS = [
    (
        "A delivery driver must get from the depot to a customer's house across town.",
        [
            "Depot",
            "Main Square",
            "Bridge",
            "Mall",
            "Stadium",
            "Library",
            "Harbor",
            "Station",
            "Park",
            "Customer",
        ],
        "street",
        "minute",
        "toll",
        True,
    ),
    (
        "A hiker plans a route from the trailhead to the summit hut.",
        [
            "Trailhead",
            "Waterfall",
            "Meadow",
            "Pine Camp",
            "Ridge",
            "Lake",
            "Cave",
            "Saddle",
            "Cabin",
            "Summit Hut",
        ],
        "trail",
        "kilometer",
        "climb in meters",
        False,
    ),
    (
        "A data packet must travel from the server to the client through a set of routers.",
        [
            "Server",
            "Router A",
            "Router B",
            "Router C",
            "Router D",
            "Router E",
            "Router F",
            "Router G",
            "Router H",
            "Client",
        ],
        "link",
        "millisecond",
        "energy use in millijoules",
        False,
    ),
    (
        "A trucking company is routing a shipment from its warehouse to a port through several cities.",
        ["Warehouse", "Ashton", "Bexley", "Corby", "Derby", "Exeter", "Frome", "Girton", "Hove", "Port"],
        "highway",
        "mile",
        "toll",
        True,
    ),
]


class ShortestPath(Family):
    name = "shortest_path"
    tags = ("lp", "milp", "network", "shortest-path")
    knobs = {"integer": (True, False), "budget": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        if k["budget"]:
            k["integer"] = True
        ci = rng.randrange(len(CONTEXTS))
        pool = CONTEXTS[ci][1]
        n = min(3 + complexity + rng.randint(0, 1), 10)
        names = [pool[0]] + rng.sample(pool[1:-1], n - 2) + [pool[-1]]
        N = [nl.slug(x) for x in names]
        pos = {N[0]: (0.0, rng.uniform(0, 10))}
        for x in N[1:-1]:
            pos[x] = (rng.uniform(2, 18), rng.uniform(0, 10))
        pos[N[-1]] = (20.0, rng.uniform(0, 10))
        order = sorted(N, key=lambda x: pos[x][0])
        arcs = set()
        mids = order[1:-1]
        backbone = [N[0]] + rng.sample(mids, max(1, len(mids) // 2)) + [N[-1]]
        backbone = [N[0]] + sorted(backbone[1:-1], key=lambda x: pos[x][0]) + [N[-1]]
        arcs.update(pairwise(backbone))
        for a in order:
            for b in order:
                if (
                    a != b
                    and b != N[0]
                    and a != N[-1]
                    and pos[b][0] > pos[a][0] - 2
                    and math.dist(pos[a], pos[b]) < 11
                    and rng.random() < 0.65
                ):
                    arcs.add((a, b))
        A = sorted(arcs, key=lambda a: (order.index(a[0]), order.index(a[1])))
        length = {
            f"({a}, {b})": max(2, round(math.dist(pos[a], pos[b]) * rng.uniform(1.0, 1.4))) for a, b in A
        }
        params: dict = {"length": length, "start": N[0], "finish": N[-1]}
        if k["budget"]:
            step = 50 if ci == 1 else 1
            toll = {f"({a}, {b})": rng.randint(0, 9) * step for a, b in A}
            params["toll"] = toll
            bb = sum(toll[f"({a}, {b})"] for a, b in pairwise(backbone))
            params["budget"] = max(2, bb + rng.randint(0, 3) * step)
        return Spec(
            sets={"Nodes": N, "Arcs": [list(a) for a in A]},
            params=params,
            knobs=k,
            story={"ctx": ci, "names": dict(zip(N, names, strict=True))},
        )

    def describe(self, spec: Spec, rng: random.Random) -> str:
        intro, _, leg, unit, tollw, money = CONTEXTS[spec.story["ctx"]]
        nm, par, k = spec.story["names"], spec.params, spec.knobs
        facts = []
        A = spec.sets["Arcs"]
        key = lambda a: f"({a[0]}, {a[1]})"  # noqa: E731
        if k["budget"]:
            tv = (lambda x: nl.money(rng, x)) if money else nl.plain
            rows = [
                [nm[a], nm[b], nl.plain(par["length"][key((a, b))]), tv(par["toll"][key((a, b))])]
                for a, b in A
            ]
            header = ["From", "To", f"{nl.cap(unit)}s", nl.cap(tollw)]
        else:
            rows = [[nm[a], nm[b], nl.plain(par["length"][key((a, b))])] for a, b in A]
            header = ["From", "To", f"{nl.cap(unit)}s"]
        if rng.random() < 0.6 or k["budget"]:
            facts.append(
                nl.v(
                    rng,
                    f"[The available {nl.plural_of(leg)} (one-way) are|Each one-way {leg} is listed below]:",
                )
                + "\n"
                + nl.table(rng, header, rows)
            )
        else:
            for r in rows:
                facts.append(
                    nl.v(
                        rng,
                        f"[Going|Traveling] from {r[0]} to {r[1]} {'takes' if unit.endswith('second') or unit == 'minute' else 'is'} {nl.qty(rng, par['length'][key((nl.slug(r[0]), nl.slug(r[1])))], unit)}.",
                    )
                )
            facts.append(
                nl.v(
                    rng,
                    f"[No other connections exist.|These are the only {nl.plural_of(leg)}, and each can be used only in the direction given.]",
                )
            )
        if k["budget"]:
            facts.append(
                nl.v(
                    rng,
                    f"The total {tollw} [along the route|of the chosen {nl.plural_of(leg)}] [must not exceed|can be at most] {(nl.money(rng, par['budget']) if money else nl.num(rng, par['budget']))}.",
                )
            )
        a, b = nm[par["start"]], nm[par["finish"]]
        q = nl.v(
            rng,
            nl.pick(
                rng,
                [
                    f"What is the shortest route from {a} to {b}, and what is its total length in {unit}s?",
                    f"Which route from {a} to {b} minimizes the total {unit}s?",
                    f"Find the minimum total number of {unit}s needed to go from {a} to {b}.",
                ],
            ),
        )
        return nl.arrange(
            rng,
            [intro],
            facts,
            q,
            noise=[f"All {nl.plural_of(leg)} are open today.", "Only the listed connections may be used."],
        )


FAMILY = ShortestPath()
