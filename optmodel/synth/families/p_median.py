"""p-median: choose exactly p of the candidate sites and assign every town to one chosen site,
minimising population-weighted travel distance.

Complexity: 1 -> 3-4 towns, p = 1-2 ... 5 -> 8-9 towns, p up to 3.
Knobs: candidate sites are the towns themselves or separate locations; a maximum distance
any town may be from its facility (infeasible draws are resampled).
"""

from __future__ import annotations

import math
import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

# (who, facility, weight word, town pool, separate-site pool, distance unit)
CONTEXTS = [
    (
        "The county health department",
        "ambulance station",
        "emergency calls per month",
        ["Ashby", "Brook", "Carlton", "Dunmore", "Elston", "Fairford", "Glenwood", "Hartley", "Ivybridge"],
        [
            "the old fire hall",
            "the hospital lot",
            "the highway exit",
            "the community center",
            "the school grounds",
        ],
        "mile",
    ),
    (
        "A school district",
        "new school",
        "children of school age",
        [
            "North Hill",
            "South Park",
            "East Gate",
            "West End",
            "Riverside",
            "Oak Grove",
            "Pine Ridge",
            "Mill Creek",
            "Sunnyvale",
        ],
        ["the church land", "the former factory", "the park edge", "the farm plot", "the town square"],
        "kilometer",
    ),
    (
        "A retail bank",
        "branch",
        "customers",
        ["Market", "Harbor", "Castle", "Bridge", "Station", "College", "Meadow", "Forest", "Lake"],
        ["the mall", "the business park", "the main street", "the train station", "the airport road"],
        "kilometer",
    ),
    (
        "A parcel company",
        "pickup point",
        "parcels per day",
        ["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Hazel", "Juniper", "Larch"],
        ["the gas station", "the supermarket", "the post office", "the library", "the rail yard"],
        "mile",
    ),
]


class PMedian(Family):
    name = "p_median"
    tags = ("milp", "structured", "facility-location", "p-median")
    knobs = {"own_sites": (True, False), "radius": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ci = rng.randrange(len(CONTEXTS))
        _, _, _, town_pool, site_pool, _ = CONTEXTS[ci]
        n_t = min(2 + complexity + rng.randint(0, 1), 9)
        towns = rng.sample(town_pool, n_t)
        sites = towns if k["own_sites"] else rng.sample(site_pool, min(len(site_pool), 3 + complexity // 2))
        pts = {n: (rng.uniform(0, 30), rng.uniform(0, 30)) for n in towns + ([] if k["own_sites"] else sites)}
        T, S = [nl.slug(t) for t in towns], [nl.slug(s) for s in sites]
        dist = {
            nl.slug(s): {
                nl.slug(t): (0 if s == t else max(1, round(math.dist(pts[s], pts[t])))) for t in towns
            }
            for s in sites
        }
        mult = rng.choice([1, 10])
        weight = {t: rng.randint(5, 80) * mult for t in T}
        params = {"weight": weight, "dist": dist, "p": rng.randint(1, min(3, len(S) - 1))}
        if k["radius"]:
            # the radius a good p-site choice reaches, loosened a little
            worst = sorted(min(dist[s][t] for s in S) for t in T)[-1]
            params["max_dist"] = worst + rng.randint(3, 12)
        return Spec(
            sets={"Towns": T, "Sites": S},
            params=params,
            knobs=k,
            story={"ctx": ci, "names": {nl.slug(n): n for n in towns + sites}},
        )

    def describe(self, spec: Spec, rng: random.Random) -> str:
        who, fac, wword, _, _, unit = CONTEXTS[spec.story["ctx"]]
        T, S = spec.sets["Towns"], spec.sets["Sites"]
        nm = spec.story["names"]
        par, k = spec.params, spec.knobs
        p = par["p"]
        facs = fac if p == 1 else nl.plural_of(fac)
        intro = [
            nl.v(
                rng,
                f"{who} [wants|plans] to [open|build|place] {nl.num(rng, p)} {facs} to serve {nl.num(rng, len(T))} [neighborhoods|towns|communities]: {nl.join([nm[t] for t in T], rng)}.",
            )
        ]
        facts = []
        if k["own_sites"]:
            facts.append(
                nl.v(
                    rng,
                    f"[A {fac} can be located in any of these places.|Each of the places is a possible location.]",
                )
            )
        else:
            facts.append(
                nl.v(
                    rng,
                    f"[The candidate locations are|Possible locations are] {nl.join([nm[s] for s in S], rng)}.",
                )
            )
        facts.append(
            nl.v(
                rng,
                f"[The numbers of {wword} are|Demand, measured in {wword}, is]: "
                + nl.join([f"{nm[t]} {nl.num(rng, par['weight'][t])}" for t in T], rng)
                + ".",
            )
        )
        rows = [[nm[s]] + [nl.plain(par["dist"][s][t]) for t in T] for s in S]
        facts.append(
            nl.v(
                rng,
                f"[Distances in {unit}s are given below.|The table lists distances ({unit}s) from each candidate location to each place.]",
            )
            + "\n"
            + nl.table(rng, ["Location"] + [nm[t] for t in T], rows)
        )
        facts.append(
            nl.v(
                rng,
                f"Each [place|town|neighborhood] [is served by|will use] its [assigned|chosen] {fac}[; the goal is to minimize total travel distance weighted by {wword}|, and the total distance is weighted by the {wword}].",
            )
        )
        if k["radius"]:
            facts.append(
                nl.v(
                    rng,
                    f"No [place|community] may be more than {nl.qty(rng, par['max_dist'], unit)} from its {fac}.",
                )
            )
        q = nl.v(
            rng,
            f"[Where should the {facs} be located to minimize the total weighted distance|What is the minimum total distance, weighted by {wword}, that can be achieved]?",
        )
        return nl.arrange(
            rng,
            intro,
            facts,
            q,
            noise=[
                "Local residents have petitioned for better service.",
                "The budget was approved last spring.",
            ],
        )


FAMILY = PMedian()
