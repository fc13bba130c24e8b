"""Portfolio LP: invest a budget in assets with known expected returns, subject to limits on
high-risk holdings, a floor on safe holdings, a cap per asset and an average risk score.

Complexity: 1 -> 3 assets ... 5 -> 8 assets. Knobs: which limits appear; invest all or at
most the budget. Infeasible limit combinations are resampled by the framework.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

# asset pool: (name, risk class, return range in percent)
ASSETS = [
    ("government bonds", "safe", (2.0, 4.5)),
    ("a money market fund", "safe", (1.5, 3.5)),
    ("certificates of deposit", "safe", (2.5, 4.0)),
    ("municipal bonds", "safe", (2.5, 5.0)),
    ("corporate bonds", "medium", (4.0, 6.5)),
    ("real estate", "medium", (5.0, 8.0)),
    ("blue-chip stocks", "medium", (6.0, 9.0)),
    ("an index fund", "medium", (5.5, 8.5)),
    ("emerging-market stocks", "risky", (8.0, 14.0)),
    ("technology stocks", "risky", (9.0, 15.0)),
    ("venture capital", "risky", (11.0, 18.0)),
    ("commodities", "risky", (7.0, 12.0)),
    ("cryptocurrency", "risky", (10.0, 20.0)),
    ("junk bonds", "risky", (7.5, 11.0)),
]
INVESTORS = [
    ("A pension fund", "the fund's investment committee requires"),
    ("A retired teacher", "her financial adviser insists"),
    ("A university endowment", "the trustees require"),
    ("A small insurance company", "the regulator requires"),
    ("A young couple saving for a house", "their bank's adviser recommends"),
]


class PortfolioLP(Family):
    name = "portfolio_lp"
    tags = ("lp", "small", "word-problem", "finance", "portfolio")
    knobs = {
        "risky_cap": (True, False),
        "safe_floor": (True, False),
        "asset_cap": (False, True),
        "risk_score": (False, True),
        "all_in": (True, False),
    }

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        n = min(2 + complexity + rng.randint(0, 1), 8)
        safe = [a for a in ASSETS if a[1] == "safe"]
        risky = [a for a in ASSETS if a[1] == "risky"]
        rest = [a for a in ASSETS if a not in (safe[0],)]
        pick = [rng.choice(safe), rng.choice(risky)]
        pick += rng.sample([a for a in ASSETS if a not in pick], n - 2)
        rng.shuffle(pick)
        A = [nl.slug(a[0]) for a in pick]
        ret = {nl.slug(a[0]): round(rng.uniform(*a[2]) * 2) / 200 for a in pick}  # half-percent steps
        params: dict = {"ret": ret, "budget": rng.choice([50, 100, 200, 250, 500, 750]) * 1000}
        if k["risky_cap"]:
            params["risky_max"] = rng.choice([0.2, 0.25, 0.3, 0.35, 0.4])
        if k["safe_floor"]:
            params["safe_min"] = rng.choice([0.1, 0.15, 0.2, 0.25, 0.3])
        if k["asset_cap"]:
            params["asset_max"] = rng.choice([0.3, 0.35, 0.4, 0.5])
        if k["risk_score"]:
            sc = {"safe": (1, 3), "medium": (3, 6), "risky": (6, 10)}
            params["score"] = {nl.slug(a[0]): rng.randint(*sc[a[1]]) for a in pick}
            params["score_max"] = rng.choice([4, 4.5, 5, 5.5, 6])
        del rest
        return Spec(
            sets={
                "Assets": A,
                "Risky": [nl.slug(a[0]) for a in pick if a[1] == "risky"],
                "Safe": [nl.slug(a[0]) for a in pick if a[1] == "safe"],
            },
            params=params,
            knobs=k,
            story={"names": {nl.slug(a[0]): a[0] for a in pick}, "inv": rng.randrange(len(INVESTORS))},
        )

    def describe(self, spec: Spec, rng: random.Random) -> str:
        nm, par, k = spec.story["names"], spec.params, spec.knobs
        who, rules = INVESTORS[spec.story["inv"]]
        A = spec.sets["Assets"]
        money = nl.money(rng, par["budget"])
        opts = nl.join([nm[a] for a in A], rng)
        if k["all_in"]:
            intro = [nl.v(rng, f"{who} [has|has set aside] {money} to [invest in|spread across] {opts}.")]
        else:
            intro = [
                nl.v(
                    rng,
                    f"{who} can invest up to {money} in {opts}[; any money not invested stays in a non-interest account|].",
                ),
            ]
        facts = []
        if k["risk_score"] and rng.random() < 0.6:
            rows = [[nl.cap(nm[a]), nl.percent(rng, par["ret"][a]), nl.plain(par["score"][a])] for a in A]
            facts.append(
                nl.v(rng, "[Expected annual returns and risk scores are:|The options are:]")
                + "\n"
                + nl.table(rng, ["Investment", "Expected return", "Risk score"], rows)
            )
        else:
            facts.append(
                nl.v(
                    rng,
                    "The expected annual [returns|yields] are "
                    + nl.join([f"{nl.percent(rng, par['ret'][a])} for {nm[a]}" for a in A], rng)
                    + ".",
                )
            )
            if k["risk_score"]:
                facts.append(
                    nl.v(
                        rng,
                        "[Each investment has a risk score|Risk scores are]: "
                        + nl.join([f"{nm[a]} {nl.plain(par['score'][a])}" for a in A], rng)
                        + ".",
                    )
                )
        if k["all_in"]:
            facts.append(nl.v(rng, "[The entire amount|All of the money] must be invested."))
        R, S = spec.sets["Risky"], spec.sets["Safe"]
        if k["risky_cap"]:
            facts.append(
                nl.v(
                    rng,
                    f"{nl.cap(rules)} that [no more than|at most] {nl.percent(rng, par['risky_max'])} of the [budget|total amount] [goes into|is placed in] {nl.join([nm[a] for a in R], rng, 'and')} [combined|together].",
                )
            )
        if k["safe_floor"]:
            facts.append(
                nl.v(
                    rng,
                    f"At least {nl.percent(rng, par['safe_min'])} of the budget must be in {nl.join([nm[a] for a in S], rng)}[ for safety| to keep enough liquidity|].",
                )
            )
        if k["asset_cap"]:
            facts.append(
                nl.v(
                    rng,
                    f"[To diversify|For diversification], [no single investment|no one option] may [receive|take] more than {nl.percent(rng, par['asset_max'])} of the budget.",
                )
            )
        if k["risk_score"]:
            facts.append(
                nl.v(
                    rng,
                    f"The average risk score of the money invested, weighted by amount, must not exceed {nl.plain(par['score_max'])}.",
                )
            )
        q = nl.v(
            rng,
            "[How much should be invested in each option to maximize the expected annual return|What is the maximum expected annual return]?",
        )
        return nl.arrange(
            rng,
            intro,
            facts,
            q,
            noise=["Taxes can be ignored.", "Interest rates are expected to stay flat this year."],
        )


FAMILY = PortfolioLP()
