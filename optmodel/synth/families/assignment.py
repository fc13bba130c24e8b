"""Assignment: each task to exactly one worker (machine, crew, nurse...), each worker at most
one task (or at most k), minimising cost/time or maximising a score.
Complexity: 1 -> 3x3 ... 5 -> 10x10. Knobs: sense, several tasks per worker, a forbidden pair."""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "w": ("worker", "workers"),
        "t": ("job", "jobs"),
        "names": [
            "Alice",
            "Bob",
            "Carmen",
            "David",
            "Elena",
            "Frank",
            "Grace",
            "Hiro",
            "Ines",
            "Jamal",
            "Kofi",
            "Lena",
        ],
        "tasks": [
            "welding",
            "painting",
            "wiring",
            "plumbing",
            "framing",
            "tiling",
            "roofing",
            "glazing",
            "drywall",
            "flooring",
            "insulation",
            "masonry",
        ],
        "min": ("hours", None),
        "max": ("quality score", None),
    },
    {
        "w": ("machine", "machines"),
        "t": ("order", "orders"),
        "names": [f"Machine {c}" for c in "ABCDEFGHIJKL"],
        "tasks": [f"Order {i}" for i in range(1, 13)],
        "min": ("cost", "$"),
        "max": ("profit", "$"),
    },
    {
        "w": ("nurse", "nurses"),
        "t": ("ward", "wards"),
        "names": [
            "Nurse Ada",
            "Nurse Ben",
            "Nurse Cho",
            "Nurse Dev",
            "Nurse Eve",
            "Nurse Fay",
            "Nurse Gus",
            "Nurse Hal",
            "Nurse Ivy",
            "Nurse Jo",
            "Nurse Kim",
            "Nurse Lou",
        ],
        "tasks": [
            "cardiology",
            "pediatrics",
            "oncology",
            "surgery",
            "maternity",
            "emergency",
            "radiology",
            "neurology",
            "orthopedics",
            "geriatrics",
            "ICU",
            "recovery",
        ],
        "min": ("minutes of travel", None),
        "max": ("preference score", None),
    },
    {
        "w": ("salesperson", "salespeople"),
        "t": ("region", "regions"),
        "names": [
            "Ana",
            "Ben",
            "Cleo",
            "Dario",
            "Emma",
            "Felix",
            "Gina",
            "Hugo",
            "Iris",
            "Jon",
            "Kai",
            "Luz",
        ],
        "tasks": [
            "North",
            "South",
            "East",
            "West",
            "Central",
            "Coast",
            "Mountain",
            "Valley",
            "Lakes",
            "Plains",
            "Islands",
            "Metro",
        ],
        "min": ("travel cost", "$"),
        "max": ("expected sales", "$"),
    },
]


class Assignment(Family):
    name = "assignment"
    tags = ("milp", "binary", "structured", "assignment")
    knobs = {"sense": ("min", "max"), "multi": (False, False, True), "forbid": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        ci = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ci]
        k = self.choose_knobs(rng, knobs)
        nt = [3, 4, 5, 7, 10][complexity - 1]
        nw = nt + rng.randint(0, 2) if not k["multi"] else max(2, nt // 2 + rng.randint(0, 1))
        nw = min(nw, len(ctx["names"]))
        wn = rng.sample(ctx["names"], nw)
        tn = rng.sample(ctx["tasks"], nt)
        W = [nl.slug(x) for x in wn]
        T = [nl.slug(x) for x in tn]
        base = rng.choice([10, 20, 50, 100])
        cost = {w: {t: rng.randint(base // 2, base * 2) for t in T} for w in W}
        spec = Spec(
            sets={"Workers": W, "Tasks": T},
            params={"cost": cost},
            knobs=k,
            story={"ctx": ci, "w": dict(zip(W, wn, strict=True)), "t": dict(zip(T, tn, strict=True))},
        )
        if k["multi"]:
            spec.params["max_load"] = -(-nt // nw) + rng.randint(0, 1)
        if k["forbid"]:
            spec.params["forbid_w"] = rng.choice(W)
            spec.params["forbid_t"] = rng.choice(T)
        return spec

    def describe(self, spec: Spec, rng: random.Random) -> str:
        ctx = CONTEXTS[spec.story["ctx"]]
        W, T, par, k = spec.sets["Workers"], spec.sets["Tasks"], spec.params, spec.knobs
        wn, tn = spec.story["w"], spec.story["t"]
        w1, w2 = ctx["w"]
        t1, t2 = ctx["t"]
        what, cur = ctx["min"] if k["sense"] == "min" else ctx["max"]

        def val(x):
            return nl.money(rng, x) if cur else nl.plain(x)

        intro = [
            nl.sent(
                rng,
                f"[a manager|a supervisor|the planner] must assign {nl.num(rng, len(T))} {t2} to {nl.num(rng, len(W))} {w2}.",
            )
        ]
        facts = [
            nl.sent(rng, f"each {t1} [must be|has to be] [assigned to|done by|handled by] exactly one {w1}.")
        ]
        if k.get("multi"):
            facts.append(
                nl.sent(
                    rng,
                    f"[each|a] {w1} can [take|handle|be given] at most {nl.num(rng, par['max_load'])} {t2}.",
                )
            )
        else:
            facts.append(nl.sent(rng, f"[each|a] {w1} can [take|handle|be given] at most one {t1}."))
        rows = [[wn[w]] + [val(par["cost"][w][t]) for t in T] for w in W]
        facts.append(
            nl.v(
                rng,
                f"[The {what} of each pairing is given below.|The table shows the {what} when a {w1} (row) takes a {t1} (column).|{nl.cap(what)} by {w1} and {t1}:]",
            )
            + "\n"
            + nl.table(rng, [w1.capitalize()] + [tn[t] for t in T], rows)
        )
        if k.get("forbid"):
            facts.append(
                nl.sent(rng, f"{wn[par['forbid_w']]} cannot [be assigned to|take] {tn[par['forbid_t']]}.")
            )
        goal = "minimize" if k["sense"] == "min" else "maximize"
        question = nl.v(
            rng,
            f"[How should the {t2} be assigned to {goal} the total {what}|Which assignment of {w2} to {t2} {goal}s the total {what}|What is the {'minimum' if goal == 'minimize' else 'maximum'} total {what}]?",
        )
        return nl.arrange(rng, intro, facts, question, shuffle=0.2)


FAMILY = Assignment()
