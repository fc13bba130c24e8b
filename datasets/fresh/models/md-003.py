"""md-003: 6 solvents x 4 resources product mix, max profit."""
import pyomo.environ as pyo


def build():
    P = ["S1", "S2", "S3", "S4", "S5", "S6"]
    R = ["reactor", "distill", "labour", "base"]
    profit = {"S1": 420, "S2": 380, "S3": 510, "S4": 300, "S5": 460, "S6": 350}
    use = {
        "S1": {"reactor": 2.0, "distill": 1.0, "labour": 3.0, "base": 0.80},
        "S2": {"reactor": 1.5, "distill": 2.0, "labour": 2.0, "base": 0.90},
        "S3": {"reactor": 3.0, "distill": 1.5, "labour": 4.0, "base": 1.00},
        "S4": {"reactor": 1.0, "distill": 1.0, "labour": 1.5, "base": 0.70},
        "S5": {"reactor": 2.5, "distill": 2.5, "labour": 2.0, "base": 0.85},
        "S6": {"reactor": 1.2, "distill": 0.8, "labour": 3.5, "base": 0.95},
    }
    cap = {"reactor": 400, "distill": 320, "labour": 600, "base": 160}
    m = pyo.ConcreteModel()
    m.P = pyo.Set(initialize=P)
    m.R = pyo.Set(initialize=R)
    m.x = pyo.Var(m.P, within=pyo.NonNegativeReals)
    m.res = pyo.Constraint(m.R, rule=lambda m, r: sum(use[p][r] * m.x[p] for p in m.P) <= cap[r])
    m.s3max = pyo.Constraint(expr=m.x["S3"] <= 40)
    m.s4min = pyo.Constraint(expr=m.x["S4"] >= 20)
    m.obj = pyo.Objective(expr=sum(profit[p] * m.x[p] for p in m.P), sense=pyo.maximize)
    return m
