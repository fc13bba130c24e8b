"""md-026: capacitated lot sizing, 4 weeks, setup binaries."""
import pyomo.environ as pyo


def build():
    T = [1, 2, 3, 4]
    d = {1: 60, 2: 100, 3: 140, 4: 80}
    setup, unit, hold, cap = 250, 8, 2, 200
    m = pyo.ConcreteModel()
    m.T = pyo.Set(initialize=T)
    m.x = pyo.Var(m.T, within=pyo.NonNegativeReals)
    m.s = pyo.Var(m.T, within=pyo.NonNegativeReals)
    m.y = pyo.Var(m.T, within=pyo.Binary)
    m.bal = pyo.Constraint(m.T, rule=lambda m, t: (0 if t == 1 else m.s[t - 1]) + m.x[t] - d[t] == m.s[t])
    m.cap = pyo.Constraint(m.T, rule=lambda m, t: m.x[t] <= cap * m.y[t])
    m.obj = pyo.Objective(expr=sum(setup * m.y[t] + unit * m.x[t] + hold * m.s[t] for t in m.T),
                          sense=pyo.minimize)
    return m
