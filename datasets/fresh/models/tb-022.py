"""tb-022: two canning lines with set-up costs.

Verification model for datasets/fresh/textbook.jsonl (MILP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.use1 = pyo.Var(within=pyo.Binary)
    m.use2 = pyo.Var(within=pyo.Binary)
    m.cans1 = pyo.Var(within=pyo.NonNegativeReals)
    m.cans2 = pyo.Var(within=pyo.NonNegativeReals)
    m.cap1 = pyo.Constraint(expr=m.cans1 <= 30000 * m.use1)
    m.cap2 = pyo.Constraint(expr=m.cans2 <= 40000 * m.use2)
    m.orders = pyo.Constraint(expr=m.cans1 + m.cans2 >= 38000)
    m.cost = pyo.Objective(expr=900 * m.use1 + 0.12 * m.cans1 + 400 * m.use2 + 0.18 * m.cans2,
                           sense=pyo.minimize)
    return m
