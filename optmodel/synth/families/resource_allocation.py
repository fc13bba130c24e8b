"""Resource allocation: split a budget or a pool of staff among departments, each with a
linear return per unit and a guaranteed minimum.

Complexity: 1 -> 2-3 departments ... 5 -> 7-8 departments.
Knobs: whole units (people) or continuous (money), a maximum per department, a cap as a share
of the total, a second resource used per unit (equipment money per person, staff per dollar).
Feasible by construction: the minimums use at most 60% of each resource.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

# (intro, unit names pool, resource singular, plural, return phrase, second resource phrase, is_money)
CONTEXTS = [
    (
        "A regional hospital is assigning {total} new nurses to its wards.",
        [
            "emergency",
            "surgery",
            "pediatrics",
            "maternity",
            "oncology",
            "cardiology",
            "geriatrics",
            "intensive care",
        ],
        "nurse",
        "nurses",
        "additional patients treated per week",
        "training budget in dollars",
        False,
    ),
    (
        "A software company has {total} engineers to assign to its product teams.",
        ["search", "payments", "mobile", "analytics", "security", "cloud", "ads", "support tools"],
        "engineer",
        "engineers",
        "dollars of added monthly revenue",
        "laptop and license cost in dollars",
        False,
    ),
    (
        "A charity has {total} dollars to distribute among its programs.",
        [
            "school meals",
            "clean water",
            "vaccination",
            "microloans",
            "literacy",
            "shelter",
            "job training",
            "disaster relief",
        ],
        "dollar",
        "dollars",
        "people helped",
        "volunteer time in hours",
        True,
    ),
    (
        "A police department has {total} officers to deploy across districts.",
        ["north", "south", "east", "west", "central", "harbor", "airport", "university"],
        "officer",
        "officers",
        "calls answered per shift",
        "patrol car time in hours",
        False,
    ),
]


class ResourceAllocation(Family):
    name = "resource_allocation"
    tags = ("lp", "milp", "small", "word-problem", "allocation")
    knobs = {"max_alloc": (False, True), "share_cap": (False, True), "second": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ci = rng.randrange(len(CONTEXTS))
        is_money = CONTEXTS[ci][6]
        k["integer"] = not is_money
        n = min(1 + complexity + rng.randint(0, 1) + (complexity > 3), 8)
        names = rng.sample(CONTEXTS[ci][1], n)
        U = [nl.slug(x) for x in names]
        if is_money:
            total = rng.randint(10, 80) * 5000
            gain = {u: round(rng.uniform(0.01, 0.4), 2) for u in U}
            least = {u: int(total * 0.6 / n * rng.uniform(0.2, 1.0)) // 500 * 500 for u in U}
        else:
            total = rng.randint(3 * n, 12 * n)
            gain = {u: rng.randint(2, 40) for u in U}
            least = {u: int(total * 0.6 / n * rng.uniform(0.2, 1.0)) for u in U}
        params: dict = {"gain": gain, "least": least, "total": total}
        if k["max_alloc"]:
            params["most"] = {u: least[u] + max(1, int(total * rng.uniform(0.15, 0.5))) for u in U}
            if is_money:
                params["most"] = {u: v // 500 * 500 + 500 for u, v in params["most"].items()}
        if k["share_cap"]:
            params["share"] = max(
                rng.choice([0.25, 0.3, 0.4, 0.5]), round(max(least.values()) / total + 0.05, 2)
            )
        if k["second"]:
            extra = {
                u: (round(rng.uniform(0.01, 0.2), 2) if is_money else rng.randint(1, 10) * 100) for u in U
            }
            used = sum(extra[u] * least[u] for u in U) + sum(extra.values()) / n * total * 0.1
            params["extra"] = extra
            params["extra_total"] = max(int(round(used / 0.6, -2)), 100)
        return Spec(
            sets={"Units": U},
            params=params,
            knobs=k,
            story={"ctx": ci, "names": dict(zip(U, names, strict=True))},
        )

    def describe(self, spec: Spec, rng: random.Random) -> str:
        intro_t, _, one, many, gain_w, extra_w, is_money = CONTEXTS[spec.story["ctx"]]
        nm, par, k = spec.story["names"], spec.params, spec.knobs
        U = spec.sets["Units"]
        amt = (lambda x: nl.money(rng, x)) if is_money else (lambda x: nl.qty(rng, x, one, plural=many))
        total = nl.grouped(par["total"]) if is_money else nl.num(rng, par["total"])
        word = {0: "ward", 1: "team", 2: "program", 3: "district"}[spec.story["ctx"]]
        intro = [
            intro_t.format(total=total),
            nl.v(
                rng,
                f"[The {nl.plural_of(word)} are|There are {nl.num(rng, len(U))} {nl.plural_of(word)}:] {nl.join([nm[u] for u in U], rng)}.",
            ),
        ]
        facts = []
        if rng.random() < 0.5 or k["second"]:
            header = [nl.cap(word), f"Return ({gain_w})", "Minimum"] + (
                [f"Extra ({extra_w})"] if k["second"] else []
            )
            rows = [
                [nl.cap(nm[u]), nl.plain(par["gain"][u]), nl.plain(par["least"][u])]
                + ([nl.plain(par["extra"][u])] if k["second"] else [])
                for u in U
            ]
            facts.append(
                nl.v(
                    rng,
                    f"For each {word}, the return per {one} allocated"
                    + (
                        f", the minimum number of {many} it must receive, and the {extra_w.split(' in ')[0]} needed per {one}"
                        if k["second"]
                        else f" and the minimum number of {many} it must receive"
                    )
                    + " are:",
                )
                + "\n"
                + nl.table(rng, header, rows)
            )
        else:
            for u in U:
                facts.append(
                    nl.v(
                        rng,
                        f"Each {one} [given to|allocated to] {nm[u]} [yields|produces] {nl.plain(par['gain'][u])} {gain_w}, and {nm[u]} [must receive at least|is guaranteed at least] {amt(par['least'][u])}.",
                    )
                )
        facts.append(
            nl.v(
                rng,
                f"[Not all of the {many} have to be allocated.|Any {many} not allocated are simply held back.]",
            )
        )
        if k["max_alloc"]:
            facts.append(
                nl.v(
                    rng,
                    f"[No {word} can usefully absorb more than a certain amount:|The upper limits are] "
                    + nl.join([f"{nm[u]} {amt(par['most'][u])}" for u in U], rng)
                    + ".",
                )
            )
        if k["share_cap"]:
            facts.append(
                nl.v(
                    rng,
                    f"[For fairness|To spread the resources], no single {word} may receive more than {nl.percent(rng, par['share'])} of the [total|available {many}].",
                )
            )
        if k["second"]:
            facts.append(
                nl.v(
                    rng,
                    f"The total {extra_w.split(' in ')[0]} [cannot exceed|is limited to] {nl.num(rng, par['extra_total'])}[| ({extra_w.split(' in ')[-1]})].",
                )
            )
        if not is_money:
            facts.append(nl.v(rng, f"[Only whole {many} can be assigned.|{nl.cap(many)} cannot be split.]"))
        q = nl.v(
            rng,
            f"[How should the {many} be allocated to maximize the total return|What is the maximum total {gain_w} that can be achieved]?",
        )
        return nl.arrange(
            rng,
            intro,
            facts,
            q,
            noise=[
                "The plan will be reviewed next year.",
                "Last year's allocation was decided by seniority.",
            ],
        )


FAMILY = ResourceAllocation()
