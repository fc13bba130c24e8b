"""tb-054: one truck, three bulk goods, weight and volume.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.fert = pyo.Var(bounds=(0, 18))
    m.chips = pyo.Var(bounds=(0, 10))
    m.gravel = pyo.Var(bounds=(0, 30))
    m.weight = pyo.Constraint(expr=m.fert + m.chips + m.gravel <= 24)
    m.volume = pyo.Constraint(expr=1.1 * m.fert + 3.0 * m.chips + 0.6 * m.gravel <= 40)
    m.pay = pyo.Objective(expr=42 * m.fert + 55 * m.chips + 20 * m.gravel, sense=pyo.maximize)
    return m
