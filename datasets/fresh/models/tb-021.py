"""tb-021: cutting 3 m boards into shelf pieces.

Verification model for datasets/fresh/textbook.jsonl (MILP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.a = pyo.Var(within=pyo.NonNegativeIntegers)
    m.b = pyo.Var(within=pyo.NonNegativeIntegers)
    m.c = pyo.Var(within=pyo.NonNegativeIntegers)
    m.long = pyo.Constraint(expr=2 * m.a + 1 * m.b >= 14)
    m.short = pyo.Constraint(expr=2 * m.b + 3 * m.c >= 22)
    m.cost = pyo.Objective(expr=9 * (m.a + m.b + m.c), sense=pyo.minimize)
    return m
