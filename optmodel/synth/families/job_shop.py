"""Job shop: each job visits every machine once, in its own order; a machine processes one job
at a time; minimise the makespan (disjunctive big-M formulation, small instances).

Complexity: 1 -> 2 jobs x 2 machines ... 5 -> 4 jobs x 3 machines.
Knobs: due dates that some jobs must meet.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "org": "A machine shop",
        "job": ("part", "parts"),
        "machines": ["lathe", "mill", "drill press"],
        "unit": "minute",
        "hi": 40,
        "names": ["gear", "shaft", "bracket", "flange", "housing"],
    },
    {
        "org": "A hospital laboratory",
        "job": ("sample batch", "sample batches"),
        "machines": ["centrifuge", "analyzer", "microscope station"],
        "unit": "minute",
        "hi": 30,
        "names": ["blood", "urine", "tissue", "plasma", "swab"],
    },
    {
        "org": "A custom furniture shop",
        "job": ("order", "orders"),
        "machines": ["saw", "sander", "paint booth"],
        "unit": "hour",
        "hi": 8,
        "names": ["Smith", "Garcia", "Chen", "Okafor", "Novak"],
    },
]
SIZES = {1: (2, 2), 2: (3, 2), 3: (3, 3), 4: (4, 3), 5: (5, 3)}


class JobShop(Family):
    name = "job_shop"
    tags = ("milp", "small", "word-problem", "scheduling")
    knobs = {"due": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ctx_i = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ctx_i]
        n, m = SIZES[complexity]
        names = rng.sample(ctx["names"], n)
        J = [nl.slug(x) for x in names]
        M = [nl.slug(x) for x in ctx["machines"][:m]]
        order = {j: rng.sample(M, m) for j in J}
        p = {j: {mm: rng.randint(max(1, ctx["hi"] // 8), ctx["hi"]) for mm in M} for j in J}
        sets = {
            "Jobs": J,
            "Machines": M,
            "Route": [(j, order[j][s], order[j][s + 1]) for j in J for s in range(m - 1)],
            "Last": [(j, order[j][-1]) for j in J],
            "Pairs": [(a, b) for x, a in enumerate(J) for b in J[x + 1 :]],
        }
        params: dict = {"p": p}
        if k["due"]:  # loose enough to be met: each job's own work plus a share of the rest
            total = sum(sum(v.values()) for v in p.values())
            params["due"] = {
                j: int(sum(p[j].values()) + (total - sum(p[j].values())) * rng.uniform(0.5, 1.0)) for j in J
            }
        story = {
            "ctx": ctx_i,
            "names": dict(zip(J, names, strict=True)),
            "machines": dict(zip(M, ctx["machines"][:m], strict=True)),
            "order": order,
        }
        return Spec(sets=sets, params=params, knobs=k, story=story)

    def describe(self, spec: Spec, rng: random.Random) -> str:
        st, par, k = spec.story, spec.params, spec.knobs
        ctx = CONTEXTS[st["ctx"]]
        J, nm, mach, order = spec.sets["Jobs"], st["names"], st["machines"], st["order"]
        u = ctx["unit"]
        one, many = ctx["job"]

        def label(j: str) -> str:
            return f"the {nm[j]} {one}"

        intro = [
            nl.v(
                rng,
                f"{ctx['org']} [has|must schedule] {nl.num(rng, len(J))} {many} that each need [to visit|processing on] "
                f"the {nl.join(list(mach.values()), rng)}.",
            )
        ]
        facts = []
        for j in J:
            steps = [f"the {mach[x]} ({nl.qty(rng, par['p'][j][x], u)})" for x in order[j]]
            facts.append(
                nl.sent(
                    rng, f"{label(j)} [goes to|visits] {nl.join(steps, rng, conj='then')}[|, in that order]."
                )
            )
        facts.append(
            nl.v(
                rng,
                f"Each machine [can work on|handles] only one {one} at a time, {'an' if one[0] in 'aeiou' else 'a'} {one} cannot be on two machines at "
                f"once, and an operation cannot be interrupted once started.",
            )
        )
        if k["due"]:
            facts.append(
                nl.v(
                    rng,
                    "[The customers need|Deadlines:] "
                    + nl.join(
                        [
                            f"{label(j)} [finished|completed] [by|within] {nl.qty(rng, par['due'][j], u)}"
                            for j in J
                        ],
                        rng,
                    )
                    + "[| from now].",
                )
            )
        question = nl.v(
            rng,
            f"[How should the operations be scheduled so that all {many} are finished as early as possible?|What is "
            f"the shortest time in which all {many} can be completed?]",
        )
        return nl.arrange(rng, intro, facts, question, noise=["The shop works a single shift."], shuffle=0.2)


FAMILY = JobShop()
