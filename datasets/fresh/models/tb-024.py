"""tb-024: plain LP exercise, minimise.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.x1 = pyo.Var(within=pyo.NonNegativeReals)
    m.x2 = pyo.Var(within=pyo.NonNegativeReals)
    m.x3 = pyo.Var(within=pyo.NonNegativeReals)
    m.c1 = pyo.Constraint(expr=2 * m.x1 + m.x2 + m.x3 >= 10)
    m.c2 = pyo.Constraint(expr=m.x1 + 3 * m.x2 + 2 * m.x3 >= 15)
    m.c3 = pyo.Constraint(expr=m.x1 + m.x2 <= 8)
    m.z = pyo.Objective(expr=3 * m.x1 + 5 * m.x2 + 4 * m.x3, sense=pyo.minimize)
    return m
