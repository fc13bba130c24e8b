"""Investment with percentage limits: split a budget over options for the best expected return.

Complexity: 1 -> 2 options ... 5 -> 7 options. Knobs: invest everything or at most the budget,
caps as a share of the budget, a minimum share in the safest option, "at least k times as
much in A as in B", a minimum amount in one option.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "who": ["An investor", "A retired teacher", "A young professional", "Mr. Ramirez", "Ms. Chen"],
        "has": ["has {b} to invest", "wants to invest {b}", "has saved {b} and plans to invest it"],
        "options": [
            "stocks",
            "bonds",
            "real estate",
            "a savings account",
            "a mutual fund",
            "gold",
            "a tech startup",
            "government treasury bills",
            "an index fund",
            "cryptocurrency",
        ],
        "safe": ["bonds", "a savings account", "government treasury bills"],
    },
    {
        "who": ["A pension fund manager", "The treasurer of a charity", "A university endowment office"],
        "has": ["manages {b} for investment", "has {b} available for investment this year"],
        "options": [
            "corporate bonds",
            "municipal bonds",
            "blue-chip stocks",
            "emerging-market stocks",
            "real estate",
            "infrastructure projects",
            "certificates of deposit",
            "money-market funds",
        ],
        "safe": ["municipal bonds", "certificates of deposit", "money-market funds"],
    },
    {
        "who": ["A bank", "A credit union", "A lending company"],
        "has": ["has {b} to allocate among loan types", "can lend out up to {b}"],
        "options": [
            "car loans",
            "home loans",
            "personal loans",
            "business loans",
            "student loans",
            "farm loans",
            "credit card lending",
        ],
        "safe": ["home loans", "student loans"],
    },
]
NOISE = [
    "Taxes can be ignored for this decision.",
    "The returns are estimates based on the last {n} years.",
    "The investor does not plan to withdraw money during the year.",
    "Transaction fees are negligible.",
]


class Investment(Family):
    name = "investment"
    tags = ("lp", "small", "word-problem", "finance", "percentage")
    knobs = {
        "all_in": (True, False),
        "max_share": (True, False),
        "min_safe": (False, True),
        "relate": (False, True),
        "floor": (False, True),
        "objective": ("return", "return", "risk"),
    }

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        ci = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ci]
        n = min(2 + complexity - 1 + rng.randint(0, 1), 7)
        k = self.choose_knobs(rng, knobs)
        safe_name = rng.choice(ctx["safe"])
        others = [o for o in ctx["options"] if o != safe_name]
        names = [safe_name] + rng.sample(others, n - 1)
        rng.shuffle(names)
        OPTS = [nl.slug(x) for x in names]
        safe = nl.slug(safe_name)
        rate = {o: round(rng.choice([rng.uniform(1, 4), rng.uniform(3, 12)]) * 2) / 200 for o in OPTS}
        rate[safe] = round(rng.uniform(1, 3) * 2) / 200
        budget = rng.choice(
            [rng.randint(2, 50) * 1000, rng.randint(1, 20) * 10000, rng.randint(2, 9) * 100000]
        )
        spec = Spec(
            sets={"Options": OPTS},
            params={"rate": rate, "budget": budget},
            knobs=k,
            story={
                "ctx": ci,
                "who": rng.choice(ctx["who"]),
                "has": rng.choice(ctx["has"]),
                "names": dict(zip(OPTS, names, strict=True)),
            },
        )
        if k["max_share"]:
            capped = sorted(
                rng.sample([o for o in OPTS if o != safe], rng.randint(1, max(1, len(OPTS) - 1))),
                key=OPTS.index,
            )
            spec.sets["Capped"] = capped
            spec.params["max_share"] = {o: rng.choice([0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6]) for o in capped}
        if k["min_safe"]:
            spec.params["safe_share"] = rng.choice([0.1, 0.2, 0.25, 0.3, 0.35, 0.4])
            spec.params["safe"] = safe
        if k["relate"] and len(OPTS) >= 2:
            a, b = rng.sample(OPTS, 2)
            spec.params.update(rel_a=a, rel_b=b, rel_k=rng.choice([2, 3, 1.5]))
        else:
            k["relate"] = False
        if k["floor"]:
            spec.params["floor_option"] = rng.choice(OPTS)
            spec.params["floor_amount"] = int(budget * rng.choice([0.05, 0.1, 0.15]))
        if k["objective"] == "risk":
            spec.params["risk"] = {
                o: (1 if o == safe else rng.randint(2, 9)) * rng.choice([1, 1, 0.5]) for o in OPTS
            }
            lo, hi = min(rate.values()), sum(rate.values()) / len(rate)
            spec.params["min_return"] = max(100, int(budget * rng.uniform(lo, max(lo, hi))) // 100 * 100)
        return spec

    def describe(self, spec: Spec, rng: random.Random) -> str:
        OPTS, par, k = spec.sets["Options"], spec.params, spec.knobs
        nm = spec.story["names"]
        b = nl.money(rng, par["budget"])
        intro = [nl.sent(rng, f"{spec.story['who']} {spec.story['has'].format(b=b)}.")]
        if k["all_in"]:
            intro.append(
                nl.v(
                    rng,
                    "[All of the money must be invested.|The entire amount will be invested.|Every dollar has to be placed in one of the options.]",
                )
            )
        else:
            intro.append(
                nl.v(
                    rng,
                    "[Not all of the money has to be invested.|Any money not invested simply stays in cash and earns nothing.|]",
                )
            )
        facts = []
        if rng.random() < 0.5 and len(OPTS) > 1:
            facts.append(
                nl.sent(
                    rng,
                    f"the options are {nl.join([nm[o] for o in OPTS], rng)}, with [expected|estimated|average] annual returns of "
                    + nl.join([nl.percent(rng, par["rate"][o]) for o in OPTS], rng)
                    + ", respectively.",
                )
            )
        else:
            for o in OPTS:
                facts.append(
                    nl.sent(
                        rng,
                        nl.pick(
                            rng,
                            [
                                f"{nm[o]} [are expected to|should] [return|yield|earn] {nl.percent(rng, par['rate'][o])} per year.",
                                f"the annual return on {nm[o]} is {nl.percent(rng, par['rate'][o])}.",
                            ],
                        ),
                    ).replace("are expected to yield", "yield")
                )
        if k.get("max_share"):
            for o in spec.sets["Capped"]:
                facts.append(
                    nl.sent(
                        rng,
                        f"[to limit risk, |because of the risk, |]no more than {nl.percent(rng, par['max_share'][o])} of the [total budget|budget|available money] [can|may|should] [go into|be invested in|be put in] {nm[o]}.",
                    )
                )
        if k.get("min_safe"):
            facts.append(
                nl.sent(
                    rng,
                    f"at least {nl.percent(rng, par['safe_share'])} of the [amount invested|money invested|total investment] must be in {nm[par['safe']]}.",
                )
            )
        if k.get("relate"):
            facts.append(
                nl.sent(
                    rng,
                    f"the amount invested in {nm[par['rel_a']]} [must|should] be at least {nl.times(rng, par['rel_k'])} the amount invested in {nm[par['rel_b']]}.",
                )
            )
        if k.get("floor"):
            facts.append(
                nl.sent(
                    rng,
                    f"[a minimum of|at least] {nl.money(rng, par['floor_amount'])} [has to|must] be [invested|placed] in {nm[par['floor_option']]}.",
                )
            )
        if k.get("objective") == "risk":
            facts.append(
                nl.sent(
                    rng,
                    "[each dollar invested carries a risk score|the risk index per dollar is|per dollar invested, the risk scores are] "
                    + nl.join([f"{nl.plain(par['risk'][o])} for {nm[o]}" for o in OPTS], rng)
                    + ".",
                )
            )
            facts.append(
                nl.sent(
                    rng,
                    f"the [investor|portfolio] [needs|must earn|wants to earn] an expected annual return of at least {nl.money(rng, par['min_return'])}.",
                )
            )
            question = nl.v(
                rng,
                "[How much should be invested in each option to minimize the total risk|What is the minimum total risk score of a plan that meets the return target]?",
            )
        else:
            question = nl.v(
                rng,
                "[How much should be invested in each option to maximize the expected return|How should the money be allocated to maximize the total annual return|What is the maximum expected annual return]?",
            )
        noise = [s.format(n=rng.randint(3, 20)) for s in NOISE]
        return nl.arrange(rng, intro, facts, question, noise=noise)


FAMILY = Investment()
