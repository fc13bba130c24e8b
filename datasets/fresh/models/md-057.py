"""md-057: semi-continuous lot sizes, cleaning time per product, at most 3 products."""
import pyomo.environ as pyo


def build():
    P = {"P1": (300, 2.0, 20, 60), "P2": (260, 1.5, 25, 80), "P3": (410, 3.0, 15, 40),
         "P4": (200, 1.0, 30, 100), "P5": (350, 2.5, 20, 50)}
    m = pyo.ConcreteModel()
    m.P = pyo.Set(initialize=list(P))
    m.x = pyo.Var(m.P, within=pyo.NonNegativeReals)
    m.y = pyo.Var(m.P, within=pyo.Binary)
    m.lo = pyo.Constraint(m.P, rule=lambda m, p: m.x[p] >= P[p][2] * m.y[p])
    m.hi = pyo.Constraint(m.P, rule=lambda m, p: m.x[p] <= P[p][3] * m.y[p])
    m.hrs = pyo.Constraint(expr=sum(P[p][1] * m.x[p] + 8 * m.y[p] for p in m.P) <= 200)
    m.card = pyo.Constraint(expr=sum(m.y[p] for p in m.P) <= 3)
    m.obj = pyo.Objective(expr=sum(P[p][0] * m.x[p] for p in m.P), sense=pyo.maximize)
    return m
