"""md-050: unit commitment, 3 units x 4 hours, min/max output, no-load, startup, 10% reserve."""
import pyomo.environ as pyo


def build():
    T = [1, 2, 3, 4]
    dem = {1: 150, 2: 280, 3: 350, 4: 200}
    G = {"G1": (50, 200, 20, 400, 1000), "G2": (40, 150, 28, 200, 500), "G3": (20, 100, 45, 100, 100)}
    m = pyo.ConcreteModel()
    m.G = pyo.Set(initialize=list(G))
    m.T = pyo.Set(initialize=T)
    m.u = pyo.Var(m.G, m.T, within=pyo.Binary)
    m.v = pyo.Var(m.G, m.T, within=pyo.Binary)  # startup
    m.p = pyo.Var(m.G, m.T, within=pyo.NonNegativeReals)
    m.pmin = pyo.Constraint(m.G, m.T, rule=lambda m, g, t: m.p[g, t] >= G[g][0] * m.u[g, t])
    m.pmax = pyo.Constraint(m.G, m.T, rule=lambda m, g, t: m.p[g, t] <= G[g][1] * m.u[g, t])
    m.dem = pyo.Constraint(m.T, rule=lambda m, t: sum(m.p[g, t] for g in m.G) == dem[t])
    m.res = pyo.Constraint(m.T, rule=lambda m, t: sum(G[g][1] * m.u[g, t] for g in m.G) >= 1.1 * dem[t])
    m.st = pyo.Constraint(m.G, m.T, rule=lambda m, g, t: m.v[g, t] >= m.u[g, t] - (0 if t == 1 else m.u[g, t - 1]))
    m.obj = pyo.Objective(expr=sum(G[g][2] * m.p[g, t] + G[g][3] * m.u[g, t] + G[g][4] * m.v[g, t]
                                   for g in m.G for t in m.T), sense=pyo.minimize)
    return m
