"""tb-020: three-asset minimum variance with a 9% return floor.

Verification model for datasets/fresh/textbook.jsonl (QP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    A = ["A", "B", "C"]
    mu = {"A": 6, "B": 9, "C": 12}
    cov = {("A", "A"): 100, ("A", "B"): 30, ("A", "C"): 20,
           ("B", "A"): 30, ("B", "B"): 225, ("B", "C"): 60,
           ("C", "A"): 20, ("C", "B"): 60, ("C", "C"): 400}
    m.w = pyo.Var(A, within=pyo.NonNegativeReals)
    m.full = pyo.Constraint(expr=sum(m.w[a] for a in A) == 1)
    m.ret = pyo.Constraint(expr=sum(mu[a] * m.w[a] for a in A) >= 9)
    m.var = pyo.Objective(expr=sum(cov[i, j] * m.w[i] * m.w[j] for i in A for j in A), sense=pyo.minimize)
    return m
