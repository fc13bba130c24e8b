"""tb-026: fuel blending: straight-run, reformate, alkylate.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.sr = pyo.Var(bounds=(0, 5000))
    m.ref = pyo.Var(bounds=(0, 4000))
    m.alk = pyo.Var(bounds=(0, 3000))
    m.volume = pyo.Constraint(expr=m.sr + m.ref + m.alk == 8000)
    m.octane = pyo.Constraint(expr=82 * m.sr + 98 * m.ref + 94 * m.alk >= 90 * 8000)
    m.aromatics = pyo.Constraint(expr=m.ref <= 0.45 * 8000)
    m.cost = pyo.Objective(expr=0.62 * m.sr + 0.91 * m.ref + 0.84 * m.alk, sense=pyo.minimize)
    return m
