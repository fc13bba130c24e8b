"""Capital budgeting: select projects (binary) to maximise NPV under a budget per year.

Complexity: 1 -> 3-4 projects, 1 year ... 5 -> 9-10 projects, 3 years.
Knobs: two mutually exclusive projects, one project that requires another, a cap on the
number of projects. Always feasible (select nothing).
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

# (organisation, project pool, unit word for money, period word)
CONTEXTS = [
    (
        "A city council",
        [
            "a new library",
            "a bike lane network",
            "a park renovation",
            "a bridge repair",
            "a community pool",
            "street lighting upgrades",
            "a bus depot",
            "a flood barrier",
            "a senior center",
            "a sports field",
        ],
        "year",
    ),
    (
        "A manufacturing firm",
        [
            "a new packaging line",
            "a warehouse robot system",
            "solar panels",
            "an ERP system",
            "a second shift facility",
            "a quality lab",
            "a paint shop upgrade",
            "a training center",
            "a heat recovery unit",
            "a cafeteria",
        ],
        "year",
    ),
    (
        "A hospital",
        [
            "an MRI scanner",
            "a new operating room",
            "an electronic records system",
            "a parking garage",
            "a rehabilitation wing",
            "a telemedicine service",
            "a pharmacy robot",
            "a staff daycare",
            "a backup generator",
            "a laboratory upgrade",
        ],
        "year",
    ),
    (
        "A software company",
        [
            "a mobile app",
            "a cloud migration",
            "a data platform",
            "a security audit program",
            "an AI assistant",
            "a new office",
            "a customer portal",
            "a billing rewrite",
            "a partner API",
            "a testing farm",
        ],
        "quarter",
    ),
]


ORDINAL = {1: "First", 2: "Second", 3: "Third"}


class CapitalBudgeting(Family):
    name = "capital_budgeting"
    tags = ("milp", "binary", "small", "word-problem", "finance", "knapsack")
    knobs = {"exclusive": (False, True), "depends": (False, True), "max_count": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ci = rng.randrange(len(CONTEXTS))
        n = min(2 + complexity + rng.randint(0, 1) + complexity // 3, 10)
        T = 1 + (complexity >= 2) + (complexity >= 4) if complexity > 1 else 1
        names = rng.sample(CONTEXTS[ci][1], n)
        P = [nl.slug(x.removeprefix("a ").removeprefix("an ")) for x in names]
        years = [str(t) for t in range(1, T + 1)]
        outlay = {t: {p: rng.randint(0 if t != "1" else 2, 20) * 10 for p in P} for t in years}
        npv = {
            p: int(sum(outlay[t][p] for t in years) * rng.uniform(0.3, 1.5)) + rng.randint(1, 9) * 10
            for p in P
        }
        budget = {t: int(round(sum(outlay[t].values()) * rng.uniform(0.35, 0.6), -1)) for t in years}
        params: dict = {"npv": npv, "outlay": outlay, "budget": budget}
        if k["exclusive"]:
            params["ex_a"], params["ex_b"] = rng.sample(P, 2)
        if k["depends"]:
            params["dep_a"], params["dep_b"] = rng.sample(P, 2)
        if k["max_count"]:
            params["max_projects"] = max(2, n // 2 + rng.randint(-1, 1))
        return Spec(
            sets={"Projects": P, "Years": f"1..{T}"},
            params=params,
            knobs=k,
            story={"ctx": ci, "names": dict(zip(P, names, strict=True)), "years": years},
        )

    def describe(self, spec: Spec, rng: random.Random) -> str:
        org, _, period = CONTEXTS[spec.story["ctx"]]
        nm, par, k = spec.story["names"], spec.params, spec.knobs
        P, years = spec.sets["Projects"], spec.story["years"]
        unit = "thousands of dollars"
        intro = [
            nl.v(
                rng,
                f"{org} is [considering|evaluating] {nl.num(rng, len(P))} [projects|investment proposals]: {nl.join([nm[p] for p in P], rng)}. Each project is either [fully funded or not done at all|accepted or rejected as a whole].",
            )
        ]
        facts = []
        if len(years) == 1:
            facts.append(
                nl.v(
                    rng,
                    f"[The costs are|Each project costs], in {unit}: "
                    + nl.join([f"{nm[p]} {nl.num(rng, par['outlay']['1'][p])}" for p in P], rng)
                    + ".",
                )
            )
            facts.append(
                nl.v(
                    rng,
                    f"[The net present values are|Their expected net present values], also in {unit}, are: "
                    + nl.join([f"{nm[p]} {nl.num(rng, par['npv'][p])}" for p in P], rng)
                    + ".",
                )
            )
            facts.append(
                nl.v(
                    rng,
                    f"[The available capital is|The budget is limited to] {nl.num(rng, par['budget']['1'])} (in {unit}).",
                )
            )
        else:
            header = ["Project", "NPV"] + [f"{ORDINAL[int(t)]} {period} cost" for t in years]
            rows = [
                [nl.cap(nm[p]), nl.plain(par["npv"][p])] + [nl.plain(par["outlay"][t][p]) for t in years]
                for p in P
            ]
            facts.append(
                nl.v(
                    rng,
                    f"The net present value of each project and the capital it needs in each {period} (all in {unit}) are:",
                )
                + "\n"
                + nl.table(rng, header, rows)
            )
            facts.append(
                nl.v(
                    rng,
                    "The capital available is "
                    + nl.join([f"{nl.num(rng, par['budget'][t])} in {period} {t}" for t in years], rng)
                    + f" ({unit}); unspent money does not carry over.",
                )
            )
        if k["exclusive"]:
            facts.append(
                nl.v(
                    rng,
                    f"{nl.cap(nm[par['ex_a']])} and {nm[par['ex_b']]} [compete for the same site|are alternatives], so at most one of them can be chosen.",
                )
            )
        if k["depends"]:
            facts.append(
                nl.v(
                    rng,
                    f"{nl.cap(nm[par['dep_a']])} [can only be done if|requires that] {nm[par['dep_b']]} [is also selected|is funded as well].",
                )
            )
        if k["max_count"]:
            facts.append(
                nl.v(
                    rng,
                    f"[Management can oversee|There is staff to manage] at most {nl.num(rng, par['max_projects'])} projects.",
                )
            )
        q = nl.v(
            rng,
            "[Which projects should be selected to maximize the total net present value|What is the largest total net present value that can be achieved]?",
        )
        return nl.arrange(
            rng,
            intro,
            facts,
            q,
            noise=[
                "The decision must be made before the end of the fiscal year.",
                "All projects were reviewed by an outside consultant.",
            ],
        )


FAMILY = CapitalBudgeting()
