"""md-035: integer machine purchase to reach 400 parts/h, min cost."""
import pyomo.environ as pyo


def build():
    K = ["A", "B", "C"]
    cost = {"A": 25000, "B": 18000, "C": 40000}
    floor = {"A": 30, "B": 20, "C": 35}
    rate = {"A": 40, "B": 25, "C": 70}
    ops = {"A": 2, "B": 1, "C": 3}
    m = pyo.ConcreteModel()
    m.K = pyo.Set(initialize=K)
    m.n = pyo.Var(m.K, within=pyo.NonNegativeIntegers)
    m.rate = pyo.Constraint(expr=sum(rate[k] * m.n[k] for k in m.K) >= 400)
    m.floor = pyo.Constraint(expr=sum(floor[k] * m.n[k] for k in m.K) <= 300)
    m.ops = pyo.Constraint(expr=sum(ops[k] * m.n[k] for k in m.K) <= 20)
    m.cmax = pyo.Constraint(expr=m.n["C"] <= 3)
    m.obj = pyo.Objective(expr=sum(cost[k] * m.n[k] for k in m.K), sense=pyo.minimize)
    return m
