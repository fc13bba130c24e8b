"""md-034: request routing regions -> data centres with latency cap."""
import pyomo.environ as pyo


def build():
    R = ["East", "Central", "West"]
    D = ["DC1", "DC2", "DC3", "DC4"]
    dem = {"East": 40, "Central": 25, "West": 35}
    cap = {"DC1": 45, "DC2": 30, "DC3": 35, "DC4": 25}
    energy = {"DC1": 3.0, "DC2": 2.2, "DC3": 2.6, "DC4": 1.8}
    lat = {"East": [10, 35, 45, 70], "Central": [30, 15, 25, 40], "West": [65, 40, 20, 12]}
    L = {(r, d): lat[r][k] for r in R for k, d in enumerate(D)}
    allowed = [(r, d) for (r, d) in L if L[r, d] <= 45]
    m = pyo.ConcreteModel()
    m.R = pyo.Set(initialize=R)
    m.D = pyo.Set(initialize=D)
    m.A = pyo.Set(initialize=allowed, dimen=2)
    m.x = pyo.Var(m.A, within=pyo.NonNegativeReals)
    m.dem = pyo.Constraint(m.R, rule=lambda m, r: sum(m.x[a] for a in m.A if a[0] == r) == dem[r])
    m.cap = pyo.Constraint(m.D, rule=lambda m, d: sum(m.x[a] for a in m.A if a[1] == d) <= cap[d])
    m.obj = pyo.Objective(expr=sum((energy[d] + 0.02 * L[r, d]) * m.x[r, d] for (r, d) in m.A),
                          sense=pyo.minimize)
    return m
