"""tb-042: chemical plant: three products, three resources.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.p1 = pyo.Var(within=pyo.NonNegativeReals)
    m.p2 = pyo.Var(within=pyo.NonNegativeReals)
    m.p3 = pyo.Var(within=pyo.NonNegativeReals)
    m.reactor = pyo.Constraint(expr=2 * m.p1 + 3 * m.p2 + 1.5 * m.p3 <= 400)
    m.catalyst = pyo.Constraint(expr=0.5 * m.p1 + 0.2 * m.p2 + 0.4 * m.p3 <= 60)
    m.steam = pyo.Constraint(expr=1 * m.p1 + 2 * m.p2 + 2 * m.p3 <= 380)
    m.contract = pyo.Constraint(expr=m.p3 >= 20)
    m.profit = pyo.Objective(expr=180 * m.p1 + 260 * m.p2 + 150 * m.p3, sense=pyo.maximize)
    return m
