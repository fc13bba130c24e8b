"""md-007: refinery blending 3 crudes -> 2 gasolines with octane, max profit."""
import pyomo.environ as pyo


def build():
    C = ["C1", "C2", "C3"]
    G = ["regular", "premium"]
    octane = {"C1": 84, "C2": 90, "C3": 96}
    ccost = {"C1": 70, "C2": 82, "C3": 95}
    avail = {"C1": 6000, "C2": 5000, "C3": 4000}
    price = {"regular": 95, "premium": 110}
    minoct = {"regular": 87, "premium": 92}
    maxsale = {"regular": 9000, "premium": 5000}
    m = pyo.ConcreteModel()
    m.C = pyo.Set(initialize=C)
    m.G = pyo.Set(initialize=G)
    m.x = pyo.Var(m.C, m.G, within=pyo.NonNegativeReals)
    m.av = pyo.Constraint(m.C, rule=lambda m, c: sum(m.x[c, g] for g in m.G) <= avail[c])
    m.sale = pyo.Constraint(m.G, rule=lambda m, g: sum(m.x[c, g] for c in m.C) <= maxsale[g])
    m.oct = pyo.Constraint(m.G, rule=lambda m, g: sum((octane[c] - minoct[g]) * m.x[c, g] for c in m.C) >= 0)
    m.obj = pyo.Objective(expr=sum((price[g] - ccost[c]) * m.x[c, g] for c in m.C for g in m.G),
                          sense=pyo.maximize)
    return m
