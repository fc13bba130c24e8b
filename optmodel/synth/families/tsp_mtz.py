"""Traveling salesman on 4-8 cities with Miller-Tucker-Zemlin subtour elimination.

Complexity: 1 -> 4 cities ... 5 -> 8 cities.
Knobs: symmetric or asymmetric travel times; a precedence (visit A before B).
"""

from __future__ import annotations

import math
import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

# (intro template with {home}, place pool, traveller noun, unit)
CONTEXTS = [
    (
        "A sales representative based in {home} must visit each of the other cities exactly once and then return home.",
        [
            "Boston",
            "Albany",
            "Hartford",
            "Providence",
            "Worcester",
            "Springfield",
            "Portland",
            "Concord",
            "Burlington",
        ],
        "mile",
    ),
    (
        "A technician starts at the {home} office and must service every site once before coming back.",
        [
            "Head Office",
            "Mill Site",
            "Lake Site",
            "Quarry",
            "Airport",
            "Harbor",
            "Campus",
            "Hospital",
            "Depot",
        ],
        "minute",
    ),
    (
        "A drilling robot begins at hole {home} and must drill each hole on a circuit board once, returning to the start.",
        ["H1", "H2", "H3", "H4", "H5", "H6", "H7", "H8", "H9"],
        "millimeter",
    ),
    (
        "A tour bus leaves {home} and must stop at each of the other towns once before returning.",
        ["Avignon", "Arles", "Nimes", "Orange", "Gordes", "Cassis", "Aix", "Uzes", "Sault"],
        "kilometer",
    ),
]


class TspMtz(Family):
    name = "tsp_mtz"
    tags = ("milp", "routing", "tsp", "structured")
    knobs = {"asym": (False, True), "precede": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ci = rng.randrange(len(CONTEXTS))
        pool = CONTEXTS[ci][1]
        n = min(3 + complexity + rng.randint(0, 1) * (complexity > 1), 8)
        names = rng.sample(pool, n)
        C = [nl.slug(x) for x in names]
        pos = {c: (rng.uniform(0, 40), rng.uniform(0, 40)) for c in C}
        dist = {i: {j: 0 if i == j else max(2, round(math.dist(pos[i], pos[j]))) for j in C} for i in C}
        if k["asym"]:
            for i in C:
                for j in C:
                    if i != j and rng.random() < 0.4:
                        dist[i][j] += rng.randint(1, 6)
        params = {"dist": dist, "n": n, "home": C[0]}
        if k["precede"]:
            a, b = rng.sample(C[1:], 2)
            params.update(first=a, second=b)
        return Spec(
            sets={"Cities": C},
            params=params,
            knobs=k,
            story={"ctx": ci, "names": dict(zip(C, names, strict=True))},
        )

    def describe(self, spec: Spec, rng: random.Random) -> str:
        intro_t, _, unit = CONTEXTS[spec.story["ctx"]]
        nm, par, k = spec.story["names"], spec.params, spec.knobs
        C = spec.sets["Cities"]
        intro = [
            intro_t.format(home=nm[par["home"]]),
            nl.v(
                rng,
                f"There are {nl.num(rng, par['n'])} [stops|places|locations] in total, including the starting point: {nl.join([nm[c] for c in C], rng)}.",
            ),
        ]
        facts = []
        rows = [[nm[i]] + ["-" if i == j else nl.plain(par["dist"][i][j]) for j in C] for i in C]
        what = "travel times" if unit == "minute" else "distances"
        note = " (row = from, column = to)" if k["asym"] else ""
        facts.append(
            nl.v(rng, f"The {what} in {unit}s{note} are [given in the table below|as follows]:")
            + "\n"
            + nl.table(rng, ["From \\ To"] + [nm[c] for c in C], rows)
        )
        if k["asym"]:
            facts.append(
                nl.v(
                    rng,
                    f"[Because of one-way streets|Because of traffic patterns], the {what} [are not always|are not] the same in both directions.",
                )
            )
        if k["precede"]:
            facts.append(
                nl.v(
                    rng,
                    f"[For practical reasons|Because of a dependency between the two|As a requirement], {nm[par['first']]} must be visited [earlier than|before] {nm[par['second']]}.",
                )
            )
        q = nl.v(
            rng,
            f"[In what order should the stops be visited to minimize the total {unit}s traveled|What is the shortest possible round trip, in {unit}s]?",
        )
        return nl.arrange(
            rng,
            intro,
            facts,
            q,
            noise=["The plan is made a day in advance.", "Any stop can be the last one before returning."],
        )


FAMILY = TspMtz()
