"""Workforce planning: month-by-month hiring, layoffs and overtime to cover the labor hours a
seasonal workload needs, at least cost.

Complexity: 1 -> 3 months ... 5 -> 12 months.
Knobs: whole workers or averaged (continuous) staffing, layoffs forbidden, a hiring cap.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "org": ["an accounting firm", "a tax preparation company"],
        "staff": ("accountant", "accountants"),
        "work": "client work",
        "hours": [140, 150, 160],
    },
    {
        "org": ["a garment factory", "a clothing manufacturer"],
        "staff": ("sewing operator", "sewing operators"),
        "work": "production",
        "hours": [160, 168, 176],
    },
    {
        "org": ["a construction company", "a home builder"],
        "staff": ("crew member", "crew members"),
        "work": "site work",
        "hours": [160, 170, 180],
    },
    {
        "org": ["a mail-order warehouse", "an online retailer's fulfilment center"],
        "staff": ("packer", "packers"),
        "work": "order picking and packing",
        "hours": [150, 160, 172],
    },
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]  # fmt: skip
LENGTH = {1: 3, 2: 4, 3: 6, 4: 8, 5: 12}


class WorkforcePlanning(Family):
    name = "workforce_planning"
    tags = ("lp", "milp", "small", "word-problem", "staffing", "multi-period")
    knobs = {"integer": (True, False), "no_fire": (False, True), "max_hire": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ctx_i = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ctx_i]
        n = LENGTH[complexity]
        hours = rng.choice(ctx["hours"])
        size = rng.choice([10, 20, 40, 80])
        initial = int(size * rng.uniform(0.8, 1.2))
        level = [size * rng.uniform(0.6, 1.5) for _ in range(n)]
        need = {t + 1: int(round(x * hours, -1)) for t, x in enumerate(level)}
        salary = rng.choice([2400, 2800, 3000, 3200, 3600, 4000, 4500])
        params = {
            "need": need,
            "hours": hours,
            "initial": initial,
            "salary": salary,
            "hire_cost": rng.choice([500, 800, 1000, 1200, 1500, 2000]),
            "fire_cost": rng.choice([600, 1000, 1500, 2000, 2500, 3000]),
            "ot_rate": round(salary / hours * rng.choice([1.5, 1.75, 2.0])),
            "ot_max": rng.choice([10, 15, 20, 24, 30]),
        }
        if k["no_fire"]:
            del params["fire_cost"]
        if k["max_hire"]:
            params["max_hire"] = max(2, int(size * rng.uniform(0.15, 0.4)))
        first = rng.randrange(12)
        story = {
            "ctx": ctx_i,
            "org": rng.choice(ctx["org"]),
            "months": [MONTHS[(first + t) % 12] for t in range(n)],
        }
        return Spec(sets={"Months": f"1..{n}"}, params=params, knobs=k, story=story)

    def describe(self, spec: Spec, rng: random.Random) -> str:
        st, par, k = spec.story, spec.params, spec.knobs
        ctx = CONTEXTS[st["ctx"]]
        one, many = ctx["staff"]
        months = st["months"]
        n = len(months)
        intro = [
            nl.v(
                rng,
                f"{nl.cap(st['org'])} [is planning|must plan] its workforce of {many} for the next "
                f"{nl.num(rng, n)} months, {months[0]} through {months[-1]}.",
            )
        ]
        facts = [
            nl.v(
                rng,
                f"[It currently employs|At the start of {months[0]} it has|There are currently] "
                f"{nl.num(rng, par['initial'])} {many}[ on staff| on the payroll|].",
            )
        ]
        need = par["need"]
        if rng.random() < 0.5:
            rows = [[m, nl.plain(need[t + 1])] for t, m in enumerate(months)]
            facts.append(
                nl.v(rng, f"The {ctx['work']} [forecast|workload] in labor hours is:")
                + "\n"
                + nl.table(rng, ["Month", "Hours needed"], rows)
            )
        else:
            facts.append(
                nl.v(
                    rng,
                    f"The [forecast|expected] {ctx['work']} requires "
                    + nl.join([f"{nl.grouped(need[t + 1])} hours in {m}" for t, m in enumerate(months)], rng)
                    + ".",
                )
            )
        facts.append(
            nl.v(
                rng,
                f"Each {one} works {nl.qty(rng, par['hours'], 'regular hour')} per month and [is paid|earns] "
                f"{nl.money(rng, par['salary'])} per month.",
            )
        )
        facts.append(
            nl.v(
                rng,
                f"[In addition|On top of that], each {one} [can|may] work up to {nl.qty(rng, par['ot_max'], 'hour')} "
                f"of overtime per month, paid at {nl.money(rng, par['ot_rate'])} per hour.",
            )
        )
        hire = f"Hiring a new {one} costs {nl.money(rng, par['hire_cost'])} for recruiting and training"
        if k["no_fire"]:
            facts.append(
                nl.v(
                    rng,
                    f"{hire}. [Company policy does not allow layoffs|No {many} may be laid off] during the planning period.",
                )
            )
        else:
            facts.append(
                nl.v(
                    rng,
                    f"{hire}, [and laying one off costs|while each layoff costs] {nl.money(rng, par['fire_cost'])} in severance.",
                )
            )
        if k["max_hire"]:
            facts.append(
                nl.v(
                    rng,
                    f"[Because of limited training capacity|The training program is small, so] at most "
                    f"{nl.num(rng, par['max_hire'])} {many} can be hired [in any month|per month].",
                )
            )
        facts.append(
            nl.v(
                rng,
                "Hires and layoffs take effect at the start of a month[, and staff levels carry over from month to month|].",
            )
        )
        if k["integer"]:
            what = "hired" if k["no_fire"] else "hired and laid off"
            question = nl.v(
                rng,
                f"[How many {many} should be {what} each month, and how much overtime should be used, to minimize "
                f"the total cost?|Find the staffing plan that minimizes the total cost. The numbers of {many} must "
                f"be whole numbers.]",
            )
        else:
            facts.append(
                nl.v(
                    rng,
                    "[For planning purposes|Since some staff work part-time], staff numbers may be fractional.",
                )
            )
            question = nl.v(
                rng,
                f"[What is the minimum total cost of meeting the workload over the {nl.num(rng, n)} months?|"
                f"Find the plan of minimum total cost over the {nl.num(rng, n)} months.]",
            )
        noise = [
            "Last year the company expanded its main office.",
            f"Many {many} have been with the company for years.",
        ]
        return nl.arrange(rng, intro, facts, question, noise=noise)


FAMILY = WorkforcePlanning()
