"""md-027: production routing over 3 machines x 3 parts, hours as variables."""
import pyomo.environ as pyo


def build():
    P = ["X", "Y", "Z"]
    M = ["M1", "M2", "M3"]
    need = {"X": 800, "Y": 600, "Z": 500}
    rate = {("M1", "X"): 10, ("M1", "Y"): 8, ("M1", "Z"): 6,
            ("M2", "X"): 12, ("M2", "Y"): 7, ("M2", "Z"): 5,
            ("M3", "X"): 8, ("M3", "Y"): 10, ("M3", "Z"): 9}
    hcost = {"M1": 50, "M2": 45, "M3": 60}
    hours = {"M1": 100, "M2": 120, "M3": 90}
    m = pyo.ConcreteModel()
    m.P = pyo.Set(initialize=P)
    m.M = pyo.Set(initialize=M)
    m.h = pyo.Var(m.M, m.P, within=pyo.NonNegativeReals)
    m.need = pyo.Constraint(m.P, rule=lambda m, p: sum(rate[k, p] * m.h[k, p] for k in m.M) >= need[p])
    m.avail = pyo.Constraint(m.M, rule=lambda m, k: sum(m.h[k, p] for p in m.P) <= hours[k])
    m.obj = pyo.Objective(expr=sum(hcost[k] * m.h[k, p] for k in m.M for p in m.P), sense=pyo.minimize)
    return m
