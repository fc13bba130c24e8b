"""tb-023: dining tables and chairs, whole pieces.

Verification model for datasets/fresh/textbook.jsonl (MILP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.tables = pyo.Var(within=pyo.NonNegativeIntegers)
    m.chairs = pyo.Var(within=pyo.NonNegativeIntegers)
    m.wood = pyo.Constraint(expr=5 * m.tables + 2 * m.chairs <= 80)
    m.finish = pyo.Constraint(expr=2 * m.tables + 1.5 * m.chairs <= 38)
    m.sets = pyo.Constraint(expr=m.chairs >= 2 * m.tables)
    m.profit = pyo.Objective(expr=210 * m.tables + 75 * m.chairs, sense=pyo.maximize)
    return m
