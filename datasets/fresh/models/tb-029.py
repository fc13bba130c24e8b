"""tb-029: 12,000 flyers on two printers.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.a = pyo.Var(bounds=(0, 6))
    m.b = pyo.Var(bounds=(0, 4))
    m.flyers = pyo.Constraint(expr=1500 * m.a + 2200 * m.b >= 12000)
    m.cost = pyo.Objective(expr=40 * m.a + 65 * m.b, sense=pyo.minimize)
    return m
