"""tb-039: weekly training hours: run, cycle, swim.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.run = pyo.Var(within=pyo.NonNegativeReals)
    m.cycle = pyo.Var(within=pyo.NonNegativeReals)
    m.swim = pyo.Var(within=pyo.NonNegativeReals)
    m.time = pyo.Constraint(expr=m.run + m.cycle + m.swim <= 9)
    m.run_cap = pyo.Constraint(expr=m.run <= 3)
    m.knees = pyo.Constraint(expr=m.run + m.cycle <= 6)
    m.swim_min = pyo.Constraint(expr=m.swim >= 1.5)
    m.cycle_ge_run = pyo.Constraint(expr=m.cycle >= m.run)
    m.kcal = pyo.Objective(expr=700 * m.run + 550 * m.cycle + 500 * m.swim, sense=pyo.maximize)
    return m
