"""tb-017: translator splitting a week among three clients.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.legal = pyo.Var(bounds=(0, 8000))
    m.game = pyo.Var(bounds=(5000, 15000))
    m.travel = pyo.Var(within=pyo.NonNegativeReals)
    m.hours = pyo.Constraint(expr=m.legal / 350 + m.game / 600 + m.travel / 800 <= 40)
    m.income = pyo.Objective(expr=0.20 * m.legal + 0.10 * m.game + 0.08 * m.travel, sense=pyo.maximize)
    return m
