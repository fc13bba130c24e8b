"""tb-038: brackets and hinges on a press and a CNC (machine hours).

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.press_b = pyo.Var(within=pyo.NonNegativeReals)
    m.press_h = pyo.Var(within=pyo.NonNegativeReals)
    m.cnc_b = pyo.Var(within=pyo.NonNegativeReals)
    m.cnc_h = pyo.Var(within=pyo.NonNegativeReals)
    m.brackets = pyo.Constraint(expr=40 * m.press_b + 65 * m.cnc_b >= 1600)
    m.hinges = pyo.Constraint(expr=30 * m.press_h + 50 * m.cnc_h >= 1200)
    m.press_time = pyo.Constraint(expr=m.press_b + m.press_h <= 35)
    m.cnc_time = pyo.Constraint(expr=m.cnc_b + m.cnc_h <= 30)
    m.cost = pyo.Objective(expr=55 * (m.press_b + m.press_h) + 80 * (m.cnc_b + m.cnc_h), sense=pyo.minimize)
    return m
