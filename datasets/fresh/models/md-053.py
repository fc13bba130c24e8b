"""md-053: cyclic shift scheduling, 6 blocks, full-time (2 blocks) and part-time (1 block)."""
import pyomo.environ as pyo


def build():
    B = list(range(6))
    need = {0: 4, 1: 6, 2: 14, 3: 16, 4: 12, 5: 8}
    m = pyo.ConcreteModel()
    m.B = pyo.Set(initialize=B)
    m.f = pyo.Var(m.B, within=pyo.NonNegativeIntegers)  # full-timers starting at block b
    m.p = pyo.Var(m.B, within=pyo.NonNegativeIntegers)  # part-timers in block b
    ft_on = lambda m, b: m.f[b] + m.f[(b - 1) % 6]
    m.cov = pyo.Constraint(m.B, rule=lambda m, b: ft_on(m, b) + m.p[b] >= need[b])
    m.share = pyo.Constraint(m.B, rule=lambda m, b: m.p[b] <= 0.25 * (ft_on(m, b) + m.p[b]))
    m.obj = pyo.Objective(expr=sum(160 * m.f[b] + 90 * m.p[b] for b in m.B), sense=pyo.minimize)
    return m
