"""md-009: capacitated facility location, 3 sites, 5 customers, split sourcing allowed."""
import pyomo.environ as pyo


def build():
    S = ["ATL", "BHM", "CLT"]
    K = [1, 2, 3, 4, 5]
    fixed = {"ATL": 50000, "BHM": 40000, "CLT": 45000}
    cap = {"ATL": 500, "BHM": 400, "CLT": 450}
    dem = {1: 120, 2: 150, 3: 90, 4: 200, 5: 110}
    c = {"ATL": [20, 35, 42, 28, 50], "BHM": [30, 18, 40, 45, 36], "CLT": [45, 40, 15, 32, 25]}
    cost = {(s, k): c[s][k - 1] for s in S for k in K}
    m = pyo.ConcreteModel()
    m.S = pyo.Set(initialize=S)
    m.K = pyo.Set(initialize=K)
    m.y = pyo.Var(m.S, within=pyo.Binary)
    m.x = pyo.Var(m.S, m.K, within=pyo.NonNegativeReals)
    m.dem = pyo.Constraint(m.K, rule=lambda m, k: sum(m.x[s, k] for s in m.S) == dem[k])
    m.cap = pyo.Constraint(m.S, rule=lambda m, s: sum(m.x[s, k] for k in m.K) <= cap[s] * m.y[s])
    m.obj = pyo.Objective(expr=sum(fixed[s] * m.y[s] for s in m.S)
                          + sum(cost[s, k] * m.x[s, k] for s in m.S for k in m.K), sense=pyo.minimize)
    return m
