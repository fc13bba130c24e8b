"""tb-035: plain LP, maximise, three variables.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.a = pyo.Var(within=pyo.NonNegativeReals)
    m.b = pyo.Var(within=pyo.NonNegativeReals)
    m.c = pyo.Var(within=pyo.NonNegativeReals)
    m.c1 = pyo.Constraint(expr=m.a + m.b + 2 * m.c <= 12)
    m.c2 = pyo.Constraint(expr=3 * m.a + m.b + m.c <= 15)
    m.c3 = pyo.Constraint(expr=m.b + 3 * m.c <= 16)
    m.obj = pyo.Objective(expr=4 * m.a + 3 * m.b + 6 * m.c, sense=pyo.maximize)
    return m
