"""Energy mix: buy or generate electricity from several sources (coal, gas, wind, solar...) to
meet demand at least cost, within capacities, an emissions cap and a minimum renewable share.
Complexity: 1 -> 2-3 sources ... 5 -> 7 sources. Knobs: emissions cap, renewable share."""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

# name, renewable?, cost range per MWh, emission range (tons of CO2 per MWh)
SOURCES = [
    ("coal", False, (20, 45), (8, 10)),
    ("natural gas", False, (30, 60), (4, 6)),
    ("oil", False, (50, 90), (6, 8)),
    ("nuclear", False, (40, 70), (0, 0)),
    ("wind", True, (35, 80), (0, 0)),
    ("solar", True, (40, 95), (0, 0)),
    ("hydro", True, (25, 60), (0, 0)),
    ("biomass", True, (45, 85), (1, 3)),
    ("geothermal", True, (50, 90), (0, 1)),
]
WHO = [
    "A utility company",
    "A city's power authority",
    "An electricity retailer",
    "A university campus",
    "An island community",
    "A factory with its own grid",
]
UNITS = [("megawatt-hour", "megawatt-hours"), ("MWh", "MWh")]
NOISE = [
    "Demand is forecast for the coming week.",
    "Transmission losses can be ignored.",
    "The company signed its first wind contract {n} years ago.",
    "Prices are fixed by contract for the whole period.",
]


class EnergyMix(Family):
    name = "energy_mix"
    tags = ("lp", "small", "word-problem", "energy", "percentage")
    knobs = {"emissions": (False, True), "renewable": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        n = min(2 + complexity - 1 + rng.randint(0, 1), 7)
        fossil = [s for s in SOURCES if not s[1]]
        green = [s for s in SOURCES if s[1]]
        chosen = [rng.choice(fossil), rng.choice(green)]
        rest = [s for s in SOURCES if s not in chosen]
        chosen += rng.sample(rest, n - 2)
        S = [nl.slug(s[0]) for s in chosen]
        cost = {nl.slug(s[0]): rng.randint(*s[2]) for s in chosen}
        emission = {nl.slug(s[0]): (rng.randint(*s[3]) / 10) for s in chosen}
        demand = rng.randint(5, 80) * 100
        capacity = {s: int(demand * rng.uniform(0.3, 0.9)) // 50 * 50 + 50 for s in S}
        if sum(capacity.values()) < demand * 1.2:
            capacity[S[0]] += (
                int(demand * 1.2)
                - sum(capacity.values())
                + 50
                - (int(demand * 1.2) - sum(capacity.values())) % 50
            )
        spec = Spec(
            sets={"Sources": S},
            params={"cost": cost, "capacity": capacity, "demand": demand},
            knobs=k,
            story={
                "who": rng.choice(WHO),
                "unit": list(rng.choice(UNITS)),
                "names": {nl.slug(s[0]): s[0] for s in chosen},
            },
        )
        # a feasible reference dispatch: fill renewables first, then the rest
        if k["renewable"]:
            ren = [nl.slug(s[0]) for s in chosen if s[1]]
            spec.sets["Renewable"] = ren
            ren_cap = sum(capacity[s] for s in ren)
            spec.params["green_share"] = min(
                rng.choice([0.1, 0.2, 0.25, 0.3, 0.4, 0.5]), int(ren_cap / demand * 20) / 20
            )
            if spec.params["green_share"] <= 0:
                k["renewable"] = False
                del spec.sets["Renewable"], spec.params["green_share"]
        if k["emissions"]:
            spec.params["emission"] = emission
            order = sorted(S, key=lambda s: emission[s])
            left, total = demand, 0.0
            for s in order:
                take = min(left, capacity[s])
                total += take * emission[s]
                left -= take
            spec.params["emission_cap"] = int(total * rng.uniform(1.1, 1.6)) + 10
        return spec

    def describe(self, spec: Spec, rng: random.Random) -> str:
        S, par, k = spec.sets["Sources"], spec.params, spec.knobs
        nm = spec.story["names"]
        u1, u2 = spec.story["unit"]
        intro = [
            nl.sent(
                rng,
                f"{spec.story['who']} [must supply|needs|has to deliver] at least {nl.qty(rng, par['demand'], u1, plural=u2)} of electricity[| next week| this month].",
            )
        ]
        facts = [
            nl.sent(
                rng,
                f"[it can buy power from|the available sources are|electricity can come from] {nl.join([nm[s] for s in S], rng)}.",
            )
        ]
        if rng.random() < 0.4 and len(S) >= 3:
            header = ["Source", f"Cost per {u1}", f"Capacity ({u2})"] + (
                ["CO2 (tons per " + u1 + ")"] if k.get("emissions") else []
            )
            rows = [
                [nm[s], nl.money(rng, par["cost"][s]), nl.grouped(par["capacity"][s])]
                + ([nl.plain(par["emission"][s])] if k.get("emissions") else [])
                for s in S
            ]
            facts.append(
                nl.v(rng, "[The sources compare as follows:|Source data:]")
                + "\n"
                + nl.table(rng, header, rows)
            )
        else:
            for s in S:
                text = f"{nm[s]} costs {nl.money(rng, par['cost'][s])} per {u1} and can provide up to {nl.qty(rng, par['capacity'][s], u1, plural=u2)}"
                if k.get("emissions"):
                    text += f", emitting {nl.plain(par['emission'][s])} tons of CO2 per {u1}"
                facts.append(nl.sent(rng, text + "."))
        if k.get("emissions"):
            facts.append(
                nl.sent(
                    rng,
                    f"[total emissions|the total CO2 emitted] [must not exceed|can be at most] {nl.num(rng, par['emission_cap'])} tons.",
                )
            )
        if k.get("renewable"):
            facts.append(
                nl.sent(
                    rng,
                    f"[by regulation, |to meet a green target, |]at least {nl.percent(rng, par['green_share'])} of the electricity [must|has to] come from renewable sources ({nl.join([nm[s] for s in spec.sets['Renewable']], rng)}).",
                )
            )
        question = nl.v(
            rng,
            "[How much electricity should come from each source to minimize the total cost|What is the minimum cost of meeting the demand]?",
        )
        noise = [s.format(n=rng.randint(2, 15)) for s in NOISE]
        return nl.arrange(rng, intro, facts, question, noise=noise)


FAMILY = EnergyMix()
