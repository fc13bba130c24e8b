"""md-019: warehouse (grain silo) trading problem, 5 months."""
import pyomo.environ as pyo


def build():
    T = [1, 2, 3, 4, 5]
    buy = {1: 40, 2: 44, 3: 38, 4: 48, 5: 46}
    sell = {1: 42, 2: 47, 3: 41, 4: 50, 5: 52}
    cap, s0, hold = 1000, 200, 1
    m = pyo.ConcreteModel()
    m.T = pyo.Set(initialize=T)
    m.q = pyo.Var(m.T, within=pyo.NonNegativeReals)  # sold
    m.p = pyo.Var(m.T, within=pyo.NonNegativeReals)  # bought
    m.s = pyo.Var(m.T, bounds=(0, cap))  # end-of-month stock
    start = lambda m, t: s0 if t == 1 else m.s[t - 1]
    m.sellim = pyo.Constraint(m.T, rule=lambda m, t: m.q[t] <= start(m, t))
    m.bal = pyo.Constraint(m.T, rule=lambda m, t: m.s[t] == start(m, t) - m.q[t] + m.p[t])
    m.end = pyo.Constraint(expr=m.s[5] == 0)
    m.obj = pyo.Objective(expr=sum(sell[t] * m.q[t] - buy[t] * m.p[t] - hold * m.s[t] for t in m.T),
                          sense=pyo.maximize)
    return m
