"""tb-016: winter heating: pellets, gas, heat pump with CO2 cap.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.pellet = pyo.Var(bounds=(0, 7000))
    m.gas = pyo.Var(within=pyo.NonNegativeReals)
    m.hp = pyo.Var(bounds=(0, 6000))
    m.heat = pyo.Constraint(expr=m.pellet + m.gas + m.hp >= 12000)
    m.co2 = pyo.Constraint(expr=0.03 * m.pellet + 0.22 * m.gas + 0.12 * m.hp <= 850)
    m.cost = pyo.Objective(expr=0.07 * m.pellet + 0.09 * m.gas + 0.06 * m.hp, sense=pyo.minimize)
    return m
