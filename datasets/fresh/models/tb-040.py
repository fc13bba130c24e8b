"""tb-040: pig grower ration, one tonne batch.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.barley = pyo.Var(within=pyo.NonNegativeReals)
    m.soy = pyo.Var(within=pyo.NonNegativeReals)
    m.bran = pyo.Var(within=pyo.NonNegativeReals)
    m.batch = pyo.Constraint(expr=m.barley + m.soy + m.bran == 1)
    m.protein = pyo.Constraint(expr=0.11 * m.barley + 0.46 * m.soy + 0.15 * m.bran >= 0.16)
    m.fibre = pyo.Constraint(expr=0.05 * m.barley + 0.06 * m.soy + 0.11 * m.bran <= 0.07)
    m.bran_cap = pyo.Constraint(expr=m.bran <= 0.20)
    m.cost = pyo.Objective(expr=240 * m.barley + 520 * m.soy + 180 * m.bran, sense=pyo.minimize)
    return m
