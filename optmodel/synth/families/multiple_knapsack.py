"""Multiple knapsack: shipments (jobs, ads) of given size and value are assigned to several
trucks (machines, breaks) of different capacity, or left out; maximise the value assigned.

Complexity: 1 -> 4-5 items, 2 bins ... 5 -> 13-14 items, 4 bins.
Knobs: some items cannot go into one particular bin; a limit on the number of items per bin.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "intro": "A logistics company has several shipments waiting and a few trucks leaving today.",
        "item": ("shipment", "shipments"),
        "bin": ("truck", "trucks"),
        "size": ("ton", "tons"),
        "scale": 1,
        "value": "revenue",
        "why": "requires refrigeration",
        "ban": "{b} has no refrigeration",
        "count": "each truck can make at most {n} deliveries",
    },
    {
        "intro": "A TV station must fill its commercial breaks this evening.",
        "item": ("advertisement", "advertisements"),
        "bin": ("break", "breaks"),
        "size": ("second", "seconds"),
        "scale": 15,
        "value": "payment",
        "why": "is unsuitable for children",
        "ban": "{b} airs during a children's program",
        "count": "a break may contain at most {n} advertisements",
    },
    {
        "intro": "A print shop has several jobs waiting and a few printers available for the night shift.",
        "item": ("print job", "print jobs"),
        "bin": ("printer", "printers"),
        "size": ("minute", "minutes"),
        "scale": 10,
        "value": "price",
        "why": "needs color printing",
        "ban": "{b} prints only in black and white",
        "count": "each printer can be set up for at most {n} jobs",
    },
]
SIZES = {1: (4, 2), 2: (6, 2), 3: (8, 3), 4: (11, 3), 5: (13, 4)}


class MultipleKnapsack(Family):
    name = "multiple_knapsack"
    tags = ("milp", "small", "word-problem", "knapsack")
    knobs = {"banned": (False, True), "count": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ctx_i = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ctx_i]
        n_i, n_b = SIZES[complexity]
        n_i += rng.randint(0, 1)
        ids = [f"{ctx['item'][0].replace(' ', '_')}_{i + 1}" for i in range(n_i)]
        B = [nl.slug(x) for x in nl.letters(n_b, ctx["bin"][0].capitalize() + " ")]
        sc = ctx["scale"]
        weight = {i: rng.randint(1, 8) * sc for i in ids}
        params: dict = {
            "value": {i: weight[i] // sc * rng.randint(40, 120) + rng.randint(0, 9) * 10 for i in ids},
            "weight": weight,
        }
        total = sum(weight.values())
        params["capacity"] = {b: max(8 * sc, int(total / n_b * rng.uniform(0.4, 0.8)) // sc * sc) for b in B}
        sets: dict = {"Items": ids, "Bins": B}
        if k["banned"]:
            sets["Banned"] = sorted(rng.sample(ids, rng.randint(1, max(1, n_i // 3))), key=ids.index)
            params["banned_bin"] = rng.choice(B)
        if k["count"]:
            params["max_items"] = rng.randint(2, 3)
        return Spec(sets=sets, params=params, knobs=k, story={"ctx": ctx_i})

    def describe(self, spec: Spec, rng: random.Random) -> str:
        par, k = spec.params, spec.knobs
        ctx = CONTEXTS[spec.story["ctx"]]
        ids, B = spec.sets["Items"], spec.sets["Bins"]
        u1, u2 = ctx["size"]
        bname = {b: b.replace("_", " ").title() for b in B}
        intro = [nl.v(rng, ctx["intro"])]
        facts = []
        if rng.random() < 0.5:
            rows = [
                [
                    f"{ctx['item'][0].capitalize()} {n + 1}",
                    nl.plain(par["weight"][i]),
                    nl.money(rng, par["value"][i]),
                ]
                for n, i in enumerate(ids)
            ]
            facts.append(
                nl.v(rng, f"The {nl.num(rng, len(ids))} {ctx['item'][1]} are:")
                + "\n"
                + nl.table(
                    rng, [ctx["item"][0].capitalize(), f"Size ({u2})", ctx["value"].capitalize()], rows
                )
            )
        else:
            facts.append(
                nl.v(
                    rng,
                    f"There are {nl.num(rng, len(ids))} {ctx['item'][1]}, numbered 1 to {len(ids)}. Their sizes are "
                    + nl.join([nl.plain(par["weight"][i]) for i in ids], rng)
                    + f" {u2}, and their {ctx['value']}s are "
                    + nl.join([nl.money(rng, par["value"][i]) for i in ids], rng)
                    + ", respectively.",
                )
            )
        facts.append(
            nl.v(
                rng,
                "The capacities are "
                + nl.join(
                    [f"{nl.qty(rng, par['capacity'][b], u1, plural=u2)} for {bname[b]}" for b in B], rng
                )
                + ".",
            )
        )
        facts.append(
            nl.v(
                rng,
                f"Each {ctx['item'][0]} [can be assigned to|goes into] at most one {ctx['bin'][0]}, and "
                f"{ctx['item'][1]} that are not assigned [earn nothing|are postponed to another day].",
            )
        )
        if k["banned"]:
            why = ctx["why"]
            if len(spec.sets["Banned"]) > 1:
                why = why.replace("requires", "require").replace("is ", "are ", 1).replace("needs", "need")
            which = nl.join([str(ids.index(i) + 1) for i in spec.sets["Banned"]], rng)
            facts.append(
                nl.v(
                    rng,
                    f"{nl.cap(ctx['item'][0])}{'s' if len(spec.sets['Banned']) > 1 else ''} {which} "
                    f"{why}, but " + ctx["ban"].format(b=bname[par["banned_bin"]]) + ".",
                )
            )
        if k["count"]:
            facts.append(nl.sent(rng, ctx["count"].format(n=nl.num(rng, par["max_items"])) + "."))
        question = nl.v(
            rng,
            f"[How should the {ctx['item'][1]} be assigned to maximize the total {ctx['value']}?|What is the "
            f"maximum total {ctx['value']} that can be earned?]",
        )
        return nl.arrange(
            rng, intro, facts, question, noise=["The manager prepared the plan the day before."]
        )


FAMILY = MultipleKnapsack()
