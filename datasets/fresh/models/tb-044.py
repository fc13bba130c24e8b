"""tb-044: light breakfast smoothie.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    # units of 100 g
    m.banana = pyo.Var(within=pyo.NonNegativeReals)
    m.spinach = pyo.Var(within=pyo.NonNegativeReals)
    m.yog = pyo.Var(within=pyo.NonNegativeReals)
    m.vitc = pyo.Constraint(expr=9 * m.banana + 28 * m.spinach >= 20)
    m.fibre = pyo.Constraint(expr=2.6 * m.banana + 2.2 * m.spinach >= 5)
    m.protein = pyo.Constraint(expr=1.1 * m.banana + 2.9 * m.spinach + 10 * m.yog >= 15)
    m.weight = pyo.Constraint(expr=m.banana + m.spinach + m.yog >= 3.5)
    m.spinach_cap = pyo.Constraint(expr=m.spinach <= 1.5)
    m.kcal = pyo.Objective(expr=89 * m.banana + 23 * m.spinach + 59 * m.yog, sense=pyo.minimize)
    return m
