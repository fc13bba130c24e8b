"""md-058: mean-variance utility (return% - 0.05 var%^2), 3 funds + cash, max 60% per fund."""
import pyomo.environ as pyo


def build():
    F = ["A", "B", "C"]
    mu = {"A": 11, "B": 8, "C": 5}
    rows = {"A": [324, 90, 20], "B": [90, 196, 30], "C": [20, 30, 64]}
    cov = {(a, b): rows[a][j] for a in F for j, b in enumerate(F)}
    m = pyo.ConcreteModel()
    m.F = pyo.Set(initialize=F)
    m.w = pyo.Var(m.F, bounds=(0, 0.6))
    m.cash = pyo.Var(within=pyo.NonNegativeReals)
    m.full = pyo.Constraint(expr=sum(m.w[f] for f in m.F) + m.cash == 1)
    m.obj = pyo.Objective(expr=sum(mu[f] * m.w[f] for f in m.F) + 3 * m.cash
                          - 0.05 * sum(cov[a, b] * m.w[a] * m.w[b] for a in m.F for b in m.F),
                          sense=pyo.maximize)
    return m
