"""tb-041: river barge: diesel, vegetable oil, molasses.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.diesel = pyo.Var(within=pyo.NonNegativeReals)
    m.veg = pyo.Var(bounds=(0, 800))
    m.mol = pyo.Var(bounds=(0, 600))
    m.volume = pyo.Constraint(expr=m.diesel + m.veg + m.mol <= 1500)
    m.weight = pyo.Constraint(expr=0.84 * m.diesel + 0.92 * m.veg + 1.4 * m.mol <= 1600)
    m.revenue = pyo.Objective(expr=21 * m.diesel + 26 * m.veg + 30 * m.mol, sense=pyo.maximize)
    return m
