"""md-024: 6-month cash management with credit line, interest on debt and cash (opening cash earns none in month 1)."""
import pyomo.environ as pyo


def build():
    T = [1, 2, 3, 4, 5, 6]
    flow = {1: -40, 2: -30, 3: 10, 4: 35, 5: 45, 6: 20}
    c0, cmin, limit = 20, 10, 80
    r_debt, r_cash = 0.015, 0.005
    m = pyo.ConcreteModel()
    m.T = pyo.Set(initialize=T)
    m.c = pyo.Var(m.T, bounds=(cmin, None))   # cash at end of month
    m.b = pyo.Var(m.T, bounds=(0, limit))     # loan outstanding at end of month
    m.bor = pyo.Var(m.T, within=pyo.NonNegativeReals)
    m.rep = pyo.Var(m.T, within=pyo.NonNegativeReals)
    cprev = lambda m, t: c0 if t == 1 else m.c[t - 1]
    bprev = lambda m, t: 0 if t == 1 else m.b[t - 1]
    m.loan = pyo.Constraint(m.T, rule=lambda m, t: m.b[t] == bprev(m, t) + m.bor[t] - m.rep[t])
    m.cash = pyo.Constraint(m.T, rule=lambda m, t: m.c[t] == (1 + (r_cash if t > 1 else 0)) * cprev(m, t) + flow[t]
                            - r_debt * bprev(m, t) + m.bor[t] - m.rep[t])
    m.end = pyo.Constraint(expr=m.b[6] == 0)
    m.obj = pyo.Objective(expr=m.c[6], sense=pyo.maximize)
    return m
