"""md-031: emission abatement, 5 options at fractional levels, 3 pollutant targets."""
import pyomo.environ as pyo


def build():
    O = ["scrub", "bag", "fuel", "vapour", "upgrade"]
    cut = {"scrub": {"PM": 20, "SOx": 60, "VOC": 10}, "bag": {"PM": 35, "SOx": 5, "VOC": 8},
           "fuel": {"PM": 8, "SOx": 80, "VOC": 15}, "vapour": {"PM": 2, "SOx": 0, "VOC": 70},
           "upgrade": {"PM": 15, "SOx": 40, "VOC": 45}}
    cost = {"scrub": 4.0, "bag": 3.2, "fuel": 5.5, "vapour": 2.8, "upgrade": 6.0}
    target = {"PM": 45, "SOx": 120, "VOC": 80}
    m = pyo.ConcreteModel()
    m.O = pyo.Set(initialize=O)
    m.P = pyo.Set(initialize=list(target))
    m.x = pyo.Var(m.O, bounds=(0, 1))
    m.t = pyo.Constraint(m.P, rule=lambda m, p: sum(cut[o][p] * m.x[o] for o in m.O) >= target[p])
    m.obj = pyo.Objective(expr=sum(cost[o] * m.x[o] for o in m.O), sense=pyo.minimize)
    return m
