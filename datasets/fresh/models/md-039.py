"""md-039: divisible jobs on unrelated parallel machines, min makespan (LP)."""
import pyomo.environ as pyo


def build():
    M = ["M1", "M2", "M3"]
    J = ["J1", "J2", "J3", "J4", "J5"]
    p = {"M1": [8, 12, 6, 10, 9], "M2": [10, 9, 8, 7, 12], "M3": [12, 10, 5, 9, 8]}
    t = {(i, j): p[i][k] for i in M for k, j in enumerate(J)}
    m = pyo.ConcreteModel()
    m.M = pyo.Set(initialize=M)
    m.J = pyo.Set(initialize=J)
    m.f = pyo.Var(m.M, m.J, bounds=(0, 1))
    m.z = pyo.Var()
    m.done = pyo.Constraint(m.J, rule=lambda m, j: sum(m.f[i, j] for i in m.M) == 1)
    m.mload = pyo.Constraint(m.M, rule=lambda m, i: sum(t[i, j] * m.f[i, j] for j in m.J) <= m.z)
    m.obj = pyo.Objective(expr=m.z, sense=pyo.minimize)
    return m
