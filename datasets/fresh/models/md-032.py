"""md-032: 4-month production with inventory and backorders."""
import pyomo.environ as pyo


def build():
    T = [1, 2, 3, 4]
    d = {1: 300, 2: 450, 3: 500, 4: 350}
    c = {1: 20, 2: 22, 3: 21, 4: 23}
    cap, h, bo = 400, 1.5, 5
    m = pyo.ConcreteModel()
    m.T = pyo.Set(initialize=T)
    m.x = pyo.Var(m.T, bounds=(0, cap))
    m.I = pyo.Var(m.T, within=pyo.NonNegativeReals)
    m.B = pyo.Var(m.T, within=pyo.NonNegativeReals)
    prevI = lambda m, t: 0 if t == 1 else m.I[t - 1]
    prevB = lambda m, t: 0 if t == 1 else m.B[t - 1]
    m.bal = pyo.Constraint(m.T, rule=lambda m, t: prevI(m, t) - prevB(m, t) + m.x[t] - d[t] == m.I[t] - m.B[t])
    m.endB = pyo.Constraint(expr=m.B[4] == 0)
    m.endI = pyo.Constraint(expr=m.I[4] == 0)
    m.obj = pyo.Objective(expr=sum(c[t] * m.x[t] + h * m.I[t] + bo * m.B[t] for t in m.T), sense=pyo.minimize)
    return m
