"""tb-056: small freighter: two holds, two cargoes, balance.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.ff = pyo.Var(within=pyo.NonNegativeReals)  # flowers, front (t)
    m.fp = pyo.Var(within=pyo.NonNegativeReals)  # parts, front
    m.rf = pyo.Var(within=pyo.NonNegativeReals)  # flowers, rear
    m.rp = pyo.Var(within=pyo.NonNegativeReals)  # parts, rear
    front = m.ff + m.fp
    total = m.ff + m.fp + m.rf + m.rp
    m.front_w = pyo.Constraint(expr=front <= 6)
    m.rear_w = pyo.Constraint(expr=m.rf + m.rp <= 8)
    m.front_v = pyo.Constraint(expr=2 * m.ff + 0.8 * m.fp <= 9)
    m.rear_v = pyo.Constraint(expr=2 * m.rf + 0.8 * m.rp <= 10)
    m.flowers = pyo.Constraint(expr=m.ff + m.rf <= 9)
    m.parts = pyo.Constraint(expr=m.fp + m.rp <= 7)
    m.bal_lo = pyo.Constraint(expr=front >= 0.40 * total)
    m.bal_hi = pyo.Constraint(expr=front <= 0.50 * total)
    m.profit = pyo.Objective(expr=310 * (m.ff + m.rf) + 240 * (m.fp + m.rp), sense=pyo.maximize)
    return m
