"""tb-055: credit union loan allocation.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.car = pyo.Var(within=pyo.NonNegativeReals)
    m.home = pyo.Var(within=pyo.NonNegativeReals)
    m.pers = pyo.Var(within=pyo.NonNegativeReals)
    lent = m.car + m.home + m.pers
    m.funds = pyo.Constraint(expr=lent <= 2_000_000)
    m.pers_cap = pyo.Constraint(expr=m.pers <= 0.15 * lent)
    m.home_min = pyo.Constraint(expr=m.home >= 0.40 * lent)
    m.bad_debt = pyo.Constraint(expr=0.01 * m.car + 0.005 * m.home + 0.06 * m.pers <= 0.015 * lent)
    m.net = pyo.Objective(expr=(0.065 - 0.01) * m.car + (0.052 - 0.005) * m.home + (0.12 - 0.06) * m.pers,
                          sense=pyo.maximize)
    return m
