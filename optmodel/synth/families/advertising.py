"""Advertising / media mix: buy ads in several media within a budget to maximise audience reach.

Complexity: 1 -> 2 media ... 5 -> 6 media. Knobs: caps on ads per medium, a maximum share of
one medium, a minimum number of ads somewhere, "at least k times as many A ads as B ads".
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

MEDIA = {
    "TV": ("TV commercial", "TV commercials"),
    "radio": ("radio ad", "radio ads"),
    "newspaper": ("newspaper ad", "newspaper ads"),
    "social media": ("social media post", "social media posts"),
    "billboards": ("billboard", "billboards"),
    "magazines": ("magazine ad", "magazine ads"),
    "podcasts": ("podcast spot", "podcast spots"),
    "online video": ("online video ad", "online video ads"),
    "email": ("email campaign", "email campaigns"),
    "flyers": ("flyer drop", "flyer drops"),
}
WHO = [
    "A clothing store",
    "A new restaurant",
    "A political campaign",
    "A car dealership",
    "A software startup",
    "A local gym",
    "A music festival",
    "A furniture retailer",
    "A city museum",
    "A toy company",
]
AUDIENCE = ["people", "viewers", "potential customers", "voters", "readers"]
NOISE = [
    "The campaign will run for {n} weeks.",
    "Last year's campaign used only one medium.",
    "The marketing team has {n} members.",
    "The creative work is already paid for.",
]


class Advertising(Family):
    name = "advertising"
    tags = ("milp", "small", "word-problem", "marketing")
    knobs = {
        "max_ads": (True, False),
        "share": (False, True),
        "min_ads": (False, True),
        "relate": (False, True),
    }

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        n = min(2 + complexity - 1 + rng.randint(0, 1), 6)
        k = self.choose_knobs(rng, knobs)
        names = rng.sample(sorted(MEDIA), n)
        M = [nl.slug(x) for x in names]
        scale = rng.choice([1, 10, 100])
        cost = {m: rng.randint(2, 60) * scale * rng.choice([1, 2, 5]) for m in M}
        reach = {m: int(cost[m] * rng.uniform(2, 15) // 10 * 10) + rng.choice([0, 50, 100]) for m in M}
        budget = int(sum(cost.values()) * rng.uniform(2, 8) // 100 * 100) + 100
        spec = Spec(
            sets={"Media": M},
            params={"cost": cost, "reach": reach, "budget": budget},
            knobs=k,
            story={
                "who": rng.choice(WHO),
                "aud": rng.choice(AUDIENCE),
                "names": dict(zip(M, names, strict=True)),
            },
        )
        if k["max_ads"]:
            capped = sorted(rng.sample(M, rng.randint(1, len(M))), key=M.index)
            spec.sets["Capped"] = capped
            spec.params["max_ads"] = {m: rng.randint(2, 15) for m in capped}
        if k["share"]:
            spec.params["share"] = rng.choice([0.3, 0.4, 0.5, 0.6])
            spec.params["share_medium"] = rng.choice(M)
        if k["min_ads"]:
            spec.params["min_medium"] = rng.choice(M)
            spec.params["min_ads"] = rng.randint(2, 5)
        if k["relate"]:
            a, b = rng.sample(M, 2)
            spec.params.update(rel_a=a, rel_b=b, rel_k=rng.choice([2, 3]))
        return spec

    def describe(self, spec: Spec, rng: random.Random) -> str:
        M, par, k = spec.sets["Media"], spec.params, spec.knobs
        nm = spec.story["names"]
        one = {m: MEDIA[nm[m]][0] for m in M}
        many = {m: MEDIA[nm[m]][1] for m in M}
        aud = spec.story["aud"]
        intro = [
            nl.sent(
                rng,
                f"{spec.story['who']} [wants to advertise|is planning an advertising campaign|needs to promote itself] [using|on|through] {nl.join([nm[m] for m in M], rng)}.",
            ),
            nl.sent(
                rng,
                f"[the advertising budget is|it can spend at most|the budget for the campaign is] {nl.money(rng, par['budget'])}.",
            ),
        ]
        facts = []
        if rng.random() < 0.3 and len(M) >= 3:
            rows = [[nm[m], nl.money(rng, par["cost"][m]), nl.grouped(par["reach"][m])] for m in M]
            facts.append(
                nl.v(rng, "[Costs and audience per ad:|The cost of one ad and the audience it reaches are:]")
                + "\n"
                + nl.table(rng, ["Medium", "Cost per ad", f"{aud.capitalize()} reached"], rows)
            )
        else:
            for m in M:
                facts.append(
                    nl.sent(
                        rng,
                        nl.pick(
                            rng,
                            [
                                f"[each|one|a] {one[m]} costs {nl.money(rng, par['cost'][m])} and reaches {nl.num(rng, par['reach'][m])} {aud}.",
                                f"[each|one] {one[m]} reaches [about|an estimated|] {nl.num(rng, par['reach'][m])} {aud} at a cost of {nl.money(rng, par['cost'][m])}.",
                            ],
                        ),
                    )
                )
        if k.get("max_ads"):
            for m in spec.sets["Capped"]:
                facts.append(
                    nl.sent(
                        rng,
                        f"[at most|no more than|a maximum of] {nl.num(rng, par['max_ads'][m])} {many[m]} [can be bought|are available|can be scheduled].",
                    )
                )
        if k.get("share"):
            m = par["share_medium"]
            facts.append(
                nl.sent(
                    rng,
                    f"[to keep the campaign balanced, |]at most {nl.percent(rng, par['share'])} of all ads [can|may] be {many[m]}.",
                )
            )
        if k.get("min_ads"):
            m = par["min_medium"]
            facts.append(
                nl.sent(
                    rng,
                    f"[the company|the client|management] [wants|requires] at least {nl.num(rng, par['min_ads'])} {many[m]}.",
                )
            )
        if k.get("relate"):
            a, b = par["rel_a"], par["rel_b"]
            facts.append(
                nl.sent(
                    rng,
                    f"the number of {many[a]} [must|should] be at least {nl.times(rng, par['rel_k'])} the number of {many[b]}.",
                )
            )
        question = nl.v(
            rng,
            f"[How many ads of each type should be purchased to maximize the total audience reached|How many {', '.join(many[m] for m in M[:-1])} and {many[M[-1]]} should be bought to reach as many {aud} as possible|What is the maximum number of {aud} that can be reached]?",
        )
        noise = [s.format(n=rng.randint(2, 12)) for s in NOISE]
        return nl.arrange(rng, intro, facts, question, noise=noise)


FAMILY = Advertising()
