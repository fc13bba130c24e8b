"""tb-060: pension portfolio with average risk score cap.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.a = pyo.Var(bounds=(0, 0.6))
    m.b = pyo.Var(bounds=(0, 0.6))
    m.c = pyo.Var(bounds=(0, 0.6))
    m.full = pyo.Constraint(expr=m.a + m.b + m.c == 1)
    m.risk = pyo.Constraint(expr=2 * m.a + 5 * m.b + 8 * m.c <= 4.5)
    m.liquid = pyo.Constraint(expr=m.a >= 0.10)
    m.ret_pct = pyo.Objective(expr=4 * m.a + 6.5 * m.b + 9 * m.c, sense=pyo.maximize)
    return m
