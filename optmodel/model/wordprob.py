"""Small textbook word problems (2-3 decisions, scalar form), generated from seeded templates.

Why: the synthesis families land over time; this gives the embedded model a second, differently
phrased source of short covering / mixing / budget problems in the scalar form it writes. Every
number in the formulation is stated in the text; the optimum comes from the real solver.
"""

from __future__ import annotations

import random

# (singular, plural) of things decided on, grouped by story
STORIES = [
    (
        "A shipping company",
        "transport goods",
        [("truck", "trucks"), ("van", "vans"), ("train car", "train cars")],
        "packages",
    ),
    (
        "A rescue team",
        "move people to safety",
        [("boat trip", "boat trips"), ("helicopter trip", "helicopter trips"), ("bus trip", "bus trips")],
        "people",
    ),
    (
        "A clinic",
        "treat patients",
        [("nurse", "nurses"), ("doctor", "doctors"), ("assistant", "assistants")],
        "patients",
    ),
    (
        "A farmer",
        "feed the animals",
        [
            ("bag of feed A", "bags of feed A"),
            ("bag of feed B", "bags of feed B"),
            ("bag of feed C", "bags of feed C"),
        ],
        "units",
    ),
    (
        "A school",
        "carry students",
        [("large bus", "large buses"), ("small bus", "small buses"), ("minivan", "minivans")],
        "students",
    ),
    (
        "A bakery",
        "bake goods",
        [
            ("batch of bread", "batches of bread"),
            ("batch of cookies", "batches of cookies"),
            ("batch of muffins", "batches of muffins"),
        ],
        "items",
    ),
    (
        "A city",
        "advertise its festival",
        [("radio ad", "radio ads"), ("newspaper ad", "newspaper ads"), ("TV ad", "TV ads")],
        "viewers",
    ),
    (
        "A factory",
        "produce parts",
        [
            ("machine A hour", "machine A hours"),
            ("machine B hour", "machine B hours"),
            ("machine C hour", "machine C hours"),
        ],
        "parts",
    ),
    (
        "A patient",
        "meet a diet plan",
        [
            ("serving of oats", "servings of oats"),
            ("serving of milk", "servings of milk"),
            ("serving of eggs", "servings of eggs"),
        ],
        "grams",
    ),
    (
        "An investor",
        "grow savings",
        [
            ("share of fund X", "shares of fund X"),
            ("share of fund Y", "shares of fund Y"),
            ("share of fund Z", "shares of fund Z"),
        ],
        "dollars",
    ),
    (
        "A delivery firm",
        "deliver meals",
        [
            ("bike courier", "bike couriers"),
            ("car courier", "car couriers"),
            ("scooter courier", "scooter couriers"),
        ],
        "meals",
    ),
    (
        "A mining company",
        "extract ore",
        [("small drill", "small drills"), ("large drill", "large drills"), ("excavator", "excavators")],
        "tons",
    ),
]
RESOURCES = [
    ("fuel", "liters"),
    ("labor", "hours"),
    ("space", "square feet"),
    ("water", "gallons"),
    ("electricity", "kWh"),
    ("staff time", "minutes"),
    ("pollution allowance", "units"),
    ("protein", "grams"),
    ("vitamin C", "milligrams"),
    ("calories", "calories"),
    ("fat", "grams"),
    ("machine time", "hours"),
]


def _num(rng: random.Random, lo: int, hi: int, step: int = 1) -> int:
    return rng.randrange(lo, hi + 1, step)


def _money(rng: random.Random, x: float) -> str:
    return rng.choice([f"${x:g}", f"{x:g} dollars", f"${x:g}"])


def _pct(rng: random.Random, frac: float) -> str:
    return rng.choice([f"{round(frac * 100):g}%", f"{round(frac * 100):g} percent"])


def _term(coef, var: str) -> str:
    return var if coef == 1 else f"{coef:g} * {var}"


def _lin(coefs, names) -> str:
    return " + ".join(_term(c, n) for c, n in zip(coefs, names, strict=True) if c != 0)


def sample(rng: random.Random) -> tuple[str, str]:
    """One (text, scalar formulation) pair; may be infeasible or unbounded (the caller solves)."""
    org, aim, items, measure = rng.choice(STORIES)
    k = rng.choice([2, 2, 2, 3])
    chosen = rng.sample(items, k)
    xs = [f"x{i + 1}" for i in range(k)]
    integer = rng.random() < 0.6
    kind = rng.choice(["cover", "cover", "profit", "count"])
    sents: list[str] = []
    cons: list[str] = []
    names = [c[0] for c in chosen]
    plural = [c[1] for c in chosen]
    sents.append(
        f"{org} wants to {aim} using {' and '.join(plural) if k == 2 else ', '.join(plural[:-1]) + ' and ' + plural[-1]}."
    )
    if kind in ("cover", "count"):
        # covering: each option provides some measure; meet a requirement; minimise cost or count
        give = [_num(rng, 2, 60) for _ in range(k)]
        need = _num(rng, 50, 2000, 10)
        for n, g in zip(names, give, strict=True):
            sents.append(
                rng.choice(
                    [
                        f"Each {n} can handle {g} {measure}.",
                        f"A {n} provides {g} {measure}.",
                        f"One {n} covers {g} {measure}.",
                    ]
                )
            )
        sents.append(
            rng.choice(
                [
                    f"At least {need} {measure} must be covered.",
                    f"The requirement is a minimum of {need} {measure}.",
                    f"They need to reach at least {need} {measure}.",
                ]
            )
        )
        cons.append(f"{_lin(give, xs)} >= {need}")
        if kind == "cover":
            cost = [_num(rng, 2, 90) for _ in range(k)]
            for n, c in zip(names, cost, strict=True):
                sents.append(
                    rng.choice(
                        [f"Each {n} costs {_money(rng, c)}.", f"The cost of one {n} is {_money(rng, c)}."]
                    )
                )
            obj = f"minimize {_lin(cost, xs)}"
            question = rng.choice(
                [
                    "How many of each should be used to minimize the total cost?",
                    "What is the minimum total cost?",
                    "Find the plan with the lowest cost.",
                ]
            )
        else:
            obj = f"minimize {_lin([1] * k, xs)}"
            question = rng.choice(
                [
                    f"How many of each should be used to minimize the total number of {plural[0].split()[-1]} and others used?",
                    "Minimize the total number of units used.",
                    "What is the smallest total number needed?",
                ]
            )
        # a limiting resource
        res, unit = rng.choice(RESOURCES)
        use = [_num(rng, 1, 20) for _ in range(k)]
        cap = _num(rng, 100, 3000, 10)
        sents.append(" ".join(f"Each {n} uses {u} {unit} of {res}." for n, u in zip(names, use, strict=True)))
        sents.append(
            rng.choice(
                [
                    f"At most {cap} {unit} of {res} are available.",
                    f"No more than {cap} {unit} of {res} can be used.",
                ]
            )
        )
        cons.append(f"{_lin(use, xs)} <= {cap}")
    else:
        profit = [_num(rng, 2, 120) for _ in range(k)]
        for n, p in zip(names, profit, strict=True):
            sents.append(
                rng.choice(
                    [
                        f"Each {n} yields a profit of {_money(rng, p)}.",
                        f"The profit per {n} is {_money(rng, p)}.",
                    ]
                )
            )
        for res, unit in rng.sample(RESOURCES, rng.choice([1, 2, 2])):
            use = [_num(rng, 1, 25) for _ in range(k)]
            cap = _num(rng, 100, 5000, 10)
            sents.append(
                " ".join(
                    rng.choice(
                        [f"Each {n} requires {u} {unit} of {res}.", f"A {n} needs {u} {unit} of {res}."]
                    )
                    for n, u in zip(names, use, strict=True)
                )
            )
            sents.append(
                rng.choice(
                    [
                        f"There are {cap} {unit} of {res} available.",
                        f"At most {cap} {unit} of {res} can be used.",
                    ]
                )
            )
            cons.append(f"{_lin(use, xs)} <= {cap}")
        obj = f"maximize {_lin(profit, xs)}"
        question = rng.choice(
            [
                "How many of each should be chosen to maximize profit?",
                "What is the maximum profit?",
                "Determine the plan that maximizes total profit.",
            ]
        )
    # optional side constraints, NL4Opt style
    i, j = rng.sample(range(k), 2)
    extra = rng.sample(["min", "max", "ratio", "share", "atmost_share"], rng.choice([0, 1, 1, 2]))
    for e in extra:
        if e == "min":
            m = _num(rng, 2, 30)
            sents.append(
                rng.choice(
                    [f"At least {m} {plural[i]} must be used.", f"A minimum of {m} {plural[i]} is required."]
                )
            )
            cons.append(f"{xs[i]} >= {m}")
        elif e == "max":
            m = _num(rng, 5, 60)
            sents.append(
                rng.choice(
                    [f"At most {m} {plural[i]} can be used.", f"No more than {m} {plural[i]} are allowed."]
                )
            )
            cons.append(f"{xs[i]} <= {m}")
        elif e == "ratio":
            r = rng.choice([2, 3, 1.5, 4])
            word = {
                2: rng.choice(["twice", "2 times"]),
                3: rng.choice(["three times", "3 times"]),
                1.5: "1.5 times",
                4: "4 times",
            }[r]
            sents.append(f"The number of {plural[i]} must be at least {word} the number of {plural[j]}.")
            cons.append(f"{xs[i]} >= {r:g} * {xs[j]}")
        elif e == "share":
            s = rng.choice([0.1, 0.2, 0.25, 0.3, 0.4, 0.6])
            sents.append(f"At least {_pct(rng, s)} of all units must be {plural[i]}.")
            cons.append(f"{xs[i]} >= {s:g} * ({' + '.join(xs)})")
        else:
            s = rng.choice([0.3, 0.4, 0.5, 0.6, 0.7, 0.8])
            sents.append(f"At most {_pct(rng, s)} of all units can be {plural[i]}.")
            cons.append(f"{xs[i]} <= {s:g} * ({' + '.join(xs)})")
    body = sents[:1] + rng.sample(sents[1:], len(sents) - 1) if rng.random() < 0.3 else sents
    text = " ".join(body + [question])
    dom = "integer, >= 0" if integer else ">= 0"
    fe = ["## Variables", *(f"{x} {dom}" for x in xs), "## Objective", obj, "## Constraints"]
    fe += [f"c{n + 1}: {c}" for n, c in enumerate(cons)]
    return text, "\n".join(fe) + "\n"
