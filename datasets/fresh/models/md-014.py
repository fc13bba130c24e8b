"""md-014: brass blend from 5 materials, Cu/Zn/Pb spec, 2000 kg."""
import pyomo.environ as pyo


def build():
    M = ["s1", "s2", "s3", "zn", "cu"]
    comp = {"s1": {"Cu": 70, "Zn": 25, "Pb": 5}, "s2": {"Cu": 55, "Zn": 42, "Pb": 3},
            "s3": {"Cu": 80, "Zn": 18, "Pb": 2}, "zn": {"Cu": 0, "Zn": 100, "Pb": 0},
            "cu": {"Cu": 100, "Zn": 0, "Pb": 0}}
    cost = {"s1": 3.10, "s2": 2.80, "s3": 3.60, "zn": 2.40, "cu": 5.20}
    avail = {"s1": 900, "s2": 1000, "s3": 600, "zn": None, "cu": None}
    lo = {"Cu": 60, "Zn": 30, "Pb": 0}
    hi = {"Cu": 65, "Zn": 35, "Pb": 3}
    total = 2000
    m = pyo.ConcreteModel()
    m.M = pyo.Set(initialize=M)
    m.E = pyo.Set(initialize=["Cu", "Zn", "Pb"])
    m.x = pyo.Var(m.M, bounds=lambda m, k: (0, avail[k]))
    m.tot = pyo.Constraint(expr=sum(m.x[k] for k in m.M) == total)
    m.lo = pyo.Constraint(m.E, rule=lambda m, e: sum(comp[k][e] / 100 * m.x[k] for k in m.M) >= lo[e] / 100 * total)
    m.hi = pyo.Constraint(m.E, rule=lambda m, e: sum(comp[k][e] / 100 * m.x[k] for k in m.M) <= hi[e] / 100 * total)
    m.obj = pyo.Objective(expr=sum(cost[k] * m.x[k] for k in m.M), sense=pyo.minimize)
    return m
