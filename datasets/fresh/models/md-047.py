"""md-047: bank asset allocation LP, $200M, max return ($M)."""
import pyomo.environ as pyo


def build():
    A = ["cash", "gov", "mort", "comm", "cons"]
    r = {"cash": 0.0, "gov": 0.04, "mort": 0.065, "comm": 0.08, "cons": 0.10}
    T = 200
    m = pyo.ConcreteModel()
    m.A = pyo.Set(initialize=A)
    m.x = pyo.Var(m.A, within=pyo.NonNegativeReals)
    m.tot = pyo.Constraint(expr=sum(m.x[a] for a in m.A) == T)
    m.cash = pyo.Constraint(expr=m.x["cash"] >= 0.10 * T)
    m.liq = pyo.Constraint(expr=m.x["cash"] + m.x["gov"] >= 0.25 * T)
    m.mort = pyo.Constraint(expr=m.x["mort"] >= 0.20 * T)
    m.cons = pyo.Constraint(expr=m.x["cons"] <= 0.15 * T)
    m.risky = pyo.Constraint(expr=m.x["comm"] + m.x["cons"] <= 0.50 * T)
    m.obj = pyo.Objective(expr=sum(r[a] * m.x[a] for a in m.A), sense=pyo.maximize)
    return m
