"""tb-006: wedding trays: lasagna, roast veg, salad.

Verification model for datasets/fresh/textbook.jsonl (MILP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.lasagna = pyo.Var(within=pyo.NonNegativeIntegers)
    m.veg = pyo.Var(within=pyo.NonNegativeIntegers)
    m.salad = pyo.Var(within=pyo.NonNegativeIntegers)
    m.mains = pyo.Constraint(expr=12 * m.lasagna + 10 * m.veg >= 120)
    m.salads = pyo.Constraint(expr=15 * m.salad >= 90)
    m.oven = pyo.Constraint(expr=m.lasagna + m.veg <= 11)
    m.bride = pyo.Constraint(expr=m.veg >= 4)
    m.cost = pyo.Objective(expr=48 * m.lasagna + 30 * m.veg + 22 * m.salad, sense=pyo.minimize)
    return m
