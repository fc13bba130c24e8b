"""tb-043: two plants with quadratic cost curves sharing a load.

Verification model for datasets/fresh/textbook.jsonl (QP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.p1 = pyo.Var(bounds=(20, 110))
    m.p2 = pyo.Var(bounds=(20, 100))
    m.demand = pyo.Constraint(expr=m.p1 + m.p2 == 150)
    m.cost = pyo.Objective(expr=200 + 12 * m.p1 + 0.04 * m.p1 ** 2 + 150 + 10 * m.p2 + 0.06 * m.p2 ** 2,
                           sense=pyo.minimize)
    return m
