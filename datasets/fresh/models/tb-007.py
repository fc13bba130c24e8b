"""tb-007: steel mini-mill: sheet and rebar.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.sheet = pyo.Var(within=pyo.NonNegativeReals)
    m.rebar = pyo.Var(within=pyo.NonNegativeReals)
    m.furnace = pyo.Constraint(expr=0.8 * m.sheet + 0.6 * m.rebar <= 120)
    m.rolling = pyo.Constraint(expr=1.2 * m.sheet + 0.5 * m.rebar <= 130)
    m.contract = pyo.Constraint(expr=m.sheet >= 40)
    m.demand = pyo.Constraint(expr=m.rebar <= 150)
    m.contrib = pyo.Objective(expr=95 * m.sheet + 70 * m.rebar, sense=pyo.maximize)
    return m
