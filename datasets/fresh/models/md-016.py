"""md-016: shortest path as unit-flow LP on undirected road graph."""
import pyomo.environ as pyo


def build():
    N = ["Home", "A", "B", "C", "D", "Office"]
    edges = {("Home", "A"): 4, ("Home", "B"): 7, ("A", "B"): 2, ("A", "C"): 8, ("A", "D"): 12,
             ("B", "C"): 5, ("B", "D"): 9, ("C", "D"): 3, ("C", "Office"): 11, ("D", "Office"): 4}
    arcs = {}
    for (i, j), d in edges.items():
        arcs[i, j] = d
        arcs[j, i] = d
    m = pyo.ConcreteModel()
    m.N = pyo.Set(initialize=N)
    m.A = pyo.Set(initialize=list(arcs), dimen=2)
    m.f = pyo.Var(m.A, within=pyo.NonNegativeReals)
    rhs = {n: 0 for n in N}
    rhs["Home"], rhs["Office"] = 1, -1
    m.bal = pyo.Constraint(m.N, rule=lambda m, n: sum(m.f[i, j] for (i, j) in m.A if i == n)
                           - sum(m.f[i, j] for (i, j) in m.A if j == n) == rhs[n])
    m.obj = pyo.Objective(expr=sum(arcs[a] * m.f[a] for a in m.A), sense=pyo.minimize)
    return m
