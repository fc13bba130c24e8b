"""md-006: min-cost flow, 6 nodes, arc list."""
import pyomo.environ as pyo


def build():
    nodes = [1, 2, 3, 4, 5, 6]
    b = {1: 50, 2: 30, 3: 0, 4: 0, 5: -45, 6: -35}
    arcs = {(1, 2): (2, 40), (1, 3): (4, 50), (2, 3): (1, 30), (2, 4): (5, 40), (3, 4): (2, 60),
            (3, 5): (6, 30), (3, 6): (9, 25), (4, 5): (3, 40), (4, 6): (4, 50), (5, 6): (2, 20)}
    m = pyo.ConcreteModel()
    m.N = pyo.Set(initialize=nodes)
    m.A = pyo.Set(initialize=list(arcs), dimen=2)
    m.f = pyo.Var(m.A, bounds=lambda m, i, j: (0, arcs[i, j][1]))
    m.bal = pyo.Constraint(m.N, rule=lambda m, n: sum(m.f[i, j] for (i, j) in m.A if i == n)
                           - sum(m.f[i, j] for (i, j) in m.A if j == n) == b[n])
    m.obj = pyo.Objective(expr=sum(arcs[a][0] * m.f[a] for a in m.A), sense=pyo.minimize)
    return m
