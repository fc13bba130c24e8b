"""Flow shop: jobs pass through 2-3 machines in the same order, in one common sequence; find
the sequence with the smallest makespan (or total completion time).

Complexity: 1 -> 3 jobs x 2 machines ... 5 -> 6 jobs x 3 machines.
Knobs: minimise the makespan or the sum of completion times.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "org": "A print shop",
        "job": ("order", "orders"),
        "stages": ["printing", "cutting", "binding"],
        "unit": "minute",
        "names": ["brochures", "menus", "posters", "flyers", "booklets", "calendars", "business cards"],
    },
    {
        "org": "A furniture workshop",
        "job": ("piece", "pieces"),
        "stages": ["sanding", "painting", "varnishing"],
        "unit": "hour",
        "names": ["table", "cabinet", "dresser", "bookshelf", "bench", "wardrobe", "desk"],
    },
    {
        "org": "A car repair shop",
        "job": ("car", "cars"),
        "stages": ["body work", "painting", "polishing"],
        "unit": "hour",
        "names": ["sedan", "van", "pickup", "hatchback", "coupe", "SUV", "minibus"],
    },
    {
        "org": "A bakery",
        "job": ("batch", "batches"),
        "stages": ["mixing", "baking", "packaging"],
        "unit": "minute",
        "names": ["rye bread", "baguettes", "croissants", "muffins", "bagels", "brioche", "focaccia"],
    },
]
SIZES = {1: (3, 2), 2: (4, 2), 3: (4, 3), 4: (5, 3), 5: (6, 3)}


class FlowShop(Family):
    name = "flow_shop"
    tags = ("milp", "small", "word-problem", "scheduling")
    knobs = {"total": (False, False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ctx_i = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ctx_i]
        n, m = SIZES[complexity]
        names = rng.sample(ctx["names"], n)
        J = [nl.slug(x) for x in names]
        hi = 60 if ctx["unit"] == "minute" else 12
        p = {j: {i: rng.randint(max(2, hi // 6), hi) for i in range(1, m + 1)} for j in J}
        stages = ctx["stages"][:m]
        story = {"ctx": ctx_i, "names": dict(zip(J, names, strict=True)), "stages": stages}
        params = {"p": p, "n": n, "m": m}
        return Spec(
            sets={"Jobs": J, "Machines": f"1..{m}", "Positions": f"1..{n}"},
            params=params,
            knobs=k,
            story=story,
        )

    def describe(self, spec: Spec, rng: random.Random) -> str:
        st, par, k = spec.story, spec.params, spec.knobs
        ctx = CONTEXTS[st["ctx"]]
        J, nm, stages = spec.sets["Jobs"], st["names"], st["stages"]
        u = ctx["unit"]
        one, many = ctx["job"]
        intro = [
            nl.v(
                rng,
                f"{ctx['org']} has {nl.num(rng, len(J))} {many} to complete: {nl.join([nm[j] for j in J], rng)}.",
            )
        ]
        facts = [
            nl.v(
                rng,
                f"Each {one} goes through {_route(stages)}; each stage has a "
                f"single [machine|workstation] that handles one {one} at a time.",
            )
        ]
        if rng.random() < 0.5:
            header = [one.capitalize()] + [f"{s.capitalize()} ({u}s)" for s in stages]
            rows = [
                [nm[j].capitalize()] + [nl.plain(par["p"][j][i + 1]) for i in range(len(stages))] for j in J
            ]
            facts.append(
                nl.v(rng, "[Processing times are|The time each stage takes is] shown below.")
                + "\n"
                + nl.table(rng, header, rows)
            )
        else:
            for j in J:
                times = nl.join(
                    [f"{nl.qty(rng, par['p'][j][i + 1], u)} of {s}" for i, s in enumerate(stages)], rng
                )
                facts.append(nl.v(rng, f"The {nm[j]} {one} [needs|requires] {times}."))
        facts.append(
            nl.v(
                rng,
                f"All {many} are processed in the same order at every stage, and a {one} can start a stage only after "
                f"it has finished the previous one. [All|The] {many} are ready [now|at time zero].",
            )
        )
        if k["total"]:
            question = nl.v(
                rng,
                f"[In what order should the {many} be processed to minimize the sum of their completion times?|"
                f"Find the sequence that minimizes the total completion time of all {many}.]",
            )
        else:
            question = nl.v(
                rng,
                f"[In what order should the {many} be processed so that all work is finished as early as possible?|"
                f"What is the minimum time needed to complete all {many}?]",
            )
        return nl.arrange(
            rng, intro, facts, question, noise=["The shop opens at eight in the morning."], shuffle=0.2
        )


def _route(stages: list[str]) -> str:
    if len(stages) == 2:
        return f"{stages[0]} first and then {stages[1]}"
    return f"{stages[0]} first, then {stages[1]}, and finally {stages[2]}"


FAMILY = FlowShop()
