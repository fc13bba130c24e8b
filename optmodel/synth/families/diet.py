"""Diet: choose servings of foods (or feeds) at least cost so that nutrient needs are met.

Complexity: 1 -> 2 foods x 2 nutrients ... 5 -> 8 foods x 5 nutrients.
Knobs: whole servings or not, an upper limit on some nutrient (sugar, fat, sodium...), a cap on
servings of some foods.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

# food: (singular serving noun, plural); nutrient: (name, unit singular, unit plural)
CONTEXTS = [
    {
        "who": [
            "A nutritionist is planning a daily menu",
            "A student wants to plan a cheap but healthy diet",
            "A hospital dietitian is designing a meal plan for a patient",
            "An athlete is planning her meals",
        ],
        "unit": ("serving", "servings"),
        "foods": [
            "oatmeal",
            "eggs",
            "milk",
            "rice",
            "chicken",
            "beans",
            "bread",
            "yogurt",
            "spinach",
            "tuna",
            "apples",
            "peanut butter",
        ],
        "nutrients": [
            ("protein", "gram", "grams"),
            ("calories", "calorie", "calories"),
            ("fiber", "gram", "grams"),
            ("vitamin C", "milligram", "milligrams"),
            ("iron", "milligram", "milligrams"),
            ("calcium", "milligram", "milligrams"),
        ],
        "bad": [("sugar", "gram", "grams"), ("fat", "gram", "grams"), ("sodium", "milligram", "milligrams")],
        "period": "per day",
    },
    {
        "who": [
            "A farmer is mixing feed for his cattle",
            "A livestock farm needs to decide how to feed its pigs",
            "A poultry farm wants to prepare a feed ration for its chickens",
        ],
        "unit": ("kilogram", "kilograms"),
        "foods": ["corn", "soybean meal", "hay", "oats", "barley", "fish meal", "alfalfa", "wheat bran"],
        "nutrients": [
            ("protein", "unit", "units"),
            ("energy", "unit", "units"),
            ("fiber", "unit", "units"),
            ("calcium", "unit", "units"),
            ("phosphorus", "unit", "units"),
        ],
        "bad": [("fat", "unit", "units"), ("salt", "unit", "units")],
        "period": "per day",
    },
    {
        "who": [
            "A pet owner is preparing food for her dog",
            "An animal shelter plans the diet of its dogs",
            "A zoo keeper is planning a diet for the monkeys",
        ],
        "unit": ("cup", "cups"),
        "foods": ["dry kibble", "wet food", "rice", "chicken", "carrots", "pumpkin", "fish", "fruit mix"],
        "nutrients": [
            ("protein", "gram", "grams"),
            ("calories", "calorie", "calories"),
            ("vitamins", "unit", "units"),
            ("minerals", "unit", "units"),
            ("fiber", "gram", "grams"),
        ],
        "bad": [("fat", "gram", "grams"), ("sodium", "milligram", "milligrams")],
        "period": "each day",
    },
    {
        "who": [
            "A patient has to take supplements",
            "A pharmacist advises a customer on vitamin supplements",
            "A trainer recommends supplements to a client",
        ],
        "unit": ("pill", "pills"),
        "foods": [
            "Supplement A",
            "Supplement B",
            "Supplement C",
            "Supplement D",
            "Supplement E",
            "Supplement F",
            "Supplement G",
            "Supplement H",
        ],
        "nutrients": [
            ("vitamin A", "unit", "units"),
            ("vitamin B", "unit", "units"),
            ("vitamin D", "unit", "units"),
            ("zinc", "milligram", "milligrams"),
            ("magnesium", "milligram", "milligrams"),
        ],
        "bad": [("caffeine", "milligram", "milligrams"), ("sugar", "gram", "grams")],
        "period": "per day",
    },
]
NOISE = [
    "The plan will be reviewed again after {n} weeks.",
    "Prices were taken from a local store last week.",
    "All foods are available year-round.",
    "Water is free and not part of the plan.",
]


class Diet(Family):
    name = "diet"
    tags = ("lp", "milp", "small", "word-problem", "diet", "blending")
    knobs = {"integer": (False, True), "max_nutrient": (False, True), "max_servings": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        ci = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ci]
        n_food = min(2 + complexity - 1 + rng.randint(0, 1), len(ctx["foods"]))
        n_nut = min(2 + (complexity - 1) // 2 + rng.randint(0, 1), len(ctx["nutrients"]))
        k = self.choose_knobs(rng, knobs)
        foods = rng.sample(ctx["foods"], n_food)
        nuts = rng.sample(ctx["nutrients"], n_nut)
        bad = [rng.choice(ctx["bad"])] if k["max_nutrient"] else []
        F = [nl.slug(f) for f in foods]
        N = [nl.slug(n[0]) for n in nuts + bad]
        big = {nl.slug(n[0]) for n in nuts + bad if n[0] in ("calories", "energy")}
        cost = {
            f: rng.choice(
                [rng.randint(1, 12), round(rng.uniform(0.2, 6), 1), round(rng.uniform(0.5, 4) * 4) / 4]
            )
            for f in F
        }
        content = {
            n: {
                f: (rng.randint(20, 400) if n in big else rng.randint(0 if complexity >= 3 else 1, 30))
                for f in F
            }
            for n in N
        }
        for n in N:
            if all(content[n][f] == 0 for f in F):
                content[n][F[0]] = rng.randint(1, 30)
        plan = {f: rng.randint(1, 6) for f in F}
        req = [nl.slug(n[0]) for n in nuts]
        level = {n: sum(content[n][f] * plan[f] for f in F) for n in N}
        need = {n: max(2, int(level[n] * rng.uniform(0.5, 0.95))) for n in req}
        spec = Spec(
            sets={"Foods": F, "Nutrients": N, "Required": req},
            params={"cost": cost, "content": content, "need": need},
            knobs=k,
            story={
                "ctx": ci,
                "who": rng.choice(ctx["who"]),
                "foods": dict(zip(F, foods, strict=True)),
                "nutrients": {nl.slug(n[0]): list(n) for n in nuts + bad},
            },
        )
        if k["max_nutrient"]:
            lim = [nl.slug(b[0]) for b in bad]
            spec.sets["Limited"] = lim
            spec.params["limit"] = {n: int(level[n] * rng.uniform(1.05, 1.6)) + 1 for n in lim}
        if k["max_servings"]:
            capped = sorted(rng.sample(F, rng.randint(1, max(1, len(F) // 2))), key=F.index)
            spec.sets["Capped"] = capped
            spec.params["most"] = {f: plan[f] + rng.randint(0, 3) for f in capped}
        return spec

    def describe(self, spec: Spec, rng: random.Random) -> str:
        ctx = CONTEXTS[spec.story["ctx"]]
        u1, u2 = ctx["unit"]
        F, par, k = spec.sets["Foods"], spec.params, spec.knobs
        names = spec.story["foods"]
        nut = spec.story["nutrients"]
        period = ctx["period"]
        intro = [nl.v(rng, f"{spec.story['who']} [using|from|with] {nl.join([names[f] for f in F], rng)}.")]
        facts = []

        def amount(n: str, x) -> str:
            name, a, b = nut[n]
            if name == "calories":
                return nl.qty(rng, x, "calorie")
            return f"{nl.qty(rng, x, a, plural=b)} of {name}"

        # costs and contents: per food, or a table
        if rng.random() < 0.35 and len(F) >= 3:
            header = (
                ["Food"]
                + [
                    nut[n][0] + ("" if nut[n][0] == "calories" else f" ({nut[n][2]})")
                    for n in spec.sets["Nutrients"]
                ]
                + [f"Cost per {u1}"]
            )
            rows = [
                [names[f]]
                + [nl.plain(par["content"][n][f]) for n in spec.sets["Nutrients"]]
                + [nl.money(rng, par["cost"][f])]
                for f in F
            ]
            facts.append(
                nl.v(
                    rng,
                    f"[The table below gives the nutrients per {u1} and the cost of each option.|Per {u1}, the options contain:|Nutrition facts per {u1}:]",
                )
                + "\n"
                + nl.table(rng, header, rows)
            )
        else:
            for f in F:
                parts = [
                    amount(n, par["content"][n][f]) for n in spec.sets["Nutrients"] if par["content"][n][f]
                ]
                facts.append(
                    nl.sent(
                        rng,
                        nl.pick(
                            rng,
                            [
                                f"[each|one] {u1} of {names[f]} costs {nl.money(rng, par['cost'][f])} and [contains|provides|has] {nl.join(parts, rng)}.",
                                f"{names[f]} [costs|is priced at|sells for] {nl.money(rng, par['cost'][f])} per {u1}[, providing| and contains| and provides] {nl.join(parts, rng)} per {u1}.",
                            ],
                        ),
                    )
                )
        for n in spec.sets["Required"]:
            facts.append(
                nl.sent(
                    rng,
                    f"[the diet|the mix|the plan] [must|has to|should] [provide|contain|include] at least {amount(n, par['need'][n])}[| {period}].",
                )
            )
        if k.get("max_nutrient"):
            for n in spec.sets["Limited"]:
                facts.append(
                    nl.sent(
                        rng,
                        f"[however, |to stay healthy, |]no more than {amount(n, par['limit'][n])} [are allowed|should be consumed|may be included][| {period}].",
                    )
                )
        if k.get("max_servings"):
            for f in spec.sets["Capped"]:
                facts.append(
                    nl.sent(
                        rng,
                        f"[at most|no more than] {nl.qty(rng, par['most'][f], u1, plural=u2)} of {names[f]} [can be used|are allowed|should be included][ for variety|].",
                    )
                )
        if k.get("integer"):
            facts.append(
                nl.sent(
                    rng,
                    f"[only whole {u2} can be used|{u2} cannot be split|the amounts must be whole numbers of {u2}].",
                )
            )
            question = nl.v(
                rng,
                f"[How many {u2} of each option should be used to minimize the total cost|What is the minimum cost of a plan that meets all requirements|Find the number of {u2} of each that minimizes cost]?",
            )
        else:
            question = nl.v(
                rng,
                "[How much of each option should be used to minimize cost|What is the minimum total cost|Formulate a linear program to minimize the cost, and find the optimal cost]?",
            )
            question = question.replace("find the optimal cost?", "find the optimal cost.")
        noise = [s.format(n=rng.randint(2, 12)) for s in NOISE]
        return nl.arrange(rng, intro, facts, question, noise=noise)


FAMILY = Diet()
