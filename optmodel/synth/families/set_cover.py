"""Set cover: pick sites (stations, towers, freelancers) so that every district (village,
skill) is covered; minimise the cost or the number picked.

Complexity: 1 -> 4 options x 4 elements ... 5 -> 12 options x 14 elements.
Knobs: costs or plain count; some elements must be covered twice.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "intro": "The city council [plans to build|is choosing sites for] new fire stations.",
        "opt": ("site", "sites"),
        "el": ("district", "districts"),
        "verb": "can reach",
        "labels": "district",
        "money": 1000,
        "twice": "two stations",
    },
    {
        "intro": "A telecom company [wants to|must] provide mobile coverage to a group of villages.",
        "opt": ("tower location", "tower locations"),
        "el": ("village", "villages"),
        "verb": "would cover",
        "labels": "village",
        "money": 1000,
        "twice": "two towers",
    },
    {
        "intro": "A software company [needs to|must] staff a project that requires several skills.",
        "opt": ("freelancer", "freelancers"),
        "el": ("skill", "skills"),
        "verb": "has",
        "labels": "skill",
        "money": 100,
        "twice": "two people",
    },
    {
        "intro": "A school district [is deciding where to place|must choose stops for] its school buses.",
        "opt": ("bus stop", "bus stops"),
        "el": ("neighborhood", "neighborhoods"),
        "verb": "serves",
        "labels": "district",
        "money": 100,
        "twice": "two stops",
    },
]
SKILLS = ["Python", "SQL", "design", "testing", "security", "cloud", "mobile", "data analysis", "networking", "Java",
          "writing", "project management", "machine learning", "accessibility"]  # fmt: skip
SIZES = {1: (4, 4), 2: (5, 6), 3: (7, 8), 4: (9, 11), 5: (12, 14)}


class SetCover(Family):
    name = "set_cover"
    tags = ("milp", "small", "word-problem", "covering")
    knobs = {"cost": (True, True, False), "double": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ctx_i = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ctx_i]
        n_o, n_e = SIZES[complexity]
        if ctx["labels"] == "skill":
            el_names = rng.sample(SKILLS, n_e)
            opt_names = nl.sample_names(
                rng,
                ["Ana", "Ben", "Chen", "Dara", "Eli", "Farah", "Gus", "Hana", "Ivan", "Jo", "Kim", "Luis"],
                n_o,
            )
        else:
            el_names = nl.letters(n_e, f"{ctx['el'][0].capitalize()} ")
            opt_names = [f"{ctx['opt'][0].capitalize()} {i + 1}" for i in range(n_o)]
        E = [nl.slug(x) for x in el_names]
        opts = [nl.slug(x) for x in opt_names]
        covers = {o: {e: int(rng.random() < 0.3) for e in E} for o in opts}
        for e in E:  # every element is covered by at least two options
            while sum(covers[o][e] for o in opts) < 2:
                covers[rng.choice(opts)][e] = 1
        for o in opts:
            if not any(covers[o].values()):
                covers[o][rng.choice(E)] = 1
        params: dict = {"covers": covers}
        if k["cost"]:
            m = ctx["money"]
            params["cost"] = {
                o: rng.randint(5, 40) * m // 10 * (1 + sum(covers[o].values()) // 3) for o in opts
            }
        if k["double"]:
            params["need"] = {e: 2 if rng.random() < 0.3 else 1 for e in E}
            if all(v == 1 for v in params["need"].values()):
                params["need"][rng.choice(E)] = 2
        story = {
            "ctx": ctx_i,
            "el": dict(zip(E, el_names, strict=True)),
            "opt": dict(zip(opts, opt_names, strict=True)),
        }
        return Spec(sets={"Options": opts, "Elements": E}, params=params, knobs=k, story=story)

    def describe(self, spec: Spec, rng: random.Random) -> str:
        st, par, k = spec.story, spec.params, spec.knobs
        ctx = CONTEXTS[st["ctx"]]
        opts, E = spec.sets["Options"], spec.sets["Elements"]
        el, opt = st["el"], st["opt"]
        intro = [
            nl.v(rng, ctx["intro"]),
            nl.v(
                rng,
                f"There are {nl.num(rng, len(opts))} candidate {ctx['opt'][1]} and "
                f"{nl.num(rng, len(E))} {ctx['el'][1]}.",
            ),
        ]
        facts = []
        for o in opts:
            got = nl.join([el[e] for e in E if par["covers"][o][e]], rng)
            price = f" and costs {nl.money(rng, par['cost'][o])}" if k["cost"] else ""
            facts.append(nl.v(rng, f"{opt[o]} {ctx['verb']} {got}{price}."))
        if k["double"]:
            two = [el[e] for e in E if par["need"][e] == 2]
            facts.append(
                nl.v(
                    rng,
                    f"[For safety|To provide backup], {nl.join(two, rng)} must {'each ' if len(two) > 1 else ''}be covered by "
                    f"at least {ctx['twice']}; every other {ctx['el'][0]} needs at least one.",
                )
            )
        else:
            facts.append(
                nl.v(rng, f"Every {ctx['el'][0]} must be covered by at least one chosen {ctx['opt'][0]}.")
            )
        goal = "the total cost" if k["cost"] else f"the number of {ctx['opt'][1]} chosen"
        question = nl.v(
            rng,
            f"[Which {ctx['opt'][1]} should be chosen to minimize {goal}?|Select {ctx['opt'][1]} so as to "
            f"minimize {goal}.]",
        )
        return nl.arrange(
            rng,
            intro,
            facts,
            question,
            noise=["The plan will be reviewed next year.", "A consultant prepared the list of candidates."],
        )


FAMILY = SetCover()
