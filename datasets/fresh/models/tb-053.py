"""tb-053: evening peak: two gas turbines with start-up cost and market.

Verification model for datasets/fresh/textbook.jsonl (MILP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.onA = pyo.Var(within=pyo.Binary)
    m.onB = pyo.Var(within=pyo.Binary)
    m.pA = pyo.Var(within=pyo.NonNegativeReals)
    m.pB = pyo.Var(within=pyo.NonNegativeReals)
    m.buy = pyo.Var(bounds=(0, 100))
    m.A_lo = pyo.Constraint(expr=m.pA >= 80 * m.onA)
    m.A_hi = pyo.Constraint(expr=m.pA <= 200 * m.onA)
    m.B_lo = pyo.Constraint(expr=m.pB >= 40 * m.onB)
    m.B_hi = pyo.Constraint(expr=m.pB <= 120 * m.onB)
    m.demand = pyo.Constraint(expr=m.pA + m.pB + m.buy == 260)
    m.cost = pyo.Objective(expr=1800 * m.onA + 600 * m.onB + 38 * m.pA + 55 * m.pB + 90 * m.buy,
                           sense=pyo.minimize)
    return m
