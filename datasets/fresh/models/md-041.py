"""md-041: goal programming LP with weighted deviations."""
import pyomo.environ as pyo


def build():
    P = ["A", "B", "C"]
    profit = {"A": 30, "B": 40, "C": 25}
    lab = {"A": 2, "B": 3, "C": 1.5}
    mat = {"A": 4, "B": 3, "C": 5}
    m = pyo.ConcreteModel()
    m.P = pyo.Set(initialize=P)
    m.x = pyo.Var(m.P, within=pyo.NonNegativeReals)
    m.d_profit = pyo.Var(within=pyo.NonNegativeReals)   # shortfall below 8000
    m.e_profit = pyo.Var(within=pyo.NonNegativeReals)   # excess
    m.over = pyo.Var(within=pyo.NonNegativeReals)
    m.under = pyo.Var(within=pyo.NonNegativeReals)
    m.c_short = pyo.Var(within=pyo.NonNegativeReals)
    m.c_excess = pyo.Var(within=pyo.NonNegativeReals)
    m.mat = pyo.Constraint(expr=sum(mat[p] * m.x[p] for p in m.P) <= 1000)
    m.g1 = pyo.Constraint(expr=sum(profit[p] * m.x[p] for p in m.P) + m.d_profit - m.e_profit == 8000)
    m.g2 = pyo.Constraint(expr=sum(lab[p] * m.x[p] for p in m.P) - m.over + m.under == 400)
    m.g3 = pyo.Constraint(expr=m.x["C"] + m.c_short - m.c_excess == 50)
    m.obj = pyo.Objective(expr=1 * m.d_profit + 8 * m.over + 3 * m.under + 10 * m.c_short, sense=pyo.minimize)
    return m
