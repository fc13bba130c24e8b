"""tb-047: audit staffing: seniors, juniors, contractors (hours).

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.sen = pyo.Var(within=pyo.NonNegativeReals)
    m.jun = pyo.Var(within=pyo.NonNegativeReals)
    m.con = pyo.Var(within=pyo.NonNegativeReals)
    total = m.sen + m.jun + m.con
    m.hours = pyo.Constraint(expr=total >= 600)
    m.senior_share = pyo.Constraint(expr=m.sen >= 0.20 * total)
    m.jun_cap = pyo.Constraint(expr=m.jun <= 350)
    m.con_cap = pyo.Constraint(expr=m.con <= 150)
    m.supervision = pyo.Constraint(expr=m.jun <= 4 * m.sen)
    m.cost = pyo.Objective(expr=95 * m.sen + 48 * m.jun + 70 * m.con, sense=pyo.minimize)
    return m
