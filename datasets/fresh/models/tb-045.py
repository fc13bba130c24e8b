"""tb-045: coffee roastery house blend.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.col = pyo.Var(bounds=(0, 300))
    m.bra = pyo.Var(bounds=(0, 400))
    m.eth = pyo.Var(bounds=(0, 150))
    total = m.col + m.bra + m.eth
    m.roaster = pyo.Constraint(expr=total <= 700)
    m.bra_max = pyo.Constraint(expr=m.bra <= 0.55 * total)
    m.eth_min = pyo.Constraint(expr=m.eth >= 0.15 * total)
    m.profit = pyo.Objective(expr=(16 - 1.10 - 7.50) * m.col + (16 - 1.10 - 5.20) * m.bra
                             + (16 - 1.10 - 9.80) * m.eth, sense=pyo.maximize)
    return m
