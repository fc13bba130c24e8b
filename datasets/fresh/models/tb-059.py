"""tb-059: ice cream mix at exactly 12% butterfat.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.cream = pyo.Var(within=pyo.NonNegativeReals)
    m.milk = pyo.Var(within=pyo.NonNegativeReals)
    m.powder = pyo.Var(within=pyo.NonNegativeReals)
    m.syrup = pyo.Var(within=pyo.NonNegativeReals)
    B = 50
    m.batch = pyo.Constraint(expr=m.cream + m.milk + m.powder + m.syrup == B)
    m.syrup_share = pyo.Constraint(expr=m.syrup == 0.15 * B)
    m.fat = pyo.Constraint(expr=0.36 * m.cream + 0.035 * m.milk + 0.01 * m.powder == 0.12 * B)
    m.msnf = pyo.Constraint(expr=0.055 * m.cream + 0.085 * m.milk + 0.96 * m.powder >= 0.10 * B)
    m.cost = pyo.Objective(expr=4.20 * m.cream + 1.10 * m.milk + 6.50 * m.powder + 1.60 * m.syrup,
                           sense=pyo.minimize)
    return m
