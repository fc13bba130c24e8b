"""tb-046: student breakfast diet: oats, milk, peanut butter.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.oats = pyo.Var(within=pyo.NonNegativeReals)   # 100 g units
    m.milk = pyo.Var(within=pyo.NonNegativeReals)   # cups
    m.pb = pyo.Var(within=pyo.NonNegativeReals)     # spoons
    m.protein = pyo.Constraint(expr=13 * m.oats + 8 * m.milk + 7 * m.pb >= 30)
    m.energy = pyo.Constraint(expr=380 * m.oats + 150 * m.milk + 190 * m.pb >= 700)
    m.fat = pyo.Constraint(expr=7 * m.oats + 8 * m.milk + 16 * m.pb <= 35)
    m.cost = pyo.Objective(expr=0.60 * m.oats + 0.35 * m.milk + 0.25 * m.pb, sense=pyo.minimize)
    return m
