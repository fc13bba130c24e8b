"""tb-001: TV, radio and newspaper spots, whole spots.

Verification model for datasets/fresh/textbook.jsonl (MILP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.tv = pyo.Var(within=pyo.NonNegativeIntegers, bounds=(0, 5))
    m.radio = pyo.Var(within=pyo.NonNegativeIntegers, bounds=(6, 12))
    m.paper = pyo.Var(within=pyo.NonNegativeIntegers, bounds=(2, None))
    m.budget = pyo.Constraint(expr=2400 * m.tv + 450 * m.radio + 1100 * m.paper <= 20000)
    m.reach = pyo.Objective(expr=38000 * m.tv + 9000 * m.radio + 16000 * m.paper, sense=pyo.maximize)
    return m
