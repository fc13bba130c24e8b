"""md-049: refinery process modes (input-output LP), max profit."""
import pyomo.environ as pyo


def build():
    K = [1, 2, 3]
    inp = {1: {"A": 4, "B": 2}, 2: {"A": 3, "B": 5}, 3: {"A": 5, "B": 1}}
    out = {1: {"gas": 3, "kero": 2, "fuel": 1}, 2: {"gas": 2, "kero": 3, "fuel": 3},
           3: {"gas": 4, "kero": 1, "fuel": 1.5}}
    opcost = {1: 10, 2: 12, 3: 14}
    cavail = {"A": 500, "B": 400}
    ccost = {"A": 30, "B": 25}
    price = {"gas": 60, "kero": 50, "fuel": 35}
    maxsale = {"gas": 300, "kero": 250, "fuel": 200}
    m = pyo.ConcreteModel()
    m.K = pyo.Set(initialize=K)
    m.C = pyo.Set(initialize=list(cavail))
    m.O = pyo.Set(initialize=list(price))
    m.r = pyo.Var(m.K, within=pyo.NonNegativeReals)
    m.crude = pyo.Constraint(m.C, rule=lambda m, c: sum(inp[k][c] * m.r[k] for k in m.K) <= cavail[c])
    m.mkt = pyo.Constraint(m.O, rule=lambda m, o: sum(out[k][o] * m.r[k] for k in m.K) <= maxsale[o])
    m.obj = pyo.Objective(expr=sum(m.r[k] * (sum(price[o] * out[k][o] for o in m.O)
                                             - sum(ccost[c] * inp[k][c] for c in m.C) - opcost[k]) for k in m.K),
                          sense=pyo.maximize)
    return m
