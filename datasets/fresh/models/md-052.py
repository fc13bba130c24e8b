"""md-052: integer can-size purchase for two paint colours, at most 8 cans."""
import pyomo.environ as pyo


def build():
    cans = {("white", 1): 9, ("white", 4): 30, ("white", 10): 65, ("white", 20): 118,
            ("blue", 1): 11, ("blue", 4): 38, ("blue", 10): 85}
    need = {"white": 37, "blue": 14}
    m = pyo.ConcreteModel()
    m.K = pyo.Set(initialize=list(cans), dimen=2)
    m.C = pyo.Set(initialize=list(need))
    m.n = pyo.Var(m.K, within=pyo.NonNegativeIntegers)
    m.need = pyo.Constraint(m.C, rule=lambda m, col: sum(size * m.n[c, size] for (c, size) in m.K if c == col) >= need[col])
    m.car = pyo.Constraint(expr=sum(m.n[k] for k in m.K) <= 8)
    m.obj = pyo.Objective(expr=sum(cans[k] * m.n[k] for k in m.K), sense=pyo.minimize)
    return m
