"""tb-028: economic dispatch of three committed units.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.g1 = pyo.Var(bounds=(100, 350))
    m.g2 = pyo.Var(bounds=(50, 300))
    m.g3 = pyo.Var(bounds=(0, 200))
    m.demand = pyo.Constraint(expr=m.g1 + m.g2 + m.g3 == 700)
    m.reserve = pyo.Constraint(expr=(350 - m.g1) + (300 - m.g2) >= 80)
    m.cost = pyo.Objective(expr=28 * m.g1 + 35 * m.g2 + 52 * m.g3, sense=pyo.minimize)
    return m
