"""Set packing: accept bids (projects, tours) that each need a bundle of scarce items (lots,
specialists, rooms); no item can serve two accepted bids; maximise total value.

Complexity: 1 -> 4 bundles x 4 elements ... 5 -> 14 bundles x 12 elements.
Knobs: a cap on how many bundles may be accepted.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "intro": "An auction house is selling several lots of antique furniture, and bidders may bid on combinations of lots.",
        "b": ("bid", "bids"),
        "e": ("lot", "lots"),
        "verb": "asks for",
        "value": "offers",
        "labels": "Lot ",
        "scale": 100,
        "rule": "Each lot can be sold to at most one bidder",
        "cap": "at most {n} bids can be processed before the sale closes",
    },
    {
        "intro": "A consulting firm has received requests for several projects, and each project needs a specific team of specialists.",
        "b": ("project", "projects"),
        "e": ("specialist", "specialists"),
        "verb": "requires",
        "value": "would earn",
        "labels": "names",
        "scale": 1000,
        "rule": "Each specialist can work on only one project this quarter",
        "cap": "the firm's managers can supervise at most {n} projects",
    },
    {
        "intro": "A conference center receives requests from groups that each want a set of meeting rooms for the whole day.",
        "b": ("request", "requests"),
        "e": ("room", "rooms"),
        "verb": "needs",
        "value": "pays",
        "labels": "Room ",
        "scale": 50,
        "rule": "A room can be given to only one group",
        "cap": "the catering staff can handle at most {n} groups",
    },
]
PEOPLE = ["Alice", "Bruno", "Carla", "Dev", "Emma", "Felix", "Grace", "Hugo", "Iris", "Jonas", "Kira", "Leo"]
SIZES = {1: (4, 4), 2: (6, 5), 3: (8, 7), 4: (11, 9), 5: (14, 12)}


class SetPacking(Family):
    name = "set_packing"
    tags = ("milp", "small", "word-problem", "packing")
    knobs = {"limit": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ctx_i = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ctx_i]
        n_b, n_e = SIZES[complexity]
        el_names = (
            rng.sample(PEOPLE, n_e)
            if ctx["labels"] == "names"
            else [f"{ctx['labels']}{i + 1}" for i in range(n_e)]
        )
        E = [nl.slug(x) for x in el_names]
        B = [f"{ctx['b'][0]}_{i + 1}" for i in range(n_b)]
        uses = {}
        for b in B:
            chosen = set(rng.sample(E, rng.randint(1, min(4, n_e - 1))))
            uses[b] = {e: int(e in chosen) for e in E}
        value = {b: rng.randint(4, 30) * ctx["scale"] * (1 + sum(uses[b].values())) // 2 for b in B}
        params: dict = {"uses": uses, "value": value}
        if k["limit"]:
            params["max_pick"] = max(2, n_b // 3)
        story = {"ctx": ctx_i, "el": dict(zip(E, el_names, strict=True))}
        return Spec(sets={"Bundles": B, "Elements": E}, params=params, knobs=k, story=story)

    def describe(self, spec: Spec, rng: random.Random) -> str:
        st, par, k = spec.story, spec.params, spec.knobs
        ctx = CONTEXTS[st["ctx"]]
        B, E, el = spec.sets["Bundles"], spec.sets["Elements"], st["el"]
        intro = [
            nl.v(rng, ctx["intro"]),
            nl.v(
                rng,
                f"[There are|It has received] {nl.num(rng, len(B))} {ctx['b'][1]} "
                f"[involving|for] {nl.num(rng, len(E))} {ctx['e'][1]}.",
            ),
        ]
        facts = []
        if rng.random() < 0.5:
            for i, b in enumerate(B):
                got = nl.join([el[e] for e in E if par["uses"][b][e]], rng)
                facts.append(
                    nl.v(
                        rng,
                        f"{ctx['b'][0].capitalize()} {i + 1} {ctx['verb']} {got} and {ctx['value']} "
                        f"{nl.money(rng, par['value'][b])}.",
                    )
                )
        else:
            rows = [
                [
                    f"{ctx['b'][0].capitalize()} {i + 1}",
                    ", ".join(el[e] for e in E if par["uses"][b][e]),
                    nl.money(rng, par["value"][b]),
                ]
                for i, b in enumerate(B)
            ]
            facts.append(
                nl.v(rng, f"The {ctx['b'][1]} are [listed|summarized] below:")
                + "\n"
                + nl.table(rng, [ctx["b"][0].capitalize(), ctx["e"][1].capitalize(), "Value"], rows)
            )
        facts.append(
            nl.v(
                rng,
                f"{ctx['rule']}, and {ctx['b'][1]} [are accepted or rejected as a whole|cannot be partly accepted].",
            )
        )
        if k["limit"]:
            facts.append(
                nl.sent(
                    rng,
                    "[in addition|moreover|also], " + ctx["cap"].format(n=nl.num(rng, par["max_pick"])) + ".",
                )
            )
        question = nl.v(
            rng,
            f"[Which {ctx['b'][1]} should be accepted to maximize the total value?|What is the maximum total "
            f"value that can be obtained?]",
        )
        return nl.arrange(rng, intro, facts, question, noise=["The event is advertised in local newspapers."])


FAMILY = SetPacking()
