"""Fixed-charge network design: building a link has a fixed cost; flow on it a unit cost.
Decide which links to build so that all demand is met at least total cost.

Complexity: as min_cost_flow (1 -> 1 source, 1-2 hubs, 2 sinks ... 5 -> 3 sources, 3 hubs,
4 sinks). The network has a feasible plan by construction (`layered_network`).
Knobs: integer flow; a construction budget (at least the cost of the plan's links).
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.families.min_cost_flow import arc_key, layered_network
from optmodel.synth.family import Family, Spec

# (intro, link word, source names, hub names, sink names, unit, build verb)
CONTEXTS = [
    (
        "A gas utility is planning new pipelines to bring gas from its wells through compressor stations to towns.",
        "pipeline",
        ["Well Field North", "Well Field South", "Offshore Rig"],
        ["Compressor Ridge", "Compressor Valley", "Compressor Plains"],
        ["Ashford", "Bramley", "Cobham", "Dorking"],
        "cubic meters per hour",
        "lay",
    ),
    (
        "A telecom company is deciding which fiber links to install between its data hubs, switching centers and business parks.",
        "fiber link",
        ["Hub East", "Hub West", "Hub Central"],
        ["Switch A", "Switch B", "Switch C"],
        ["Tech Park", "Science Park", "Harbor Park", "Airport Park"],
        "gigabits per second",
        "install",
    ),
    (
        "A mining company must build haul roads from its pits through crushers to the rail loading points.",
        "haul road",
        ["North Pit", "East Pit", "South Pit"],
        ["Crusher North", "Crusher South", "Crusher West"],
        ["Rail Point A", "Rail Point B", "Rail Point C", "Rail Point D"],
        "tons per shift",
        "build",
    ),
    (
        "An irrigation district is designing canals from reservoirs through pumping stations to farms.",
        "canal",
        ["Upper Reservoir", "Lower Reservoir", "River Intake"],
        ["Pump House Alder", "Pump House Birch", "Pump House Cedar"],
        ["Miller Farm", "Garcia Farm", "Olsen Farm", "Nakamura Farm"],
        "megaliters per week",
        "dig",
    ),
]


class NetworkDesign(Family):
    name = "network_design"
    tags = ("milp", "network", "fixed-charge", "network-design")
    knobs = {"integer": (False, True), "budget": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ci = rng.randrange(len(CONTEXTS))
        _, _, sp, hp, tp, _, _ = CONTEXTS[ci]
        n_src = 1 + (complexity >= 2) + (complexity >= 4)
        n_hub = min(3, 1 + (complexity + rng.randint(0, 1)) // 2)
        n_sink = min(4, 2 + complexity // 2)
        srcs, hubs, sinks = rng.sample(sp, n_src), rng.sample(hp, n_hub), rng.sample(tp, n_sink)
        arcs, sup, dem, cap, plan = layered_network(rng, n_src, n_hub, n_sink, excess=False)
        names = {"s": srcs, "h": hubs, "t": sinks}
        N = [nl.slug(x) for x in srcs + hubs + sinks]
        supply = {nl.slug(srcs[i]): v for i, v in sup.items()} | {
            nl.slug(sinks[t]): -d for t, d in dem.items()
        }
        total = sum(dem.values())
        # balanced: supplies must equal demands; put any excess supply back on the sources
        extra = sum(v for v in sup.values()) - total
        if extra:
            first = nl.slug(srcs[max(sup, key=sup.get)])
            supply[first] -= extra
        supply = {n: supply.get(n, 0) for n in N}
        A = [[nl.slug(names[a[0]][a[1]]), nl.slug(names[a[2]][a[3]])] for a in arcs]
        keys = [arc_key(*x) for x in A]
        build = {key: rng.randint(5, 60) * 100 for key in keys}
        unit = {key: rng.randint(1, 12) for key in keys}
        capd = {key: max(cap[a], 10) for key, a in zip(keys, arcs, strict=True)}
        params = {"supply": supply, "build_cost": build, "unit_cost": unit, "cap": capd}
        if k["budget"]:
            # enough to build the plan's links (feasible), less than building everything
            needed = sum(build[key] for key, a in zip(keys, arcs, strict=True) if plan[a])
            params["budget"] = max(needed, int(round(sum(build.values()) * rng.uniform(0.5, 0.8), -2)))
        return Spec(
            sets={"Nodes": N, "Arcs": A},
            params=params,
            knobs=k,
            story={
                "ctx": ci,
                "names": {nl.slug(x): x for x in srcs + hubs + sinks},
                "src": [nl.slug(x) for x in srcs],
                "sink": [nl.slug(x) for x in sinks],
            },
        )

    def describe(self, spec: Spec, rng: random.Random) -> str:
        intro, link, _, _, _, unit, verb = CONTEXTS[spec.story["ctx"]]
        nm, par, k = spec.story["names"], spec.params, spec.knobs
        facts = [
            nl.v(
                rng,
                f"[Supplies|Available amounts] (in {unit}): "
                + nl.join([f"{nm[s]} {nl.num(rng, par['supply'][s])}" for s in spec.story["src"]], rng)
                + "; [demands|requirements]: "
                + nl.join([f"{nm[t]} {nl.num(rng, -par['supply'][t])}" for t in spec.story["sink"]], rng)
                + ". [Everything supplied must be delivered.|Supply and demand are balanced.]",
            )
        ]
        rows = [
            [
                nm[i],
                nm[j],
                nl.grouped(par["build_cost"][arc_key(i, j)]),
                nl.plain(par["unit_cost"][arc_key(i, j)]),
                nl.plain(par["cap"][arc_key(i, j)]),
            ]
            for i, j in spec.sets["Arcs"]
        ]
        if len(rows) <= 7 and rng.random() < 0.5:  # small networks: one sentence per link
            for i, j in spec.sets["Arcs"]:
                key = arc_key(i, j)
                facts.append(
                    nl.v(
                        rng,
                        f"[A {link} from {nm[i]} to {nm[j]} would cost|To {verb} a {link} from {nm[i]} to {nm[j]} costs] "
                        f"{nl.money(rng, par['build_cost'][key])}; it [can carry|has a capacity of] {nl.num(rng, par['cap'][key])} {unit}, "
                        f"and each unit sent on it costs {nl.money(rng, par['unit_cost'][key])}.",
                    )
                )
        else:
            facts.append(
                nl.v(
                    rng,
                    f"The possible {nl.plural_of(link)} are listed below with the fixed cost to {verb} each (in dollars), the cost per unit of flow (dollars per unit) and the capacity ({unit}):",
                )
                + "\n"
                + nl.table(rng, ["From", "To", "Fixed cost", "Unit cost", "Capacity"], rows)
            )
        facts.append(
            nl.v(
                rng,
                f"[Flow can only use {nl.plural_of(link)} that are built, in the direction listed.|A {link} that is not built carries nothing; flow goes only in the listed direction.]",
            )
        )
        if k["budget"]:
            facts.append(nl.v(rng, f"The [construction|capital] budget is {nl.money(rng, par['budget'])}."))
        if k["integer"]:
            facts.append(nl.v(rng, "Flows must be whole numbers."))
        q = nl.v(
            rng,
            f"[Which {nl.plural_of(link)} should be built to minimize the total of construction and operating costs|What is the minimum total cost of building the {nl.plural_of(link)} and sending the flow]?",
        )
        return nl.arrange(
            rng,
            [intro],
            facts,
            q,
            noise=["Permits take about six months.", "The project is partly funded by a regional grant."],
        )


FAMILY = NetworkDesign()
