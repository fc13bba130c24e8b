"""Maximum flow from a source to a sink over a small directed network of capacitated links.

Complexity: 1 -> 2 intermediate nodes ... 5 -> 6-7 intermediate nodes, about twice as many arcs.
Knobs: integer or continuous flow; throughput limits at some intermediate nodes.
Always feasible (zero flow) and bounded (capacities); no arc enters the source.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

# (intro, source, sink, intermediate names, link word, unit, node-limit phrase)
CONTEXTS = [
    (
        "An oil company pumps crude from its field to a refinery through a network of pipelines and pumping stations.",
        "Oilfield",
        "Refinery",
        ["Station A", "Station B", "Station C", "Station D", "Station E", "Station F", "Station G"],
        "pipeline",
        "barrels per minute",
        "pumping station",
    ),
    (
        "During an evacuation, cars leave the city center for a safe zone along one-way roads through several junctions.",
        "City Center",
        "Safe Zone",
        [
            "Elm Junction",
            "Oak Junction",
            "Bridge Junction",
            "Mill Junction",
            "Park Junction",
            "Hill Junction",
            "Lake Junction",
        ],
        "road",
        "cars per minute",
        "junction",
    ),
    (
        "A company streams video from its data center to a regional exchange through a set of routers.",
        "Data Center",
        "Exchange",
        ["Router A", "Router B", "Router C", "Router D", "Router E", "Router F", "Router G"],
        "link",
        "gigabits per second",
        "router",
    ),
    (
        "A city's water utility moves water from a reservoir to the treatment plant through mains and valve stations.",
        "Reservoir",
        "Treatment Plant",
        [
            "Valve North",
            "Valve South",
            "Valve East",
            "Valve West",
            "Valve Central",
            "Valve Upper",
            "Valve Lower",
        ],
        "water main",
        "megaliters per day",
        "valve station",
    ),
]


class MaxFlow(Family):
    name = "max_flow"
    tags = ("lp", "network", "max-flow")
    knobs = {"integer": (False, True), "node_cap": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ci = rng.randrange(len(CONTEXTS))
        _, src, snk, pool, _, _, _ = CONTEXTS[ci]
        n_mid = min(1 + complexity + rng.randint(0, 1), 7)
        mids = rng.sample(pool, n_mid)
        s, t, M = nl.slug(src), nl.slug(snk), [nl.slug(m) for m in mids]
        layers = sorted(range(n_mid), key=lambda _: rng.random())
        order = [M[i] for i in layers]  # a topological order keeps the story plausible
        arcs = set()
        for i, m in enumerate(order):
            if i < 2 or rng.random() < 0.35:
                arcs.add((s, m))
            if i >= n_mid - 2 or rng.random() < 0.35:
                arcs.add((m, t))
            for m2 in order[i + 1 :]:
                if rng.random() < 0.45:
                    arcs.add((m, m2))
            if i + 1 < n_mid and rng.random() < 0.5:
                arcs.add((m, order[i + 1]))
        A = sorted(
            arcs, key=lambda a: ([s] + order + [t]).index(a[0]) * 100 + ([s] + order + [t]).index(a[1])
        )
        cap = {f"({i}, {j})": rng.randint(2, 30) * rng.choice([1, 5]) for i, j in A}
        params: dict = {"cap": cap}
        sets = {"Nodes": [s] + M + [t], "Arcs": [list(a) for a in A]}
        if k["node_cap"]:
            lim = sorted(rng.sample(M, rng.randint(1, min(2, n_mid))), key=M.index)
            sets["Limited"] = lim
            params["node_cap"] = {
                m: max(
                    5, int(sum(c for a, c in cap.items() if a.endswith(f", {m})")) * rng.uniform(0.4, 0.8))
                )
                for m in lim
            }
        params["source"], params["sink"] = s, t
        return Spec(
            sets=sets,
            params=params,
            knobs=k,
            story={"ctx": ci, "names": {nl.slug(x): x for x in [src, snk] + mids}},
        )

    def describe(self, spec: Spec, rng: random.Random) -> str:
        intro, _, _, _, link, unit, nodew = CONTEXTS[spec.story["ctx"]]
        nm, par, k = spec.story["names"], spec.params, spec.knobs
        facts = []
        rows = [[nm[i], nm[j], nl.plain(par["cap"][f"({i}, {j})"])] for i, j in spec.sets["Arcs"]]
        if rng.random() < 0.5:
            facts.append(
                nl.v(
                    rng,
                    f"The {nl.plural_of(link)} and their capacities (in {unit}) are [listed below|as follows]:",
                )
                + "\n"
                + nl.table(rng, ["From", "To", "Capacity"], rows)
            )
        else:
            for a, b, c in rows:
                facts.append(
                    nl.v(
                        rng,
                        f"[The {link} from {a} to {b} can carry|From {a} to {b}, the {link} carries] [up to|at most] {c} {unit}.",
                    )
                )
        facts.append(
            nl.v(
                rng,
                f"[Flow can only go in the direction shown.|Each {link} is one-way.] [Whatever enters a {nodew} must leave it.|Nothing is stored along the way.]",
            )
        )
        if k["node_cap"]:
            for m in spec.sets["Limited"]:
                facts.append(
                    nl.v(
                        rng,
                        f"[{nm[m]} can handle at most|The {nodew} {nm[m]} can process no more than] {nl.num(rng, par['node_cap'][m])} {unit} in total.",
                    )
                )
        if k["integer"]:
            facts.append(nl.v(rng, f"Flows are measured in whole {unit.split(' per ')[0]}."))
        q = nl.v(
            rng,
            f"[What is the maximum flow|How much can be sent at most] from {nm[par['source']]} to {nm[par['sink']]}[| in {unit}]?",
        )
        return nl.arrange(
            rng,
            [intro],
            facts,
            q,
            noise=["The network was upgraded two years ago.", "Maintenance is scheduled for next month."],
        )


FAMILY = MaxFlow()
