"""tb-034: school fair fruit punch blend.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.orange = pyo.Var(within=pyo.NonNegativeReals)
    m.pine = pyo.Var(within=pyo.NonNegativeReals)
    m.water = pyo.Var(within=pyo.NonNegativeReals)
    V = 40
    m.volume = pyo.Constraint(expr=m.orange + m.pine + m.water == V)
    m.sugar = pyo.Constraint(expr=0.10 * m.orange + 0.13 * m.pine <= 0.075 * V)
    m.orange_min = pyo.Constraint(expr=m.orange >= 0.25 * V)
    m.water_max = pyo.Constraint(expr=m.water <= 0.35 * V)
    m.cost = pyo.Objective(expr=2.20 * m.orange + 1.80 * m.pine + 0.60 * m.water, sense=pyo.minimize)
    return m
