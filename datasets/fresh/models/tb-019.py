"""tb-019: retiree allocating savings among four options.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    m.gov = pyo.Var(within=pyo.NonNegativeReals)
    m.corp = pyo.Var(within=pyo.NonNegativeReals)
    m.stock = pyo.Var(within=pyo.NonNegativeReals)
    m.save = pyo.Var(within=pyo.NonNegativeReals)
    total = 120000
    m.all_in = pyo.Constraint(expr=m.gov + m.corp + m.stock + m.save == total)
    m.emergency = pyo.Constraint(expr=m.save >= 20000)
    m.stock_cap = pyo.Constraint(expr=m.stock <= total / 3)
    m.corp_le_gov = pyo.Constraint(expr=m.corp <= m.gov)
    m.bonds_min = pyo.Constraint(expr=m.gov + m.corp >= 40000)
    m.ret = pyo.Objective(expr=0.042 * m.gov + 0.058 * m.corp + 0.075 * m.stock + 0.031 * m.save,
                          sense=pyo.maximize)
    return m
