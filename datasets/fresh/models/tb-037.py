"""tb-037: dark and milk chocolate from cocoa mass, sugar, milk powder.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.dark = pyo.Var(within=pyo.NonNegativeReals)
    m.milk = pyo.Var(within=pyo.NonNegativeReals)
    m.cocoa = pyo.Constraint(expr=0.70 * m.dark + 0.35 * m.milk <= 60)
    m.sugar = pyo.Constraint(expr=0.30 * m.dark + 0.40 * m.milk <= 45)
    m.powder = pyo.Constraint(expr=0.25 * m.milk <= 25)
    m.dark_sales = pyo.Constraint(expr=m.dark <= 50)
    m.revenue = pyo.Objective(expr=28 * m.dark + 22 * m.milk, sense=pyo.maximize)
    return m
