"""Unit commitment: a utility schedules its generators over the periods of a day: on/off,
output between minimum and maximum, fuel cost, a fixed cost per period on and start-up costs.

Complexity: 1 -> 2 units x 3 periods ... 5 -> 5 units x 8 periods.
Knobs: a spinning reserve margin; whether units running at the start must pay a start-up.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

KINDS = [
    ("coal unit", (150, 400), (18, 28), (800, 1500)),
    ("gas turbine", (50, 200), (30, 55), (200, 600)),
    ("combined-cycle unit", (100, 300), (25, 40), (400, 900)),
    ("diesel generator", (10, 60), (60, 90), (50, 150)),
    ("biomass plant", (40, 120), (35, 50), (300, 700)),
]
CONTEXTS = [
    "a regional power utility",
    "an island grid operator",
    "a municipal electric company",
    "the operator of a mining camp's power plant",
]
SIZES = {1: (2, 3), 2: (3, 4), 3: (3, 6), 4: (4, 6), 5: (5, 8)}


class UnitCommitment(Family):
    name = "unit_commitment"
    tags = ("milp", "small", "word-problem", "energy", "multi-period")
    knobs = {"reserve": (False, True), "cold": (True, False)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        n_u, n_t = SIZES[complexity]
        kinds = [KINDS[i % len(KINDS)] for i in rng.sample(range(len(KINDS)), n_u)]
        U = [nl.slug(f"{kd[0]} {i + 1}") for i, kd in enumerate(kinds)]
        pmax = {u: rng.randint(*kd[1]) // 5 * 5 for u, kd in zip(U, kinds, strict=True)}
        pmin = {u: int(pmax[u] * rng.choice([0.2, 0.25, 0.3, 0.4])) // 5 * 5 for u in U}
        params: dict = {
            "pmin": pmin,
            "pmax": pmax,
            "fuel": {u: rng.randint(*kd[2]) for u, kd in zip(U, kinds, strict=True)},
            "fixed": {u: rng.randint(*kd[3]) // 10 * 10 for u, kd in zip(U, kinds, strict=True)},
            "startup": {u: rng.randint(*kd[3]) // 10 * 10 * 2 for u, kd in zip(U, kinds, strict=True)},
        }
        top = sum(pmax.values())
        margin = rng.choice([0.1, 0.15, 0.2]) if k["reserve"] else 0
        params["demand"] = {
            t: int(top / (1 + margin) * rng.uniform(0.35, 0.95)) // 5 * 5 for t in range(1, n_t + 1)
        }
        if k["reserve"]:
            params["reserve"] = margin
        story = {
            "org": rng.choice(CONTEXTS),
            "names": {u: f"{kd[0]} {i + 1}" for i, (u, kd) in enumerate(zip(U, kinds, strict=True))},
        }
        return Spec(sets={"Units": U, "Periods": f"1..{n_t}"}, params=params, knobs=k, story=story)

    def describe(self, spec: Spec, rng: random.Random) -> str:
        st, par, k = spec.story, spec.params, spec.knobs
        U, nm = spec.sets["Units"], st["names"]
        n_t = len(par["demand"])
        intro = [
            nl.v(
                rng,
                f"{nl.cap(st['org'])} [must decide|is deciding] which of its {nl.num(rng, len(U))} generating units "
                f"to run over the next {nl.num(rng, n_t)} hours [and how much each should produce|and at what output].",
            )
        ]
        facts = [
            nl.v(
                rng,
                "The [forecast|expected] demand [in these hours|for hours 1 to "
                + str(n_t)
                + "] is "
                + nl.join([nl.plain(par["demand"][t]) for t in range(1, n_t + 1)], rng)
                + " MW[, respectively|].",
            )
        ]
        if rng.random() < 0.5:
            header = [
                "Unit",
                "Min output (MW)",
                "Max output (MW)",
                "Fuel cost ($/MWh)",
                "Fixed cost ($/hour)",
                "Start-up cost ($)",
            ]
            rows = [
                [
                    nm[u].capitalize(),
                    nl.plain(par["pmin"][u]),
                    nl.plain(par["pmax"][u]),
                    nl.plain(par["fuel"][u]),
                    nl.plain(par["fixed"][u]),
                    nl.plain(par["startup"][u]),
                ]
                for u in U
            ]
            facts.append(
                nl.v(rng, "The units' data are [given below|as follows]:")
                + "\n"
                + nl.table(rng, header, rows)
            )
        else:
            for u in U:
                facts.append(
                    nl.v(
                        rng,
                        f"{nl.cap(nm[u])} [can produce|produces] between {nl.plain(par['pmin'][u])} and "
                        f"{nl.plain(par['pmax'][u])} MW when it is on, [costs|burns fuel worth] {nl.money(rng, par['fuel'][u])} "
                        f"per MWh, has a fixed cost of {nl.money(rng, par['fixed'][u])} for each hour it is on, and "
                        f"costs {nl.money(rng, par['startup'][u])} to start up.",
                    )
                )
        facts.append(
            nl.v(
                rng,
                "A unit that is off produces nothing; a unit that is on must produce at least its minimum output.",
            )
        )
        if k["cold"]:
            facts.append(
                nl.v(
                    rng,
                    "All units are off [at the beginning|before hour 1], so any unit running in hour 1 must be started.",
                )
            )
        else:
            facts.append(
                nl.v(
                    rng,
                    "Units running in hour 1 were already on [the day before|before the horizon] and need no start-up.",
                )
            )
        if k["reserve"]:
            facts.append(
                nl.v(
                    rng,
                    f"For reliability, the total maximum output of the units that are on must exceed demand by at least "
                    f"{nl.percent(rng, par['reserve'])} in every hour.",
                )
            )
        question = nl.v(
            rng,
            "[Which units should be on in each hour, and at what output, to minimize total cost?|What is the "
            "minimum total operating cost?]",
        )
        return nl.arrange(
            rng, intro, facts, question, noise=["The utility serves about fifty thousand customers."]
        )


FAMILY = UnitCommitment()
