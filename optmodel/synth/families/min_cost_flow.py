"""Minimum-cost flow: sources -> hubs -> sinks with per-unit costs and arc capacities.

Complexity: 1 -> 1 source, 1-2 hubs, 2 sinks ... 5 -> 3 sources, 3 hubs, 4 sinks.
Knobs: integer or continuous flow; balanced supply (ship everything) or surplus supply.
`layered_network` builds a network with a feasible plan by construction (reused by
network_design).
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

# (intro, source word, hub word, sink word, source names, hub names, sink names, unit)
CONTEXTS = [
    (
        "A dairy cooperative moves milk from its farms through cooling stations to cheese plants.",
        "farm",
        "cooling station",
        "cheese plant",
        ["Green Acres", "Hillside", "Willow", "Sunrise"],
        ["Station North", "Station South", "Station East"],
        ["Plant Alpha", "Plant Beta", "Plant Gamma", "Plant Delta"],
        "kiloliters",
    ),
    (
        "A steel company ships coils from its mills through ports to customers.",
        "mill",
        "port",
        "customer",
        ["Gary", "Pittsburgh", "Cleveland", "Birmingham"],
        ["Baltimore", "Mobile", "Houston"],
        ["Acme Motors", "Delta Appliances", "Bridgeworks", "Railco"],
        "tons",
    ),
    (
        "A relief agency sends food kits from its depots through staging camps to villages.",
        "depot",
        "staging camp",
        "village",
        ["Coastal Depot", "Hill Depot", "River Depot", "Desert Depot"],
        ["Camp Red", "Camp Blue", "Camp White"],
        ["Abo", "Bela", "Cori", "Duma"],
        "kits",
    ),
    (
        "A fruit grower moves crates from orchards through packing houses to supermarkets.",
        "orchard",
        "packing house",
        "supermarket",
        ["Appleton", "Pearson", "Cherry Hill", "Plumfield"],
        ["Packhouse A", "Packhouse B", "Packhouse C"],
        ["FreshMart", "GreenGrocer", "ValueFoods", "CityMarket"],
        "crates",
    ),
]


def arc_key(i: str, j: str) -> str:
    return f"({i}, {j})"


def layered_network(rng: random.Random, n_src: int, n_hub: int, n_sink: int, excess: bool):
    """Arcs source->hub, hub->sink, a few source->sink and hub->hub; a plan flow that meets
    every demand fixes supplies and keeps capacities feasible. Returns (arcs, supply, demand,
    cap, plan): arcs are (kind, index, kind, index) tuples ("s"/"h"/"t" into the node lists),
    plan is the feasible flow on each arc."""
    src, hub, sink = list(range(n_src)), list(range(n_hub)), list(range(n_sink))
    arcs = [("s", a, "h", b) for a in src for b in hub] + [("h", a, "t", b) for a in hub for b in sink]
    arcs = [a for a in arcs if rng.random() < 0.85 or a[0] == "s"]
    for t in sink:  # every sink reachable from some hub
        if not any(a[2] == "t" and a[3] == t for a in arcs):
            arcs.append(("h", rng.choice(hub), "t", t))
    arcs += [("s", a, "t", b) for a in src for b in sink if rng.random() < 0.15]
    if n_hub > 1 and rng.random() < 0.6:
        a, b = rng.sample(hub, 2)
        arcs.append(("h", a, "h", b))
    flow = {a: 0 for a in arcs}
    supply = {("s", a): 0 for a in src}
    demand = {t: rng.randint(2, 12) * 10 for t in sink}
    for t in sink:
        ins = [a for a in arcs if a[2:] == ("t", t)]
        arc_in = rng.choice(ins)
        if arc_in[0] == "s":
            flow[arc_in] += demand[t]
            supply[("s", arc_in[1])] += demand[t]
        else:
            feeds = [a for a in arcs if a[0] == "s" and a[2:] == ("h", arc_in[1])]
            unused = [a for a in feeds if supply[("s", a[1])] == 0]  # spread the plan over sources
            s_arc = rng.choice(unused or feeds)
            flow[arc_in] += demand[t]
            flow[s_arc] += demand[t]
            supply[("s", s_arc[1])] += demand[t]
    sup = {a: (v + rng.randint(1, 4) * 10 if excess else v) for (_, a), v in supply.items()}
    cap = {
        a: (
            int(round(flow[a] * rng.uniform(1.0, 1.6) + rng.randint(0, 3) * 10, -1))
            if flow[a]
            else rng.randint(2, 10) * 10
        )
        for a in arcs
    }
    return arcs, sup, demand, cap, flow


class MinCostFlow(Family):
    name = "min_cost_flow"
    tags = ("lp", "network", "min-cost-flow", "logistics")
    knobs = {"integer": (False, True), "balanced": (True, False)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ci = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ci]
        n_src = 1 + (complexity >= 2) + (complexity >= 4)
        n_hub = min(3, 1 + (complexity + rng.randint(0, 1)) // 2)
        n_sink = min(4, 2 + complexity // 2)
        srcs, hubs, sinks = rng.sample(ctx[4], n_src), rng.sample(ctx[5], n_hub), rng.sample(ctx[6], n_sink)
        arcs, sup, dem, cap, _plan = layered_network(rng, n_src, n_hub, n_sink, excess=not k["balanced"])
        if not k["balanced"] and all(v == 0 for v in sup.values()):
            k["balanced"] = True
        name = {"s": srcs, "h": hubs, "t": sinks}
        node = lambda kind, i: nl.slug(name[kind][i])  # noqa: E731
        N = [nl.slug(x) for x in srcs + hubs + sinks]
        supply = {node("s", i): v for i, v in sup.items()} | {node("t", t): -d for t, d in dem.items()}
        supply = {n: supply.get(n, 0) for n in N}
        A = [[node(a[0], a[1]), node(a[2], a[3])] for a in arcs]
        cost = {
            arc_key(*A[x]): rng.choice([rng.randint(1, 15), round(rng.uniform(0.5, 8), 1)])
            for x in range(len(A))
        }
        capd = {arc_key(*A[x]): cap[a] for x, a in enumerate(arcs)}
        return Spec(
            sets={"Nodes": N, "Arcs": A},
            params={"supply": supply, "cost": cost, "cap": capd},
            knobs=k,
            story={
                "ctx": ci,
                "names": {nl.slug(x): x for x in srcs + hubs + sinks},
                "kinds": {"s": [nl.slug(x) for x in srcs], "t": [nl.slug(x) for x in sinks]},
            },
        )

    def describe(self, spec: Spec, rng: random.Random) -> str:
        intro_s, sw, hw, tw, _, _, _, unit = CONTEXTS[spec.story["ctx"]]
        nm, kinds = spec.story["names"], spec.story["kinds"]
        par, k = spec.params, spec.knobs
        facts = []
        sup = [f"{nm[s]} {nl.num(rng, par['supply'][s])}" for s in kinds["s"]]
        if k["balanced"]:
            facts.append(
                nl.v(
                    rng,
                    f"[The {nl.plural_of(sw)} have|Available supplies are] (in {unit}): {nl.join(sup, rng)}, and all of it must be shipped.",
                )
            )
        else:
            facts.append(
                nl.v(
                    rng,
                    f"[Each {sw} can ship at most its available supply|The {nl.plural_of(sw)} do not have to ship everything; their supplies] (in {unit}) [are|:] {nl.join(sup, rng)}.",
                )
            )
        dem = [f"{nm[t]} {nl.num(rng, -par['supply'][t])}" for t in kinds["t"]]
        facts.append(
            nl.v(
                rng,
                f"[The demands|Requirements] (in {unit}) [are|that must be met are]: {nl.join(dem, rng)}.",
            )
        )
        rows = [
            [nm[i], nm[j], nl.money(rng, par["cost"][arc_key(i, j)]), nl.plain(par["cap"][arc_key(i, j)])]
            for i, j in spec.sets["Arcs"]
        ]
        if rng.random() < 0.6:
            facts.append(
                nl.v(
                    rng,
                    f"[The available routes|Shipping lanes], with the cost per unit and the capacity in {unit}, are:",
                )
                + "\n"
                + nl.table(rng, ["From", "To", "Cost", "Capacity"], rows)
            )
        else:
            for r in rows:
                facts.append(
                    nl.v(
                        rng,
                        f"[Shipping|Moving goods] from {r[0]} to {r[1]} costs {r[2]} per unit, with [room for|a limit of] {r[3]} {unit}.",
                    )
                )
        facts.append(nl.v(rng, "[No other routes exist.|Goods can only move along these routes.]"))
        if k["integer"]:
            facts.append(nl.v(rng, f"Shipments must be whole numbers of {unit}."))
        q = nl.v(
            rng,
            "[What is the minimum total shipping cost|How should the goods be routed to minimize the total transportation cost]?",
        )
        return nl.arrange(
            rng, [intro_s], facts, q, noise=["Trucks are leased by the month.", "Weather delays are ignored."]
        )


FAMILY = MinCostFlow()
