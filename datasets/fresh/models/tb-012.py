"""tb-012: capital budgeting: four all-or-nothing projects.

Verification model for datasets/fresh/textbook.jsonl (MILP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    P = ["wh", "web", "solar", "fleet"]
    npv = {"wh": 180, "web": 70, "solar": 110, "fleet": 150}
    y1 = {"wh": 120, "web": 30, "solar": 90, "fleet": 60}
    y2 = {"wh": 40, "web": 20, "solar": 10, "fleet": 90}
    m.do = pyo.Var(P, within=pyo.Binary)
    m.year1 = pyo.Constraint(expr=sum(y1[p] * m.do[p] for p in P) <= 200)
    m.year2 = pyo.Constraint(expr=sum(y2[p] * m.do[p] for p in P) <= 120)
    m.depends = pyo.Constraint(expr=m.do["fleet"] <= m.do["wh"])
    m.npv = pyo.Objective(expr=sum(npv[p] * m.do[p] for p in P), sense=pyo.maximize)
    return m
