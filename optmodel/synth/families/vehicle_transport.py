"""Transport by two or more vehicle types: trips of each type to move at least a demand at least
cost (or time). Complexity: 1 -> 2 types ... 5 -> 4 types with larger numbers.
Knobs: trip caps, a minimum share of trips by one type, a pollution limit."""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "story": "A farmer needs to send {what} to the city market",
        "goods": ("crate", "crates"),
        "what": "crates of vegetables",
        "vehicles": [
            ("small truck", "small trucks"),
            ("large truck", "large trucks"),
            ("van", "vans"),
            ("tractor trailer", "tractor trailers"),
        ],
        "cost": ("cost", "$"),
    },
    {
        "story": "A school is organizing a trip and must transport {what}",
        "goods": ("student", "students"),
        "what": "students",
        "vehicles": [("bus", "buses"), ("minibus", "minibuses"), ("van", "vans"), ("car", "cars")],
        "cost": ("cost", "$"),
    },
    {
        "story": "After a flood, volunteers must move {what} to a shelter",
        "goods": ("person", "people"),
        "what": "people",
        "vehicles": [
            ("boat", "boats"),
            ("canoe", "canoes"),
            ("helicopter", "helicopters"),
            ("truck", "trucks"),
        ],
        "cost": ("minutes", None),
    },
    {
        "story": "A mining company has to haul {what} to the processing plant",
        "goods": ("ton", "tons"),
        "what": "ore",
        "vehicles": [
            ("dump truck", "dump trucks"),
            ("rail car", "rail cars"),
            ("conveyor load", "conveyor loads"),
            ("barge", "barges"),
        ],
        "cost": ("cost", "$"),
    },
    {
        "story": "A hospital must deliver {what} to remote clinics",
        "goods": ("box", "boxes"),
        "what": "boxes of medicine",
        "vehicles": [("drone", "drones"), ("motorbike", "motorbikes"), ("van", "vans"), ("truck", "trucks")],
        "cost": ("minutes", None),
    },
    {
        "story": "A bakery ships {what} to its stores",
        "goods": ("tray", "trays"),
        "what": "trays of bread",
        "vehicles": [("cargo bike", "cargo bikes"), ("van", "vans"), ("truck", "trucks")],
        "cost": ("cost", "$"),
    },
]
NOISE = [
    "The drivers are paid the same regardless of the vehicle.",
    "The route is about {n} kilometers long.",
    "Loading takes place early in the morning.",
    "Weather is expected to be good all week.",
]


class VehicleTransport(Family):
    name = "vehicle_transport"
    tags = ("milp", "small", "word-problem", "transport")
    knobs = {
        "objective": ("cost", "cost", "count", "pollution"),
        "max_trips": (True, False),
        "share": (False, True),
        "pollution": (False, True),
        "more": (False, True),
        "min_trips": (False, True),
    }

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        ci = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ci]
        n = min(2 + (complexity - 1) // 2 + (rng.random() < 0.3), len(ctx["vehicles"]))
        k = self.choose_knobs(rng, knobs)
        veh = rng.sample(ctx["vehicles"], n)
        V = [nl.slug(x[1]) for x in veh]
        capacity = {v: rng.randint(2, 12) * rng.choice([1, 5, 10]) for v in V}
        cost = {v: rng.randint(5, 60) * rng.choice([1, 1, 5]) for v in V}
        plan = {v: rng.randint(2, 10 * complexity) for v in V}
        demand = max(10, int(sum(capacity[v] * plan[v] for v in V) * rng.uniform(0.5, 0.9)))
        spec = Spec(
            sets={"Vehicles": V},
            params={"capacity": capacity, "cost": cost, "demand": demand},
            knobs=k,
            story={"ctx": ci, "veh": {nl.slug(x[1]): list(x) for x in veh}},
        )
        if k["max_trips"]:
            capped = sorted(rng.sample(V, rng.randint(1, len(V))), key=V.index)
            spec.sets["Capped"] = capped
            spec.params["max_trips"] = {v: plan[v] + rng.randint(0, 5) for v in capped}
        if k["share"]:
            spec.params["share"] = rng.choice([0.2, 0.25, 0.3, 0.4, 0.5, 0.6])
            spec.params["share_vehicle"] = rng.choice(V)
        if k["objective"] == "pollution":
            k["pollution"] = True
        k["pollution_cap"] = k["pollution"] and k["objective"] != "pollution"
        if k["objective"] != "cost":
            del spec.params["cost"]
        if k["pollution"]:
            pol = {v: rng.randint(2, 30) for v in V}
            spec.params["pollution"] = pol
            if k["pollution_cap"]:
                spec.params["pollution_limit"] = int(sum(pol[v] * plan[v] for v in V) * rng.uniform(1.0, 1.4))
        if k["more"]:
            a, b = rng.sample(V, 2)
            spec.params.update(more_a=a, more_b=b)
        if k["min_trips"]:
            spec.params["min_vehicle"] = rng.choice(V)
            spec.params["min_trips"] = rng.randint(2, max(2, plan[spec.params["min_vehicle"]]))
        return spec

    def describe(self, spec: Spec, rng: random.Random) -> str:
        ctx = CONTEXTS[spec.story["ctx"]]
        V, par, k = spec.sets["Vehicles"], spec.params, spec.knobs
        one = {v: spec.story["veh"][v][0] for v in V}
        many = {v: spec.story["veh"][v][1] for v in V}
        g1, g2 = ctx["goods"]
        what = ctx["what"]
        timed = ctx["cost"][1] is None

        def c(x):
            return nl.qty(rng, x, "minute") if timed else nl.money(rng, x)

        amount = (
            nl.qty(rng, par["demand"], g1, plural=g2)
            if what in (g2, "people") or g2 in what
            else f"{nl.qty(rng, par['demand'], g1, plural=g2)} of {what}"
        )
        intro = [
            nl.sent(rng, ctx["story"].format(what=amount) + "."),
            nl.sent(rng, f"[it|they] can use {nl.join([many[v] for v in V], rng, 'or')}."),
        ]
        facts = []
        has_cost = "cost" in par
        for v in V:
            cap_text = nl.qty(rng, par["capacity"][v], g1, plural=g2)
            if has_cost:
                verb = "takes" if timed else "costs"
                options = [
                    f"[a|each|one] {one[v]} can carry {cap_text} per trip, and [each|a] trip {verb} {c(par['cost'][v])}.",
                    f"[each|every] trip by {one[v]} [moves|carries] {cap_text} and {verb} {c(par['cost'][v])}.",
                ]
            else:
                options = [
                    f"[a|each|one] {one[v]} can carry {cap_text}[| per trip].",
                    f"[each|every] trip by {one[v]} [moves|carries] {cap_text}.",
                ]
            text = nl.pick(rng, options)
            if k.get("pollution") and rng.random() < 0.5:
                text = (
                    text[:-1]
                    + f"[ and produces| and creates|, producing] {nl.qty(rng, par['pollution'][v], 'unit')} of pollution."
                )
                facts.append(nl.sent(rng, text))
            else:
                facts.append(nl.sent(rng, text))
                if k.get("pollution"):
                    facts.append(
                        nl.sent(
                            rng,
                            f"[each|a] {one[v]} trip [produces|creates|generates] {nl.qty(rng, par['pollution'][v], 'unit')} of pollution.",
                        )
                    )
        if k.get("max_trips"):
            for v in spec.sets["Capped"]:
                facts.append(
                    nl.sent(
                        rng,
                        f"[at most|no more than] {nl.num(rng, par['max_trips'][v])} {nl.pick(rng, ['trips can be made by ' + one[v], many[v] + ' can be used'])}[| because of availability].",
                    )
                )
        if k.get("share"):
            facts.append(
                nl.sent(
                    rng,
                    f"at least {nl.percent(rng, par['share'])} of [all|the] trips [must|should] be made by {one[par['share_vehicle']]}.",
                )
            )
        if k.get("pollution_cap"):
            facts.append(
                nl.sent(
                    rng,
                    f"[due to environmental rules|to limit pollution|by regulation], [the total pollution|total pollution produced] [must not exceed|can be at most] {nl.qty(rng, par['pollution_limit'], 'unit')}.",
                )
            )
        if k.get("more"):
            a, b = par["more_a"], par["more_b"]
            facts.append(
                nl.sent(
                    rng,
                    f"[the number of {many[a]} used must exceed the number of {many[b]}|there must be more {many[a]} than {many[b]}|more trips must be made by {one[a]} than by {one[b]}].",
                )
            )
        if k.get("min_trips"):
            facts.append(
                nl.sent(
                    rng,
                    f"[in addition, |however, |]at least {nl.num(rng, par['min_trips'])} {many[par['min_vehicle']]} must be used.",
                )
            )
        each = nl.join([one[v] for v in V], None, "and")
        if k["objective"] == "cost":
            goal = "the total time" if timed else "the total cost"
            question = nl.v(
                rng,
                f"[How many trips of each vehicle type should be made to minimize {goal}|How many trips by {each} should be scheduled to minimize {goal}|What is the minimum {goal.split()[-1]} needed]?",
            )
        elif k["objective"] == "count":
            question = nl.v(
                rng,
                f"[How many of each vehicle should be used to minimize the total number of vehicles|What is the smallest total number of trips needed|How many {many[V[0]]} and how many of the other vehicles should be used to minimize the total number of trips]?",
            )
        else:
            question = nl.v(
                rng,
                "[How many of each vehicle should be used to minimize the total pollution produced|What is the minimum total amount of pollution]?",
            )
        noise = [s.format(n=rng.randint(5, 90)) for s in NOISE]
        return nl.arrange(rng, intro, facts, question, noise=noise)


FAMILY = VehicleTransport()
