"""md-036: 4-asset Markowitz min variance (in %^2) with 7% return floor."""
import pyomo.environ as pyo


def build():
    A = ["US", "Intl", "Bonds", "REIT"]
    mu = {"US": 8.0, "Intl": 9.5, "Bonds": 3.5, "REIT": 7.0}
    rows = {"US": [400, 250, 20, 180], "Intl": [250, 625, 10, 200],
            "Bonds": [20, 10, 36, 15], "REIT": [180, 200, 15, 484]}
    cov = {(a, b): rows[a][j] for a in A for j, b in enumerate(A)}
    m = pyo.ConcreteModel()
    m.A = pyo.Set(initialize=A)
    m.w = pyo.Var(m.A, within=pyo.NonNegativeReals)
    m.full = pyo.Constraint(expr=sum(m.w[a] for a in m.A) == 1)
    m.ret = pyo.Constraint(expr=sum(mu[a] * m.w[a] for a in m.A) >= 7.0)
    m.obj = pyo.Objective(expr=sum(cov[a, b] * m.w[a] * m.w[b] for a in m.A for b in m.A), sense=pyo.minimize)
    return m
