"""md-011: transshipment, 2 factories -> 2 warehouses -> 3 stores, plus one direct arc."""
import pyomo.environ as pyo


def build():
    F = ["F1", "F2"]
    W = ["W1", "W2"]
    S = ["S1", "S2", "S3"]
    fcap = {"F1": 300, "F2": 250}
    wcap = {"W1": 280}
    dem = {"S1": 150, "S2": 180, "S3": 120}
    cfw = {("F1", "W1"): 4, ("F1", "W2"): 6, ("F2", "W1"): 5, ("F2", "W2"): 3}
    cws = {("W1", "S1"): 7, ("W1", "S2"): 5, ("W1", "S3"): 9,
           ("W2", "S1"): 8, ("W2", "S2"): 6, ("W2", "S3"): 4}
    direct_cost = 12  # F1 -> S1
    m = pyo.ConcreteModel()
    m.F = pyo.Set(initialize=F)
    m.W = pyo.Set(initialize=W)
    m.S = pyo.Set(initialize=S)
    m.a = pyo.Var(m.F, m.W, within=pyo.NonNegativeReals)
    m.b = pyo.Var(m.W, m.S, within=pyo.NonNegativeReals)
    m.d = pyo.Var(within=pyo.NonNegativeReals)
    m.fc = pyo.Constraint(m.F, rule=lambda m, f: sum(m.a[f, w] for w in m.W) + (m.d if f == "F1" else 0) <= fcap[f])
    m.wb = pyo.Constraint(m.W, rule=lambda m, w: sum(m.a[f, w] for f in m.F) == sum(m.b[w, s] for s in m.S))
    m.wc = pyo.Constraint(list(wcap), rule=lambda m, w: sum(m.a[f, w] for f in m.F) <= wcap[w])
    m.dm = pyo.Constraint(m.S, rule=lambda m, s: sum(m.b[w, s] for w in m.W) + (m.d if s == "S1" else 0) == dem[s])
    m.obj = pyo.Objective(expr=sum(cfw[k] * m.a[k] for k in cfw) + sum(cws[k] * m.b[k] for k in cws)
                          + direct_cost * m.d, sense=pyo.minimize)
    return m
