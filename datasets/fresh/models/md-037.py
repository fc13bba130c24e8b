"""md-037: 2 plants x 2 products x 3 customers production-distribution LP."""
import pyomo.environ as pyo


def build():
    P = ["Ohio", "Texas"]
    G = ["gadget", "widget"]
    C = ["C1", "C2", "C3"]
    hours = {"Ohio": 2000, "Texas": 1800}
    hpu = {("Ohio", "gadget"): 0.5, ("Ohio", "widget"): 0.8, ("Texas", "gadget"): 0.6, ("Texas", "widget"): 0.7}
    pc = {("Ohio", "gadget"): 12, ("Ohio", "widget"): 18, ("Texas", "gadget"): 11, ("Texas", "widget"): 19}
    ship = {("Ohio", "C1"): 2.0, ("Ohio", "C2"): 3.0, ("Ohio", "C3"): 5.0,
            ("Texas", "C1"): 4.0, ("Texas", "C2"): 2.0, ("Texas", "C3"): 1.5}
    dem = {("gadget", "C1"): 800, ("gadget", "C2"): 600, ("gadget", "C3"): 900,
           ("widget", "C1"): 500, ("widget", "C2"): 700, ("widget", "C3"): 400}
    m = pyo.ConcreteModel()
    m.P = pyo.Set(initialize=P)
    m.G = pyo.Set(initialize=G)
    m.C = pyo.Set(initialize=C)
    m.x = pyo.Var(m.P, m.G, m.C, within=pyo.NonNegativeReals)
    m.hrs = pyo.Constraint(m.P, rule=lambda m, p: sum(hpu[p, g] * m.x[p, g, c] for g in m.G for c in m.C) <= hours[p])
    m.dem = pyo.Constraint(m.G, m.C, rule=lambda m, g, c: sum(m.x[p, g, c] for p in m.P) == dem[g, c])
    m.obj = pyo.Objective(expr=sum((pc[p, g] + ship[p, c]) * m.x[p, g, c] for p in m.P for g in m.G for c in m.C),
                          sense=pyo.minimize)
    return m
