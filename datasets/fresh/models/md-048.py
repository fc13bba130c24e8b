"""md-048: forest harvest scheduling, 3 stands x 3 decades, even-flow +-10%."""
import pyomo.environ as pyo


def build():
    S = ["A", "B", "C"]
    D = [1, 2, 3]
    area = {"A": 120, "B": 80, "C": 100}
    yld = {"A": [200, 240, 270], "B": [150, 190, 230], "C": [250, 270, 280]}
    val = {1: 50, 2: 40, 3: 32}
    m = pyo.ConcreteModel()
    m.S = pyo.Set(initialize=S)
    m.D = pyo.Set(initialize=D)
    m.x = pyo.Var(m.S, m.D, within=pyo.NonNegativeReals)
    m.area = pyo.Constraint(m.S, rule=lambda m, s: sum(m.x[s, d] for d in m.D) <= area[s])
    V = lambda m, d: sum(yld[s][d - 1] * m.x[s, d] for s in m.S)
    m.lo = pyo.Constraint([2, 3], rule=lambda m, d: V(m, d) >= 0.9 * V(m, d - 1))
    m.hi = pyo.Constraint([2, 3], rule=lambda m, d: V(m, d) <= 1.1 * V(m, d - 1))
    m.obj = pyo.Objective(expr=sum(val[d] * V(m, d) for d in m.D), sense=pyo.maximize)
    return m
