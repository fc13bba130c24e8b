"""tb-027: barista shifts covering four day blocks.

Verification model for datasets/fresh/textbook.jsonl (MILP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.early = pyo.Var(within=pyo.NonNegativeIntegers)
    m.middle = pyo.Var(within=pyo.NonNegativeIntegers)
    m.late = pyo.Var(within=pyo.NonNegativeIntegers)
    m.b1 = pyo.Constraint(expr=m.early >= 4)                 # 6-10
    m.b2 = pyo.Constraint(expr=m.early + m.middle >= 6)      # 10-14
    m.b3 = pyo.Constraint(expr=m.middle + m.late >= 5)       # 14-18
    m.b4 = pyo.Constraint(expr=m.late >= 3)                  # 18-22
    m.wages = pyo.Objective(expr=128 * m.early + 128 * m.middle + 136 * m.late, sense=pyo.minimize)
    return m
