"""tb-010: flour blend closest to a target profile.

Verification model for datasets/fresh/textbook.jsonl (QP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    F = ["bread", "whole", "rye"]
    protein = {"bread": 13, "whole": 14, "rye": 9}
    ash = {"bread": 0.5, "whole": 1.6, "rye": 1.2}
    fibre = {"bread": 3, "whole": 12, "rye": 15}
    m.x = pyo.Var(F, within=pyo.NonNegativeReals)
    m.sum1 = pyo.Constraint(expr=sum(m.x[f] for f in F) == 1)
    m.rye = pyo.Constraint(expr=m.x["rye"] <= 0.20)
    dp = sum(protein[f] * m.x[f] for f in F) - 11
    da = sum(ash[f] * m.x[f] for f in F) - 1.0
    df = sum(fibre[f] * m.x[f] for f in F) - 10
    m.dev = pyo.Objective(expr=dp ** 2 + da ** 2 + df ** 2, sense=pyo.minimize)
    return m
