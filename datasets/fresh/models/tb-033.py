"""tb-033: bakery: bread dough vs pizza dough (kg).

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.bread = pyo.Var(within=pyo.NonNegativeReals)
    m.pizza = pyo.Var(within=pyo.NonNegativeReals)
    m.flour = pyo.Constraint(expr=0.6 * m.bread + 0.55 * m.pizza <= 90)
    m.yeast = pyo.Constraint(expr=0.01 * m.bread + 0.005 * m.pizza <= 1.2)
    m.oil = pyo.Constraint(expr=0.04 * m.pizza <= 4)
    m.mixer = pyo.Constraint(expr=m.bread + m.pizza <= 150)
    m.revenue = pyo.Objective(expr=3.10 * m.bread + 4.00 * m.pizza, sense=pyo.maximize)
    return m
