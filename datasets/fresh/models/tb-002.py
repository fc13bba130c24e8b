"""tb-002: ward nursing hours: staff RN, agency RN, LPN.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.staff = pyo.Var(bounds=(0, 550))
    m.agency = pyo.Var(within=pyo.NonNegativeReals)
    m.lpn = pyo.Var(bounds=(0, 500))
    total = m.staff + m.agency + m.lpn
    m.need = pyo.Constraint(expr=total >= 1050)
    m.rn_share = pyo.Constraint(expr=m.staff + m.agency >= 0.60 * total)
    m.agency_share = pyo.Constraint(expr=m.agency <= 0.15 * total)
    m.cost = pyo.Objective(expr=52 * m.staff + 88 * m.agency + 34 * m.lpn, sense=pyo.minimize)
    return m
