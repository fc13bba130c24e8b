"""tb-048: aggregate from two quarries to two building sites.

Verification model for datasets/fresh/textbook.jsonl (LP), written from the problem text.
"""
import pyomo.environ as pyo


def build():
    m = pyo.ConcreteModel()
    Q = ["Hillside", "Riverbend"]
    S = [1, 2]
    cap = {"Hillside": 500, "Riverbend": 350}
    gate = {"Hillside": 18, "Riverbend": 20}
    need = {1: 420, 2: 380}
    haul = {("Hillside", 1): 6, ("Hillside", 2): 11, ("Riverbend", 1): 9, ("Riverbend", 2): 7}
    m.x = pyo.Var(Q, S, within=pyo.NonNegativeReals)
    m.cap = pyo.Constraint(Q, rule=lambda m, q: sum(m.x[q, s] for s in S) <= cap[q])
    m.need = pyo.Constraint(S, rule=lambda m, s: sum(m.x[q, s] for q in Q) >= need[s])
    m.cost = pyo.Objective(expr=sum((gate[q] + haul[q, s]) * m.x[q, s] for q in Q for s in S),
                           sense=pyo.minimize)
    return m
