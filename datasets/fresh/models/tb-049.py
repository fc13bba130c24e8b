"""tb-049: large and small trucks for 58 tonnes.

Verification model for datasets/fresh/textbook.jsonl (MILP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.large = pyo.Var(within=pyo.NonNegativeIntegers)
    m.small = pyo.Var(within=pyo.NonNegativeIntegers)
    m.tonnes = pyo.Constraint(expr=14 * m.large + 5 * m.small >= 58)
    m.drivers = pyo.Constraint(expr=m.large <= 3)
    m.bay = pyo.Constraint(expr=m.large + m.small <= 7)
    m.cost = pyo.Objective(expr=650 * m.large + 300 * m.small, sense=pyo.minimize)
    return m
