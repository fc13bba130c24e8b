"""md-030: set covering, 6 fire station sites, 8 neighbourhoods."""
import pyomo.environ as pyo


def build():
    cost = {"S1": 300, "S2": 250, "S3": 280, "S4": 320, "S5": 270, "S6": 200}
    covers = {"S1": ["N1", "N2", "N4"], "S2": ["N2", "N3", "N5"], "S3": ["N4", "N6", "N7"],
              "S4": ["N5", "N7", "N8"], "S5": ["N1", "N3", "N6"], "S6": ["N2", "N6", "N8"]}
    N = ["N%d" % k for k in range(1, 9)]
    m = pyo.ConcreteModel()
    m.S = pyo.Set(initialize=list(cost))
    m.N = pyo.Set(initialize=N)
    m.x = pyo.Var(m.S, within=pyo.Binary)
    m.cov = pyo.Constraint(m.N, rule=lambda m, n: sum(m.x[s] for s in m.S if n in covers[s]) >= 1)
    m.obj = pyo.Objective(expr=sum(cost[s] * m.x[s] for s in m.S), sense=pyo.minimize)
    return m
