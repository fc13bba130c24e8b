"""Process selection: each process (method, machine, plant, recipe) turns shared inputs into
several outputs at once; choose how many runs of each to meet demands at least cost, or to make
the most of one output while making enough of another.
Complexity: 1 -> 2 processes x 2 outputs x 1 input ... 5 -> 5 processes x 4 outputs x 3 inputs.
Knobs: goal (cost or output), whole runs or not, a cap on one process."""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

# process noun; outputs (name, unit singular, unit plural); inputs likewise
CONTEXTS = [
    {
        "who": ["A pharmaceutical lab", "A drug company", "A pharmacy"],
        "proc": ("method", "methods"),
        "procs": ["Method A", "Method B", "Method C", "Method D", "Method E"],
        "outputs": [
            ("painkillers", "pill", "pills"),
            ("sleeping pills", "pill", "pills"),
            ("antibiotics", "dose", "doses"),
            ("cough syrup", "bottle", "bottles"),
        ],
        "inputs": [
            ("active ingredient", "milligram", "milligrams"),
            ("machine time", "minute", "minutes"),
            ("filler", "gram", "grams"),
        ],
        "run": "run",
        "runs": "runs",
    },
    {
        "who": ["An oil refinery", "A small refinery"],
        "proc": ("process", "processes"),
        "procs": ["Process 1", "Process 2", "Process 3", "Process 4", "Process 5"],
        "outputs": [
            ("gasoline", "barrel", "barrels"),
            ("diesel", "barrel", "barrels"),
            ("jet fuel", "barrel", "barrels"),
            ("heating oil", "barrel", "barrels"),
        ],
        "inputs": [
            ("crude oil", "barrel", "barrels"),
            ("energy", "megawatt-hour", "megawatt-hours"),
            ("catalyst", "kilogram", "kilograms"),
        ],
        "run": "run",
        "runs": "runs",
    },
    {
        "who": ["A mining company", "A quarry operator"],
        "proc": ("mine", "mines"),
        "procs": ["the North mine", "the South mine", "the East mine", "the West mine", "the Central mine"],
        "outputs": [
            ("high-grade ore", "ton", "tons"),
            ("medium-grade ore", "ton", "tons"),
            ("low-grade ore", "ton", "tons"),
            ("gravel", "ton", "tons"),
        ],
        "inputs": [
            ("labor", "hour", "hours"),
            ("diesel", "liter", "liters"),
            ("explosives", "kilogram", "kilograms"),
        ],
        "run": "day of operation",
        "runs": "days",
    },
    {
        "who": ["A juice factory", "A fruit processor"],
        "proc": ("production line", "production lines"),
        "procs": ["Line 1", "Line 2", "Line 3", "Line 4", "Line 5"],
        "outputs": [
            ("orange juice", "liter", "liters"),
            ("fruit pulp", "kilogram", "kilograms"),
            ("concentrate", "liter", "liters"),
            ("peel oil", "liter", "liters"),
        ],
        "inputs": [
            ("oranges", "kilogram", "kilograms"),
            ("water", "liter", "liters"),
            ("worker time", "hour", "hours"),
        ],
        "run": "hour of operation",
        "runs": "hours",
    },
    {
        "who": ["A chocolate factory", "A candy maker"],
        "proc": ("machine", "machines"),
        "procs": [
            "the old machine",
            "the new machine",
            "the compact machine",
            "the large machine",
            "the hand line",
        ],
        "outputs": [
            ("milk chocolate", "bar", "bars"),
            ("dark chocolate", "bar", "bars"),
            ("truffles", "box", "boxes"),
            ("cocoa powder", "bag", "bags"),
        ],
        "inputs": [
            ("cocoa", "kilogram", "kilograms"),
            ("sugar", "kilogram", "kilograms"),
            ("electricity", "kilowatt-hour", "kilowatt-hours"),
        ],
        "run": "hour of operation",
        "runs": "hours",
    },
]


class ProcessMix(Family):
    name = "process_mix"
    tags = ("lp", "milp", "small", "word-problem", "production")
    knobs = {"goal": ("cost", "output"), "integer": (False, True), "cap": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        ci = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ci]
        k = self.choose_knobs(rng, knobs)
        n_p = min(2 + (complexity - 1) // 2 + (rng.random() < 0.3), 5)
        n_o = min(2 + (complexity - 1) // 2, 4)
        n_i = min(1 + (complexity - 1) // 2 + (rng.random() < 0.3), 3)
        procs = rng.sample(ctx["procs"], n_p)
        outs = rng.sample(ctx["outputs"], n_o)
        ins = rng.sample(ctx["inputs"], n_i)
        P = [nl.slug(x) for x in procs]
        OUTS = [nl.slug(x[0]) for x in outs]
        IN = [nl.slug(x[0]) for x in ins]
        rate = {o: {p: rng.randint(1, 20) * rng.choice([1, 1, 5, 10]) for p in P} for o in OUTS}
        need = {i: {p: rng.randint(1, 15) * rng.choice([1, 5, 10]) for p in P} for i in IN}
        plan = {p: rng.randint(3, 25) for p in P}
        supply = {
            i: int(sum(need[i][p] * plan[p] for p in P) * rng.uniform(1.0, 1.5)) // 10 * 10 + 10 for i in IN
        }
        spec = Spec(
            sets={"Processes": P, "Outputs": OUTS, "Inputs": IN},
            params={"rate": rate, "need": need, "supply": supply},
            knobs=k,
            story={
                "ctx": ci,
                "who": rng.choice(ctx["who"]),
                "procs": dict(zip(P, procs, strict=True)),
                "outs": {nl.slug(x[0]): list(x) for x in outs},
                "ins": {nl.slug(x[0]): list(x) for x in ins},
            },
        )
        if k["goal"] == "cost":
            spec.params["demand"] = {
                o: max(5, int(sum(rate[o][p] * plan[p] for p in P) * rng.uniform(0.5, 0.9)) // 5 * 5)
                for o in OUTS
            }
            spec.params["cost"] = {p: rng.randint(2, 80) * rng.choice([1, 5, 10]) for p in P}
        else:
            main, other = rng.sample(OUTS, 2)
            spec.params["main"] = main
            spec.params["other"] = other
            spec.params["target_output_min"] = max(
                5, int(sum(rate[other][p] * plan[p] for p in P) * rng.uniform(0.4, 0.8)) // 5 * 5
            )
        if k["cap"]:
            spec.params["cap_process"] = rng.choice(P)
            spec.params["max_runs"] = plan[spec.params["cap_process"]] + rng.randint(0, 5)
        return spec

    def describe(self, spec: Spec, rng: random.Random) -> str:
        ctx = CONTEXTS[spec.story["ctx"]]
        P, OUTS, IN, par, k = (
            spec.sets["Processes"],
            spec.sets["Outputs"],
            spec.sets["Inputs"],
            spec.params,
            spec.knobs,
        )
        pn, outs, ins = spec.story["procs"], spec.story["outs"], spec.story["ins"]
        p1, p2 = ctx["proc"]
        run = ctx["run"]

        def amt(table, key, x):
            name, u1, u2 = table[key]
            return f"{nl.qty(rng, x, u1, plural=u2)} of {name}"

        intro = [
            nl.sent(
                rng,
                f"{spec.story['who']} [can use|has] {nl.num(rng, len(P))} {p2}, {nl.join([pn[p] for p in P], rng)}, to [make|produce] {nl.join([outs[o][0] for o in OUTS], rng)}.",
            )
        ]
        facts = []
        for p in P:
            made = nl.join([amt(outs, o, par["rate"][o][p]) for o in OUTS], rng)
            used = nl.join([amt(ins, i, par["need"][i][p]) for i in IN], rng)
            facts.append(
                nl.sent(
                    rng,
                    nl.pick(
                        rng,
                        [
                            f"[each|one|a single] {run} of {pn[p]} [produces|makes|yields] {made} and [uses|requires|consumes] {used}.",
                            f"{pn[p]} [uses|requires] {used} per {run} and [produces|makes] {made}.",
                        ],
                    ),
                )
            )
            if k["goal"] == "cost":
                facts[-1] += " " + nl.sent(
                    rng, f"[it costs|running it costs|the cost is] {nl.money(rng, par['cost'][p])} per {run}."
                )
        for i in IN:
            a = amt(ins, i, par["supply"][i])
            facts.append(
                nl.sent(
                    rng,
                    f"[there are {a} available|only {a} [are|is] available|at most {a} can be used|{a} [are|is] on hand].",
                )
            )
        if k["goal"] == "cost":
            for o in OUTS:
                facts.append(
                    nl.sent(
                        rng,
                        f"[at least|a minimum of] {amt(outs, o, par['demand'][o])} [must be produced|are needed|is required].",
                    )
                )
        else:
            facts.append(
                nl.sent(
                    rng,
                    f"[at least|a minimum of] {amt(outs, par['other'], par['target_output_min'])} [must be produced|are needed].",
                )
            )
        if k.get("cap"):
            facts.append(
                nl.sent(
                    rng,
                    f"{pn[par['cap_process']]} can [be used|operate] for at most {nl.num(rng, par['max_runs'])} {ctx['runs']}.",
                )
            )
        if k.get("integer"):
            facts.append(
                nl.sent(
                    rng,
                    f"[each {p1} must be used for a whole number of {ctx['runs']}|partial {ctx['runs']} are not possible].",
                )
            )
        if k["goal"] == "cost":
            question = nl.v(
                rng,
                f"[How many times should each {p1} be run to minimize the total cost|What is the minimum total cost of meeting the requirements]?",
            )
        else:
            main = outs[par["main"]][0]
            question = nl.v(
                rng,
                f"[How many times should each {p1} be run to maximize the amount of {main} produced|What is the largest amount of {main} that can be produced]?",
            )
        return nl.arrange(rng, intro, facts, question)


FAMILY = ProcessMix()
