"""tb-014: crop plan: wheat, maize, soybean with water and labour.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    crops = ["wheat", "maize", "soy"]
    margin = {"wheat": 310, "maize": 420, "soy": 380}
    water = {"wheat": 1500, "maize": 3200, "soy": 2100}
    labour = {"wheat": 6, "maize": 9, "soy": 7}
    m.ha = pyo.Var(crops, within=pyo.NonNegativeReals)
    m.land = pyo.Constraint(expr=sum(m.ha[c] for c in crops) <= 240)
    m.water = pyo.Constraint(expr=sum(water[c] * m.ha[c] for c in crops) <= 520000)
    m.labour = pyo.Constraint(expr=sum(labour[c] * m.ha[c] for c in crops) <= 1800)
    m.maize_cap = pyo.Constraint(expr=m.ha["maize"] <= 100)
    m.margin = pyo.Objective(expr=sum(margin[c] * m.ha[c] for c in crops), sense=pyo.maximize)
    return m
