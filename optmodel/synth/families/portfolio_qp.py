"""Mean-variance portfolio (Markowitz QP): minimise variance for a target expected return.

Complexity: 1 -> 3 assets ... 5 -> 6-7 assets. The covariance comes from a one-factor model,
cov = diag(s) (b b' + diag(1 - b^2)) diag(s), which is positive definite; the smallest
eigenvalue (>= 0.36 * 0.08^2) far exceeds the rounding to 4 decimals, so it stays so.
Knobs: a cap per asset, a cap on a group (sector) of assets.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    (
        "An investor",
        "stocks",
        [
            "Evergreen Utilities",
            "Blue River Foods",
            "Fortis Bank",
            "Apex Energy",
            "Helix Pharma",
            "Delta Airlines Group",
            "Granite Mining",
            "Cobalt Software",
        ],
        "sector",
    ),
    (
        "A fund manager",
        "funds",
        [
            "a bond fund",
            "a high-yield fund",
            "a real-estate fund",
            "a US equity fund",
            "a European equity fund",
            "a gold fund",
            "a small-cap fund",
            "an emerging-markets fund",
        ],
        "group",
    ),
    (
        "A family office",
        "asset classes",
        [
            "treasuries",
            "corporate credit",
            "infrastructure",
            "real estate",
            "large-cap equities",
            "commodities",
            "small-cap equities",
            "private equity",
        ],
        "category",
    ),
]


class PortfolioQP(Family):
    name = "portfolio_qp"
    tags = ("qp", "small", "finance", "portfolio", "markowitz")
    knobs = {"weight_cap": (False, True), "group_cap": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ci = rng.randrange(len(CONTEXTS))
        n = min(2 + complexity + rng.randint(0, 1) * (complexity > 2), 7)
        pool = CONTEXTS[ci][2]
        names = sorted(rng.sample(pool, n), key=pool.index)  # pools run from safer to riskier
        A = [nl.slug(x) for x in names]
        # distinct volatilities and loadings: identical assets make a degenerate QP that HiGHS can fail on
        vol = dict(zip(A, sorted(x / 100 for x in rng.sample(range(8, 36), len(A))), strict=True))
        beta = dict(zip(A, (x / 10 for x in rng.sample(range(2, 9), len(A))), strict=True))
        pos = {a: n for n, a in enumerate(A)}

        def entry(i: str, j: str) -> float:  # computed once per pair, so the matrix is exactly symmetric
            i, j = sorted((i, j), key=pos.get)
            return round(vol[i] ** 2 if i == j else beta[i] * beta[j] * vol[i] * vol[j], 4)

        cov = {i: {j: entry(i, j) for j in A} for i in A}
        # riskier assets tend to earn more; returns in tenths of a percent
        ret = {a: round(0.02 + vol[a] * rng.uniform(0.2, 0.5), 3) for a in A}
        lo, hi = min(ret.values()), max(ret.values())
        target = round(lo + (hi - lo) * rng.uniform(0.3, 0.7), 3)
        params: dict = {"ret": ret, "cov": cov, "target": target}
        sets: dict = {"Assets": A}
        if k["weight_cap"]:
            params["max_weight"] = rng.choice([0.4, 0.5, 0.6, 0.7])
        if k["group_cap"]:
            sets["Group"] = sorted(rng.sample(A, 2), key=A.index)
            params["group_max"] = rng.choice([0.3, 0.4, 0.5, 0.6])
        return Spec(
            sets=sets, params=params, knobs=k, story={"ctx": ci, "names": dict(zip(A, names, strict=True))}
        )

    def describe(self, spec: Spec, rng: random.Random) -> str:
        who, kind, _, groupw = CONTEXTS[spec.story["ctx"]]
        nm, par, k = spec.story["names"], spec.params, spec.knobs
        A = spec.sets["Assets"]
        intro = [
            nl.v(
                rng,
                f"{who} [wants to build|is constructing] a portfolio from {nl.num(rng, len(A))} {kind}: {nl.join([nm[a] for a in A], rng)}.",
            )
        ]
        facts = [
            nl.v(
                rng,
                "[Their expected annual returns are|Expected returns per year are] "
                + nl.join([f"{nl.percent(rng, par['ret'][a])} for {nm[a]}" for a in A], rng)
                + ".",
            )
        ]
        rows = [[nm[i]] + [nl.plain(par["cov"][i][j]) for j in A] for i in A]
        facts.append(
            nl.v(
                rng,
                "[The covariance matrix of the annual returns is:|Covariances between the returns are given below:]",
            )
            + "\n"
            + nl.table(rng, [""] + [nm[a] for a in A], rows)
        )
        facts.append(
            nl.v(
                rng,
                f"The [whole capital|entire budget] must be invested, [short selling is not allowed|no asset may be held in a negative amount], and the portfolio's expected return must be at least {nl.percent(rng, par['target'])}.",
            )
        )
        if k["weight_cap"]:
            facts.append(
                nl.v(
                    rng,
                    f"[No single holding may exceed|At most] {nl.percent(rng, par['max_weight'])} of the capital [| may go into any one of them].",
                )
            )
        if k["group_cap"]:
            g = spec.sets["Group"]
            facts.append(
                nl.v(
                    rng,
                    f"{nl.cap(nm[g[0]])} and {nm[g[1]]} belong to the same {groupw}, so together they may hold at most {nl.percent(rng, par['group_max'])} of the capital.",
                )
            )
        q = nl.v(
            rng,
            "[What fraction of the capital should go to each asset to minimize the variance of the portfolio return|What is the minimum variance of the portfolio return that meets these requirements]?",
        )
        return nl.arrange(
            rng,
            intro,
            facts,
            q,
            noise=["Transaction costs are negligible.", "The holding period is one year."],
        )


FAMILY = PortfolioQP()
