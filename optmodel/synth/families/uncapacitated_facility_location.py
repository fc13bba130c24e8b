"""Uncapacitated facility location: open some sites (fixed cost) and serve every customer's
demand from open sites at a per-unit cost.

Complexity: 1 -> 2-3 sites x 3 customers ... 5 -> 6-7 sites x 8-9 customers.
Knobs: split deliveries (continuous) or single sourcing (binary assignment), a cap on the
number of open sites.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

# (organisation, site word, customer word, customer names, site names, unit, period)
CONTEXTS = [
    (
        "a supermarket chain",
        "distribution center",
        "store",
        [
            "Northgate",
            "Riverside",
            "Hillcrest",
            "Old Town",
            "Lakeside",
            "Westfield",
            "Harbor",
            "Maple Park",
            "Eastwood",
        ],
        ["Springfield", "Fairview", "Greenville", "Clinton", "Salem", "Madison", "Georgetown"],
        "pallet",
        "per week",
    ),
    (
        "a bakery company",
        "central kitchen",
        "cafe",
        [
            "Market Street",
            "Station Road",
            "University",
            "Mall",
            "Airport",
            "Park Lane",
            "City Hall",
            "Beach",
            "Museum",
        ],
        ["Elm Street", "Industrial Park", "Bridge Road", "Mill Lane", "Canal Side", "North End", "Hilltop"],
        "tray",
        "per day",
    ),
    (
        "a regional hospital network",
        "supply depot",
        "clinic",
        ["Ashford", "Brookfield", "Cedar Falls", "Dover", "Easton", "Fulton", "Granby", "Hampton", "Irving"],
        ["Kingsley", "Linwood", "Milton", "Newport", "Oakdale", "Preston", "Quincy"],
        "crate",
        "per month",
    ),
    (
        "an online retailer",
        "fulfillment center",
        "delivery zone",
        [
            "Downtown",
            "Uptown",
            "Midtown",
            "Eastside",
            "Westside",
            "Old Port",
            "Suburbs North",
            "Suburbs South",
            "Lakefront",
        ],
        ["Reno", "Tucson", "Boise", "Fresno", "Spokane", "Provo", "Eugene"],
        "parcel",
        "per day",
    ),
]


class UncapacitatedFacilityLocation(Family):
    name = "uncapacitated_facility_location"
    tags = ("milp", "structured", "facility-location", "logistics")
    knobs = {"single": (False, True), "max_open": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ci = rng.randrange(len(CONTEXTS))
        org, site_w, cust_w, cust_pool, site_pool, unit, period = CONTEXTS[ci]
        n_site = min(2 + complexity // 2 + rng.randint(0, 1), 7)
        n_cust = min(2 + complexity + rng.randint(0, 1), 9)
        sites = rng.sample(site_pool, n_site)
        custs = rng.sample(cust_pool, n_cust)
        S, C = [nl.slug(s) for s in sites], [nl.slug(c) for c in custs]
        scale = rng.choice([1, 2, 5])
        fixed = {s: rng.randint(10, 60) * 100 * scale for s in S}
        cost = {s: {c: rng.choice([rng.randint(2, 25), round(rng.uniform(1, 12), 1)]) for c in C} for s in S}
        demand = {c: rng.randint(10, 90) * scale for c in C}
        params = {"fixed": fixed, "cost": cost, "demand": demand}
        if k["max_open"]:
            params["max_open"] = rng.randint(2, max(2, n_site - 1))
        return Spec(
            sets={"Sites": S, "Customers": C},
            params=params,
            knobs=k,
            story={
                "ctx": ci,
                "sites": dict(zip(S, sites, strict=True)),
                "custs": dict(zip(C, custs, strict=True)),
            },
        )

    def describe(self, spec: Spec, rng: random.Random) -> str:
        org, site_w, cust_w, _, _, unit, period = CONTEXTS[spec.story["ctx"]]
        S, C = spec.sets["Sites"], spec.sets["Customers"]
        sn, cn = spec.story["sites"], spec.story["custs"]
        par, k = spec.params, spec.knobs
        sites_pl, cust_pl = nl.plural_of(site_w), nl.plural_of(cust_w)
        intro = [
            nl.sent(
                rng,
                f"{org} [is planning its network|wants to redesign its supply network|is deciding where to operate]. "
                f"It can open a {site_w} in any of {nl.num(rng, len(S))} candidate locations: {nl.join([sn[s] for s in S], rng)}, "
                f"and [these must serve|they will supply] {nl.num(rng, len(C))} {cust_pl} ({nl.join([cn[c] for c in C], rng)}).",
            )
        ]
        facts = []
        if rng.random() < 0.5:
            facts.append(
                nl.v(
                    rng,
                    f"[Opening|Operating] a {site_w} [costs|has a fixed cost of] "
                    + nl.join([f"{nl.money(rng, par['fixed'][s])} in {sn[s]}" for s in S], rng)
                    + f" {period}.",
                )
            )
        else:
            for s in S:
                facts.append(
                    nl.v(
                        rng,
                        f"The {site_w} in {sn[s]} [would cost|has a fixed cost of] {nl.money(rng, par['fixed'][s])} {period} [to operate|if opened].",
                    )
                )
        dem = [f"{cn[c]} {nl.num(rng, par['demand'][c])}" for c in C]
        facts.append(
            nl.v(rng, f"[The demands|The requirements|Needs] {period}, in {unit}s, are: {nl.join(dem, rng)}.")
        )
        header = [f"{nl.cap(site_w)} \\ {cust_w}"] + [cn[c] for c in C]
        rows = [[sn[s]] + [nl.money(rng, par["cost"][s][c]) for c in C] for s in S]
        facts.append(
            nl.v(
                rng,
                f"[The cost of serving one {unit} from each {site_w} to each {cust_w} is:|Delivery costs per {unit} are given below:|Transport cost per {unit}:]",
            )
            + "\n"
            + nl.table(rng, header, rows)
        )
        if k["single"]:
            facts.append(
                nl.v(
                    rng,
                    f"[Each|Every] {cust_w} must be served [entirely|completely] by [a single|one] open {site_w}[| (no splitting of deliveries)].",
                )
            )
        else:
            facts.append(
                nl.v(
                    rng,
                    f"A {cust_w} [may|can] receive its {unit}s from several open {sites_pl}[, and every demand must be met|; all demand must be satisfied].",
                )
            )
        if k["max_open"]:
            facts.append(
                nl.v(
                    rng,
                    f"[Because of management capacity|For administrative reasons|Due to staffing limits], at most {nl.num(rng, par['max_open'])} {sites_pl} can be opened.",
                )
            )
        q = nl.v(
            rng,
            f"[Which {sites_pl} should be opened, and how should the {cust_pl} be served, to minimize|What is the minimum] total [fixed and delivery|opening plus transport] cost {period}?",
        )
        return nl.arrange(
            rng,
            intro,
            facts,
            q,
            noise=[
                f"The company was founded {rng.randint(5, 60)} years ago.",
                "Managers also considered leasing trucks instead.",
            ],
        )


FAMILY = UncapacitatedFacilityLocation()
