"""md-045: bakery 5 products x 3 resources, with demand caps and ratio."""
import pyomo.environ as pyo


def build():
    P = ["loaf", "baguette", "croissant", "muffin", "cake"]
    profit = {"loaf": 1.20, "baguette": 0.90, "croissant": 0.70, "muffin": 0.60, "cake": 6.00}
    oven = {"loaf": 3, "baguette": 2, "croissant": 1.5, "muffin": 1, "cake": 12}
    staff = {"loaf": 4, "baguette": 3, "croissant": 5, "muffin": 2, "cake": 20}
    flour = {"loaf": 0.5, "baguette": 0.3, "croissant": 0.1, "muffin": 0.12, "cake": 0.8}
    maxd = {"loaf": 150, "baguette": 200, "croissant": 250, "muffin": 180, "cake": 20}
    m = pyo.ConcreteModel()
    m.P = pyo.Set(initialize=P)
    m.x = pyo.Var(m.P, bounds=lambda m, p: (0, maxd[p]))
    m.oven = pyo.Constraint(expr=sum(oven[p] * m.x[p] for p in m.P) <= 900)
    m.staff = pyo.Constraint(expr=sum(staff[p] * m.x[p] for p in m.P) <= 1200)
    m.flour = pyo.Constraint(expr=sum(flour[p] * m.x[p] for p in m.P) <= 120)
    m.ratio = pyo.Constraint(expr=m.x["baguette"] >= 0.5 * m.x["croissant"])
    m.obj = pyo.Objective(expr=sum(profit[p] * m.x[p] for p in m.P), sense=pyo.maximize)
    return m
