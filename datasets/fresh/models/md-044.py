"""md-044: electricity purchase with battery storage over 6 blocks."""
import pyomo.environ as pyo


def build():
    T = [1, 2, 3, 4, 5, 6]
    load = {1: 20, 2: 18, 3: 30, 4: 42, 5: 38, 6: 25}
    price = {1: 40, 2: 35, 3: 70, 4: 120, 5: 95, 6: 55}
    m = pyo.ConcreteModel()
    m.T = pyo.Set(initialize=T)
    m.g = pyo.Var(m.T, within=pyo.NonNegativeReals)      # grid energy to load
    m.c = pyo.Var(m.T, bounds=(0, 20))                   # grid energy bought for charging
    m.d = pyo.Var(m.T, bounds=(0, 20))                   # discharge to load
    m.s = pyo.Var(m.T, bounds=(0, 40))
    m.bal = pyo.Constraint(m.T, rule=lambda m, t: m.g[t] + m.d[t] == load[t])
    m.soc = pyo.Constraint(m.T, rule=lambda m, t: m.s[t] == (10 if t == 1 else m.s[t - 1]) + 0.9 * m.c[t] - m.d[t])
    m.end = pyo.Constraint(expr=m.s[6] >= 10)
    m.obj = pyo.Objective(expr=sum(price[t] * (m.g[t] + m.c[t]) for t in m.T), sense=pyo.minimize)
    return m
