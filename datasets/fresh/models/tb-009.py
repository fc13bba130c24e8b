"""tb-009: delivery van: small and large boxes.

Verification model for datasets/fresh/textbook.jsonl (MILP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.small = pyo.Var(within=pyo.NonNegativeIntegers, bounds=(0, 20))
    m.large = pyo.Var(within=pyo.NonNegativeIntegers, bounds=(0, 10))
    m.volume = pyo.Constraint(expr=0.12 * m.small + 0.35 * m.large <= 3.2)
    m.payload = pyo.Constraint(expr=25 * m.small + 60 * m.large <= 560)
    m.earn = pyo.Objective(expr=14 * m.small + 36 * m.large, sense=pyo.maximize)
    return m
