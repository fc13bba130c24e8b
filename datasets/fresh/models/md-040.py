"""md-040: cutting stock, 12 m bars into 3 / 4.5 / 5 m pieces; patterns enumerated in code."""
import itertools
import pyomo.environ as pyo


def build():
    L = 12.0
    length = {"p3": 3.0, "p45": 4.5, "p5": 5.0}
    demand = {"p3": 40, "p45": 25, "p5": 30}
    names = list(length)
    pats = []
    for combo in itertools.product(*(range(int(L // length[k]) + 1) for k in names)):
        if 0 < sum(c * length[k] for c, k in zip(combo, names)) <= L + 1e-9:
            pats.append(dict(zip(names, combo)))
    m = pyo.ConcreteModel()
    m.K = pyo.Set(initialize=list(range(len(pats))))
    m.I = pyo.Set(initialize=names)
    m.n = pyo.Var(m.K, within=pyo.NonNegativeIntegers)
    m.dem = pyo.Constraint(m.I, rule=lambda m, i: sum(pats[k][i] * m.n[k] for k in m.K) >= demand[i])
    m.obj = pyo.Objective(expr=sum(m.n[k] for k in m.K), sense=pyo.minimize)
    return m
