"""md-010: max flow S->T on 7-node network."""
import pyomo.environ as pyo


def build():
    N = ["S", "A", "B", "C", "D", "E", "T"]
    cap = {("S", "A"): 12, ("S", "B"): 15, ("S", "C"): 8, ("A", "B"): 4, ("A", "D"): 10, ("B", "D"): 7,
           ("B", "E"): 9, ("C", "B"): 5, ("C", "E"): 11, ("D", "E"): 3, ("D", "T"): 14, ("E", "T"): 13}
    m = pyo.ConcreteModel()
    m.N = pyo.Set(initialize=N)
    m.A = pyo.Set(initialize=list(cap), dimen=2)
    m.f = pyo.Var(m.A, bounds=lambda m, i, j: (0, cap[i, j]))
    m.v = pyo.Var(within=pyo.NonNegativeReals)

    def bal(m, n):
        out = sum(m.f[i, j] for (i, j) in m.A if i == n)
        inn = sum(m.f[i, j] for (i, j) in m.A if j == n)
        if n == "S":
            return out - inn == m.v
        if n == "T":
            return inn - out == m.v
        return out == inn
    m.bal = pyo.Constraint(m.N, rule=bal)
    m.obj = pyo.Objective(expr=m.v, sense=pyo.maximize)
    return m
