"""tb-003: buying cows and sheep.

Verification model for datasets/fresh/textbook.jsonl (MILP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.cows = pyo.Var(within=pyo.NonNegativeIntegers)
    m.sheep = pyo.Var(within=pyo.NonNegativeIntegers)
    m.money = pyo.Constraint(expr=1400 * m.cows + 220 * m.sheep <= 16000)
    m.grazing = pyo.Constraint(expr=0.5 * m.cows + 0.08 * m.sheep <= 5)
    m.barn = pyo.Constraint(expr=4 * m.cows + 1.2 * m.sheep <= 60)
    m.profit = pyo.Objective(expr=620 * m.cows + 110 * m.sheep, sense=pyo.maximize)
    return m
