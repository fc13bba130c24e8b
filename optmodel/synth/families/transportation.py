"""Transportation: ship goods from plants/warehouses to customers at least cost.
Complexity: 1 -> 2x2 ... 5 -> 6x8. Knobs: integer shipments, a capacity on every route."""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "src": ("factory", "factories"),
        "dst": ("warehouse", "warehouses"),
        "goods": ("unit", "units"),
        "what": "a product",
        "src_names": ["Denver", "Austin", "Toledo", "Fresno", "Tulsa", "Reno"],
        "dst_names": ["Boston", "Miami", "Chicago", "Seattle", "Dallas", "Atlanta", "Phoenix", "Omaha"],
    },
    {
        "src": ("mine", "mines"),
        "dst": ("power plant", "power plants"),
        "goods": ("ton", "tons"),
        "what": "coal",
        "src_names": ["North", "South", "East", "West", "Ridge", "Valley"],
        "dst_names": ["Alpha", "Beta", "Gamma", "Delta", "Omega", "Sigma", "Kappa", "Theta"],
    },
    {
        "src": ("farm", "farms"),
        "dst": ("market", "markets"),
        "goods": ("crate", "crates"),
        "what": "produce",
        "src_names": ["Green Acres", "Sunny Hill", "Oak Creek", "River Bend", "Maple", "Pine Ridge"],
        "dst_names": [
            "Downtown",
            "Harbor",
            "Uptown",
            "Midtown",
            "Eastside",
            "Westside",
            "Old Town",
            "Airport",
        ],
    },
    {
        "src": ("blood bank", "blood banks"),
        "dst": ("hospital", "hospitals"),
        "goods": ("unit", "units"),
        "what": "blood",
        "src_names": ["Central", "Northside", "Lakeside", "Hilltop", "Riverside", "Parkview"],
        "dst_names": [
            "General",
            "Mercy",
            "St. Anne",
            "Children's",
            "Memorial",
            "University",
            "County",
            "Veterans",
        ],
    },
    {
        "src": ("refinery", "refineries"),
        "dst": ("depot", "depots"),
        "goods": ("thousand liters", "thousand liters"),
        "what": "fuel",
        "src_names": ["Bay", "Coastal", "Delta", "Gulf", "Prairie", "Summit"],
        "dst_names": ["D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8"],
    },
]
NOISE = [
    "All shipments leave on the same day.",
    "Drivers are contracted by a third party.",
    "Costs include fuel and tolls.",
    "The network has been in use for {n} years.",
]


class Transportation(Family):
    name = "transportation"
    tags = ("lp", "milp", "structured", "network", "transportation")
    knobs = {"integer": (False, True), "route_cap": (False, False, True), "balanced": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        ci = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ci]
        ns = min(1 + complexity + rng.randint(0, 1) - (complexity > 3), 6)
        nd = min(1 + complexity + rng.randint(0, 2), 8)
        k = self.choose_knobs(rng, knobs)
        src = rng.sample(ctx["src_names"], ns)
        dst = rng.sample(ctx["dst_names"], nd)
        S = [nl.slug(x) for x in src]
        D = [nl.slug(x) for x in dst]
        demand = {d: rng.randint(2, 60) * 5 for d in D}
        total = sum(demand.values())
        if k["balanced"]:
            shares = [rng.randint(1, 10) for _ in S]
            supply = {s: total * w // sum(shares) for s, w in zip(S, shares, strict=True)}
            supply[S[-1]] += total - sum(supply.values())
        else:
            supply = {s: int(total / ns * rng.uniform(1.0, 1.6)) // 5 * 5 + 5 for s in S}
        cost = {s: {d: rng.randint(1, 25) for d in D} for s in S}
        spec = Spec(
            sets={"Sources": S, "Destinations": D},
            params={"supply": supply, "demand": demand, "cost": cost},
            knobs=k,
            story={"ctx": ci, "src": dict(zip(S, src, strict=True)), "dst": dict(zip(D, dst, strict=True))},
        )
        if k["route_cap"]:
            spec.params["route_cap"] = int(max(demand.values()) * rng.uniform(0.6, 1.0)) + 1
        return spec

    def describe(self, spec: Spec, rng: random.Random) -> str:
        ctx = CONTEXTS[spec.story["ctx"]]
        S, D, par, k = spec.sets["Sources"], spec.sets["Destinations"], spec.params, spec.knobs
        sn, dn = spec.story["src"], spec.story["dst"]
        s1, s2 = ctx["src"]
        d1, d2 = ctx["dst"]
        g1, g2 = ctx["goods"]
        intro = [
            nl.sent(
                rng,
                f"[a company|a distributor|an organization] [ships|moves|delivers] {ctx['what']} from {nl.num(rng, len(S))} {s2 if len(S) > 1 else s1} to {nl.num(rng, len(D))} {d2 if len(D) > 1 else d1}.",
            )
        ]
        facts = []
        for s in S:
            facts.append(
                nl.sent(
                    rng,
                    f"the {s1} [in|at] {sn[s]} [can supply|has] [up to|at most|] {nl.qty(rng, par['supply'][s], g1, plural=g2)}.",
                )
            )
        if rng.random() < 0.5:
            facts.append(
                nl.sent(
                    rng,
                    f"the {d2} [need|require] "
                    + nl.join([f"{nl.num(rng, par['demand'][d])} at {dn[d]}" for d in D], rng)
                    + f" ({g2}).",
                )
            )
        else:
            for d in D:
                facts.append(
                    nl.sent(
                        rng,
                        f"{dn[d]} [needs|requires|must receive] at least {nl.qty(rng, par['demand'][d], g1, plural=g2)}.",
                    )
                )
        rows = [[sn[s]] + [nl.money(rng, par["cost"][s][d]) for d in D] for s in S]
        facts.append(
            nl.v(
                rng,
                f"[The cost of shipping one {g1} is:|Shipping costs per {g1} (rows: {s2}, columns: {d2}):|Unit transport costs:]",
            )
            + "\n"
            + nl.table(rng, ["From \\ To"] + [dn[d] for d in D], rows)
        )
        if k.get("route_cap"):
            facts.append(
                nl.sent(rng, f"no route can carry more than {nl.qty(rng, par['route_cap'], g1, plural=g2)}.")
            )
        if k.get("integer"):
            facts.append(nl.sent(rng, f"shipments must be whole {g2}."))
        question = nl.v(
            rng,
            "[How much should be shipped on each route to minimize the total transportation cost|What is the minimum total shipping cost|Find the shipping plan of least cost]?",
        )
        noise = [s.format(n=rng.randint(3, 30)) for s in NOISE]
        return nl.arrange(rng, intro, facts, question, noise=noise)


FAMILY = Transportation()
