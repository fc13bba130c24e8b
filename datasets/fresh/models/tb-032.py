"""tb-032: ward tube feed from three formulas.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    # units of 100 mL
    m.a = pyo.Var(within=pyo.NonNegativeReals)
    m.b = pyo.Var(within=pyo.NonNegativeReals)
    m.c = pyo.Var(within=pyo.NonNegativeReals)
    m.protein = pyo.Constraint(expr=4 * m.a + 6 * m.b + 2.5 * m.c >= 75)
    m.energy = pyo.Constraint(expr=100 * m.a + 150 * m.b + 120 * m.c >= 2000)
    m.sodium = pyo.Constraint(expr=80 * m.a + 120 * m.b + 40 * m.c <= 1500)
    m.volume = pyo.Constraint(expr=m.a + m.b + m.c <= 20)
    m.cost = pyo.Objective(expr=0.90 * m.a + 1.40 * m.b + 0.70 * m.c, sense=pyo.minimize)
    return m
