"""md-015: bond portfolio LP, 5 bonds, risk/maturity averages."""
import pyomo.environ as pyo


def build():
    B = ["G1", "G2", "M1", "C1", "C2"]
    yld = {"G1": 0.032, "G2": 0.038, "M1": 0.045, "C1": 0.056, "C2": 0.068}
    risk = {"G1": 1, "G2": 1, "M1": 2, "C1": 3, "C2": 4}
    mat = {"G1": 10, "G2": 20, "M1": 7, "C1": 5, "C2": 3}
    gov = ["G1", "G2"]
    total = 1_000_000
    m = pyo.ConcreteModel()
    m.B = pyo.Set(initialize=B)
    m.x = pyo.Var(m.B, bounds=(0, 0.40 * total))
    m.all = pyo.Constraint(expr=sum(m.x[b] for b in m.B) == total)
    m.risk = pyo.Constraint(expr=sum(risk[b] * m.x[b] for b in m.B) <= 2.0 * total)
    m.mat = pyo.Constraint(expr=sum(mat[b] * m.x[b] for b in m.B) <= 8 * total)
    m.gov = pyo.Constraint(expr=sum(m.x[b] for b in gov) >= 0.20 * total)
    m.obj = pyo.Objective(expr=sum(yld[b] * m.x[b] for b in m.B), sense=pyo.maximize)
    return m
