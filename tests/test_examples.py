"""Every shipped example solves to the same optimum as an independently written Pyomo model.

The reference models below are built directly with pyomo.environ from data typed again here
(not read through optmodel), and solved with HiGHS through Pyomo's own interface. A mismatch
means either the example or the optmodel compiler/solver is wrong.
"""

from __future__ import annotations

from pathlib import Path

import pyomo.environ as pyo
import pytest
from pyomo.contrib.solver.solvers.highs import Highs

import optmodel

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
REL_TOL = 1e-6


def _solve_reference(m: pyo.ConcreteModel) -> float:
    """Solve a hand-built model with HiGHS and return its optimal objective."""
    results = Highs().solve(m, tee=False)
    assert str(results.termination_condition).endswith("convergenceCriteriaSatisfied"), (
        results.termination_condition
    )
    return float(pyo.value(m.obj))


def _matrix(rows: list[str], cols: list[str], table: list[list[float]]) -> dict:
    return {(r, c): table[i][j] for i, r in enumerate(rows) for j, c in enumerate(cols)}


# ---------------------------------------------------------------- reference models


def ref_diet() -> float:
    foods = ["oatmeal", "chicken", "eggs", "milk", "apple_pie", "pork_beans", "spinach", "rice"]
    nutrients = ["calories", "protein", "calcium", "iron", "vitamin_c"]
    cost = dict(zip(foods, [0.30, 2.40, 0.50, 0.60, 1.60, 0.90, 0.80, 0.20], strict=True))
    lo = dict(zip(nutrients, [2000, 55, 800, 12, 60], strict=True))
    hi = dict(zip(nutrients, [3000, 200, 2500, 45, 1000], strict=True))
    content = _matrix(
        nutrients,
        foods,
        [
            [110, 205, 160, 160, 420, 260, 40, 205],
            [4, 32, 13, 8, 4, 14, 5, 4.2],
            [2, 12, 54, 285, 22, 80, 245, 16],
            [4, 1.5, 1.8, 0.1, 1.2, 4.1, 6.4, 1.9],
            [0, 0, 0, 2, 3, 5, 18, 0],
        ],
    )
    m = pyo.ConcreteModel()
    m.x = pyo.Var(foods, bounds=(0, 6))
    m.obj = pyo.Objective(expr=sum(cost[f] * m.x[f] for f in foods))
    m.lo = pyo.Constraint(nutrients, rule=lambda m, n: sum(content[n, f] * m.x[f] for f in foods) >= lo[n])
    m.hi = pyo.Constraint(nutrients, rule=lambda m, n: sum(content[n, f] * m.x[f] for f in foods) <= hi[n])
    return _solve_reference(m)


TRANSPORT_PLANTS = ["albany", "reno", "tulsa", "macon"]
TRANSPORT_MARKETS = ["boston", "chicago", "denver", "houston", "miami", "phoenix", "seattle"]


def ref_transportation() -> float:
    plants, markets = TRANSPORT_PLANTS, TRANSPORT_MARKETS
    supply = dict(zip(plants, [1800, 1400, 1600, 1500], strict=True))
    demand = dict(zip(markets, [850, 1000, 600, 750, 700, 650, 800], strict=True))
    cost = _matrix(
        plants,
        markets,
        [
            [1.10, 2.40, 4.30, 4.10, 3.60, 5.20, 5.90],
            [5.80, 4.20, 2.30, 3.90, 6.10, 1.90, 2.10],
            [3.90, 1.90, 1.70, 1.20, 3.10, 2.60, 4.30],
            [2.70, 2.20, 3.70, 2.30, 1.30, 4.40, 5.60],
        ],
    )
    m = pyo.ConcreteModel()
    m.x = pyo.Var(plants, markets, domain=pyo.NonNegativeReals)
    m.obj = pyo.Objective(expr=sum(cost[p, k] * m.x[p, k] for p in plants for k in markets))
    m.supply = pyo.Constraint(plants, rule=lambda m, p: sum(m.x[p, k] for k in markets) <= supply[p])
    m.demand = pyo.Constraint(markets, rule=lambda m, k: sum(m.x[p, k] for p in plants) >= demand[k])
    return _solve_reference(m)


def ref_assignment() -> float:
    people = ["ana", "ben", "chen", "dara", "emil", "fay"]
    docs = ["contract", "manual", "brochure", "patent", "website", "report"]
    hours = _matrix(
        people,
        docs,
        [
            [14, 9, 4, 21, 8, 11],
            [11, 12, 6, 17, 9, 10],
            [16, 8, 5, 19, 12, 13],
            [9, 13, 7, 15, 10, 9],
            [13, 10, 3, 22, 6, 12],
            [12, 11, 6, 18, 11, 8],
        ],
    )
    m = pyo.ConcreteModel()
    m.x = pyo.Var(people, docs, domain=pyo.Binary)
    m.obj = pyo.Objective(expr=sum(hours[p, d] * m.x[p, d] for p in people for d in docs))
    m.row = pyo.Constraint(people, rule=lambda m, p: sum(m.x[p, d] for d in docs) == 1)
    m.col = pyo.Constraint(docs, rule=lambda m, d: sum(m.x[p, d] for p in people) == 1)
    return _solve_reference(m)


KNAPSACK_ITEMS = [
    "tent",
    "stove",
    "water_filter",
    "first_aid",
    "camera",
    "book",
    "rain_jacket",
    "sleeping_bag",
]
KNAPSACK_ITEMS += ["headlamp", "trekking_poles", "snacks", "binoculars", "map_compass", "solar_charger"]
KNAPSACK_WEIGHTS = [4.2, 1.1, 0.4, 0.6, 1.3, 0.5, 0.7, 2.3, 0.2, 1.0, 1.5, 0.9, 0.3, 0.8]


def ref_knapsack() -> float:
    weight = KNAPSACK_WEIGHTS
    score = [40, 18, 35, 30, 12, 4, 26, 30, 15, 10, 22, 7, 28, 9]
    items = range(len(weight))
    m = pyo.ConcreteModel()
    m.x = pyo.Var(items, domain=pyo.Binary)
    m.obj = pyo.Objective(expr=sum(score[i] * m.x[i] for i in items), sense=pyo.maximize)
    m.cap = pyo.Constraint(expr=sum(weight[i] * m.x[i] for i in items) <= 9.5)
    return _solve_reference(m)


def _facility_data():
    """The data of examples/facility_location.fe (and of its logical variant), written again by hand."""
    sites = ["north", "south", "east", "west", "central"]
    stores = [f"s{k:02d}" for k in range(1, 11)]
    fixed = dict(zip(sites, [52000, 47000, 61000, 43000, 70000], strict=True))
    cap = dict(zip(sites, [900, 800, 1100, 700, 1300], strict=True))
    demand = dict(zip(stores, [120, 95, 160, 80, 140, 110, 75, 130, 100, 90], strict=True))
    cost = _matrix(
        sites,
        stores,
        [
            [21, 35, 48, 30, 62, 44, 25, 57, 39, 50],
            [60, 41, 23, 52, 19, 33, 58, 27, 46, 36],
            [42, 22, 35, 55, 40, 18, 49, 31, 20, 57],
            [38, 54, 44, 16, 47, 59, 20, 42, 61, 24],
            [30, 26, 24, 29, 31, 27, 33, 25, 28, 30],
        ],
    )
    return sites, stores, fixed, cap, demand, cost


def ref_facility_location() -> float:
    sites, stores, fixed, cap, demand, cost = _facility_data()
    m = pyo.ConcreteModel()
    m.y = pyo.Var(sites, domain=pyo.Binary)
    m.x = pyo.Var(sites, stores, domain=pyo.NonNegativeReals)
    m.obj = pyo.Objective(
        expr=sum(fixed[w] * m.y[w] for w in sites)
        + sum(cost[w, s] * m.x[w, s] for w in sites for s in stores)
    )
    m.serve = pyo.Constraint(stores, rule=lambda m, s: sum(m.x[w, s] for w in sites) == demand[s])
    m.cap = pyo.Constraint(sites, rule=lambda m, w: sum(m.x[w, s] for s in stores) <= cap[w] * m.y[w])
    m.link = pyo.Constraint(sites, stores, rule=lambda m, w, s: m.x[w, s] <= demand[s] * m.y[w])
    return _solve_reference(m)


def ref_facility_location_logic() -> float:
    """The same data; the logical rules written as big-M rows by hand, the max as an epigraph."""
    sites, stores, fixed, cap, demand, cost = _facility_data()
    big_m = sum(demand.values())
    m = pyo.ConcreteModel()
    m.y = pyo.Var(sites, domain=pyo.Binary)
    m.x = pyo.Var(sites, stores, bounds=lambda m, w, s: (0, demand[s]))
    m.peak = pyo.Var()
    load = {w: sum(m.x[w, s] for s in stores) for w in sites}
    m.obj = pyo.Objective(
        expr=sum(fixed[w] * m.y[w] for w in sites)
        + sum(cost[w, s] * m.x[w, s] for w in sites for s in stores)
        + 150 * m.peak
    )
    m.serve = pyo.Constraint(stores, rule=lambda m, s: sum(m.x[w, s] for w in sites) == demand[s])
    m.cap = pyo.Constraint(sites, rule=lambda m, w: load[w] <= cap[w])
    m.closed = pyo.Constraint(sites, rule=lambda m, w: load[w] <= big_m * m.y[w])
    m.pair = pyo.Constraint(expr=m.y["south"] <= m.y["central"])
    m.few = pyo.Constraint(expr=sum(m.y[w] for w in sites) <= 3)
    m.peak_def = pyo.Constraint(sites, rule=lambda m, w: m.peak >= load[w])
    return _solve_reference(m)


def ref_production_inventory() -> float:
    products = ["chair", "table", "shelf"]
    months = list(range(1, 7))
    demand = {
        "chair": [120, 140, 160, 210, 180, 130],
        "table": [40, 45, 60, 80, 70, 50],
        "shelf": [70, 65, 80, 90, 100, 85],
    }
    per_unit = {"chair": 2.5, "table": 6.0, "shelf": 3.5}
    make_cost = {"chair": 18, "table": 55, "shelf": 27}
    hold = {"chair": 1.5, "table": 4.0, "shelf": 2.0}
    start = {"chair": 30, "table": 10, "shelf": 15}
    end = {"chair": 20, "table": 8, "shelf": 10}
    m = pyo.ConcreteModel()
    m.make = pyo.Var(products, months, domain=pyo.NonNegativeReals)
    m.inv = pyo.Var(products, months, domain=pyo.NonNegativeReals)
    m.ot = pyo.Var(months, bounds=(0, 250))
    m.obj = pyo.Objective(
        expr=sum(make_cost[p] * m.make[p, t] + hold[p] * m.inv[p, t] for p in products for t in months)
        + sum(33 * m.ot[t] for t in months)
        + 22 * 1000 * 6
    )

    def balance(m, p, t):
        before = start[p] if t == 1 else m.inv[p, t - 1]
        return m.inv[p, t] == before + m.make[p, t] - demand[p][t - 1]

    m.balance = pyo.Constraint(products, months, rule=balance)
    m.hours = pyo.Constraint(
        months, rule=lambda m, t: sum(per_unit[p] * m.make[p, t] for p in products) <= 1000 + m.ot[t]
    )
    m.end = pyo.Constraint(products, rule=lambda m, p: m.inv[p, 6] >= end[p])
    return _solve_reference(m)


def ref_blending() -> float:
    comps = ["butane", "reformate", "alkylate", "cat_naphtha", "straight_run"]
    cost = [38.0, 71.5, 78.0, 64.0, 52.5]
    octane = [93, 96, 94, 88, 71]
    rvp = [52.0, 4.0, 5.5, 7.5, 11.0]
    benzene = [0.0, 0.022, 0.0, 0.011, 0.006]
    avail = [900, 3500, 2000, 5000, 6000]
    idx = range(len(comps))
    m = pyo.ConcreteModel()
    m.x = pyo.Var(idx, domain=pyo.NonNegativeReals)
    for i in idx:
        m.x[i].setub(min(avail[i], 0.40 * 10000))
    m.obj = pyo.Objective(expr=sum(cost[i] * m.x[i] for i in idx))
    m.volume = pyo.Constraint(expr=sum(m.x[i] for i in idx) == 10000)
    m.octane = pyo.Constraint(expr=sum(octane[i] * m.x[i] for i in idx) >= 87 * 10000)
    m.rvp = pyo.Constraint(expr=sum(rvp[i] * m.x[i] for i in idx) <= 9 * 10000)
    m.benzene = pyo.Constraint(expr=sum(benzene[i] * m.x[i] for i in idx) <= 0.01 * 10000)
    return _solve_reference(m)


def ref_min_cost_flow() -> float:
    supply = {"f1": 60, "f2": 45, "d1": 0, "d2": 0, "d3": 0, "r1": -35, "r2": -40, "r3": -30}
    # arc: (cost, capacity)
    arcs = {
        ("f1", "d1"): (4, 40),
        ("f1", "d2"): (6, 30),
        ("f2", "d2"): (5, 25),
        ("f2", "d3"): (3, 30),
        ("f1", "r1"): (11, 15),
        ("d1", "r1"): (3, 25),
        ("d1", "r2"): (7, 20),
        ("d2", "r1"): (5, 20),
        ("d2", "r2"): (2, 30),
        ("d2", "r3"): (6, 15),
        ("d3", "r2"): (8, 15),
        ("d3", "r3"): (2, 20),
        ("d1", "d2"): (1, 20),
        ("d3", "d2"): (1, 15),
        ("f2", "r3"): (9, 10),
    }
    m = pyo.ConcreteModel()
    m.f = pyo.Var(list(arcs), bounds=lambda m, i, j: (0, arcs[i, j][1]))
    m.obj = pyo.Objective(expr=sum(c * m.f[a] for a, (c, _) in arcs.items()))
    m.balance = pyo.Constraint(
        list(supply),
        rule=lambda m, n: (
            sum(m.f[a] for a in arcs if a[0] == n) - sum(m.f[a] for a in arcs if a[1] == n) == supply[n]
        ),
    )
    return _solve_reference(m)


def ref_set_cover() -> float:
    cost = [3.2, 4.1, 3.8, 2.9, 2.5, 4.4, 3.0, 2.2]
    covers = [
        [1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0],
        [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0],
        [0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1],
        [0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0],
        [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0],
    ]
    sites, districts = range(8), range(12)
    m = pyo.ConcreteModel()
    m.y = pyo.Var(sites, domain=pyo.Binary)
    m.obj = pyo.Objective(expr=sum(cost[s] * m.y[s] for s in sites))
    m.cover = pyo.Constraint(districts, rule=lambda m, d: sum(m.y[s] for s in sites if covers[s][d]) >= 1)
    return _solve_reference(m)


def ref_portfolio() -> float:
    # Covariance rebuilt from volatilities and correlations: an independent route to the same data.
    vol = [0.16, 0.18, 0.24, 0.05, 0.08, 0.20, 0.15]
    corr = [
        [1, 0.75, 0.65, -0.10, 0.20, 0.60, 0.05],
        [0.75, 1, 0.75, -0.05, 0.25, 0.55, 0.10],
        [0.65, 0.75, 1, -0.05, 0.30, 0.50, 0.20],
        [-0.10, -0.05, -0.05, 1, 0.55, 0.05, 0.20],
        [0.20, 0.25, 0.30, 0.55, 1, 0.30, 0.10],
        [0.60, 0.55, 0.50, 0.05, 0.30, 1, 0.10],
        [0.05, 0.10, 0.20, 0.20, 0.10, 0.10, 1],
    ]
    mu = [0.085, 0.075, 0.095, 0.030, 0.045, 0.070, 0.040]
    n = range(len(vol))
    m = pyo.ConcreteModel()
    m.w = pyo.Var(n, bounds=(0, 0.4))
    m.obj = pyo.Objective(expr=sum(vol[i] * vol[j] * corr[i][j] * m.w[i] * m.w[j] for i in n for j in n))
    m.budget = pyo.Constraint(expr=sum(m.w[i] for i in n) == 1)
    m.ret = pyo.Constraint(expr=sum(mu[i] * m.w[i] for i in n) >= 0.065)
    return _solve_reference(m)


def ref_product_mix() -> float:
    m = pyo.ConcreteModel()
    m.b = pyo.Var(domain=pyo.NonNegativeIntegers)
    m.d = pyo.Var(domain=pyo.NonNegativeIntegers, bounds=(0, 25))
    m.t = pyo.Var(domain=pyo.NonNegativeIntegers, bounds=(8, None))
    m.obj = pyo.Objective(expr=45 * m.b + 70 * m.d + 38 * m.t, sense=pyo.maximize)
    m.cut = pyo.Constraint(expr=3 * m.b + 4 * m.d + 2 * m.t <= 180)
    m.finish = pyo.Constraint(expr=2 * m.b + 5 * m.d + 2 * m.t <= 160)
    return _solve_reference(m)


CASES = {
    "diet.fe": ref_diet,
    "transportation.fe": ref_transportation,
    "transport_from_files/transportation.fe": ref_transportation,
    "assignment.fe": ref_assignment,
    "knapsack.fe": ref_knapsack,
    "facility_location.fe": ref_facility_location,
    "facility_location_logic.fe": ref_facility_location_logic,
    "production_inventory.fe": ref_production_inventory,
    "blending.fe": ref_blending,
    "min_cost_flow.fe": ref_min_cost_flow,
    "set_cover.fe": ref_set_cover,
    "portfolio.fe": ref_portfolio,
    "product_mix.fe": ref_product_mix,
}


# ---------------------------------------------------------------- tests


def test_every_example_has_a_reference_model():
    shipped = {p.relative_to(EXAMPLES).as_posix() for p in EXAMPLES.rglob("*.fe")}
    assert shipped == set(CASES)
    assert len(shipped) >= 10


@pytest.mark.parametrize("name", sorted(CASES))
def test_example_matches_reference_optimum(name: str):
    solution = optmodel.solve(EXAMPLES / name)
    assert solution.status == "optimal", solution.message
    expected = CASES[name]()
    assert solution.objective == pytest.approx(expected, rel=REL_TOL, abs=1e-9)


def test_file_tables_read_the_same_data_as_inline_ones():
    from optmodel.compiler import compile_formulation

    inline = compile_formulation(optmodel.load(EXAMPLES / "transportation.fe"))
    from_files = compile_formulation(optmodel.load(EXAMPLES / "transport_from_files" / "transportation.fe"))
    for name in ("cost", "demand"):
        assert from_files.params[name].values == pytest.approx(inline.params[name].values)


def test_transportation_solution_is_feasible_and_complete():
    # Beyond the objective: the shipments must honour supply and meet demand exactly as stated.
    solution = optmodel.solve(EXAMPLES / "transportation.fe")
    ship = solution.values["ship"]
    assert len(ship) == len(TRANSPORT_PLANTS) * len(TRANSPORT_MARKETS)
    supply = dict(zip(TRANSPORT_PLANTS, [1800, 1400, 1600, 1500], strict=True))
    demand = dict(zip(TRANSPORT_MARKETS, [850, 1000, 600, 750, 700, 650, 800], strict=True))
    for p in TRANSPORT_PLANTS:
        assert sum(ship[p, k] for k in TRANSPORT_MARKETS) <= supply[p] + 1e-6
    for k in TRANSPORT_MARKETS:
        assert sum(ship[p, k] for p in TRANSPORT_PLANTS) >= demand[k] - 1e-6
    # duals exist for an LP, one per constraint row
    assert solution.duals


def test_knapsack_solution_is_binary_and_within_capacity():
    solution = optmodel.solve(EXAMPLES / "knapsack.fe")
    take = solution["take"]
    weight = dict(zip(KNAPSACK_ITEMS, KNAPSACK_WEIGHTS, strict=True))
    assert set(take) == set(KNAPSACK_ITEMS)
    assert all(abs(v - round(v)) < 1e-6 for v in take.values())
    assert sum(weight[i] * round(v) for i, v in take.items()) <= 9.5 + 1e-9


def test_problem_txt_is_a_plain_word_problem():
    text = (EXAMPLES / "problem.txt").read_text()
    # The CLI must treat it as a word problem, not as a formulation; its hand-written
    # formulation is product_mix.fe (checked above).
    assert not optmodel.parser.looks_like_formulation(text)


@pytest.mark.parametrize("name", sorted(CASES))
def test_example_round_trips_through_text_and_json(name: str):
    from optmodel.jsonio import from_json

    form = optmodel.load(EXAMPLES / name)
    assert optmodel.parse(form.to_text()) == form
    assert from_json(form.to_json()) == form


def _benchmark_module():
    import importlib.util
    import sys

    if "compile_overhead" in sys.modules:
        return sys.modules["compile_overhead"]
    path = EXAMPLES.parent / "benchmarks" / "compile_overhead.py"
    spec = importlib.util.spec_from_file_location("compile_overhead", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["compile_overhead"] = module  # dataclasses look their module up while defined
    spec.loader.exec_module(module)
    return module


def test_benchmark_models_agree_across_routes():
    # The compile-overhead benchmark is only meaningful if its generated five-element text,
    # its hand-written Pyomo model and its raw highspy matrix are the same problem.
    import numpy as np

    bench = _benchmark_module()
    rng = np.random.default_rng(3)
    transport = bench.make_transport(12, 9, rng)
    lp = optmodel.solve(bench.transport_text(transport))
    assert lp.status == "optimal"
    assert bench.pyomo_transport(transport, {})[0] == pytest.approx(lp.objective, rel=REL_TOL)
    assert bench.highspy_transport(transport, {})[0] == pytest.approx(lp.objective, rel=REL_TOL)

    sacks = bench.make_knapsacks(3, 15, rng)
    exact = {"mip_rel_gap": 0.0}
    mip = optmodel.solve(bench.knapsack_text(sacks), options=exact)
    assert mip.status == "optimal"
    assert bench.pyomo_knapsacks(sacks, exact)[0] == pytest.approx(mip.objective, rel=REL_TOL)
    assert bench.highspy_knapsacks(sacks, exact)[0] == pytest.approx(mip.objective, rel=REL_TOL)

    table = optmodel.parse(bench.table_only_text(transport))
    cost = table.element("cost").value
    assert len(cost.items) == 12 and all(len(row.items) == 9 for _, row in cost.items)
