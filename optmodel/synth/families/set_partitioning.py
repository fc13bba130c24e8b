"""Set partitioning: airline crew pairings, delivery routes or cleaning rounds; every flight
(customer, room) must be covered by exactly one chosen candidate; minimise cost.

Complexity: 1 -> 4 tasks, 5 candidates ... 5 -> 12 tasks, 18 candidates.
Knobs: a cap on the number of candidates chosen (crews / vehicles available).
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "intro": "An airline must assign crews to its flights [for tomorrow|for the coming day].",
        "c": ("pairing", "pairings"),
        "t": ("flight", "flights"),
        "verb": "covers flights",
        "labels": "flight",
        "scale": 100,
        "rule": "Each flight must be covered by exactly one crew, since a crew flying as passengers costs extra",
        "cap": "only {n} crews are available",
    },
    {
        "intro": "A bakery delivers to shops every morning and has drawn up possible delivery routes.",
        "c": ("route", "routes"),
        "t": ("shop", "shops"),
        "verb": "visits",
        "labels": "letters",
        "scale": 10,
        "rule": "Every shop must be visited by exactly one route",
        "cap": "the bakery has only {n} vans",
    },
    {
        "intro": "A cleaning company plans the rounds of its teams in an office building.",
        "c": ("round", "rounds"),
        "t": ("floor", "floors"),
        "verb": "cleans floors",
        "labels": "num",
        "scale": 10,
        "rule": "Each floor must be cleaned by exactly one team",
        "cap": "at most {n} teams can work tonight",
    },
]
SIZES = {1: (4, 5), 2: (6, 8), 3: (8, 11), 4: (10, 14), 5: (12, 18)}


class SetPartitioning(Family):
    name = "set_partitioning"
    tags = ("milp", "small", "word-problem", "partitioning")
    knobs = {"limit": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ctx_i = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ctx_i]
        n_t, n_c = SIZES[complexity]
        if ctx["labels"] == "flight":
            names = [f"{rng.choice(['AX', 'BL', 'QF', 'NR'])}{n}" for n in rng.sample(range(100, 999), n_t)]
        elif ctx["labels"] == "letters":
            names = nl.letters(n_t, "Shop ")
        else:
            names = [str(i + 1) for i in range(n_t)]
        T = [nl.slug(x) for x in names]
        order = T[:]
        rng.shuffle(order)
        blocks: list[list[str]] = []  # a planted partition keeps the instance feasible
        while order:
            size = rng.randint(1, 3)
            blocks.append(order[:size])
            order = order[size:]
        planted = len(blocks)
        while len(blocks) < n_c:
            cand = rng.sample(T, rng.randint(1, 3))
            if sorted(cand) not in [sorted(b) for b in blocks]:
                blocks.append(cand)
        rng.shuffle(blocks)
        C = [f"{ctx['c'][0]}_{i + 1}" for i in range(len(blocks))]
        covers = {c: {t: int(t in blk) for t in T} for c, blk in zip(C, blocks, strict=True)}
        cost = {
            c: rng.randint(3, 12) * ctx["scale"] * (len(blk) + 1) for c, blk in zip(C, blocks, strict=True)
        }
        params: dict = {"covers": covers, "cost": cost}
        if k["limit"]:
            params["max_pick"] = planted + rng.randint(0, 1)
        story = {"ctx": ctx_i, "names": dict(zip(T, names, strict=True))}
        return Spec(sets={"Candidates": C, "Tasks": T}, params=params, knobs=k, story=story)

    def describe(self, spec: Spec, rng: random.Random) -> str:
        st, par, k = spec.story, spec.params, spec.knobs
        ctx = CONTEXTS[st["ctx"]]
        C, T, names = spec.sets["Candidates"], spec.sets["Tasks"], st["names"]
        intro = [nl.v(rng, ctx["intro"])]
        facts = [
            nl.v(
                rng, f"There are {nl.num(rng, len(T))} {ctx['t'][1]}: {nl.join([names[t] for t in T], rng)}."
            )
        ]
        for i, c in enumerate(C):
            got = nl.join([names[t] for t in T if par["covers"][c][t]], rng)
            facts.append(
                nl.v(
                    rng,
                    f"{ctx['c'][0].capitalize()} {i + 1} {ctx['verb']} {got} [and costs|at a cost of] "
                    f"{nl.money(rng, par['cost'][c])}.",
                )
            )
        facts.append(nl.v(rng, ctx["rule"] + "."))
        if k["limit"]:
            facts.append(
                nl.sent(
                    rng,
                    "[in addition|also], "
                    + ctx["cap"].format(n=nl.num(rng, par["max_pick"]))
                    + ", so at most that many "
                    + ctx["c"][1]
                    + " can be chosen.",
                )
            )
        question = nl.v(
            rng,
            f"[Which {ctx['c'][1]} should be chosen to minimize the total cost?|What is the cheapest selection of "
            f"{ctx['c'][1]}, and its cost?]",
        )
        return nl.arrange(
            rng, intro, facts, question, noise=["The schedule is published a week in advance."], shuffle=0.2
        )


FAMILY = SetPartitioning()
