"""md-023: media allocation LP, 4 channels, $80k budget, max exposures."""
import pyomo.environ as pyo


def build():
    C = ["tv", "radio", "print", "social"]
    per_k = {"tv": 1200, "radio": 900, "print": 700, "social": 1500}  # exposures per $1000
    budget = 80000
    m = pyo.ConcreteModel()
    m.C = pyo.Set(initialize=C)
    m.x = pyo.Var(m.C, within=pyo.NonNegativeReals)  # dollars
    m.bud = pyo.Constraint(expr=sum(m.x[c] for c in m.C) <= budget)
    m.soc = pyo.Constraint(expr=m.x["social"] <= 15000)
    m.tv = pyo.Constraint(expr=m.x["tv"] >= 0.30 * budget)
    m.rp = pyo.Constraint(expr=m.x["radio"] + m.x["print"] >= 12000)
    m.pr = pyo.Constraint(expr=m.x["print"] <= 10000)
    m.obj = pyo.Objective(expr=sum(per_k[c] / 1000 * m.x[c] for c in m.C), sense=pyo.maximize)
    return m
