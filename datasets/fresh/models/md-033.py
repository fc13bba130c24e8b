"""md-033: supplier split with average defect and on-time constraints."""
import pyomo.environ as pyo


def build():
    S = ["A", "B", "C", "D"]
    price = {"A": 2.40, "B": 2.55, "C": 2.70, "D": 2.35}
    cap = {"A": 5000, "B": 4000, "C": 6000, "D": 3000}
    defect = {"A": 3.0, "B": 1.5, "C": 1.0, "D": 4.0}
    ontime = {"A": 92, "B": 88, "C": 95, "D": 85}
    Q = 10000
    m = pyo.ConcreteModel()
    m.S = pyo.Set(initialize=S)
    m.x = pyo.Var(m.S, bounds=lambda m, s: (0, min(cap[s], 0.5 * Q)))
    m.tot = pyo.Constraint(expr=sum(m.x[s] for s in m.S) == Q)
    m.defect = pyo.Constraint(expr=sum(defect[s] * m.x[s] for s in m.S) <= 2.0 * Q)
    m.ontime = pyo.Constraint(expr=sum(ontime[s] * m.x[s] for s in m.S) >= 90 * Q)
    m.obj = pyo.Objective(expr=sum(price[s] * m.x[s] for s in m.S), sense=pyo.minimize)
    return m
