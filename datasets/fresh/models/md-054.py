"""md-054: single-sourcing capacitated facility location, 3 DCs x 6 stores."""
import pyomo.environ as pyo


def build():
    D = ["North", "Central", "South"]
    S = [1, 2, 3, 4, 5, 6]
    fixed = {"North": 120, "Central": 90, "South": 110}
    cap = {"North": 100, "Central": 80, "South": 90}
    dem = {1: 30, 2: 25, 3: 20, 4: 35, 5: 15, 6: 28}
    c = {"North": [20, 25, 40, 55, 60, 45], "Central": [35, 20, 18, 30, 40, 25], "South": [60, 45, 30, 15, 20, 22]}
    cost = {(d, s): c[d][s - 1] for d in D for s in S}
    m = pyo.ConcreteModel()
    m.D = pyo.Set(initialize=D)
    m.S = pyo.Set(initialize=S)
    m.y = pyo.Var(m.D, within=pyo.Binary)
    m.x = pyo.Var(m.D, m.S, within=pyo.Binary)
    m.one = pyo.Constraint(m.S, rule=lambda m, s: sum(m.x[d, s] for d in m.D) == 1)
    m.cap = pyo.Constraint(m.D, rule=lambda m, d: sum(dem[s] * m.x[d, s] for s in m.S) <= cap[d] * m.y[d])
    m.obj = pyo.Objective(expr=sum(fixed[d] * m.y[d] for d in m.D) + sum(cost[k] * m.x[k] for k in cost),
                          sense=pyo.minimize)
    return m
