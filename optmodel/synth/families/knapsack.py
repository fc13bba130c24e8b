"""0-1 knapsack and project selection, with the logical side conditions of industrial word
problems: at most k items, either-or (conflict), if-then (dependency), several capacities.
Complexity: 1 -> 3-4 items ... 5 -> 20 items."""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "intro": "A hiker is packing for a trip and can choose among {items}.",
        "noun": ("item", "items"),
        "items": [
            "a tent",
            "a stove",
            "a camera",
            "a first-aid kit",
            "a water filter",
            "a book",
            "binoculars",
            "a rain jacket",
            "a sleeping pad",
            "a solar charger",
            "a fishing rod",
            "a map set",
            "extra food",
            "a hammock",
            "a lantern",
            "a knife",
            "a rope",
            "a GPS unit",
            "a guitar",
            "a drone",
        ],
        "value": "usefulness score",
        "money": False,
        "limits": [
            ("weight", "kilogram", "kilograms", "the backpack can hold at most"),
            ("volume", "liter", "liters", "the backpack has room for"),
        ],
    },
    {
        "intro": "A city council must decide which of {items} to fund this year.",
        "noun": ("project", "projects"),
        "items": [
            "a new park",
            "a bike lane",
            "a library upgrade",
            "a bridge repair",
            "a school roof",
            "a bus shelter program",
            "street lighting",
            "a sports field",
            "a community center",
            "a water main",
            "a recycling plant",
            "a clinic",
            "a parking garage",
            "a flood barrier",
            "a playground",
            "a museum wing",
            "a road resurfacing",
            "a fire station",
            "a senior center",
            "a tree planting program",
        ],
        "value": "benefit score",
        "money": True,
        "limits": [
            ("budget", "dollar", "dollars", "the budget is"),
            ("staff time", "hour", "hours", "the staff can give at most"),
        ],
    },
    {
        "intro": "A company is choosing which of {items} to invest in.",
        "noun": ("project", "projects"),
        "items": [
            "Project A",
            "Project B",
            "Project C",
            "Project D",
            "Project E",
            "Project F",
            "Project G",
            "Project H",
            "Project ITEMS",
            "Project J",
            "Project K",
            "Project L",
            "Project M",
            "Project N",
            "Project O",
            "Project P",
            "Project Q",
            "Project R",
            "Project S",
            "Project T",
        ],
        "value": "expected net present value",
        "money": True,
        "value_money": True,
        "limits": [
            ("capital", "dollar", "dollars", "the available capital is"),
            ("engineers", "engineer", "engineers", "the company has"),
        ],
    },
    {
        "intro": "A cargo plane can be loaded with {items}.",
        "noun": ("container", "containers"),
        "items": [f"container {i}" for i in range(1, 21)],
        "value": "revenue",
        "money": False,
        "value_money": True,
        "limits": [
            ("weight", "ton", "tons", "the plane can carry at most"),
            ("volume", "cubic meter", "cubic meters", "the hold has space for"),
        ],
    },
]
NOISE = [
    "The decision must be made by the end of the month.",
    "Each option has been reviewed by a committee.",
    "Previous choices do not affect this decision.",
    "Nothing can be split or chosen twice.",
]


class Knapsack(Family):
    name = "knapsack"
    tags = ("milp", "binary", "small", "word-problem", "knapsack", "logical")
    knobs = {
        "two_limits": (False, True),
        "cardinality": (False, True),
        "conflict": (False, True),
        "depends": (False, True),
    }

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        ci = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ci]
        n = min([3, 5, 8, 12, 18][complexity - 1] + rng.randint(0, 2), len(ctx["items"]))
        k = self.choose_knobs(rng, knobs)
        names = rng.sample(ctx["items"], n)
        ITEMS = [nl.slug(x.removeprefix("a ").removeprefix("an ")) for x in names]
        lims = ctx["limits"][: 2 if k["two_limits"] else 1]
        L = [nl.slug(x[0]) for x in lims]
        money_scale = 1000 if ctx["money"] else 1
        value = {i: rng.randint(2, 60) * (1000 if ctx.get("value_money") else 1) for i in ITEMS}
        weight = {
            lname: {i: rng.randint(1, 25) * (money_scale if lim_def[1] == "dollar" else 1) for i in ITEMS}
            for lname, lim_def in zip(L, lims, strict=True)
        }
        capacity = {lname: int(sum(weight[lname].values()) * rng.uniform(0.35, 0.65)) for lname in L}
        capacity = {lname: (c // 1000 * 1000 if c > 5000 else c) for lname, c in capacity.items()}
        spec = Spec(
            sets={"Items": ITEMS, "Limits": L},
            params={"value": value, "weight": weight, "capacity": capacity},
            knobs=k,
            story={
                "ctx": ci,
                "names": dict(zip(ITEMS, names, strict=True)),
                "limits": {nl.slug(x[0]): list(x) for x in lims},
            },
        )
        if k["cardinality"]:
            spec.params["max_items"] = max(2, n // 2 - rng.randint(0, 1))
        if k["conflict"]:
            a, b = rng.sample(ITEMS, 2)
            spec.params.update(conflict_a=a, conflict_b=b)
        if k["depends"]:
            a, b = rng.sample(ITEMS, 2)
            spec.params.update(dep_a=a, dep_b=b)
        return spec

    def describe(self, spec: Spec, rng: random.Random) -> str:
        ctx = CONTEXTS[spec.story["ctx"]]
        ITEMS, L, par, k = spec.sets["Items"], spec.sets["Limits"], spec.params, spec.knobs
        nm = spec.story["names"]
        lim = spec.story["limits"]
        one, many = ctx["noun"]

        def vtext(x):
            return nl.money(rng, x) if ctx.get("value_money") else nl.num(rng, x)

        def wtext(lname, x):
            _, u1, u2, _ = lim[lname]
            return nl.money(rng, x) if u1 == "dollar" else nl.qty(rng, x, u1, plural=u2)

        intro = [
            ctx["intro"].format(
                items=nl.join([nm[i] for i in ITEMS], rng)
                if len(ITEMS) <= 5
                else f"{nl.num(rng, len(ITEMS))} {many}"
            )
        ]
        facts = []
        if len(ITEMS) > 4 or rng.random() < 0.3:
            header = [one.capitalize(), ctx["value"].capitalize()] + [
                "Cost" if lim[lname][1] == "dollar" else lim[lname][0].capitalize() for lname in L
            ]
            rows = [
                [nm[i], vtext(par["value"][i])] + [wtext(lname, par["weight"][lname][i]) for lname in L]
                for i in ITEMS
            ]
            facts.append(
                nl.v(
                    rng, f"[The data for each {one} are:|Details of the {many}:|The table lists each {one}.]"
                )
                + "\n"
                + nl.table(rng, header, rows)
            )
        else:
            for i in ITEMS:
                parts = [
                    f"{'costs' if lim[lname][1] == 'dollar' else 'needs'} {wtext(lname, par['weight'][lname][i])}"
                    + (
                        ""
                        if lim[lname][1] == "dollar"
                        else f" of {lim[lname][0]}"
                        if lim[lname][0] not in ("weight",)
                        else ""
                    )
                    for lname in L
                ]
                facts.append(
                    nl.sent(
                        rng, f"{nm[i]} {nl.join(parts)} and has a {ctx['value']} of {vtext(par['value'][i])}."
                    )
                )
        for lname in L:
            facts.append(nl.sent(rng, f"{lim[lname][3]} {wtext(lname, par['capacity'][lname])}."))
        if k.get("cardinality"):
            facts.append(
                nl.sent(
                    rng,
                    f"[at most|no more than] {nl.num(rng, par['max_items'])} {many} can be [chosen|selected].",
                )
            )
        if k.get("conflict"):
            facts.append(
                nl.sent(
                    rng,
                    f"{nm[par['conflict_a']]} and {nm[par['conflict_b']]} [cannot both be chosen|are mutually exclusive|exclude each other].",
                )
            )
        if k.get("depends"):
            facts.append(
                nl.sent(
                    rng,
                    f"[if|whenever] {nm[par['dep_a']]} is [chosen|selected], {nm[par['dep_b']]} must [also be chosen|be selected as well|be chosen too].",
                )
            )
        question = nl.v(
            rng,
            f"[Which {many} should be selected to maximize the total {ctx['value']}|What is the maximum total {ctx['value']} that can be achieved]?",
        )
        return nl.arrange(rng, intro, facts, question, noise=NOISE)


FAMILY = Knapsack()
