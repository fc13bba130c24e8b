"""Staffing with worker types (full-time / part-time / contractors): cover the required labor
hours at least cost, or with the fewest workers under a budget.
Complexity: 1 -> 2 types ... 5 -> 4 types. Knobs: objective cost or head count, a minimum
share of one type, a cap on one type."""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

TYPES = [
    ("full-time worker", "full-time workers"),
    ("part-time worker", "part-time workers"),
    ("contractor", "contractors"),
    ("intern", "interns"),
    ("senior technician", "senior technicians"),
    ("temporary worker", "temporary workers"),
]
ORGS = [
    "An accounting firm",
    "A call center",
    "A warehouse",
    "A hospital ward",
    "A construction company",
    "A restaurant",
    "A software team",
    "A cleaning service",
    "A post office",
    "A museum",
]
NOISE = [
    "The office is open {n} days a week.",
    "Workers are paid every two weeks.",
    "Training costs are covered by a separate grant.",
    "Last year the firm had {n} employees.",
]


class WorkforceCost(Family):
    name = "workforce_cost"
    tags = ("milp", "small", "word-problem", "staffing")
    knobs = {"objective": ("cost", "count"), "share": (False, True), "cap": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        n = min(2 + (complexity - 1) // 2 + (rng.random() < 0.3), 4)
        k = self.choose_knobs(rng, knobs)
        types = [TYPES[0], TYPES[1]] + rng.sample(TYPES[2:], n - 2)
        T = [nl.slug(t[1]) for t in types]
        hours = {t: rng.choice([4, 5, 6, 8, 10, 12]) for t in T}
        hours[T[0]] = rng.choice([8, 10, 12])
        hours[T[1]] = rng.choice([3, 4, 5, 6])
        pay = {t: hours[t] * rng.randint(12, 60) + rng.choice([0, 0, 10, 25]) for t in T}
        plan = {t: rng.randint(3, 15 * complexity) for t in T}
        need = max(20, int(sum(hours[t] * plan[t] for t in T) * rng.uniform(0.5, 0.9)) // 10 * 10)
        spec = Spec(
            sets={"Types": T},
            params={"hours": hours, "pay": pay, "need": need},
            knobs=k,
            story={"org": rng.choice(ORGS), "names": {nl.slug(t[1]): list(t) for t in types}},
        )
        if k["objective"] == "count":
            spec.params["budget"] = (
                int(sum(pay[t] * plan[t] for t in T) * rng.uniform(1.0, 1.3)) // 100 * 100 + 100
            )
        if k["share"]:
            spec.params["share"] = rng.choice([0.2, 0.25, 0.3, 0.4, 0.5])
            spec.params["share_type"] = rng.choice(T)
        if k["cap"]:
            spec.params["cap_type"] = rng.choice(T)
            spec.params["max_workers"] = plan[spec.params["cap_type"]] + rng.randint(0, 4)
        return spec

    def describe(self, spec: Spec, rng: random.Random) -> str:
        T, par, k = spec.sets["Types"], spec.params, spec.knobs
        one = {t: spec.story["names"][t][0] for t in T}
        many = {t: spec.story["names"][t][1] for t in T}
        intro = [
            nl.sent(
                rng,
                f"{spec.story['org']} [employs|can hire|staffs its projects with] {nl.join([many[t] for t in T], rng)}.",
            )
        ]
        facts = []
        if rng.random() < 0.5:
            facts.append(
                nl.sent(
                    rng,
                    f"{nl.join([many[t] for t in T], rng)} work "
                    + nl.join([nl.num(rng, par["hours"][t]) for t in T], rng)
                    + " hours per shift, respectively[,| and] [and are paid|earning|with wages of] "
                    + nl.join([nl.money(rng, par["pay"][t]) for t in T], rng)
                    + " per shift[| respectively].",
                )
            )
        else:
            for t in T:
                facts.append(
                    nl.sent(
                        rng,
                        f"[each|a] {one[t]} works {nl.qty(rng, par['hours'][t], 'hour')} per shift and [is paid|earns|costs] {nl.money(rng, par['pay'][t])} per shift.",
                    )
                )
        facts.append(
            nl.sent(
                rng,
                f"[the|an upcoming] [project|week|contract] requires [at least|a total of] {nl.qty(rng, par['need'], 'hour')} of labor.",
            )
        )
        if k["objective"] == "count":
            facts.append(
                nl.sent(
                    rng,
                    f"the [firm|company|manager] has a budget of {nl.money(rng, par['budget'])} [for wages|for this|].",
                )
            )
        if k.get("share"):
            facts.append(
                nl.sent(
                    rng,
                    f"at least {nl.percent(rng, par['share'])} of the [staff|workers scheduled] [must|should] be {many[par['share_type']]}.",
                )
            )
        if k.get("cap"):
            facts.append(
                nl.sent(
                    rng,
                    f"[at most|no more than] {nl.num(rng, par['max_workers'])} {many[par['cap_type']]} [are available|can be scheduled].",
                )
            )
        if k["objective"] == "cost":
            question = nl.v(
                rng,
                "[How many of each type of worker should be scheduled to minimize the total wage cost|What is the minimum total cost of covering the work|How many workers of each type should be hired to minimize cost]?",
            )
        else:
            question = nl.v(
                rng,
                "[How many of each type of worker should be scheduled to minimize the total number of workers|What is the smallest number of workers that can do the job]?",
            )
        noise = [s.format(n=rng.randint(5, 40)) for s in NOISE]
        return nl.arrange(rng, intro, facts, question, noise=noise)


FAMILY = WorkforceCost()
