"""tb-050: barley and canola with nitrogen limit.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.barley = pyo.Var(within=pyo.NonNegativeReals)
    m.canola = pyo.Var(within=pyo.NonNegativeReals)
    m.land = pyo.Constraint(expr=m.barley + m.canola <= 200)
    m.nitrogen = pyo.Constraint(expr=120 * m.barley + 180 * m.canola <= 27000)
    m.rotation = pyo.Constraint(expr=m.canola <= 200 / 3)
    m.maltster = pyo.Constraint(expr=m.barley >= 60)
    m.earn = pyo.Objective(expr=450 * m.barley + 620 * m.canola, sense=pyo.maximize)
    return m
