"""md-018: 3-block economic dispatch with ramp limits and hydro energy budget."""
import pyomo.environ as pyo


def build():
    T = [1, 2, 3]
    G = ["coal", "cc", "peaker", "hydro"]
    dem = {1: 420, 2: 610, 3: 530}
    pmax = {"coal": 300, "cc": 250, "peaker": 150, "hydro": 120}
    cost = {"coal": 22, "cc": 35, "peaker": 60, "hydro": 5}
    ramp = {"coal": 80, "cc": 150}
    m = pyo.ConcreteModel()
    m.T = pyo.Set(initialize=T)
    m.G = pyo.Set(initialize=G)
    m.p = pyo.Var(m.G, m.T, bounds=lambda m, g, t: (0, pmax[g]))
    m.dem = pyo.Constraint(m.T, rule=lambda m, t: sum(m.p[g, t] for g in m.G) == dem[t])
    RT = [(g, t) for g in ramp for t in T if t > 1]
    m.up = pyo.Constraint(RT, rule=lambda m, g, t: m.p[g, t] - m.p[g, t - 1] <= ramp[g])
    m.dn = pyo.Constraint(RT, rule=lambda m, g, t: m.p[g, t - 1] - m.p[g, t] <= ramp[g])
    m.hyd = pyo.Constraint(expr=sum(m.p["hydro", t] for t in m.T) <= 240)
    m.obj = pyo.Objective(expr=sum(cost[g] * m.p[g, t] for g in m.G for t in m.T), sense=pyo.minimize)
    return m
