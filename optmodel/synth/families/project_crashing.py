"""Project crashing (CPM with time-cost trade-off): activities with precedences, normal
durations, a maximum reduction and a cost per day of reduction.

Complexity: 1 -> 4 activities ... 5 -> 9-10 activities.
Knobs: minimise crashing cost to meet a deadline (the deadline lies between the fully
crashed and the normal project length, so it is feasible) or minimise the project length
within a crashing budget; whole or fractional days.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

# (intro, activity pool in a plausible order, unit of time)
CONTEXTS = [
    (
        "A contractor is building a house.",
        [
            "site clearing",
            "foundation",
            "framing",
            "roofing",
            "plumbing",
            "wiring",
            "insulation",
            "drywall",
            "painting",
            "landscaping",
        ],
        "day",
    ),
    (
        "A software team is preparing a product release.",
        [
            "requirements",
            "design",
            "backend coding",
            "frontend coding",
            "database setup",
            "integration",
            "testing",
            "documentation",
            "security review",
            "deployment",
        ],
        "day",
    ),
    (
        "An events company is organizing a conference.",
        [
            "venue booking",
            "speaker invitations",
            "website",
            "registration system",
            "catering contract",
            "printing",
            "marketing campaign",
            "audio-visual setup",
            "rehearsal",
            "signage",
        ],
        "day",
    ),
    (
        "A shipyard is refitting a ferry.",
        [
            "dry docking",
            "hull inspection",
            "hull repair",
            "engine overhaul",
            "electrical work",
            "interior refit",
            "painting",
            "safety inspection",
            "sea trials",
            "certification",
        ],
        "week",
    ),
]


def longest(tasks: list[str], prec: list[list[str]], dur: dict) -> float:
    finish: dict[str, float] = {}
    for t in tasks:  # tasks are in topological order
        finish[t] = max([finish[a] for a, b in prec if b == t], default=0) + dur[t]
    return max(finish.values())


class ProjectCrashing(Family):
    name = "project_crashing"
    tags = ("lp", "milp", "scheduling", "project", "cpm")
    knobs = {"sense": ("min_cost", "min_time"), "integer": (True, False)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ci = rng.randrange(len(CONTEXTS))
        pool = CONTEXTS[ci][1]
        n = min(3 + complexity + rng.randint(0, 1) * (complexity > 1), 10)
        idx = sorted(rng.sample(range(len(pool)), n))
        names = [pool[i] for i in idx]
        T = [nl.slug(x) for x in names]
        prec: list[list[str]] = []
        for i in range(1, n):
            for j in rng.sample(range(i), min(i, rng.choice([1, 1, 2]))):
                prec.append([T[j], T[i]])
        dur = {t: rng.randint(3, 15) for t in T}
        max_crash = {t: rng.randint(1, max(1, dur[t] // 2)) for t in T}
        cost = {t: rng.randint(2, 30) * 50 for t in T}
        normal = longest(T, prec, dur)
        fastest = longest(T, prec, {t: dur[t] - max_crash[t] for t in T})
        params: dict = {"dur": dur, "max_crash": max_crash, "crash_cost": cost}
        if k["sense"] == "min_cost":
            params["deadline"] = (
                int(fastest + (normal - fastest) * rng.uniform(0.2, 0.8)) if normal > fastest else int(normal)
            )
        else:
            params["budget"] = (
                int(round(sum(cost[t] * max_crash[t] for t in T) * rng.uniform(0.2, 0.6), -2)) or 500
            )
        return Spec(
            sets={"Tasks": T, "Prec": prec},
            params=params,
            knobs=k,
            story={"ctx": ci, "names": dict(zip(T, names, strict=True))},
        )

    def describe(self, spec: Spec, rng: random.Random) -> str:
        intro, _, unit = CONTEXTS[spec.story["ctx"]]
        nm, par = spec.story["names"], spec.params
        T, prec = spec.sets["Tasks"], spec.sets["Prec"]
        facts = []
        rows = []
        for t in T:
            before = [nm[a] for a, b in prec if b == t]
            rows.append(
                [
                    nl.cap(nm[t]),
                    ", ".join(before) if before else "none",
                    nl.plain(par["dur"][t]),
                    nl.plain(par["max_crash"][t]),
                    nl.money(rng, par["crash_cost"][t]),
                ]
            )
        if len(T) <= 6 and rng.random() < 0.5:  # small projects: one sentence per activity
            for t in T:
                before = [nm[a] for a, b in prec if b == t]
                after = (
                    f"starts after {nl.join(before, rng)} [is|are] finished and "
                    if before
                    else "can start at once and "
                )
                after = after.replace("[is|are]", "is" if len(before) == 1 else "are")
                crash = f"it can be [shortened|crashed] by up to {nl.qty(rng, par['max_crash'][t], unit)} at [a cost of|] {nl.money(rng, par['crash_cost'][t])} per {unit}"
                facts.append(
                    nl.sent(
                        rng,
                        f"{nm[t]} {after}[normally takes|takes] {nl.qty(rng, par['dur'][t], unit)}; {crash}.",
                    )
                )
        else:
            facts.append(self._table(rng, T, nm, rows, unit))
        facts.append(
            nl.v(
                rng,
                "[An activity can start only when all its predecessors are finished.|Each task must wait for all of its predecessors to finish.] [Shortening may be partial within the limits.|Any reduction up to the limit is allowed.]",
            )
        )
        return self._finish(spec, rng, intro, facts, unit)

    @staticmethod
    def _table(rng: random.Random, T: list, nm: dict, rows: list, unit: str) -> str:
        return (
            nl.v(
                rng,
                f"The [activities|tasks], their immediate predecessors, normal durations ({unit}s), the most {nl.plural_of(unit)} each can be shortened by, and the cost of shortening it by one {unit} are:",
            )
            + "\n"
            + nl.table(
                rng, ["Activity", "Predecessors", "Duration", "Max reduction", f"Cost per {unit}"], rows
            )
        )

    def _finish(self, spec: Spec, rng: random.Random, intro: str, facts: list, unit: str) -> str:
        par, k = spec.params, spec.knobs
        if k["integer"]:
            facts.append(nl.v(rng, f"Reductions are made in whole {unit}s."))
        if k["sense"] == "min_cost":
            facts.append(
                nl.v(
                    rng,
                    f"The [client requires|contract requires] the whole project to be finished within {nl.qty(rng, par['deadline'], unit)}.",
                )
            )
            q = nl.v(
                rng,
                "[What is the minimum cost of shortening activities so that the deadline is met|Which activities should be shortened, and by how much, to meet the deadline at minimum cost]?",
            )
        else:
            facts.append(
                nl.v(
                    rng,
                    f"[At most|No more than] {nl.money(rng, par['budget'])} can be spent on shortening activities.",
                )
            )
            q = nl.v(
                rng,
                f"[What is the shortest possible project duration, in {unit}s, within this budget|How should the budget be used to finish the project as early as possible]?",
            )
        return nl.arrange(
            rng,
            [intro],
            facts,
            q,
            noise=[
                "The project manager has run similar projects before.",
                "Overtime rules are already included in the costs.",
            ],
        )


FAMILY = ProjectCrashing()
