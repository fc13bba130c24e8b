"""md-013: crop planning, 4 crops, land/water/labour."""
import pyomo.environ as pyo


def build():
    C = ["wheat", "corn", "soy", "barley"]
    profit = {"wheat": 180, "corn": 250, "soy": 210, "barley": 150}
    water = {"wheat": 1.2, "corn": 2.0, "soy": 1.5, "barley": 1.0}
    labour = {"wheat": 4, "corn": 6, "soy": 5, "barley": 3}
    m = pyo.ConcreteModel()
    m.C = pyo.Set(initialize=C)
    m.x = pyo.Var(m.C, within=pyo.NonNegativeReals)
    m.land = pyo.Constraint(expr=sum(m.x[c] for c in m.C) <= 500)
    m.water = pyo.Constraint(expr=sum(water[c] * m.x[c] for c in m.C) <= 800)
    m.lab = pyo.Constraint(expr=sum(labour[c] * m.x[c] for c in m.C) <= 2600)
    m.wmin = pyo.Constraint(expr=m.x["wheat"] >= 50)
    m.cmax = pyo.Constraint(expr=m.x["corn"] <= 200)
    m.obj = pyo.Objective(expr=sum(profit[c] * m.x[c] for c in m.C), sense=pyo.maximize)
    return m
