"""tb-036: bottled water: two warehouses to two stores.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.W = pyo.Set(initialize=["North", "South"])
    m.S = pyo.Set(initialize=["A", "B"])
    supply = {"North": 70, "South": 50}
    demand = {"A": 45, "B": 60}
    cost = {("North", "A"): 14, ("North", "B"): 9, ("South", "A"): 8, ("South", "B"): 12}
    m.x = pyo.Var(m.W, m.S, within=pyo.NonNegativeReals)
    m.sup = pyo.Constraint(m.W, rule=lambda m, w: sum(m.x[w, s] for s in m.S) <= supply[w])
    m.dem = pyo.Constraint(m.S, rule=lambda m, s: sum(m.x[w, s] for w in m.W) >= demand[s])
    m.bridge = pyo.Constraint(expr=m.x["North", "B"] <= 40)
    m.cost = pyo.Objective(expr=sum(cost[k] * m.x[k] for k in cost), sense=pyo.minimize)
    return m
