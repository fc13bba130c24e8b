"""tb-025: weekend pack: four optional items, weight and volume.

Verification model for datasets/fresh/textbook.jsonl (MILP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    items = ["camera", "fleece", "stove", "chair"]
    kg = {"camera": 1.8, "fleece": 1.1, "stove": 2.0, "chair": 1.5}
    litres = {"camera": 3, "fleece": 7, "stove": 4, "chair": 5}
    score = {"camera": 6, "fleece": 7, "stove": 8, "chair": 5}
    m.take = pyo.Var(items, within=pyo.Binary)
    m.weight = pyo.Constraint(expr=sum(kg[i] * m.take[i] for i in items) <= 4.5)
    m.space = pyo.Constraint(expr=sum(litres[i] * m.take[i] for i in items) <= 12)
    m.useful = pyo.Objective(expr=sum(score[i] * m.take[i] for i in items), sense=pyo.maximize)
    return m
