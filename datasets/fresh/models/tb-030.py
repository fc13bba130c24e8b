"""tb-030: scarves and hats for a craft fair.

Verification model for datasets/fresh/textbook.jsonl (MILP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.scarf = pyo.Var(within=pyo.NonNegativeIntegers)
    m.hat = pyo.Var(within=pyo.NonNegativeIntegers)
    m.yarn = pyo.Constraint(expr=3 * m.scarf + 1 * m.hat <= 26)
    m.time = pyo.Constraint(expr=6 * m.scarf + 2.5 * m.hat <= 60)
    m.kids = pyo.Constraint(expr=m.hat >= 4)
    m.revenue = pyo.Objective(expr=60 * m.scarf + 22 * m.hat, sense=pyo.maximize)
    return m
