"""md-008: 7-day nurse schedule, 5 consecutive days on, min nurses (integer)."""
import pyomo.environ as pyo


def build():
    D = list(range(7))  # 0=Mon .. 6=Sun
    need = {0: 17, 1: 13, 2: 15, 3: 19, 4: 14, 5: 16, 6: 11}
    m = pyo.ConcreteModel()
    m.D = pyo.Set(initialize=D)
    m.x = pyo.Var(m.D, within=pyo.NonNegativeIntegers)  # nurses starting on day d
    m.cov = pyo.Constraint(m.D, rule=lambda m, d: sum(m.x[(d - k) % 7] for k in range(5)) >= need[d])
    m.obj = pyo.Objective(expr=sum(m.x[d] for d in m.D), sense=pyo.minimize)
    return m
