"""tb-051: least-squares line through spring measurements.

Verification model for datasets/fresh/textbook.jsonl (QP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    load = [1, 2, 3, 4, 5]
    ext = [21, 39, 62, 78, 101]
    m.a = pyo.Var(within=pyo.Reals)
    m.b = pyo.Var(within=pyo.Reals)
    m.sse = pyo.Objective(expr=sum((ext[i] - m.a - m.b * load[i]) ** 2 for i in range(5)),
                          sense=pyo.minimize)
    return m
