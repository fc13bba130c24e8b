"""Requirement/covering stories in the NL4Opt style: pick how many of 2-4 options to use so that
stated requirements are met ("at least 300 ducks must be transported", "the mix must contain at
least 50 units of protein") at the lowest cost, time, pollution, fuel or head-count, with side
constraints (caps, budgets, proportions, comparisons, minimum counts); a minority maximise a
reach-type quantity under a budget instead.

Why: covering problems are a large share of human-written textbook LPs, and their language (needs,
minimums, "at least", budgets and "no more than 30% of ...") differs from the production-planning
stories; a model that only saw resource-capacity stories misreads them. Every sample is feasible
by construction: a hidden plan x* is drawn first and every constraint is stated so that x* meets it,
while all objective/budget coefficients are positive so the problem is bounded.
"""

from __future__ import annotations

import random

from optmodel.model.numbers import NUMBER_WORDS
from optmodel.model.stories import first_mention

# --------------------------------------------------------------------------------------------
# small helpers


def _an(word: str) -> str:
    vowel = word[0].lower() in "aeiou" or word.lower().startswith("hour")
    return ("an " if vowel else "a ") + word


def _cap(s: str) -> str:
    return s[0].upper() + s[1:] if s else s


def _pn(v: float) -> str:
    """A number as written in the program."""
    if float(v).is_integer():
        return str(int(v))
    return repr(round(float(v), 6))


_WORDNUM = NUMBER_WORDS


def _tn(rng: random.Random, v: float, money: bool = False) -> str:
    """A number as written in the text."""
    if money:
        if float(v).is_integer():
            v = int(v)
            return f"${v:,}" if v >= 1000 and rng.random() < 0.8 else f"${v}"
        return f"${v:,.2f}"
    if float(v).is_integer():
        v = int(v)
        if v >= 1000 and rng.random() < 0.6:
            return f"{v:,}"
        return str(v)
    return _pn(v)


def _small(rng: random.Random, v: int) -> str:
    """A small count, sometimes written as a word."""
    if v in _WORDNUM and rng.random() < 0.3:
        return _WORDNUM[v]
    return str(v)


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} and {items[1]}"
    return ", ".join(items[:-1]) + ", and " + items[-1]


def _join_or(items: list[str]) -> str:
    if len(items) == 2:
        return f"{items[0]} or {items[1]}"
    return ", ".join(items[:-1]) + ", or " + items[-1]


def _nice_floor(v: float) -> float:
    if v < 30:
        step = 1
    elif v < 200:
        step = 5
    elif v < 1000:
        step = 10
    elif v < 5000:
        step = 50
    elif v < 50000:
        step = 100
    else:
        step = 1000
    return max(step, int(v // step) * step)


def _nice_ceil(v: float) -> float:
    f = _nice_floor(v)
    if f >= v - 1e-9:
        return f
    step = (
        1 if v < 30 else 5 if v < 200 else 10 if v < 1000 else 50 if v < 5000 else 100 if v < 50000 else 1000
    )
    return f + step


def _round_step(v: float, step: float) -> float:
    r = round(v / step) * step
    r = max(step, r)
    return round(r, 2) if step < 1 else int(r)


# --------------------------------------------------------------------------------------------
# options (the decision variables)


def C(sg: str, pl: str | None = None, s: float = 1.0, name: str | None = None) -> dict:
    """A countable option: trucks, trips, workers, ads, servings. `name` is the entity's own name when
    the option is a container of it ("Brand A" in "can of Brand A"); it is what the text points at."""
    pl = pl or sg + "s"
    return {
        "kind": "I",
        "names": [name] if name else [sg, pl],
        "each": f"each {sg}",
        "a": _an(sg),
        "per": f"per {sg}",
        "q": lambda n, sg=sg, pl=pl: f"{n} {pl}",
        "one": f"one {sg}",
        "ref": f"the number of {pl}",
        "short": pl,
        "many": "many",
        "s": s,
    }


def M(name: str, unit: str = "kilogram", units: str | None = None, s: float = 1.0) -> dict:
    """A divisible option measured in some unit: kilograms of feed, liters of juice."""
    units = units or unit + "s"
    return {
        "kind": "R",
        "names": [name],
        "each": f"each {unit} of {name}",
        "a": f"{_an(unit)} of {name}",
        "per": f"per {unit} of {name}",
        "q": lambda n, name=name, units=units: f"{n} {units} of {name}",
        "one": None,
        "ref": f"the amount of {name}",
        "short": name,
        "many": "much",
        "s": s,
    }


def H(place: str, s: float = 1.0, unit: str = "hour") -> dict:
    """A divisible option measured in operating time: hours at a mine, hours of a generator."""
    return {
        "kind": "R",
        "names": [place.removeprefix("the ")],
        "each": f"each {unit} of operation at {place}",
        "a": f"{_an(unit)} at {place}",
        "per": f"per {unit} at {place}",
        "q": lambda n, place=place, unit=unit: f"{n} {unit}s at {place}",
        "one": None,
        "ref": f"the number of {unit}s at {place}",
        "short": f"{unit}s at {place}",
        "many": "many",
        "hours": True,
        "name": place,
        "s": s,
    }


def R(sg, pl, noun, label, lunit, lo, hi, step=1, need=(), mx=None):
    """A requirement attribute (covered with >=)."""
    return dict(
        sg=sg, pl=pl, noun=noun, label=label, lunit=lunit, lo=lo, hi=hi, step=step, need=list(need), mx=mx
    )


def A(sg, pl, total, label, lunit, lo, hi, step=1, money=False, noun=None, res=False):
    """A cost-like attribute (minimised, or limited by a budget)."""
    return dict(
        sg=sg,
        pl=pl,
        total=total,
        label=label,
        lunit=lunit,
        lo=lo,
        hi=hi,
        step=step,
        money=money,
        noun=noun,
        res=res,
    )


def COST(lo, hi, step=1, suffix=""):
    return A(
        f"costs {{n}}{suffix}", f"cost {{n}}{suffix}", "total cost", "the cost", "", lo, hi, step, money=True
    )


def FUEL(lo, hi, step=1, unit="liters"):
    return A(
        f"uses {{n}} {unit} of fuel",
        f"use {{n}} {unit} of fuel",
        "total fuel consumption",
        "the fuel consumption",
        f" {unit}",
        lo,
        hi,
        step,
        noun=f"{unit} of fuel",
        res=True,
    )


def POLL(lo, hi, step=1, what="units of pollution", verb="produces", verbp="produce"):
    return A(
        f"{verb} {{n}} {what}",
        f"{verbp} {{n}} {what}",
        "total pollution",
        "the pollution",
        f" {what}",
        lo,
        hi,
        step,
        noun=what,
    )


def TIME(lo, hi, step=1, unit="hours", verb="takes", verbp="take"):
    return A(
        f"{verb} {{n}} {unit}",
        f"{verbp} {{n}} {unit}",
        "total time",
        "the time needed",
        f" {unit}",
        lo,
        hi,
        step,
        noun=unit,
        res=True,
    )


def NEED(noun, verb, verbp, label, lo, hi, step=1, need=(), mx=None, lunit=""):
    return R(f"{verb} {{n}} {noun}", f"{verbp} {{n}} {noun}", noun, label, lunit, lo, hi, step, need, mx)


def NUTR(nutr, unit, lo, hi, step=1, need=(), verb="contains", verbp="contain"):
    noun = f"{unit} of {nutr}"
    return R(
        f"{verb} {{n}} {noun}",
        f"{verbp} {{n}} {noun}",
        noun,
        f"the {nutr} content",
        f" {unit}",
        lo,
        hi,
        step,
        need,
        f"total amount of {nutr}",
    )


# --------------------------------------------------------------------------------------------
# the domains

D = [
    dict(
        who=("A farmer", "the farmer"),
        intro=[
            "{A} needs to send ducks to the city market and can use {opts}.",
            "{A} is transporting ducks to a market across the lake using {opts}.",
        ],
        pool=[C("boat trip", s=1.0), C("plane trip", s=1.6), C("truck trip", s=1.3)],
        reqs=[
            NEED(
                "ducks",
                "can carry",
                "can carry",
                "the number of ducks carried",
                10,
                40,
                need=["At least {n} ducks must be transported.", "{Who} must move at least {n} ducks."],
                mx="number of ducks transported",
            )
        ],
        attrs=[COST(20, 90), TIME(2, 8, unit="hours")],
        total="trips",
        whole=["all trips", "the trips"],
        used="made",
        use="make",
        cat="type of trip",
        fill=["The market opens in {n} days.", "Ducks fetch a good price this season."],
    ),
    dict(
        who=("A rescue team", "the rescue team"),
        intro=[
            "After a flood, {a} must evacuate residents using {opts}.",
            "{A} is evacuating an island and can send {opts}.",
        ],
        pool=[
            C("helicopter trip", s=0.6),
            C("boat trip", s=1.0),
            C("bus trip", s=1.5),
            C("ferry trip", s=2.5),
        ],
        reqs=[
            NEED(
                "people",
                "can evacuate",
                "can evacuate",
                "the number of people evacuated",
                8,
                30,
                need=["At least {n} people must be evacuated.", "There are {n} residents who must be moved."],
                mx="number of people evacuated",
            )
        ],
        attrs=[FUEL(20, 120), COST(100, 600, 10), TIME(1, 5, unit="hours")],
        total="trips",
        whole=["all trips", "the trips"],
        used="made",
        use="make",
        cat="type of trip",
        fill=["The water level is expected to rise for {n} more hours.", "Roads to the area are closed."],
    ),
    dict(
        who=("A hospital", "the hospital"),
        intro=[
            "{A} is planning its staffing and can hire {opts}.",
            "{A} needs to staff a new ward with {opts}.",
        ],
        pool=[C("full-time nurse", s=1.0), C("part-time nurse", s=0.5), C("agency nurse", s=0.8)],
        reqs=[
            NEED(
                "hours per week",
                "works",
                "work",
                "the weekly hours",
                20,
                40,
                need=[
                    "The ward needs at least {n} hours of nursing per week.",
                    "At least {n} nurse-hours must be covered each week.",
                ],
                mx="total weekly nursing hours",
                lunit=" hours",
            ),
            NEED(
                "patients",
                "can care for",
                "can care for",
                "the number of patients handled",
                3,
                8,
                need=[
                    "At least {n} patients must be cared for.",
                    "The ward holds {n} patients, all of whom need care.",
                ],
                mx="number of patients cared for",
            ),
        ],
        attrs=[COST(600, 1500, 50, " per week")],
        total="nurses",
        whole=["the staff", "all nurses", "the nursing staff"],
        used="hired",
        use="hire",
        cat="type of nurse",
        fill=["The ward opened {n} months ago.", "Nurses rotate between wards every month."],
    ),
    dict(
        who=("A school district", "the district"),
        intro=[
            "{A} must bring students to a field trip and can rent {opts}.",
            "{A} is arranging transport for its students using {opts}.",
        ],
        pool=[
            C("large bus", "large buses", s=2.0),
            C("small bus", "small buses", s=1.0),
            C("minivan", s=0.4),
        ],
        reqs=[
            NEED(
                "students",
                "can seat",
                "can seat",
                "the seating capacity",
                15,
                30,
                need=["At least {n} students need a seat.", "There are {n} students going on the trip."],
                mx="number of students transported",
            )
        ],
        attrs=[
            COST(150, 500, 10, " per day"),
            POLL(10, 40, what="kilograms of CO2", verb="emits", verbp="emit"),
        ],
        total="vehicles",
        whole=["all vehicles", "the vehicles used"],
        used="rented",
        use="rent",
        cat="vehicle",
        fill=["The trip is scheduled for a Friday.", "The museum is {n} kilometers away."],
    ),
    dict(
        who=("A courier company", "the company"),
        intro=[
            "{A} delivers parcels across town using {opts}.",
            "{A} must plan tomorrow's deliveries with {opts}.",
        ],
        pool=[C("van", s=1.0), C("truck", s=2.5), C("cargo bike", s=0.3), C("car", s=0.6)],
        reqs=[
            NEED(
                "parcels",
                "can deliver",
                "can deliver",
                "the number of parcels delivered",
                40,
                120,
                5,
                need=[
                    "At least {n} parcels must be delivered.",
                    "There are {n} parcels waiting for delivery.",
                ],
                mx="number of parcels delivered",
            )
        ],
        attrs=[COST(40, 200, 5, " per day"), FUEL(5, 40), POLL(5, 30)],
        total="vehicles",
        whole=["the fleet", "all vehicles"],
        used="used",
        use="use",
        cat="vehicle",
        fill=["The depot opens at 6 am.", "Demand usually peaks before holidays."],
    ),
    dict(
        who=("A livestock farmer", "the farmer"),
        intro=["{A} mixes {opts} to feed the cattle.", "{A} is preparing a feed mix from {opts}."],
        pool=[M("corn"), M("soybean meal"), M("oats"), M("alfalfa"), M("barley")],
        reqs=[
            NUTR("protein", "units", 2, 12, need=["The mix must contain at least {n} units of protein."]),
            NUTR("fat", "units", 1, 8, need=["The mix must contain at least {n} units of fat."]),
            NUTR("fiber", "units", 1, 10, need=["The cattle need at least {n} units of fiber."]),
        ],
        attrs=[COST(0.5, 3, 0.1)],
        total="kilograms of feed",
        whole=["the mix", "the feed"],
        used="used",
        use="use",
        cat="ingredient",
        fill=["The herd has {n} cows.", "Feed prices changed last month."],
        frac=["Any amounts, including fractions of a kilogram, can be used."],
    ),
    dict(
        who=("A dietitian", "the dietitian"),
        intro=[
            "{A} is planning a meal from {opts}.",
            "{A} wants to combine {opts} for a patient's daily diet.",
        ],
        pool=[
            C("serving of rice", "servings of rice", name="rice"),
            C("serving of beans", "servings of beans", name="beans"),
            C("serving of chicken", "servings of chicken", name="chicken"),
            C("serving of milk", "servings of milk", name="milk"),
            C("serving of eggs", "servings of eggs", name="eggs"),
        ],
        reqs=[
            NUTR("protein", "grams", 3, 25, need=["The patient needs at least {n} grams of protein."]),
            NUTR(
                "calories",
                "units",
                80,
                300,
                10,
                need=["The diet must supply at least {n} units of calories."],
            ),
            NUTR("iron", "mg", 1, 6, need=["At least {n} mg of iron is required per day."]),
        ],
        attrs=[
            COST(1, 4, 0.25),
            A(
                "contains {n} grams of fat",
                "contain {n} grams of fat",
                "total fat intake",
                "the fat content",
                " grams",
                1,
                10,
                noun="grams of fat",
            ),
        ],
        total="servings",
        whole=["all servings", "the servings"],
        used="eaten",
        use="serve",
        cat="food",
        fill=["The patient is {n} years old.", "Meals are served three times a day."],
    ),
    dict(
        who=("A pharmacist", "the pharmacist"),
        intro=[
            "{A} recommends a mix of {opts} to a patient.",
            "{A} can prescribe {opts} to meet a patient's needs.",
        ],
        pool=[
            C("tablet of Pill A", "tablets of Pill A", name="Pill A"),
            C("tablet of Pill B", "tablets of Pill B", name="Pill B"),
            C("tablet of Pill C", "tablets of Pill C", name="Pill C"),
        ],
        reqs=[
            NUTR("vitamin C", "mg", 5, 40, need=["The patient needs at least {n} mg of vitamin C."]),
            NUTR("vitamin D", "units", 2, 15, need=["At least {n} units of vitamin D are required."]),
            NUTR("calcium", "mg", 10, 60, need=["The patient must get at least {n} mg of calcium."]),
        ],
        attrs=[
            COST(0.2, 2, 0.1),
            A(
                "contains {n} mg of sodium",
                "contain {n} mg of sodium",
                "total sodium intake",
                "the sodium content",
                " mg",
                1,
                9,
                noun="mg of sodium",
            ),
        ],
        total="tablets",
        whole=["all tablets", "the tablets taken"],
        used="taken",
        use="take",
        cat="pill",
        fill=["The prescription lasts {n} days.", "Both pills are available without a prescription."],
    ),
    dict(
        who=("A marketing firm", "the firm"),
        intro=["{A} is planning a campaign with {opts}.", "{A} can advertise a new product through {opts}."],
        pool=[
            C("TV ad", s=3.0),
            C("radio ad", s=1.0),
            C("newspaper ad", s=0.8),
            C("social media ad", s=1.2),
            C("billboard ad", s=1.5),
        ],
        reqs=[
            NEED(
                "viewers",
                "reaches",
                "reach",
                "the audience",
                2000,
                9000,
                100,
                need=[
                    "The campaign must reach at least {n} viewers.",
                    "At least {n} viewers must see the ads.",
                ],
                mx="total number of viewers reached",
            ),
            NEED(
                "young viewers",
                "reaches",
                "reach",
                "the young audience",
                300,
                1500,
                50,
                need=["At least {n} young viewers must be reached."],
                mx="number of young viewers reached",
            ),
        ],
        attrs=[COST(200, 2000, 50)],
        total="ads",
        whole=["all ads", "the ads"],
        used="bought",
        use="buy",
        cat="ad",
        mx=0.6,
        fill=["The product launches in {n} weeks.", "The firm's previous campaign was well received."],
    ),
    dict(
        who=("A cleaning company", "the company"),
        intro=[
            "{A} must clean an office tower and can send {opts}.",
            "{A} has {opts} available for a big contract.",
        ],
        pool=[C("large crew", s=2.0), C("small crew", s=1.0), C("night crew", s=1.4)],
        reqs=[
            NEED(
                "offices",
                "can clean",
                "can clean",
                "the number of offices cleaned",
                8,
                20,
                need=[
                    "At least {n} offices must be cleaned.",
                    "The tower has {n} offices that need cleaning.",
                ],
                mx="number of offices cleaned",
            )
        ],
        attrs=[
            COST(200, 600, 10, " per shift"),
            A(
                "uses {n} liters of detergent",
                "use {n} liters of detergent",
                "total detergent use",
                "the detergent use",
                " liters",
                3,
                12,
                noun="liters of detergent",
                res=True,
            ),
        ],
        total="crews",
        whole=["all crews", "the crews sent"],
        used="sent",
        use="send",
        cat="crew",
        fill=["The tower has {n} floors.", "Cleaning must happen outside office hours."],
    ),
    dict(
        who=("A call centre", "the call centre"),
        intro=["{A} is hiring {opts}.", "{A} needs to decide how many {opts} to schedule."],
        pool=[C("full-time agent", s=1.0), C("part-time agent", s=0.5), C("trainee", s=0.3)],
        reqs=[
            NEED(
                "calls per day",
                "can handle",
                "can handle",
                "the daily call volume handled",
                40,
                90,
                need=[
                    "At least {n} calls must be answered each day.",
                    "The centre receives {n} calls per day.",
                ],
                mx="number of calls handled per day",
                lunit=" calls",
            )
        ],
        attrs=[
            COST(80, 200, 5, " per day"),
            A(
                "needs {n} square meters of desk space",
                "need {n} square meters of desk space",
                "total desk space",
                "the desk space needed",
                " square meters",
                2,
                6,
                noun="square meters of desk space",
                res=True,
            ),
        ],
        total="agents",
        whole=["the staff", "all agents"],
        used="scheduled",
        use="schedule",
        cat="type of agent",
        fill=["The centre is open {n} hours a day.", "Most calls are about billing."],
    ),
    dict(
        who=("A mining company", "the company"),
        intro=["{A} operates {opts}.", "{A} can extract ore at {opts}."],
        pool=[H("Mine A", 1.0), H("Mine B", 1.3), H("Mine C", 0.8)],
        reqs=[
            NUTR(
                "high-grade ore",
                "tons",
                1,
                6,
                verb="yields",
                verbp="yield",
                need=["At least {n} tons of high-grade ore are required."],
            ),
            NUTR(
                "low-grade ore",
                "tons",
                2,
                10,
                verb="yields",
                verbp="yield",
                need=["The smelter needs at least {n} tons of low-grade ore."],
            ),
        ],
        attrs=[COST(100, 500, 10), POLL(2, 12, what="units of dust")],
        total="operating hours",
        whole=["the operating hours", "the total hours"],
        used="scheduled",
        use="schedule",
        cat="mine",
        fill=["The mines employ {n} workers.", "Ore prices are volatile this year."],
        frac=["Mines can operate for fractional hours."],
    ),
    dict(
        who=("A gardener", "the gardener"),
        intro=["{A} is fertilizing a lawn with {opts}.", "{A} can buy {opts} for a large lawn."],
        pool=[M("Fertilizer A"), M("Fertilizer B"), M("Fertilizer C")],
        reqs=[
            NUTR("nitrogen", "units", 1, 8, need=["The lawn needs at least {n} units of nitrogen."]),
            NUTR(
                "phosphoric acid", "units", 1, 6, need=["At least {n} units of phosphoric acid are required."]
            ),
            NUTR("potash", "units", 1, 5, need=["The lawn requires at least {n} units of potash."]),
        ],
        attrs=[
            COST(0.5, 4, 0.5),
            A(
                "releases {n} units of runoff",
                "release {n} units of runoff",
                "total runoff",
                "the runoff",
                " units",
                1,
                6,
                noun="units of runoff",
            ),
        ],
        total="kilograms of fertilizer",
        whole=["the fertilizer used", "the mixture"],
        used="applied",
        use="apply",
        cat="fertilizer",
        fill=["The lawn covers {n} square meters.", "It has not rained for a week."],
        frac=["Fertilizer can be bought in fractional amounts."],
    ),
    dict(
        who=("A moving company", "the company"),
        intro=["{A} has a big relocation job and can use {opts}.", "{A} is moving an office using {opts}."],
        pool=[C("large truck", s=2.5), C("small truck", s=1.0), C("van", s=0.6)],
        reqs=[
            NEED(
                "boxes",
                "can carry",
                "can carry",
                "the number of boxes carried",
                30,
                80,
                5,
                need=["At least {n} boxes must be moved.", "The office has {n} boxes to move."],
                mx="number of boxes moved",
            )
        ],
        attrs=[
            COST(100, 400, 10),
            A(
                "needs {n} movers",
                "need {n} movers",
                "total number of movers",
                "the crew size",
                " movers",
                2,
                4,
                noun="movers",
                res=True,
            ),
            FUEL(10, 50),
        ],
        total="vehicles",
        whole=["all vehicles", "the vehicles"],
        used="used",
        use="use",
        cat="vehicle",
        fill=["The new office is {n} kilometers away.", "The move happens on a weekend."],
    ),
    dict(
        who=("A concert organizer", "the organizer"),
        intro=["{A} must staff security with {opts}.", "{A} is hiring {opts} for a stadium concert."],
        pool=[C("security guard", s=1.0), C("police officer", s=1.5), C("volunteer steward", s=0.5)],
        reqs=[
            NEED(
                "guests",
                "can supervise",
                "can supervise",
                "the number of guests supervised",
                50,
                150,
                10,
                need=["At least {n} guests must be supervised.", "The concert expects {n} guests."],
                mx="number of guests supervised",
            )
        ],
        attrs=[COST(60, 300, 10, " per night")],
        total="staff members",
        whole=["the security staff", "all staff"],
        used="hired",
        use="hire",
        cat="type of staff",
        fill=["The concert lasts {n} hours.", "Tickets sold out in a day."],
    ),
    dict(
        who=("A city", "the city"),
        intro=[
            "During a drought, {a} delivers water to villages using {opts}.",
            "{A} is sending drinking water with {opts}.",
        ],
        pool=[C("large tanker", s=2.0), C("small tanker", s=1.0), C("pickup truck", s=0.3)],
        reqs=[
            NEED(
                "liters of water",
                "can carry",
                "can carry",
                "the capacity",
                2000,
                6000,
                500,
                need=[
                    "At least {n} liters of water must be delivered.",
                    "The villages need {n} liters of water.",
                ],
                mx="amount of water delivered",
                lunit=" liters",
            )
        ],
        attrs=[COST(100, 500, 10), FUEL(20, 80)],
        total="vehicles",
        whole=["all vehicles", "the vehicles"],
        used="sent",
        use="send",
        cat="vehicle",
        fill=["The drought has lasted {n} weeks.", "The villages are in the hills."],
    ),
    dict(
        who=("A waste company", "the company"),
        intro=["{A} collects garbage using {opts}.", "{A} can assign {opts} to a new district."],
        pool=[C("compactor truck", s=2.0), C("pickup truck", s=0.5), C("side-loader", s=1.2)],
        reqs=[
            NEED(
                "tons of waste",
                "can collect",
                "can collect",
                "the daily collection",
                3,
                12,
                need=["At least {n} tons of waste must be collected daily."],
                mx="amount of waste collected",
                lunit=" tons",
            )
        ],
        attrs=[COST(200, 700, 10, " per day"), POLL(10, 50)],
        total="trucks",
        whole=["the trucks", "all trucks"],
        used="assigned",
        use="assign",
        cat="truck",
        fill=["The district has {n} streets.", "Collection happens before 7 am."],
    ),
    dict(
        who=("A factory", "the factory"),
        intro=[
            "{A} produces its own electricity using {opts}.",
            "{A} can run {opts} to cover its power demand.",
        ],
        pool=[H("the gas generator", 1.0), H("the diesel generator", 1.2), H("the solar backup unit", 0.5)],
        reqs=[
            NEED(
                "kWh",
                "produces",
                "produce",
                "the output",
                20,
                80,
                5,
                need=["At least {n} kWh must be generated.", "The factory needs {n} kWh of electricity."],
                mx="total electricity generated",
                lunit=" kWh",
            )
        ],
        attrs=[COST(20, 90, 5), POLL(5, 40, what="kilograms of CO2", verb="emits", verbp="emit")],
        total="generator hours",
        whole=["the running time", "the total hours"],
        used="run",
        use="run",
        cat="generator",
        fill=["The factory runs {n} shifts.", "Grid power was cut last week."],
    ),
    dict(
        who=("A juice company", "the company"),
        intro=["{A} blends {opts} into a health drink.", "{A} makes a vitamin drink from {opts}."],
        pool=[
            M("orange juice", "liter"),
            M("apple juice", "liter"),
            M("carrot juice", "liter"),
            M("mango juice", "liter"),
        ],
        reqs=[
            NUTR(
                "vitamin C", "mg", 50, 400, 10, need=["The batch must contain at least {n} mg of vitamin C."]
            ),
            NUTR("vitamin A", "units", 10, 90, 5, need=["At least {n} units of vitamin A are required."]),
        ],
        attrs=[
            COST(1, 5, 0.5),
            A(
                "contains {n} grams of sugar",
                "contain {n} grams of sugar",
                "total sugar",
                "the sugar content",
                " grams",
                20,
                100,
                5,
                noun="grams of sugar",
            ),
        ],
        total="liters of juice",
        whole=["the blend", "the drink"],
        used="used",
        use="use",
        cat="juice",
        fill=["The drink is sold in {n} stores.", "Fresh fruit arrives every morning."],
    ),
    dict(
        who=("An airline", "the airline"),
        intro=[
            "{A} must move passengers between two cities using {opts}.",
            "{A} is scheduling {opts} for a holiday weekend.",
        ],
        pool=[
            C("small plane flight", s=1.0),
            C("large plane flight", s=2.5),
            C("regional jet flight", s=1.6),
        ],
        reqs=[
            NEED(
                "passengers",
                "can carry",
                "can carry",
                "the seating capacity",
                50,
                150,
                10,
                need=["At least {n} passengers must be transported.", "{Who} has sold {n} tickets."],
                mx="number of passengers carried",
            )
        ],
        attrs=[COST(2000, 9000, 100), FUEL(500, 2000, 50)],
        total="flights",
        whole=["all flights", "the flights"],
        used="scheduled",
        use="schedule",
        cat="type of flight",
        fill=["The cities are {n} kilometers apart.", "Holiday demand is high."],
    ),
    dict(
        who=("A car ferry operator", "the operator"),
        intro=["{A} moves cars across a river using {opts}.", "{A} runs {opts} across the bay."],
        pool=[C("ferry crossing", s=2.0), C("barge crossing", s=1.0), C("shuttle boat crossing", s=0.5)],
        reqs=[
            NEED(
                "cars",
                "can take",
                "can take",
                "the car capacity",
                10,
                40,
                need=["At least {n} cars must be moved today.", "There are {n} cars waiting to cross."],
                mx="number of cars moved",
            )
        ],
        attrs=[COST(80, 300, 10), FUEL(30, 100)],
        total="crossings",
        whole=["all crossings", "the crossings"],
        used="made",
        use="make",
        cat="crossing",
        fill=["The river is {n} meters wide.", "A bridge is under construction."],
    ),
    dict(
        who=("An IT department", "the department"),
        intro=["{A} handles support tickets with {opts}.", "{A} is staffing its help desk with {opts}."],
        pool=[C("senior technician", s=1.6), C("junior technician", s=1.0), C("contractor", s=1.2)],
        reqs=[
            NEED(
                "tickets per day",
                "can resolve",
                "can resolve",
                "the daily ticket capacity",
                8,
                20,
                need=["At least {n} tickets must be resolved each day."],
                mx="number of tickets resolved",
                lunit=" tickets",
            )
        ],
        attrs=[COST(150, 400, 10, " per day")],
        total="technicians",
        whole=["the team", "the help desk staff"],
        used="hired",
        use="hire",
        cat="type of technician",
        fill=["The company has {n} employees.", "Most tickets are password resets."],
    ),
    dict(
        who=("A warehouse", "the warehouse"),
        intro=["{A} moves pallets with {opts}.", "{A} can rent {opts} for the busy season."],
        pool=[C("forklift", s=2.0), C("pallet jack", s=0.6), C("reach truck", s=1.5)],
        reqs=[
            NEED(
                "pallets per hour",
                "can move",
                "can move",
                "the hourly throughput",
                10,
                30,
                need=["At least {n} pallets per hour must be moved."],
                mx="number of pallets moved per hour",
                lunit=" pallets",
            )
        ],
        attrs=[
            COST(30, 120, 5, " per hour"),
            A(
                "uses {n} kWh of electricity",
                "use {n} kWh of electricity",
                "total electricity use",
                "the power use",
                " kWh",
                2,
                10,
                noun="kWh of electricity",
                res=True,
            ),
        ],
        total="machines",
        whole=["the machines", "the equipment"],
        used="rented",
        use="rent",
        cat="machine",
        fill=["The warehouse has {n} loading docks.", "The busy season lasts two months."],
    ),
    dict(
        who=("A health department", "the department"),
        intro=["{A} is running a vaccination clinic with {opts}.", "{A} staffs its clinic with {opts}."],
        pool=[C("nurse", s=1.0), C("pharmacist", s=0.8), C("doctor", s=0.6)],
        reqs=[
            NEED(
                "vaccinations per day",
                "can give",
                "can give",
                "the daily vaccinations",
                30,
                80,
                5,
                need=["At least {n} people must be vaccinated each day."],
                mx="number of vaccinations given",
                lunit=" vaccinations",
            )
        ],
        attrs=[COST(200, 700, 10, " per day")],
        total="staff",
        whole=["the clinic staff", "all staff"],
        used="assigned",
        use="assign",
        cat="profession",
        fill=["The clinic is open {n} hours a day.", "Walk-ins are welcome."],
    ),
    dict(
        who=("A town", "the town"),
        intro=["{A} clears snow with {opts}.", "After a storm, {a} sends out {opts}."],
        pool=[C("snow plow", s=1.5), C("salt truck", s=1.0), C("small plow", s=0.6)],
        reqs=[
            NEED(
                "kilometers of road",
                "can clear",
                "can clear",
                "the road length cleared",
                5,
                20,
                need=[
                    "At least {n} kilometers of road must be cleared.",
                    "The town has {n} kilometers of road.",
                ],
                mx="length of road cleared",
                lunit=" kilometers",
            )
        ],
        attrs=[COST(100, 400, 10, " per shift"), FUEL(20, 70)],
        total="vehicles",
        whole=["all vehicles", "the vehicles"],
        used="sent out",
        use="send out",
        cat="vehicle",
        fill=["The storm dropped {n} centimeters of snow.", "Schools are closed today."],
    ),
    dict(
        who=("A refinery", "the refinery"),
        intro=["{A} processes {opts}.", "{A} can buy {opts} from two suppliers."],
        pool=[M("light crude", "barrel"), M("heavy crude", "barrel"), M("medium crude", "barrel")],
        reqs=[
            NUTR(
                "gasoline",
                "gallons",
                5,
                20,
                verb="yields",
                verbp="yield",
                need=["At least {n} gallons of gasoline must be produced."],
            ),
            NUTR(
                "diesel",
                "gallons",
                3,
                15,
                verb="yields",
                verbp="yield",
                need=["The refinery must produce at least {n} gallons of diesel."],
            ),
        ],
        attrs=[COST(40, 90)],
        total="barrels",
        whole=["the crude processed", "the crude mix"],
        used="processed",
        use="process",
        cat="crude",
        fill=["The refinery was built {n} years ago.", "Oil prices rose this quarter."],
        frac=["Fractional barrels may be processed."],
    ),
    dict(
        who=("A pet owner", "the owner"),
        intro=["{A} feeds a dog with {opts}.", "{A} combines {opts} for a dog's diet."],
        pool=[
            C("can of Brand A", "cans of Brand A", name="Brand A"),
            C("can of Brand B", "cans of Brand B", name="Brand B"),
            C("bag of kibble", "bags of kibble", name="kibble"),
        ],
        reqs=[
            NUTR("protein", "grams", 10, 40, need=["The dog needs at least {n} grams of protein per week."]),
            NUTR("fat", "grams", 5, 20, need=["The dog needs at least {n} grams of fat per week."]),
        ],
        attrs=[COST(1, 6, 0.5)],
        total="cans and bags",
        whole=["the food bought", "all food items"],
        used="bought",
        use="buy",
        cat="food",
        fill=["The dog weighs {n} kilograms.", "The vet recommends a varied diet."],
    ),
    dict(
        who=("A data center", "the data center"),
        intro=["{A} handles web traffic with {opts}.", "{A} can install {opts}."],
        pool=[C("large server", s=2.5), C("small server", s=1.0), C("GPU server", s=4.0)],
        reqs=[
            NEED(
                "requests per second",
                "can handle",
                "can handle",
                "the throughput",
                200,
                800,
                50,
                need=["At least {n} requests per second must be served."],
                mx="total throughput",
                lunit=" requests",
            )
        ],
        attrs=[
            COST(500, 2000, 50),
            A(
                "uses {n} watts of power",
                "use {n} watts of power",
                "total power draw",
                "the power draw",
                " watts",
                100,
                400,
                10,
                noun="watts of power",
                res=True,
            ),
        ],
        total="servers",
        whole=["all servers", "the servers"],
        used="installed",
        use="install",
        cat="server",
        fill=["The building has {n} racks.", "Traffic doubles during sales."],
    ),
    dict(
        who=("A forestry agency", "the agency"),
        intro=["{A} is replanting a burned area with {opts}.", "{A} hires {opts} to plant trees."],
        pool=[C("professional crew", s=2.0), C("volunteer group", s=0.8), C("contractor team", s=1.5)],
        reqs=[
            NEED(
                "trees per day",
                "can plant",
                "can plant",
                "the planting rate",
                100,
                400,
                10,
                need=["At least {n} trees must be planted each day."],
                mx="number of trees planted",
                lunit=" trees",
            )
        ],
        attrs=[
            COST(200, 900, 10, " per day"),
            A(
                "needs {n} shovels",
                "need {n} shovels",
                "total number of shovels",
                "the number of shovels needed",
                " shovels",
                3,
                10,
                noun="shovels",
                res=True,
            ),
        ],
        total="teams",
        whole=["all teams", "the teams"],
        used="hired",
        use="hire",
        cat="team",
        fill=["The fire burned {n} hectares.", "Planting starts in spring."],
    ),
    dict(
        who=("An ambulance service", "the service"),
        intro=["{A} covers a region with {opts}.", "{A} can station {opts} in a new district."],
        pool=[C("ambulance", s=1.0), C("rapid response car", s=0.6), C("paramedic motorcycle", s=0.4)],
        reqs=[
            NEED(
                "calls per day",
                "can respond to",
                "can respond to",
                "the daily call capacity",
                6,
                15,
                need=["At least {n} emergency calls per day must be covered."],
                mx="number of calls covered",
                lunit=" calls",
            )
        ],
        attrs=[
            COST(300, 900, 10, " per day"),
            A(
                "needs {n} paramedics",
                "need {n} paramedics",
                "total number of paramedics",
                "the number of paramedics needed",
                " paramedics",
                1,
                3,
                noun="paramedics",
                res=True,
            ),
        ],
        total="vehicles",
        whole=["the fleet", "all vehicles"],
        used="stationed",
        use="station",
        cat="vehicle",
        fill=["The district has {n} residents.", "Response times must improve."],
    ),
    dict(
        who=("A construction firm", "the firm"),
        intro=["{A} must haul gravel to a site using {opts}.", "{A} is hauling gravel with {opts}."],
        pool=[C("dump truck", s=2.0), C("tractor trailer", s=3.0), C("pickup truck", s=0.5)],
        reqs=[
            NEED(
                "tons of gravel",
                "can haul",
                "can haul",
                "the load",
                5,
                20,
                need=["At least {n} tons of gravel must be delivered.", "The site needs {n} tons of gravel."],
                mx="amount of gravel hauled",
                lunit=" tons",
            )
        ],
        attrs=[COST(150, 600, 10), FUEL(15, 60), POLL(5, 30)],
        total="trucks",
        whole=["all trucks", "the trucks"],
        used="used",
        use="use",
        cat="truck",
        fill=["The site is {n} kilometers from the quarry.", "Work starts on Monday."],
    ),
    dict(
        who=("A zoo", "the zoo"),
        intro=["{A} feeds its gorillas a mix of {opts}.", "{A} prepares a daily ration from {opts}."],
        pool=[M("bananas"), M("leafy greens"), M("monkey pellets"), M("sweet potatoes")],
        reqs=[
            NUTR("fiber", "units", 2, 10, need=["The ration must contain at least {n} units of fiber."]),
            NUTR("sugar", "units", 1, 8, need=["The gorillas need at least {n} units of sugar."]),
            NUTR("protein", "units", 1, 9, need=["The ration must provide at least {n} units of protein."]),
        ],
        attrs=[COST(1, 5, 0.5)],
        total="kilograms of food",
        whole=["the ration", "the mix"],
        used="used",
        use="use",
        cat="food",
        fill=["The zoo has {n} gorillas.", "The zookeeper weighs the food each morning."],
    ),
    dict(
        who=("A bakery", "the bakery"),
        intro=["{A} must bake bread for a festival using {opts}.", "{A} can run {opts} overnight."],
        pool=[
            C("batch in the large oven", "batches in the large oven", 2.0, name="large oven"),
            C("batch in the small oven", "batches in the small oven", 1.0, name="small oven"),
            C("batch in the convection oven", "batches in the convection oven", 1.4, name="convection oven"),
        ],
        reqs=[
            NEED(
                "loaves",
                "produces",
                "produce",
                "the output",
                20,
                60,
                5,
                need=["At least {n} loaves must be baked.", "The festival ordered {n} loaves."],
                mx="number of loaves baked",
            )
        ],
        attrs=[
            COST(20, 80, 5),
            A(
                "uses {n} kWh of energy",
                "use {n} kWh of energy",
                "total energy use",
                "the energy use",
                " kWh",
                5,
                25,
                noun="kWh of energy",
                res=True,
            ),
            TIME(1, 3, unit="hours of oven time", verb="needs", verbp="need"),
        ],
        total="batches",
        whole=["all batches", "the batches"],
        used="baked",
        use="bake",
        cat="oven",
        fill=["The festival lasts {n} days.", "Bread must be fresh."],
    ),
    dict(
        who=("A shipping company", "the company"),
        intro=["{A} ships goods overseas in {opts}.", "{A} can load cargo into {opts}."],
        pool=[C("large container", s=2.0), C("small container", s=1.0), C("refrigerated container", s=1.2)],
        reqs=[
            NEED(
                "tons of cargo",
                "can hold",
                "can hold",
                "the capacity",
                5,
                25,
                need=[
                    "At least {n} tons of cargo must be shipped.",
                    "A client wants {n} tons of cargo shipped.",
                ],
                mx="amount of cargo shipped",
                lunit=" tons",
            )
        ],
        attrs=[
            COST(500, 2500, 50),
            A(
                "takes up {n} square meters of deck space",
                "take up {n} square meters of deck space",
                "total deck space used",
                "the deck space",
                " square meters",
                10,
                30,
                noun="square meters of deck space",
                res=True,
            ),
        ],
        total="containers",
        whole=["all containers", "the containers"],
        used="loaded",
        use="load",
        cat="container",
        fill=["The voyage takes {n} days.", "Port fees rose this year."],
    ),
    dict(
        who=("A tutoring center", "the center"),
        intro=["{A} offers exam preparation using {opts}.", "{A} can schedule {opts} before exams."],
        pool=[C("group session", s=3.0), C("private lesson", s=1.0), C("online workshop", s=5.0)],
        reqs=[
            NEED(
                "students",
                "can serve",
                "can serve",
                "the number of students served",
                2,
                10,
                need=["At least {n} students must be served.", "{n} students signed up for help."],
                mx="number of students served",
            )
        ],
        attrs=[COST(30, 120, 5), TIME(1, 3, unit="hours of tutor time", verb="requires", verbp="require")],
        total="sessions",
        whole=["all sessions", "the sessions"],
        used="scheduled",
        use="schedule",
        cat="session type",
        fill=["Exams start in {n} weeks.", "Tutors are mostly graduate students."],
    ),
    dict(
        who=("A plant nursery", "the nursery"),
        intro=["{A} prepares potting soil from {opts}.", "{A} blends {opts} into a growing medium."],
        pool=[M("compost"), M("peat"), M("perlite"), M("bark mulch")],
        reqs=[
            NUTR(
                "organic matter",
                "units",
                2,
                9,
                need=["The blend needs at least {n} units of organic matter."],
            ),
            NUTR("nitrogen", "units", 1, 5, need=["At least {n} units of nitrogen are needed."]),
        ],
        attrs=[COST(0.5, 3, 0.25)],
        total="kilograms of material",
        whole=["the blend", "the soil mix"],
        used="used",
        use="use",
        cat="material",
        fill=["The nursery grows {n} kinds of plants.", "Spring orders are piling up."],
        frac=["Amounts do not have to be whole numbers."],
    ),
]


D += [
    dict(
        who=("A landscaper", "the landscaper"),
        intro=[
            "{A} is preparing garden beds with {opts}.",
            "{A} can improve the soil of a park using {opts}.",
        ],
        pool=[
            C("bag of fertilizer", "bags of fertilizer", 1.5, name="fertilizer"),
            M("compost", s=0.4),
            M("manure", s=0.6),
        ],
        reqs=[
            NUTR("nitrogen", "units", 2, 8, need=["The beds need at least {n} units of nitrogen."]),
            NUTR(
                "organic matter", "units", 2, 10, need=["At least {n} units of organic matter must be added."]
            ),
        ],
        attrs=[COST(2, 10, 0.5)],
        total="units of material",
        whole=["the material used", "the soil additives"],
        used="used",
        use="use",
        cat="soil additive",
        fill=["The park has {n} flower beds.", "Planting begins next week."],
        fracmix=[
            "Fertilizer is sold only in whole bags, while the other materials can be bought in any amount."
        ],
    ),
    dict(
        who=("A construction crew", "the crew"),
        intro=["{A} is making a concrete pad from {opts}.", "{A} buys {opts} for a foundation."],
        pool=[
            C("bag of cement", "bags of cement", 1.0, name="cement"),
            M("sand", "ton", s=4.0),
            M("gravel", "ton", s=5.0),
        ],
        reqs=[
            NUTR(
                "binding strength",
                "units",
                2,
                6,
                verb="adds",
                verbp="add",
                need=["The pad needs at least {n} units of binding strength."],
            ),
            NUTR(
                "volume",
                "units",
                1,
                4,
                verb="adds",
                verbp="add",
                need=["At least {n} units of volume are required."],
            ),
        ],
        attrs=[COST(8, 20, 1)],
        total="units of material",
        whole=["the material", "the mix"],
        used="bought",
        use="buy",
        cat="material",
        fill=["The pad is {n} meters long.", "Rain is forecast for Thursday."],
        fracmix=["Cement comes in whole bags; the other materials can be ordered in fractional tons."],
    ),
]


# --------------------------------------------------------------------------------------------
# sentence builders


def _fmt_attr(rng: random.Random, attr: dict, v: float) -> str:
    return _tn(rng, v, attr.get("money", False))


def _data_sentences(rng: random.Random, opts: list[dict], attrs: list[tuple[dict, list[float]]]) -> list[str]:
    """Facts about the options: grouped per option or per attribute."""
    out: list[str] = []
    k = len(opts)
    if rng.random() < 0.45:  # per option
        for i, o in enumerate(opts):
            phrases = [a["sg"].format(n=_fmt_attr(rng, a, vals[i])) for a, vals in attrs]
            subj = rng.choice([o["each"], o["a"]]) if i == 0 else rng.choice([o["each"], o["a"], o["each"]])
            if len(phrases) >= 3 and rng.random() < 0.4:
                out.append(
                    f"{_cap(subj)} {_join(phrases[:-1])}. It also {phrases[-1]}.".replace(
                        "also can ", "can also "
                    )
                )
            elif len(phrases) == 1 and rng.random() < 0.3 and i > 0:
                out.append(f"{_cap(subj)}, on the other hand, {phrases[0]}.")
            else:
                out.append(f"{_cap(subj)} {_join(phrases)}.")
        if k >= 2 and rng.random() < 0.3:
            # merge the first two sentences with "while"
            a, b = out[0].rstrip("."), out[1]
            out = [f"{a}, while {b[0].lower()}{b[1:]}"] + out[2:]
        return out
    for a, vals in attrs:
        style = rng.random()
        nums = [_fmt_attr(rng, a, v) for v in vals]
        if style < 0.35:
            parts = [a["sg"].format(n=nums[i]) for i in range(k)]
            subs = [rng.choice([o["each"], o["a"]]) for o in opts]
            items = [f"{s} {p}" for s, p in zip(subs, parts, strict=True)]
            if k == 2 and rng.random() < 0.6:
                out.append(f"{_cap(items[0])}, while {items[1]}.")
            else:
                out.append(_cap(_join(items)) + ".")
        elif style < 0.7:
            subs = _join([o["a"] for o in opts])
            out.append(f"{_cap(subs)} {a['pl'].format(n=_join(nums))}, respectively.")
        else:
            unit = "" if a.get("money") else a["lunit"]
            items = [f"{n}{unit} {o['per']}" for n, o in zip(nums, opts, strict=True)]
            lab = a["label"]
            out.append(
                rng.choice([f"{_cap(lab)} is {_join(items)}.", f"{_cap(lab)} comes to {_join(items)}."])
            )
    return out


def _need_sentence(rng: random.Random, req: dict, n: float, who: str) -> str:
    ns = _tn(rng, n)
    generic = [
        f"A minimum of {ns} {req['noun']} is required.",
        f"At least {ns} {req['noun']} are needed.",
        f"{_cap(who)} needs at least {ns} {req['noun']}.",
        f"The requirement is at least {ns} {req['noun']}.",
        f"The plan must cover at least {ns} {req['noun']}.",
    ]
    own = [t.format(n=ns, Who=_cap(who)) for t in req["need"]]
    return rng.choice(own + own + generic)


def _limit_sentence(rng: random.Random, attr: dict, b: float, who: str) -> str:
    bs = _tn(rng, b, attr.get("money", False))
    if attr.get("money"):
        return rng.choice(
            [
                f"The budget is {bs}.",
                f"{_cap(who)} has a budget of {bs}.",
                f"At most {bs} can be spent.",
                f"Total spending cannot exceed {bs}.",
                f"{_cap(who)} can spend no more than {bs}.",
                f"There is a budget of {bs} available.",
            ]
        )
    forms = [
        f"The {attr['total']} must not exceed {bs} {attr['noun']}.",
        f"The {attr['total']} can be at most {bs} {attr['noun']}.",
        f"{_cap(who)} must keep the {attr['total']} to at most {bs} {attr['noun']}.",
    ]
    if attr.get("res"):
        forms += [
            f"At most {bs} {attr['noun']} are available.",
            f"There are only {bs} {attr['noun']} available.",
        ]
    return rng.choice(forms)


def _ratio_word(rng: random.Random, k: float) -> str:
    if k == 2:
        return rng.choice(["twice", "two times", "double"])
    if k == 3:
        return rng.choice(["three times", "triple", "3 times"])
    return f"{_pn(k)} times"


# --------------------------------------------------------------------------------------------
# the generator


def sample(rng: random.Random) -> tuple[str, str]:
    """One (problem text, program)."""
    text, program, _ = sample_named(rng)
    return text, program


def sample_named(rng: random.Random) -> tuple[str, str, list[list[str]]]:
    """One (problem text, program, names): `names[k]` lists the strings under which the entity of
    x{k+1} is named in the text. Why: the pointer model is trained to point at the first place each
    variable's entity is named (stories.first_mention); the names come from the chosen options, so
    they stay right whatever the templates say. Draws from `rng` exactly as `sample` always did."""
    dom = rng.choice(D)
    nv = rng.choices([2, 3, 4], weights=[6, 3, 1])[0]
    nv = min(nv, len(dom["pool"]))
    opts = rng.sample(dom["pool"], nv)
    kind = opts[0]["kind"] if all(o["kind"] == opts[0]["kind"] for o in opts) else "mixed"
    who_a, who = dom["who"]

    # a hidden feasible plan
    xs = [rng.randint(2, 25) if o["kind"] == "I" else rng.randint(3, 60) for o in opts]

    def vals_for(a: dict) -> list[float]:
        out = []
        base = rng.uniform(a["lo"], a["hi"])
        for o in opts:
            v = base * o["s"] * rng.uniform(0.75, 1.25)
            out.append(_round_step(v, a["step"]))
        return out

    mode = "min"
    if rng.random() < dom.get("mx", 0.18):
        mode = "max"
    nreq = 1
    if len(dom["reqs"]) > 1:
        nreq = rng.choices([1, 2, 3], weights=[4, 5, 2])[0]
        nreq = min(nreq, len(dom["reqs"]))
    reqs = rng.sample(dom["reqs"], nreq)
    if mode == "max" and nreq == 1 and len(dom["reqs"]) == 1:
        pass
    attrs = list(dom["attrs"])
    rng.shuffle(attrs)
    obj_kind = "attr"
    if mode == "min" and kind == "I" and rng.random() < 0.15:
        obj_kind = "count"
    objattr = None
    limattr = None
    if mode == "max":
        money = [a for a in attrs if a.get("money")]
        limattr = money[0] if money else attrs[0]
    else:
        if obj_kind == "attr":
            objattr = attrs[0]
            rest = attrs[1:]
            if rest and rng.random() < 0.5:
                limattr = rest[0]
        elif rng.random() < 0.6:
            limattr = attrs[0]

    reqvals = [(r, vals_for(r)) for r in reqs]
    objvals = vals_for(objattr) if objattr else None
    limvals = vals_for(limattr) if limattr else None

    def expr(coefs: list[float]) -> str:
        terms = []
        for i, c in enumerate(coefs):
            if c == 1:
                terms.append(f"x{i + 1}")
            else:
                terms.append(f"{_pn(c)} x{i + 1}")
        return " + ".join(terms)

    allx = " + ".join(f"x{i + 1}" for i in range(nv))
    dot = lambda c: sum(ci * xi for ci, xi in zip(c, xs, strict=True))  # noqa: E731

    # ---- facts: (sentence, constraint-or-None); needs may come before or after the data
    data_attrs: list[tuple[dict, list[float]]] = list(reqvals)
    if objattr:
        data_attrs.append((objattr, objvals))
    if limattr:
        data_attrs.append((limattr, limvals))
    if rng.random() < 0.3:
        rng.shuffle(data_attrs)

    if mode == "max":
        maxreq, maxvals = reqvals[0]
        cover = reqvals[1:]
    else:
        maxreq, maxvals = None, None
        cover = reqvals

    need_lines: list[tuple[str, str]] = []
    for r, v in cover:
        n = _nice_floor(dot(v))
        need_lines.append((_need_sentence(rng, r, n, who), f"{expr(v)} >= {_pn(n)}"))
    lim_line = None
    if limattr:
        b = _nice_ceil(dot(limvals) * rng.uniform(1.0, 1.35))
        if limattr.get("step", 1) < 1 and not limattr.get("money"):
            b = _nice_ceil(b)
        lim_line = (_limit_sentence(rng, limattr, b, who), f"{expr(limvals)} <= {_pn(b)}")

    # ---- side constraints, each satisfied by xs
    side: list[tuple[str, str]] = []
    nside = rng.choices([0, 1, 2, 3], weights=[2, 5, 4, 1])[0]
    if mode == "max" and not cover:
        nside = max(nside, 1)
    kinds = ["cap", "min", "prop", "ratio", "asmany", "diff", "total", "cap", "prop"]
    rng.shuffle(kinds)
    used_kinds: list[str] = []
    capped: list[int] = []
    unit_total = dom["total"]
    for kd in kinds:
        if len(side) >= nside:
            break
        if kd in used_kinds and kd != "cap":
            continue
        if kind == "mixed" and kd in ("prop", "total"):
            continue
        i = rng.randrange(nv)
        o = opts[i]
        if kd == "cap":
            if i in capped:
                continue
            capped.append(i)
            c = xs[i] + rng.randint(0, 6)
            cs = _small(rng, c)
            s = rng.choice(
                [
                    f"At most {o['q'](cs)} can be {dom['used']}.",
                    f"No more than {o['q'](cs)} are available.",
                    f"{_cap(who)} can {dom['use']} at most {o['q'](cs)}.",
                    f"Due to {rng.choice(['limited availability', 'capacity limits', 'regulations', 'space limits'])}"
                    f", {o['ref']} cannot exceed {cs}.",
                    f"{_cap(o['ref'])} is limited to {cs}.",
                ]
            )
            side.append((s, f"x{i + 1} <= {_pn(c)}"))
        elif kd == "min":
            if xs[i] >= 2 and rng.random() < 0.8:
                m = rng.randint(2, xs[i])
                ms = _small(rng, m)
                s = rng.choice(
                    [
                        f"At least {o['q'](ms)} must be {dom['used']}.",
                        f"{_cap(who)} must {dom['use']} at least {o['q'](ms)}.",
                        f"{_cap(o['ref'])} must be at least {ms}.",
                        f"A minimum of {o['q'](ms)} is required.",
                    ]
                )
                side.append((s, f"x{i + 1} >= {_pn(m)}"))
            elif o["one"]:
                s = rng.choice(
                    [
                        f"At least {o['one']} must be {dom['used']}.",
                        f"{_cap(who)} must {dom['use']} at least {o['one']}.",
                    ]
                )
                side.append((s, f"x{i + 1} >= 1"))
        elif kd == "prop":
            share = xs[i] / sum(xs)
            whole = rng.choice(dom["whole"])
            if rng.random() < 0.5 and share >= 0.12:
                pct = int(share * 20) * 5
                pct = max(5, pct - 5 * rng.randint(0, 2))
                ps = f"{pct}%" if rng.random() < 0.75 else f"{pct} percent"
                s = rng.choice(
                    [
                        f"At least {ps} of {whole} must be {o['short']}.",
                        f"{_cap(o['short'])} must make up at least {ps} of {whole}.",
                        f"No less than {ps} of {whole} should be {o['short']}.",
                    ]
                )
                side.append((s, f"x{i + 1} >= {_pn(pct / 100)} ( {allx} )"))
            elif share <= 0.85:
                pct = (int(share * 20) + 1) * 5 + 5 * rng.randint(0, 2)
                pct = min(pct, 95)
                ps = f"{pct}%" if rng.random() < 0.75 else f"{pct} percent"
                s = rng.choice(
                    [
                        f"No more than {ps} of {whole} can be {o['short']}.",
                        f"{_cap(o['short'])} can account for at most {ps} of {whole}.",
                        f"At most {ps} of {whole} may be {o['short']}.",
                    ]
                )
                side.append((s, f"x{i + 1} <= {_pn(pct / 100)} ( {allx} )"))
            else:
                continue
        elif kd in ("ratio", "asmany", "diff"):
            pairs = [
                (a, b) for a in range(nv) for b in range(nv) if a != b and opts[a]["kind"] == opts[b]["kind"]
            ]
            rng.shuffle(pairs)
            done = False
            for a, b in pairs:
                oa, ob = opts[a], opts[b]
                if kd == "ratio":
                    for k in rng.sample([2, 3, 1.5], 3):
                        if xs[a] >= k * xs[b]:
                            if rng.random() < 0.5:
                                w = _ratio_word(rng, k)
                                s = f"{_cap(oa['ref'])} must be at least {w} {ob['ref']}."
                            else:
                                w = (
                                    _ratio_word(rng, k)
                                    .replace("double", "twice")
                                    .replace("triple", "three times")
                                )
                                s = f"There must be at least {w} as {oa['many']} {oa['short']} as {ob['short']}."
                            side.append((s, f"x{a + 1} >= {_pn(k)} x{b + 1}"))
                            done = True
                            break
                        if xs[a] <= k * xs[b] and rng.random() < 0.4:
                            w = _ratio_word(rng, k)
                            s = rng.choice(
                                [
                                    f"{_cap(oa['ref'])} can be at most {w} {ob['ref']}.",
                                    f"{_cap(oa['ref'])} must not exceed {w} {ob['ref']}.",
                                ]
                            )
                            side.append((s, f"x{a + 1} <= {_pn(k)} x{b + 1}"))
                            done = True
                            break
                elif kd == "asmany":
                    if xs[a] >= xs[b]:
                        if rng.random() < 0.3:
                            s = rng.choice(
                                [
                                    f"{_cap(ob['ref'])} cannot exceed {oa['ref']}.",
                                    f"There cannot be more {ob['short']} than {oa['short']}.",
                                ]
                            )
                            side.append((s, f"x{b + 1} <= x{a + 1}"))
                        else:
                            s = rng.choice(
                                [
                                    f"There must be at least as {oa['many']} {oa['short']} as {ob['short']}.",
                                    f"{_cap(oa['ref'])} must be at least {ob['ref']}.",
                                ]
                            )
                            side.append((s, f"x{a + 1} >= x{b + 1}"))
                        done = True
                else:
                    if xs[a] - xs[b] >= 2:
                        d = rng.randint(2, min(xs[a] - xs[b], 15))
                        ds = _small(rng, d)
                        if oa["kind"] == "I":
                            s = rng.choice(
                                [
                                    f"There must be at least {ds} more {oa['short']} than {ob['short']}.",
                                    f"{_cap(oa['ref'])} must exceed {ob['ref']} by at least {ds}.",
                                ]
                            )
                        else:
                            s = f"{_cap(oa['ref'])} must exceed {ob['ref']} by at least {ds}."
                        side.append((s, f"x{a + 1} - x{b + 1} >= {_pn(d)}"))
                        done = True
                if done:
                    break
            if not done:
                continue
        elif kd == "total":
            t = sum(xs)
            if rng.random() < 0.6:
                c = _nice_ceil(t + rng.randint(0, 8))
                cs = _tn(rng, c)
                s = rng.choice(
                    [
                        f"At most {cs} {unit_total} can be {dom['used']} in total.",
                        f"In total, no more than {cs} {unit_total} may be {dom['used']}.",
                        f"The total number of {unit_total} cannot exceed {cs}.",
                    ]
                )
                if kind == "R":
                    s = f"At most {cs} {unit_total} can be {dom['used']} in total."
                side.append((s, f"{allx} <= {_pn(c)}"))
            else:
                c = max(2, _nice_floor(t - rng.randint(0, 5)))
                cs = _tn(rng, c)
                s = rng.choice(
                    [
                        f"At least {cs} {unit_total} must be {dom['used']} in total.",
                        f"In total, at least {cs} {unit_total} are required.",
                    ]
                )
                side.append((s, f"{allx} >= {_pn(c)}"))
        used_kinds.append(kd)

    # ---- objective / question
    names = [o["short"] for o in opts]
    if kind == "I":
        what = rng.choice(
            [f"How many {_join(names)}", f"How many of each {dom['cat']}", f"How many {_join(names)}"]
        )
    elif opts[0].get("hours"):
        what = f"How many hours of each {dom['cat']}"
    else:
        what = rng.choice([f"How much {_join(names)}", f"How much of each {dom['cat']}"])
    if mode == "max":
        goal_phrase = f"maximize the {maxreq['mx']}"
        obj_line = f"max {expr(maxvals)}"
        best = f"What is the maximum {maxreq['mx']}?"
    elif obj_kind == "count":
        goal_phrase = f"minimize the total number of {unit_total}"
        obj_line = f"min {allx}"
        best = f"What is the smallest number of {unit_total} needed?"
    else:
        if objattr.get("money"):
            goal_phrase = rng.choice(
                ["minimize the total cost", "minimize cost", "keep the total cost as low as possible"]
            )
            best = "What is the minimum total cost?"
        else:
            goal_phrase = f"minimize the {objattr['total']}"
            best = f"What is the minimum {objattr['total']}?"
        obj_line = f"min {expr(objvals)}"
    q_forms = [
        f"{what} should be {dom['used']} to {goal_phrase}?",
        f"{what} should {who} {dom['use']} in order to {goal_phrase}?",
        f"Formulate a linear program to {goal_phrase}.",
        f"Determine how many hours to {dom['use']} each {dom['cat']} to {goal_phrase}."
        if opts[0].get("hours")
        else f"Determine how {'many' if kind == 'I' else 'much'} of each {dom['cat']} to {dom['use']} to {goal_phrase}.",
        f"{_cap(who)} wants to {goal_phrase}. {best}",
        f"Find the plan that will {goal_phrase}.",
    ]
    early_goal = rng.random() < 0.2

    # ---- assemble
    intro_with = rng.random() < 0.8 or not dom["intro"]
    optlist = (
        _join([o["short"] for o in opts]) if rng.random() < 0.8 else _join_or([o["short"] for o in opts])
    )
    intro = rng.choice(dom["intro"]).format(A=who_a, a=who_a[0].lower() + who_a[1:], who=who, opts=optlist)
    if not intro_with:
        intro = None
    data = _data_sentences(rng, opts, data_attrs)
    if intro is None:
        # first mention must list the options in order: the first data sentence does so only when grouped per
        # attribute or when the first option is described first; both hold by construction.
        pass

    blocks: list[tuple[str, str | None]] = []
    if intro:
        blocks.append((intro, None))
    if dom.get("fill") and rng.random() < 0.25:
        f = rng.choice(dom["fill"]).format(n=rng.randint(3, 40))
        if intro:
            blocks.append((f, None))
    early_needs = intro is not None and rng.random() < 0.25
    if early_needs:
        blocks += need_lines
    blocks += [(s, None) for s in data]
    if early_goal:
        blocks.append((f"{_cap(who)} wants to {goal_phrase}.", None))
    if not early_needs:
        blocks += need_lines
    tail = side + ([lim_line] if lim_line else [])
    rng.shuffle(tail)
    blocks += tail
    if kind == "R" and dom.get("frac") and rng.random() < 0.4:
        blocks.append((rng.choice(dom["frac"]), None))
    elif kind == "mixed" and dom.get("fracmix") and opts[0]["kind"] == "I" and rng.random() < 0.5:
        blocks.append((rng.choice(dom["fracmix"]), None))
    elif kind == "I" and rng.random() < 0.1:
        blocks.append((f"Only whole numbers of {unit_total} can be {dom['used']}.", None))
    if early_goal:
        q = rng.choice(
            [
                f"{what} should be {dom['used']}?",
                "Formulate this as a linear program.",
                "Find the optimal plan.",
                "",
            ]
        )
    else:
        q = rng.choice(q_forms)
    if q:
        blocks.append((q, None))

    text = " ".join(s for s, _ in blocks)
    cons = [c for _, c in blocks if c]
    program = "\n".join([" ".join(o["kind"] for o in opts), obj_line] + cons)
    # an intro opens with who_a, which may itself contain an option's name ("An ambulance service"); the
    # intro's list of options names each one after it, so such a name is dropped there
    entity_names = [
        [n for n in o["names"] if not (intro and first_mention(who_a, [n]) is not None)] for o in opts
    ]
    return text, program, entity_names
