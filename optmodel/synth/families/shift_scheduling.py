"""Shift scheduling: how many staff start each shift so that every period of the day (or week)
is covered, with shifts of consecutive periods that wrap around the cycle.

Complexity: 1 -> 4 six-hour periods ... 5 -> 12 two-hour periods (or a 7-day week).
Knobs: minimise head count or wage cost (night/weekend premium), a cap on one shift's starts.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "org": ["a city hospital", "the emergency department of a hospital", "a regional hospital"],
        "staff": ("nurse", "nurses"),
        "busy": 0.6,
    },
    {
        "org": ["a police department", "the city police station", "a county sheriff's office"],
        "staff": ("officer", "officers"),
        "busy": 0.5,
    },
    {
        "org": ["a customer call center", "a telephone help desk", "an airline reservations center"],
        "staff": ("operator", "operators"),
        "busy": 0.4,
    },
    {
        "org": ["a city bus company", "a transit authority", "a regional bus operator"],
        "staff": ("driver", "drivers"),
        "busy": 0.5,
    },
]
# (number of periods, hours per period, periods per shift) per complexity
HOURLY = {
    1: [(4, 6, 2)],
    2: [(6, 4, 2)],
    3: [(6, 4, 3), (8, 3, 3)],
    4: [(8, 3, 3), (12, 2, 4)],
    5: [(12, 2, 4), (12, 2, 5)],
}
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


def _clock(h: int) -> str:
    h %= 24
    if h == 0:
        return "midnight"
    if h == 12:
        return "noon"
    return f"{h if h <= 12 else h - 12} {'a.m.' if h < 12 else 'p.m.'}"


class ShiftScheduling(Family):
    name = "shift_scheduling"
    tags = ("milp", "small", "word-problem", "staffing", "scheduling")
    knobs = {"cost": (False, True), "limit": (False, True), "weekly": (False, False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ctx_i = rng.randrange(len(CONTEXTS))
        if k["weekly"] and complexity >= 2:
            n, hours, length, first = 7, 24, rng.choice([5, 5, 4]), 0
            labels = DAYS
            P = [d.lower() for d in DAYS]
        else:
            k["weekly"] = False
            n, hours, length = rng.choice(HOURLY[complexity])
            first = rng.choice([0, 6, 7, 8]) if hours in (4, 2) else rng.choice([0, 6])
            labels = [f"{_clock(first + i * hours)} to {_clock(first + (i + 1) * hours)}" for i in range(n)]
            P = [f"p{i + 1}" for i in range(n)]
        S = [f"s_{p}" for p in P]
        lo, hi = rng.choice([(3, 15), (5, 30), (10, 60)])
        base = [rng.randint(lo, hi) for _ in range(n)]
        covers = {s: {p: int((j - i) % n < length) for j, p in enumerate(P)} for i, s in enumerate(S)}
        spec = Spec(
            sets={"Periods": P, "Shifts": S},
            params={"need": dict(zip(P, base, strict=True)), "covers": covers},
            knobs=k,
            story={
                "ctx": ctx_i,
                "org": rng.choice(CONTEXTS[ctx_i]["org"]),
                "labels": labels,
                "hours": hours,
                "length": length,
                "first": first,
            },
        )
        if k["cost"]:
            wage = rng.choice([80, 96, 120, 150, 180, 200, 240]) * (5 if k["weekly"] else 1)
            premium = rng.choice([10, 15, 20, 25, 30, 40])
            if k["weekly"]:  # weekend days pay more
                prem = P[5:]
            else:  # periods that start between 8 p.m. and 4 a.m. pay more
                prem = [
                    p
                    for j, p in enumerate(P)
                    if (first + j * hours) % 24 >= 20 or (first + j * hours) % 24 < 4
                ]
            spec.sets["Premium_set"] = prem
            spec.params.update(wage=wage, premium=premium)
            spec.story.update(wage=wage, premium=premium)
        if k["limit"]:
            i = rng.randrange(n)
            spec.params["limit_shift"] = S[i]
            spec.params["max_start"] = max(2, int(max(base) * rng.uniform(0.3, 0.7)))
            spec.story["limit_i"] = i
        return spec

    def describe(self, spec: Spec, rng: random.Random) -> str:
        st, par, k = spec.story, spec.params, spec.knobs
        one, many = CONTEXTS[st["ctx"]]["staff"]
        P, labels, L = spec.sets["Periods"], st["labels"], st["length"]
        org = st["org"]
        if k["weekly"]:
            intro = [nl.v(rng, f"{nl.cap(org)} [is planning|needs to plan] its weekly schedule of {many}.")]
            facts = [
                nl.v(
                    rng,
                    f"Each {one} works {nl.num(rng, L)} consecutive days and then has {nl.num(rng, 7 - L)} days off; "
                    f"[the schedule repeats every week|the pattern repeats weekly], so {_a(one)} starting on "
                    f"{labels[-1]} works through {labels[L - 2]}.",
                )
            ]
            unit = "day"
        else:
            h = st["hours"] * L
            intro = [
                nl.v(
                    rng,
                    f"{nl.cap(org)} [operates|is open] around the clock and [divides|splits] the day into "
                    f"{nl.num(rng, len(P))} periods of {nl.qty(rng, st['hours'], 'hour')}.",
                )
            ]
            facts = [
                nl.v(
                    rng,
                    f"[Each|Every] {one} works a shift of {nl.qty(rng, h, 'hour')}[ in a row| straight|], "
                    f"that is {nl.num(rng, L)} consecutive periods, and shifts may start at the beginning of any period. "
                    f"A shift that starts late in the day continues into the next morning.",
                )
            ]
            unit = "period"
        need = par["need"]
        style = rng.random()
        if style < 0.35:
            rows = [[labels[i].capitalize(), nl.plain(need[p])] for i, p in enumerate(P)]
            facts.append(
                nl.v(
                    rng,
                    f"The minimum number of {many} [required|needed] {'on each day' if k['weekly'] else 'in each period'} is:",
                )
                + "\n"
                + nl.table(rng, ["Day" if k["weekly"] else "Period", f"{many.capitalize()} needed"], rows)
            )
        elif style < 0.7:
            facts.append(
                nl.v(
                    rng,
                    "[At least|A minimum of] "
                    + nl.join(
                        [
                            f"{nl.num(rng, need[p])} {many} [are needed|must be on duty] "
                            f"{'on' if k['weekly'] else 'from'} {labels[i]}"
                            for i, p in enumerate(P)
                        ],
                        rng,
                    )
                    + ".",
                )
            )
        else:
            facts.append(
                nl.v(
                    rng,
                    f"[The staffing requirements|The required numbers of {many} on duty] for the {unit}s "
                    f"{nl.join(labels, rng)} are "
                    + nl.join([nl.plain(need[p]) for p in P], rng)
                    + ", respectively.",
                )
            )
        if k["cost"]:
            if k["weekly"]:
                extra = "for each Saturday or Sunday in the working week"
                facts.append(
                    nl.v(
                        rng,
                        f"{nl.cap(_a(one))} [is paid|costs] {nl.money(rng, par['wage'])} per week, plus a weekend premium of "
                        f"{nl.money(rng, par['premium'])} {extra}.",
                    )
                )
            else:
                night = [labels[P.index(p)] for p in spec.sets["Premium_set"]]
                facts.append(
                    nl.v(
                        rng,
                        f"{nl.cap(_a(one))} [is paid|costs] {nl.money(rng, par['wage'])} per shift, plus a night premium of "
                        f"{nl.money(rng, par['premium'])} for each of the night periods ({nl.join(night, rng)}) "
                        f"that the shift [includes|covers].",
                    )
                )
        if k["limit"]:
            i = st["limit_i"]
            when = (
                f"start on {labels[i]}"
                if k["weekly"]
                else f"start work at the beginning of the {labels[i]} period"
            )
            facts.append(
                nl.v(
                    rng,
                    f"[Because of|Due to] [union rules|staff preferences|a contract clause], at most "
                    f"{nl.num(rng, par['max_start'])} {many} [may|can] {when}.",
                )
            )
        goal = (
            "minimize the total wage cost" if k["cost"] else f"minimize the total number of {many} employed"
        )
        question = nl.v(
            rng,
            f"[How many {many} should start on each {'day' if k['weekly'] else 'shift'} to {goal}?|"
            f"Determine the number of {many} starting each {'day' if k['weekly'] else 'shift'} so as to {goal}.]",
        )
        noise = [
            f"The {one}s' union negotiated a new contract last year.",
            f"Most {many} have more than five years of experience.",
        ]
        return nl.arrange(rng, intro, facts, question, noise=noise)


FAMILY = ShiftScheduling()
