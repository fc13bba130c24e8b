"""tb-011: planted aquarium: two liquid fertilisers.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.x = pyo.Var(within=pyo.NonNegativeReals)  # mL of brand X
    m.y = pyo.Var(within=pyo.NonNegativeReals)  # mL of brand Y
    m.nitrate = pyo.Constraint(expr=2 * m.x + 0.5 * m.y >= 20)
    m.phosphate = pyo.Constraint(expr=0.2 * m.x + 0.3 * m.y >= 4)
    m.potassium = pyo.Constraint(expr=1.5 * m.x + 3 * m.y >= 30)
    m.cents = pyo.Objective(expr=6 * m.x + 4 * m.y, sense=pyo.minimize)
    return m
