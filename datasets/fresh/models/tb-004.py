"""tb-004: finals study plan across three subjects.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.calc = pyo.Var(bounds=(0, 12))
    m.chem = pyo.Var(bounds=(0, 12))
    m.hist = pyo.Var(bounds=(0, 12))
    m.time = pyo.Constraint(expr=m.calc + m.chem + m.hist <= 30)
    m.calc_cap = pyo.Constraint(expr=58 + 2.5 * m.calc <= 100)
    m.chem_cap = pyo.Constraint(expr=62 + 3 * m.chem <= 100)
    m.hist_cap = pyo.Constraint(expr=70 + 1.8 * m.hist <= 100)
    m.scholarship = pyo.Constraint(expr=58 + 2.5 * m.calc >= 65)
    m.total = pyo.Objective(expr=(58 + 2.5 * m.calc) + (62 + 3 * m.chem) + (70 + 1.8 * m.hist),
                            sense=pyo.maximize)
    return m
