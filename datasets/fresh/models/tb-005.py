"""tb-005: machine shifts for gears and shafts.

Verification model for datasets/fresh/textbook.jsonl (MILP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.a = pyo.Var(within=pyo.NonNegativeIntegers, bounds=(0, 10))
    m.b = pyo.Var(within=pyo.NonNegativeIntegers, bounds=(0, 10))
    m.gears = pyo.Constraint(expr=500 * m.a + 250 * m.b >= 3000)
    m.shafts = pyo.Constraint(expr=200 * m.a + 300 * m.b >= 2100)
    m.cost = pyo.Objective(expr=1200 * m.a + 900 * m.b, sense=pyo.minimize)
    return m
