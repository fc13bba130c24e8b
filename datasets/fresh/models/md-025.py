"""md-025: capital budgeting, 6 projects x 3 years, precedence, exclusivity, cardinality."""
import pyomo.environ as pyo


def build():
    P = ["P1", "P2", "P3", "P4", "P5", "P6"]
    npv = {"P1": 140, "P2": 95, "P3": 180, "P4": 160, "P5": 75, "P6": 110}
    capex = {"P1": [60, 20, 10], "P2": [30, 30, 15], "P3": [80, 40, 20],
             "P4": [70, 30, 30], "P5": [20, 25, 20], "P6": [40, 35, 25]}
    budget = {1: 180, 2: 120, 3: 70}
    m = pyo.ConcreteModel()
    m.P = pyo.Set(initialize=P)
    m.Y = pyo.Set(initialize=[1, 2, 3])
    m.x = pyo.Var(m.P, within=pyo.Binary)
    m.bud = pyo.Constraint(m.Y, rule=lambda m, y: sum(capex[p][y - 1] * m.x[p] for p in m.P) <= budget[y])
    m.dep = pyo.Constraint(expr=m.x["P5"] <= m.x["P2"])
    m.exc = pyo.Constraint(expr=m.x["P3"] + m.x["P4"] <= 1)
    m.card = pyo.Constraint(expr=sum(m.x[p] for p in m.P) <= 4)
    m.obj = pyo.Objective(expr=sum(npv[p] * m.x[p] for p in m.P), sense=pyo.maximize)
    return m
