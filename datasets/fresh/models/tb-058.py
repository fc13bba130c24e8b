"""tb-058: taco truck batches and renting a second grill.

Verification model for datasets/fresh/textbook.jsonl (MILP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.tacos = pyo.Var(within=pyo.NonNegativeIntegers)
    m.burritos = pyo.Var(within=pyo.NonNegativeIntegers)
    m.rent = pyo.Var(within=pyo.Binary)
    m.grill = pyo.Constraint(expr=1.5 * m.tacos + 1 * m.burritos <= 10 + 8 * m.rent)
    m.fridge = pyo.Constraint(expr=m.tacos + m.burritos <= 9)
    m.profit = pyo.Objective(expr=160 * m.tacos + 95 * m.burritos - 150 * m.rent, sense=pyo.maximize)
    return m
