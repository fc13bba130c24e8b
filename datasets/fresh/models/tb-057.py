"""tb-057: gym campaign: TV, streaming, billboards coverage.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    # thousands of dollars
    m.tv = pyo.Var(within=pyo.NonNegativeReals)
    m.stream = pyo.Var(within=pyo.NonNegativeReals)
    m.board = pyo.Var(within=pyo.NonNegativeReals)
    m.young = pyo.Constraint(expr=30 * m.tv + 60 * m.stream + 20 * m.board >= 1200)
    m.older = pyo.Constraint(expr=45 * m.tv + 15 * m.stream + 20 * m.board >= 800)
    m.contract = pyo.Constraint(expr=m.board >= 5)
    m.spend = pyo.Objective(expr=1000 * (m.tv + m.stream + m.board), sense=pyo.minimize)
    return m
