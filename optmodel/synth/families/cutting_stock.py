"""Cutting stock with explicit patterns: standard rolls (bars, boards) are cut into ordered
sizes by a given list of cutting patterns; minimise the rolls used or the trim waste.

Complexity: 1 -> 2 sizes, 3 patterns ... 5 -> 6 sizes, 12 patterns.
Knobs: objective = number of rolls or total trim waste.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "org": ["a paper mill", "a paper converting plant"],
        "stock": ("roll", "rolls"),
        "unit": ("inch", "inches"),
        "widths": (100, 120, 140),
        "piece": "width",
        "cut": "slit",
    },
    {
        "org": ["a steel service center", "a metal fabrication shop"],
        "stock": ("steel bar", "steel bars"),
        "unit": ("centimeter", "centimeters"),
        "widths": (600, 800, 1200),
        "piece": "length",
        "cut": "cut",
    },
    {
        "org": ["a lumber yard", "a timber merchant"],
        "stock": ("board", "boards"),
        "unit": ("inch", "inches"),
        "widths": (96, 144, 192),
        "piece": "length",
        "cut": "cut",
    },
    {
        "org": ["a textile company", "a fabric wholesaler"],
        "stock": ("fabric roll", "fabric rolls"),
        "unit": ("centimeter", "centimeters"),
        "widths": (150, 200, 240),
        "piece": "width",
        "cut": "slit",
    },
]
SIZES = {1: (2, 3), 2: (3, 5), 3: (4, 7), 4: (5, 9), 5: (6, 12)}


def _fill(rng: random.Random, width: int, sizes: list[int], first: int) -> list[int]:
    """A random maximal pattern that starts with one piece of `first`."""
    counts = [0] * len(sizes)
    counts[first] = 1
    left = width - sizes[first]
    while True:
        fits = [i for i, s in enumerate(sizes) if s <= left]
        if not fits:
            return counts
        i = rng.choice(fits)
        counts[i] += 1
        left -= sizes[i]


class CuttingStock(Family):
    name = "cutting_stock"
    tags = ("milp", "small", "word-problem", "cutting")
    knobs = {"waste": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ctx_i = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ctx_i]
        n_s, n_p = SIZES[complexity]
        width = rng.choice(ctx["widths"])
        sizes = sorted(rng.sample(range(width // 9, width // 2 + 1), n_s), reverse=True)
        pats: list[list[int]] = []
        for i in range(n_s):  # one pattern of each size alone, so every order can be met
            only = [0] * n_s
            only[i] = width // sizes[i]
            pats.append(only)
        tries = 0
        while len(pats) < n_p and tries < 200:
            tries += 1
            cand = _fill(rng, width, sizes, rng.randrange(n_s))
            if cand not in pats:
                pats.append(cand)
        rng.shuffle(pats)
        S = [f"w{s}" for s in sizes]
        J = [f"pattern_{j + 1}" for j in range(len(pats))]
        params = {
            "demand": {s: rng.randint(10, 150) for s in S},
            "pieces": {j: dict(zip(S, p, strict=True)) for j, p in zip(J, pats, strict=True)},
        }
        if k["waste"]:
            params["trim"] = {
                j: width - sum(c * s for c, s in zip(p, sizes, strict=True))
                for j, p in zip(J, pats, strict=True)
            }
        story = {
            "ctx": ctx_i,
            "org": rng.choice(ctx["org"]),
            "width": width,
            "sizes": dict(zip(S, sizes, strict=True)),
        }
        return Spec(sets={"Sizes": S, "Patterns": J}, params=params, knobs=k, story=story)

    def describe(self, spec: Spec, rng: random.Random) -> str:
        st, par, k = spec.story, spec.params, spec.knobs
        ctx = CONTEXTS[st["ctx"]]
        one, many = ctx["stock"]
        u1, u2 = ctx["unit"]
        S, J = spec.sets["Sizes"], spec.sets["Patterns"]
        size = st["sizes"]
        intro = [
            nl.v(
                rng,
                f"{nl.cap(st['org'])} [stocks|buys] standard {many} that are {nl.qty(rng, st['width'], u1, plural=u2)} "
                f"long."
                if ctx["piece"] == "length"
                else f"{nl.cap(st['org'])} [stocks|produces] standard {many} that are {nl.qty(rng, st['width'], u1, plural=u2)} wide.",
            )
        ]
        facts = [
            nl.v(
                rng,
                "[Customers have ordered|This week's orders call for|It has received orders for] "
                + nl.join(
                    [
                        f"{nl.num(rng, par['demand'][s])} pieces {nl.qty(rng, size[s], u1, plural=u2)} {'long' if ctx['piece'] == 'length' else 'wide'}"
                        for s in S
                    ],
                    rng,
                )
                + ".",
            )
        ]
        lead = nl.v(
            rng,
            f"The [production planner|cutting department] uses the following {nl.num(rng, len(J))} [cutting|] patterns",
        )
        if rng.random() < 0.5:
            header = (
                ["Pattern"]
                + [f"{nl.plain(size[s])}-{u1} pieces" for s in S]
                + (["Trim waste"] if k["waste"] else [])
            )
            rows = [
                [f"Pattern {i + 1}"]
                + [nl.plain(par["pieces"][j][s]) for s in S]
                + ([nl.plain(par["trim"][j])] if k["waste"] else [])
                for i, j in enumerate(J)
            ]
            facts.append(
                lead
                + f"; each row gives the number of pieces of each {ctx['piece']} obtained from one {one}"
                + (f", and the leftover trim in {u2}:" if k["waste"] else ":")
                + "\n"
                + nl.table(rng, header, rows)
            )
        else:
            lines = []
            for i, j in enumerate(J):
                got = [
                    f"{nl.num(rng, c)} {nl.plain(size[s])}-{u1} piece{'s' if c > 1 else ''}"
                    for s in S
                    if (c := par["pieces"][j][s])
                ]
                trim = (
                    f" ({nl.qty(rng, par['trim'][j], u1, plural=u2)} of trim)"
                    if k["waste"] and par["trim"][j]
                    else ""
                )
                lines.append(f"- Pattern {i + 1}: {nl.join(got)}{trim}")
            facts.append(lead + f" (the pieces obtained from one {one}):\n" + "\n".join(lines))
        facts.append(
            nl.v(
                rng,
                "[Extra pieces beyond the order can be kept in stock.|Producing more pieces than ordered is allowed.]",
            )
        )
        if k["waste"]:
            question = nl.v(
                rng,
                f"How many {many} should be {ctx['cut']} with each pattern to [fill|meet] the orders "
                f"while minimizing the total trim waste?",
            )
        else:
            question = nl.v(
                rng,
                f"[How many {many} should be {ctx['cut']} with each pattern so that all orders are met and the "
                f"number of {many} used is as small as possible?|What is the minimum number of {many} needed to "
                f"fill the orders?]",
            )
        return nl.arrange(
            rng,
            intro,
            facts,
            question,
            noise=["Leftover pieces are sold as scrap.", f"The {many} are delivered by truck every Monday."],
        )


FAMILY = CuttingStock()
