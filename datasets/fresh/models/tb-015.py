"""tb-015: soap maker: hand soap vs shower gel (litres).

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.hand = pyo.Var(within=pyo.NonNegativeReals)   # litres hand soap
    m.gel = pyo.Var(within=pyo.NonNegativeReals)    # litres shower gel
    m.surfactant = pyo.Constraint(expr=0.3 * m.hand + 0.5 * m.gel <= 150)
    m.bottling = pyo.Constraint(expr=m.hand / 20 + m.gel / 25 <= 20)
    m.gel_market = pyo.Constraint(expr=m.gel <= 400)
    m.profit = pyo.Objective(expr=2.50 * m.hand + 3.20 * m.gel, sense=pyo.maximize)
    return m
