"""tb-008: ventilator purchase: single vs dual-patient models.

Verification model for datasets/fresh/textbook.jsonl (MILP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.v1 = pyo.Var(within=pyo.NonNegativeIntegers)
    m.v2 = pyo.Var(within=pyo.NonNegativeIntegers)
    m.budget = pyo.Constraint(expr=32000 * m.v1 + 45000 * m.v2 <= 400000)
    m.space = pyo.Constraint(expr=1.5 * m.v1 + 1.8 * m.v2 <= 15)
    m.redundancy = pyo.Constraint(expr=m.v1 >= 3)
    m.patients = pyo.Objective(expr=m.v1 + 2 * m.v2, sense=pyo.maximize)
    return m
