"""md-022: 2-dimensional bin packing of 9 VMs onto servers (RAM, vCPU)."""
import pyomo.environ as pyo


def build():
    vms = {"A": (12, 4), "B": (10, 8), "C": (8, 6), "D": (8, 2), "E": (6, 6),
           "F": (6, 3), "G": (4, 5), "H": (4, 2), "I": (2, 4)}
    ram_cap, cpu_cap = 24, 12
    nserv = 9
    m = pyo.ConcreteModel()
    m.V = pyo.Set(initialize=list(vms))
    m.S = pyo.Set(initialize=list(range(nserv)))
    m.x = pyo.Var(m.V, m.S, within=pyo.Binary)
    m.y = pyo.Var(m.S, within=pyo.Binary)
    m.one = pyo.Constraint(m.V, rule=lambda m, v: sum(m.x[v, s] for s in m.S) == 1)
    m.ram = pyo.Constraint(m.S, rule=lambda m, s: sum(vms[v][0] * m.x[v, s] for v in m.V) <= ram_cap * m.y[s])
    m.cpu = pyo.Constraint(m.S, rule=lambda m, s: sum(vms[v][1] * m.x[v, s] for v in m.V) <= cpu_cap * m.y[s])
    m.sym = pyo.Constraint([s for s in range(1, nserv)], rule=lambda m, s: m.y[s] <= m.y[s - 1])
    m.obj = pyo.Objective(expr=sum(m.y[s] for s in m.S), sense=pyo.minimize)
    return m
