"""md-059: 3 plants with quadratic production cost, transport to 3 depots."""
import pyomo.environ as pyo


def build():
    P = [1, 2, 3]
    D = ["D1", "D2", "D3"]
    a = {1: 10, 2: 8, 3: 12}
    b = {1: 0.02, 2: 0.03, 3: 0.01}
    cap = 400
    dem = {"D1": 250, "D2": 300, "D3": 200}
    sc = {1: [4, 6, 9], 2: [7, 3, 5], 3: [8, 5, 2]}
    ship = {(p, d): sc[p][k] for p in P for k, d in enumerate(D)}
    m = pyo.ConcreteModel()
    m.P = pyo.Set(initialize=P)
    m.D = pyo.Set(initialize=D)
    m.x = pyo.Var(m.P, m.D, within=pyo.NonNegativeReals)
    m.q = pyo.Var(m.P, bounds=(0, cap))
    m.prod = pyo.Constraint(m.P, rule=lambda m, p: m.q[p] == sum(m.x[p, d] for d in m.D))
    m.dem = pyo.Constraint(m.D, rule=lambda m, d: sum(m.x[p, d] for p in m.P) == dem[d])
    m.obj = pyo.Objective(expr=sum(a[p] * m.q[p] + b[p] * m.q[p] ** 2 for p in m.P)
                          + sum(ship[k] * m.x[k] for k in ship), sense=pyo.minimize)
    return m
