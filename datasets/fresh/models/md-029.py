"""md-029: least absolute deviations line fit as LP."""
import pyomo.environ as pyo


def build():
    pts = {1: (1, 2.1), 2: (2, 3.9), 3: (3, 6.2), 4: (4, 7.8), 5: (5, 10.5), 6: (6, 11.7)}
    m = pyo.ConcreteModel()
    m.I = pyo.Set(initialize=list(pts))
    m.a = pyo.Var()
    m.b = pyo.Var()
    m.ep = pyo.Var(m.I, within=pyo.NonNegativeReals)
    m.en = pyo.Var(m.I, within=pyo.NonNegativeReals)
    m.fit = pyo.Constraint(m.I, rule=lambda m, i: pts[i][1] - (m.a + m.b * pts[i][0]) == m.ep[i] - m.en[i])
    m.obj = pyo.Objective(expr=sum(m.ep[i] + m.en[i] for i in m.I), sense=pyo.minimize)
    return m
