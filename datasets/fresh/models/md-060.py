"""md-060: pricing 3 products with linear demand and shared capacity (concave QP)."""
import pyomo.environ as pyo


def build():
    K = ["small", "medium", "large"]
    a = {"small": 500, "medium": 400, "large": 300}
    b = {"small": 10, "medium": 5, "large": 4}
    c = {"small": 15, "medium": 30, "large": 25}
    mins = {"small": 2, "medium": 3, "large": 1}
    m = pyo.ConcreteModel()
    m.K = pyo.Set(initialize=K)
    m.p = pyo.Var(m.K, within=pyo.NonNegativeReals)
    q = lambda m, k: a[k] - b[k] * m.p[k]
    m.qpos = pyo.Constraint(m.K, rule=lambda m, k: q(m, k) >= 0)
    m.cap = pyo.Constraint(expr=sum(mins[k] * q(m, k) for k in m.K) <= 900)
    m.obj = pyo.Objective(expr=sum((m.p[k] - c[k]) * q(m, k) for k in m.K), sense=pyo.maximize)
    return m
