"""md-005: multi-period investment (A 1yr, B 2yr, C 3yr), max cash at start of year 5."""
import pyomo.environ as pyo


def build():
    years = [1, 2, 3, 4]
    # investment -> (available years, duration, return multiplier)
    avail = {("A", t) for t in [1, 2, 3, 4]} | {("B", t) for t in [1, 2, 3]} | {("C", t) for t in [1, 2]}
    dur = {"A": 1, "B": 2, "C": 3}
    mult = {"A": 1.05, "B": 1.12, "C": 1.20}
    withdraw = {1: 0, 2: 0, 3: 10000, 4: 0}
    m = pyo.ConcreteModel()
    m.T = pyo.Set(initialize=years)
    m.IT = pyo.Set(initialize=sorted(avail), dimen=2)
    m.x = pyo.Var(m.IT, within=pyo.NonNegativeReals)
    m.cash = pyo.Var([1, 2, 3, 4, 5], within=pyo.NonNegativeReals)  # idle cash carried into year t+1

    def inflow(t):
        return sum(mult[i] * m.x[i, s] for (i, s) in avail if s + dur[i] == t)

    def bal(m, t):
        start = 100000 if t == 1 else m.cash[t - 1]
        return start + inflow(t) == sum(m.x[i, s] for (i, s) in avail if s == t) + withdraw[t] + m.cash[t]
    m.bal = pyo.Constraint(m.T, rule=bal)
    m.final = pyo.Constraint(expr=m.cash[5] == m.cash[4] + inflow(5))
    m.climit = pyo.Constraint([1, 2], rule=lambda m, t: m.x["C", t] <= 40000)
    m.obj = pyo.Objective(expr=m.cash[5], sense=pyo.maximize)
    return m
