"""md-001: transportation, 3 plants x 4 markets, min shipping cost."""
import pyomo.environ as pyo


def build():
    plants = ["Dayton", "Erie", "Flint"]
    markets = ["North", "East", "South", "West"]
    supply = {"Dayton": 250, "Erie": 300, "Flint": 200}
    demand = {"North": 160, "East": 210, "South": 180, "West": 150}
    cost = {
        ("Dayton", "North"): 6, ("Dayton", "East"): 9, ("Dayton", "South"): 12, ("Dayton", "West"): 7,
        ("Erie", "North"): 8, ("Erie", "East"): 5, ("Erie", "South"): 10, ("Erie", "West"): 11,
        ("Flint", "North"): 11, ("Flint", "East"): 8, ("Flint", "South"): 4, ("Flint", "West"): 9,
    }
    m = pyo.ConcreteModel()
    m.P = pyo.Set(initialize=plants)
    m.M = pyo.Set(initialize=markets)
    m.x = pyo.Var(m.P, m.M, within=pyo.NonNegativeReals)
    m.sup = pyo.Constraint(m.P, rule=lambda m, p: sum(m.x[p, k] for k in m.M) <= supply[p])
    m.dem = pyo.Constraint(m.M, rule=lambda m, k: sum(m.x[p, k] for p in m.P) == demand[k])
    m.obj = pyo.Objective(expr=sum(cost[p, k] * m.x[p, k] for p in m.P for k in m.M), sense=pyo.minimize)
    return m
