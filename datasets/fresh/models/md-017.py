"""md-017: make-or-buy, 4 components, milling/assembly capacity in minutes."""
import pyomo.environ as pyo


def build():
    P = ["P1", "P2", "P3", "P4"]
    need = {"P1": 1200, "P2": 900, "P3": 1500, "P4": 600}
    make = {"P1": 4.0, "P2": 6.5, "P3": 3.2, "P4": 9.0}
    buy = {"P1": 5.5, "P2": 8.0, "P3": 4.5, "P4": 12.0}
    mill = {"P1": 6, "P2": 10, "P3": 4, "P4": 12}
    asm = {"P1": 3, "P2": 5, "P3": 2, "P4": 8}
    m = pyo.ConcreteModel()
    m.P = pyo.Set(initialize=P)
    m.mk = pyo.Var(m.P, within=pyo.NonNegativeReals)
    m.by = pyo.Var(m.P, within=pyo.NonNegativeReals)
    m.req = pyo.Constraint(m.P, rule=lambda m, p: m.mk[p] + m.by[p] == need[p])
    m.mill = pyo.Constraint(expr=sum(mill[p] * m.mk[p] for p in m.P) <= 300 * 60)
    m.asm = pyo.Constraint(expr=sum(asm[p] * m.mk[p] for p in m.P) <= 150 * 60)
    m.obj = pyo.Objective(expr=sum(make[p] * m.mk[p] + buy[p] * m.by[p] for p in m.P), sense=pyo.minimize)
    return m
