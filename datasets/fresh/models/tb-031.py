"""tb-031: island microgrid: diesel, solar, battery, cable import.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.diesel = pyo.Var(bounds=(0, 1200))
    m.solar = pyo.Var(bounds=(0, 650))
    m.battery = pyo.Var(bounds=(0, 400))
    m.cable = pyo.Var(bounds=(0, 500))
    m.demand = pyo.Constraint(expr=m.diesel + m.solar + m.battery + m.cable >= 1800)
    m.co2 = pyo.Constraint(expr=0.7 * m.diesel + 0.4 * m.cable <= 450)
    m.cost = pyo.Objective(expr=0.32 * m.diesel + 0.05 * m.battery + 0.45 * m.cable, sense=pyo.minimize)
    return m
