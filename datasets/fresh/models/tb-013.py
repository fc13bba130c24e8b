"""tb-013: spring launch ad budget: radio, newspaper, social.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    # spend in thousands of dollars
    m.radio = pyo.Var(within=pyo.NonNegativeReals)
    m.paper = pyo.Var(within=pyo.NonNegativeReals)
    m.social = pyo.Var(within=pyo.NonNegativeReals)
    m.budget = pyo.Constraint(expr=m.radio + m.paper + m.social <= 18)
    m.social_cap = pyo.Constraint(expr=m.social <= 8)
    m.paper_share = pyo.Constraint(expr=m.paper >= 0.25 * 18)
    m.radio_vs_social = pyo.Constraint(expr=m.radio >= 0.5 * m.social)
    m.reach = pyo.Objective(expr=6500 * m.radio + 4000 * m.paper + 9000 * m.social, sense=pyo.maximize)
    return m
