"""tb-018: choosing electives: credits and a timetable clash.

Verification model for datasets/fresh/textbook.jsonl (MILP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    C = ["ml", "photo", "econ", "spanish"]
    credits = {"ml": 4, "photo": 2, "econ": 3, "spanish": 3}
    interest = {"ml": 9, "photo": 6, "econ": 5, "spanish": 7}
    m.take = pyo.Var(C, within=pyo.Binary)
    m.cr_lo = pyo.Constraint(expr=sum(credits[c] * m.take[c] for c in C) >= 6)
    m.cr_hi = pyo.Constraint(expr=sum(credits[c] * m.take[c] for c in C) <= 9)
    m.clash = pyo.Constraint(expr=m.take["ml"] + m.take["photo"] <= 1)
    m.interest = pyo.Objective(expr=sum(interest[c] * m.take[c] for c in C), sense=pyo.maximize)
    return m
