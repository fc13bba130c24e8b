"""Logical conditions in an industrial product-line decision: produce nothing or at least a
minimum run, at most k products, if-then and not-both rules, and an either-or choice between two
machines, all modelled with binaries.

Complexity: 1 -> 3 products ... 5 -> 8 products.
Knobs: which logical rules appear (at least one of at-most-k / if-then / not-both / either-or).
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "org": ["A steel company", "A metal works"],
        "products": ["beams", "rods", "sheets", "pipes", "wire coils", "plates", "rails", "tubes"],
        "unit": ("ton", "tons"),
        "machines": ("rolling mill", "press line"),
    },
    {
        "org": ["A chemical plant", "A specialty chemicals firm"],
        "products": ["solvent", "resin", "adhesive", "coating", "sealant", "lubricant", "cleaner", "primer"],
        "unit": ("drum", "drums"),
        "machines": ("reactor", "mixing vessel"),
    },
    {
        "org": ["A car parts supplier", "An automotive components plant"],
        "products": [
            "brake pads",
            "filters",
            "radiators",
            "mufflers",
            "bumpers",
            "mirrors",
            "seat frames",
            "dashboards",
        ],
        "unit": ("batch", "batches"),
        "machines": ("molding machine", "stamping press"),
    },
]
RULES = ("at_most_k", "if_then", "conflict", "either_or")


class LogicalConditions(Family):
    name = "logical_conditions"
    tags = ("milp", "small", "word-problem", "logic", "production")
    knobs = {r: (False, True) for r in RULES}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        if not any(k[r] for r in RULES):
            k[rng.choice(RULES)] = True
        ctx_i = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ctx_i]
        n = min(8, 2 + complexity + rng.randint(0, 1))
        names = rng.sample(ctx["products"], n)
        P = [nl.slug(x) for x in names]
        market = {p: rng.randint(10, 60) for p in P}
        labor = {p: rng.randint(2, 12) for p in P}
        params: dict = {
            "profit": {p: rng.randint(5, 50) * 10 for p in P},
            "market": market,
            "lot": {p: max(2, int(market[p] * rng.uniform(0.2, 0.5))) for p in P},
            "labor": labor,
            "hours": int(round(sum(labor[p] * market[p] for p in P) * rng.uniform(0.35, 0.6), -1)),
        }
        if k["at_most_k"]:
            params["max_lines"] = max(2, n - rng.randint(1, 2))
        if k["if_then"]:
            a, b = rng.sample(P, 2)
            params.update(if_a=a, if_b=b)
        if k["conflict"]:
            a, b = rng.sample(P, 2)
            params.update(no_a=a, no_b=b)
        if k["either_or"]:
            for side in ("a", "b"):
                params[f"use_{side}"] = {p: rng.randint(1, 6) for p in P}
                full = sum(params[f"use_{side}"][p] * market[p] for p in P)
                params[f"cap_{side}"] = int(round(full * rng.uniform(0.3, 0.6), -1))
        story = {"ctx": ctx_i, "org": rng.choice(ctx["org"]), "names": dict(zip(P, names, strict=True))}
        return Spec(sets={"Products": P}, params=params, knobs=k, story=story)

    def describe(self, spec: Spec, rng: random.Random) -> str:
        st, par, k = spec.story, spec.params, spec.knobs
        ctx = CONTEXTS[st["ctx"]]
        P, nm = spec.sets["Products"], st["names"]
        u1, u2 = ctx["unit"]
        ma, mb = ctx["machines"]
        intro = [
            nl.v(
                rng,
                f"{st['org']} is deciding which of {nl.num(rng, len(P))} products to make next month: "
                f"{nl.join([nm[p] for p in P], rng)}.",
            )
        ]
        facts = []
        header = [
            "Product",
            f"Profit per {u1} ($)",
            f"Max sales ({u2})",
            f"Minimum run ({u2})",
            f"Labor (hours per {u1})",
        ]
        rows = [
            [
                nm[p].capitalize(),
                nl.plain(par["profit"][p]),
                nl.plain(par["market"][p]),
                nl.plain(par["lot"][p]),
                nl.plain(par["labor"][p]),
            ]
            for p in P
        ]
        if rng.random() < 0.5:
            facts.append(
                nl.v(rng, "[The product data are|Data for each product are] given below.")
                + "\n"
                + nl.table(rng, header, rows)
            )
        else:
            for p in P:
                facts.append(
                    nl.v(
                        rng,
                        f"{nl.cap(nm[p])} [earn|bring in] {nl.money(rng, par['profit'][p])} per {u1} and need "
                        f"{nl.qty(rng, par['labor'][p], 'labor hour')} per {u1}; at most {nl.qty(rng, par['market'][p], u1, plural=u2)} "
                        f"can be sold, and if {nm[p]} are made at all, at least {nl.qty(rng, par['lot'][p], u1, plural=u2)} "
                        f"must be produced.",
                    )
                )
        facts.append(
            nl.v(
                rng,
                f"[Each product is either not made at all or made in at least its minimum run.|A product that is made "
                f"must meet its minimum run.] A total of {nl.qty(rng, par['hours'], 'labor hour')} are available, and "
                f"production is in whole {u2}.",
            )
        )
        if k["at_most_k"]:
            facts.append(
                nl.v(
                    rng,
                    f"[Because of limited supervision|To keep the schedule simple], at most {nl.num(rng, par['max_lines'])} "
                    f"different products can be made.",
                )
            )
        if k["if_then"]:
            facts.append(
                nl.v(
                    rng,
                    f"If {nm[par['if_a']]} are made, then {nm[par['if_b']]} must also be made[, since they are sold "
                    f"together| because customers order them together].",
                )
            )
        if k["conflict"]:
            facts.append(
                nl.v(
                    rng,
                    f"{nl.cap(nm[par['no_a']])} and {nm[par['no_b']]} [cannot both be made|are mutually exclusive], "
                    f"because they need incompatible [equipment settings|raw materials].",
                )
            )
        if k["either_or"]:
            ua = nl.join([f"{nl.qty(rng, par['use_a'][p], 'hour')} for {nm[p]}" for p in P], rng)
            ub = nl.join([f"{nl.qty(rng, par['use_b'][p], 'hour')} for {nm[p]}" for p in P], rng)
            facts.append(
                nl.v(
                    rng,
                    f"[The company will also rent|In addition, the company must rent] either a {ma} or a {mb}, but not both, and production must fit the capacity of the one it rents. The {ma} offers "
                    f"{nl.qty(rng, par['cap_a'], 'hour')} and needs, per {u1}, {ua}. The {mb} offers "
                    f"{nl.qty(rng, par['cap_b'], 'hour')} and needs, per {u1}, {ub}.",
                )
            )
        question = nl.v(
            rng,
            f"[Which products should be made, and how many {u2} of each, to maximize profit?|What is the maximum "
            f"total profit?]",
        )
        return nl.arrange(
            rng, intro, facts, question, noise=["Sales forecasts are updated every quarter."], shuffle=0.3
        )


FAMILY = LogicalConditions()
