"""md-046: student assignment to schools with capacity and 80% minimum fill."""
import pyomo.environ as pyo


def build():
    N = ["N1", "N2", "N3", "N4"]
    S = ["S1", "S2", "S3"]
    stu = {"N1": 120, "N2": 180, "N3": 90, "N4": 150}
    cap = {"S1": 200, "S2": 220, "S3": 180}
    dist = {"N1": [1.5, 3.0, 4.2], "N2": [2.8, 1.2, 3.5], "N3": [4.0, 2.5, 1.0], "N4": [2.0, 3.8, 2.2]}
    d = {(n, s): dist[n][k] for n in N for k, s in enumerate(S)}
    m = pyo.ConcreteModel()
    m.N = pyo.Set(initialize=N)
    m.S = pyo.Set(initialize=S)
    m.x = pyo.Var(m.N, m.S, within=pyo.NonNegativeReals)
    m.all = pyo.Constraint(m.N, rule=lambda m, n: sum(m.x[n, s] for s in m.S) == stu[n])
    m.cap = pyo.Constraint(m.S, rule=lambda m, s: sum(m.x[n, s] for n in m.N) <= cap[s])
    m.fill = pyo.Constraint(m.S, rule=lambda m, s: sum(m.x[n, s] for n in m.N) >= 0.8 * cap[s])
    m.obj = pyo.Objective(expr=sum(d[k] * m.x[k] for k in d), sense=pyo.minimize)
    return m
