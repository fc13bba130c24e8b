"""tb-052: coaches and minibuses for a school trip.

Verification model for datasets/fresh/textbook.jsonl (MILP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.coach = pyo.Var(within=pyo.NonNegativeIntegers)
    m.mini = pyo.Var(within=pyo.NonNegativeIntegers)
    m.seats = pyo.Constraint(expr=52 * m.coach + 16 * m.mini >= 230 + 18)
    m.coach_avail = pyo.Constraint(expr=m.coach <= 4)
    m.teachers = pyo.Constraint(expr=m.coach + m.mini <= 18)
    m.cost = pyo.Objective(expr=780 * m.coach + 290 * m.mini, sense=pyo.minimize)
    return m
