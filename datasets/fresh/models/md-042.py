"""md-042: 4-month reservoir operation, turbine vs spill, max hydro revenue."""
import pyomo.environ as pyo


def build():
    T = [1, 2, 3, 4]
    inflow = {1: 30, 2: 20, 3: 10, 4: 25}
    irr = {1: 15, 2: 20, 3: 25, 4: 10}
    rev = {1: 12, 2: 15, 3: 18, 4: 14}
    m = pyo.ConcreteModel()
    m.T = pyo.Set(initialize=T)
    m.s = pyo.Var(m.T, bounds=(20, 100))
    m.r = pyo.Var(m.T, bounds=(0, 40))
    m.sp = pyo.Var(m.T, within=pyo.NonNegativeReals)
    m.bal = pyo.Constraint(m.T, rule=lambda m, t: m.s[t] == (60 if t == 1 else m.s[t - 1]) + inflow[t] - m.r[t] - m.sp[t])
    m.irr = pyo.Constraint(m.T, rule=lambda m, t: m.r[t] + m.sp[t] >= irr[t])
    m.end = pyo.Constraint(expr=m.s[4] >= 60)
    m.obj = pyo.Objective(expr=sum(rev[t] * m.r[t] for t in m.T), sense=pyo.maximize)
    return m
