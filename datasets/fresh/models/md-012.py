"""md-012: 2-constraint 0-1 knapsack, 8 items (weight, volume)."""
import pyomo.environ as pyo


def build():
    items = {
        "demo": (350, 3.5, 900), "wall": (120, 4.0, 480), "brochures": (80, 0.6, 150),
        "prototype": (400, 2.8, 1000), "lighting": (60, 1.2, 210), "espresso": (30, 0.4, 240),
        "lounge": (220, 3.0, 380), "screen": (90, 1.5, 420),
    }
    m = pyo.ConcreteModel()
    m.I = pyo.Set(initialize=list(items))
    m.x = pyo.Var(m.I, within=pyo.Binary)
    m.wt = pyo.Constraint(expr=sum(items[i][0] * m.x[i] for i in m.I) <= 1200)
    m.vol = pyo.Constraint(expr=sum(items[i][1] * m.x[i] for i in m.I) <= 14)
    m.obj = pyo.Objective(expr=sum(items[i][2] * m.x[i] for i in m.I), sense=pyo.maximize)
    return m
