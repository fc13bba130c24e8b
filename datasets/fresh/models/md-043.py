"""md-043: student diet, 6 foods x 4 nutrients, servings <= 4."""
import pyomo.environ as pyo


def build():
    F = {  # cost, kcal, protein, calcium, fat
        "oatmeal": (0.30, 150, 5, 20, 3), "milk": (0.40, 120, 8, 300, 5), "eggs": (0.50, 140, 12, 50, 10),
        "bread": (0.25, 160, 6, 60, 2), "pb": (0.20, 190, 8, 15, 16), "banana": (0.25, 105, 1, 6, 0.4),
    }
    m = pyo.ConcreteModel()
    m.F = pyo.Set(initialize=list(F))
    m.x = pyo.Var(m.F, bounds=(0, 4))
    m.kcal = pyo.Constraint(expr=sum(F[f][1] * m.x[f] for f in m.F) >= 2000)
    m.prot = pyo.Constraint(expr=sum(F[f][2] * m.x[f] for f in m.F) >= 55)
    m.ca = pyo.Constraint(expr=sum(F[f][3] * m.x[f] for f in m.F) >= 800)
    m.fat = pyo.Constraint(expr=sum(F[f][4] * m.x[f] for f in m.F) <= 70)
    m.obj = pyo.Objective(expr=sum(F[f][0] * m.x[f] for f in m.F), sense=pyo.minimize)
    return m
