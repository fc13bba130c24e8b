"""md-056: 1-machine scheduling with release dates, min weighted completion (big-M disjunctive)."""
import pyomo.environ as pyo


def build():
    J = {"J1": (4, 0, 2), "J2": (3, 2, 3), "J3": (6, 3, 1), "J4": (2, 8, 4), "J5": (5, 1, 2)}
    names = list(J)
    BigM = sum(v[0] for v in J.values()) + max(v[1] for v in J.values())
    pairs = [(a, b) for i, a in enumerate(names) for b in names[i + 1:]]
    m = pyo.ConcreteModel()
    m.J = pyo.Set(initialize=names)
    m.PR = pyo.Set(initialize=pairs, dimen=2)
    m.s = pyo.Var(m.J, bounds=lambda m, j: (J[j][1], None))
    m.y = pyo.Var(m.PR, within=pyo.Binary)  # 1 if a before b
    m.d1 = pyo.Constraint(m.PR, rule=lambda m, a, b: m.s[a] + J[a][0] <= m.s[b] + BigM * (1 - m.y[a, b]))
    m.d2 = pyo.Constraint(m.PR, rule=lambda m, a, b: m.s[b] + J[b][0] <= m.s[a] + BigM * m.y[a, b])
    m.obj = pyo.Objective(expr=sum(J[j][2] * (m.s[j] + J[j][0]) for j in m.J), sense=pyo.minimize)
    return m
