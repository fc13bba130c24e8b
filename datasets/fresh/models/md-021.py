"""md-021: 5x5 assignment with one forbidden pair, min hours."""
import pyomo.environ as pyo


def build():
    W = ["Ana", "Ben", "Cho", "Dev", "Eli"]
    J = [1, 2, 3, 4, 5]
    t = {"Ana": [9, 11, 14, 11, 7], "Ben": [6, 15, 13, 13, 10], "Cho": [12, 13, 6, 8, 8],
         "Dev": [11, 9, 10, 12, 9], "Eli": [7, 12, 14, 10, 14]}
    hours = {(w, j): t[w][j - 1] for w in W for j in J}
    forbidden = {("Ben", 1)}
    m = pyo.ConcreteModel()
    m.W = pyo.Set(initialize=W)
    m.J = pyo.Set(initialize=J)
    m.x = pyo.Var(m.W, m.J, within=pyo.Binary)
    m.w1 = pyo.Constraint(m.W, rule=lambda m, w: sum(m.x[w, j] for j in m.J) == 1)
    m.j1 = pyo.Constraint(m.J, rule=lambda m, j: sum(m.x[w, j] for w in m.W) == 1)
    m.forb = pyo.Constraint(list(forbidden), rule=lambda m, w, j: m.x[w, j] == 0)
    m.obj = pyo.Objective(expr=sum(hours[k] * m.x[k] for k in hours), sense=pyo.minimize)
    return m
