"""Parallel-machine scheduling: assign jobs to machines (binary) to minimise the makespan.

Complexity: 1 -> 3-4 jobs on 2 machines ... 5 -> 8 jobs on 3-4 machines.
Knobs: identical or unrelated machines (time depends on the machine), machines already busy
at the start, two jobs that must run on different machines.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

# (intro, job word, job pool, machine word, machine pool, time unit)
CONTEXTS = [
    (
        "A print shop has {n} printing presses and a set of orders to print today.",
        "order",
        [
            "flyers",
            "posters",
            "brochures",
            "menus",
            "business cards",
            "catalogs",
            "calendars",
            "labels",
            "tickets",
        ],
        "press",
        ["Press A", "Press B", "Press C", "Press D"],
        "hour",
    ),
    (
        "A machine shop must process several jobs on its {n} CNC machines.",
        "job",
        [
            "gear housing",
            "shaft",
            "bracket",
            "valve body",
            "flange",
            "pump cover",
            "spindle",
            "bearing cap",
            "coupling",
        ],
        "machine",
        ["the Haas mill", "the Okuma mill", "the lathe", "the machining center"],
        "hour",
    ),
    (
        "A research lab has {n} compute servers and a batch of simulations to run.",
        "simulation",
        [
            "climate run",
            "protein fold",
            "crash test",
            "fluid model",
            "traffic model",
            "market model",
            "circuit sim",
            "orbit sim",
            "seismic run",
        ],
        "server",
        ["Server Alpha", "Server Beta", "Server Gamma", "Server Delta"],
        "minute",
    ),
    (
        "A laundry service has {n} industrial washers and several loads waiting.",
        "load",
        [
            "hotel sheets",
            "towels",
            "restaurant linens",
            "uniforms",
            "hospital gowns",
            "curtains",
            "blankets",
            "tablecloths",
            "aprons",
        ],
        "washer",
        ["Washer North", "Washer South", "Washer East", "Washer West"],
        "minute",
    ),
]


class MachineScheduling(Family):
    name = "machine_scheduling"
    tags = ("milp", "scheduling", "makespan", "assignment")
    knobs = {"unrelated": (False, True), "ready": (False, True), "conflict": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ci = rng.randrange(len(CONTEXTS))
        _, _, job_pool, _, mach_pool, unit = CONTEXTS[ci]
        n_j = min(2 + complexity + rng.randint(0, 1), 8)
        n_m = 2 + (complexity >= 3) + (complexity >= 5 and rng.random() < 0.5)
        jobs, machs = rng.sample(job_pool, n_j), mach_pool[:n_m]
        J, M = [nl.slug(x) for x in jobs], [nl.slug(x) for x in machs]
        scale = 10 if unit == "minute" else 1
        if k["unrelated"]:
            time = {j: {m: rng.randint(2, 12) * scale for m in M} for j in J}
        else:
            time = {j: rng.randint(2, 12) * scale for j in J}
        params: dict = {"time": time}
        if k["ready"]:
            params["busy"] = {m: rng.randint(0, 4) * scale for m in M}
        if k["conflict"]:
            params["sep_a"], params["sep_b"] = rng.sample(J, 2)
        return Spec(
            sets={"Jobs": J, "Machines": M},
            params=params,
            knobs=k,
            story={"ctx": ci, "names": {nl.slug(x): x for x in jobs + machs}},
        )

    def describe(self, spec: Spec, rng: random.Random) -> str:
        intro_t, jw, _, mw, _, unit = CONTEXTS[spec.story["ctx"]]
        nm, par, k = spec.story["names"], spec.params, spec.knobs
        J, M = spec.sets["Jobs"], spec.sets["Machines"]
        intro = [
            intro_t.format(n=nl.num(rng, len(M))),
            nl.v(rng, f"The {nl.plural_of(mw)} are {nl.join([nm[m] for m in M], rng)}."),
        ]
        facts = []
        if k["unrelated"]:
            rows = [[nl.cap(nm[j])] + [nl.plain(par["time"][j][m]) for m in M] for j in J]
            facts.append(
                nl.v(
                    rng,
                    f"[The {nl.plural_of(mw)} differ in speed|Not all {nl.plural_of(mw)} are equally fast]; the processing time in {unit}s of each {jw} on each {mw} is:",
                )
                + "\n"
                + nl.table(rng, [nl.cap(jw)] + [nm[m] for m in M], rows)
            )
        else:
            facts.append(
                nl.v(
                    rng,
                    f"[The {nl.plural_of(mw)} are identical.|All {nl.plural_of(mw)} work at the same speed.] The {nl.plural_of(jw)} take "
                    + nl.join([f"{nl.qty(rng, par['time'][j], unit)} ({nm[j]})" for j in J], rng)
                    + ".",
                )
            )
        facts.append(
            nl.v(
                rng,
                f"Each {jw} must be done [entirely on one {mw}|on a single {mw} without splitting], and a {mw} handles one {jw} at a time.",
            )
        )
        if k["ready"]:
            busy = [f"{nm[m]} {nl.qty(rng, par['busy'][m], unit)}" for m in M if par["busy"][m]]
            if busy:
                facts.append(
                    nl.v(
                        rng,
                        f"[Some {nl.plural_of(mw)} are still finishing earlier work|Not every {mw} is free right away]: {nl.join(busy, rng)} [of work remain|of earlier work left]{'; the others are free now' if len(busy) < len(M) else ''}.",
                    )
                )
            else:
                facts.append(nl.v(rng, f"All {nl.plural_of(mw)} are free right now."))
        if k["conflict"]:
            facts.append(
                nl.v(
                    rng,
                    f"{nl.cap(nm[par['sep_a']])} and {nm[par['sep_b']]} [need different setups and|cannot share a {mw}, so they] must go on different {nl.plural_of(mw)}.",
                )
            )
        q = nl.v(
            rng,
            f"[How should the {nl.plural_of(jw)} be assigned to minimize the time at which the last {mw} finishes|What is the shortest possible makespan, in {unit}s]?",
        )
        return nl.arrange(
            rng, intro, facts, q, noise=["The shift starts at 8 a.m.", f"Each {mw} was serviced last week."]
        )


FAMILY = MachineScheduling()
