"""md-002: 3-quarter production plan with regular/overtime and inventory."""
import pyomo.environ as pyo


def build():
    T = [1, 2, 3]
    demand = {1: 400, 2: 700, 3: 550}
    reg_cap, reg_cost = 500, 30
    ot_cap, ot_cost = 150, 42
    hold = 4
    inv0, inv_end_min = 50, 80
    m = pyo.ConcreteModel()
    m.T = pyo.Set(initialize=T)
    m.r = pyo.Var(m.T, bounds=(0, reg_cap))
    m.o = pyo.Var(m.T, bounds=(0, ot_cap))
    m.s = pyo.Var(m.T, within=pyo.NonNegativeReals)

    def bal(m, t):
        prev = inv0 if t == 1 else m.s[t - 1]
        return prev + m.r[t] + m.o[t] - demand[t] == m.s[t]
    m.bal = pyo.Constraint(m.T, rule=bal)
    m.endinv = pyo.Constraint(expr=m.s[3] >= inv_end_min)
    m.obj = pyo.Objective(expr=sum(reg_cost * m.r[t] + ot_cost * m.o[t] + hold * m.s[t] for t in m.T),
                          sense=pyo.minimize)
    return m
