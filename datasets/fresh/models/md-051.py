"""md-051: generalized assignment, 7 tasks x 3 machines with hour capacities."""
import pyomo.environ as pyo


def build():
    M = ["M1", "M2", "M3"]
    T = ["T%d" % k for k in range(1, 8)]
    cost = {"M1": [12, 9, 15, 11, 8, 14, 10], "M2": [10, 11, 13, 9, 10, 12, 13], "M3": [14, 8, 11, 13, 9, 10, 12]}
    hrs = {"M1": [5, 4, 6, 5, 3, 6, 4], "M2": [4, 5, 5, 4, 4, 5, 6], "M3": [6, 3, 4, 6, 4, 4, 5]}
    cap = {"M1": 15, "M2": 14, "M3": 13}
    c = {(i, t): cost[i][k] for i in M for k, t in enumerate(T)}
    h = {(i, t): hrs[i][k] for i in M for k, t in enumerate(T)}
    m = pyo.ConcreteModel()
    m.M = pyo.Set(initialize=M)
    m.T = pyo.Set(initialize=T)
    m.x = pyo.Var(m.M, m.T, within=pyo.Binary)
    m.one = pyo.Constraint(m.T, rule=lambda m, t: sum(m.x[i, t] for i in m.M) == 1)
    m.cap = pyo.Constraint(m.M, rule=lambda m, i: sum(h[i, t] * m.x[i, t] for t in m.T) <= cap[i])
    m.obj = pyo.Objective(expr=sum(c[k] * m.x[k] for k in c), sense=pyo.minimize)
    return m
