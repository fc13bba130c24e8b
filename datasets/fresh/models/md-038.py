"""md-038: 5-node TSP with MTZ subtour elimination."""
import pyomo.environ as pyo


def build():
    N = ["Base", "P", "Q", "R", "S"]
    e = {("Base", "P"): 12, ("Base", "Q"): 19, ("Base", "R"): 8, ("Base", "S"): 15, ("P", "Q"): 7,
         ("P", "R"): 14, ("P", "S"): 10, ("Q", "R"): 11, ("Q", "S"): 9, ("R", "S"): 13}
    d = {}
    for (i, j), v in e.items():
        d[i, j] = v
        d[j, i] = v
    n = len(N)
    m = pyo.ConcreteModel()
    m.N = pyo.Set(initialize=N)
    m.A = pyo.Set(initialize=list(d), dimen=2)
    m.x = pyo.Var(m.A, within=pyo.Binary)
    m.u = pyo.Var(m.N, bounds=(1, n))
    m.out = pyo.Constraint(m.N, rule=lambda m, i: sum(m.x[a] for a in m.A if a[0] == i) == 1)
    m.inn = pyo.Constraint(m.N, rule=lambda m, j: sum(m.x[a] for a in m.A if a[1] == j) == 1)
    m.mtz = pyo.Constraint([a for a in d if a[0] != "Base" and a[1] != "Base"],
                           rule=lambda m, i, j: m.u[i] - m.u[j] + n * m.x[i, j] <= n - 1)
    m.obj = pyo.Objective(expr=sum(d[a] * m.x[a] for a in m.A), sense=pyo.minimize)
    return m
