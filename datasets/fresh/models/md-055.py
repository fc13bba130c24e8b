"""md-055: multiple-choice knapsack, 4 districts x 3 packages, $11M budget."""
import pyomo.environ as pyo


def build():
    opts = {("A", "basic"): (1.5, 20), ("A", "enh"): (3.0, 34), ("A", "prem"): (4.5, 45),
            ("B", "basic"): (1.0, 12), ("B", "enh"): (2.5, 28), ("B", "prem"): (4.0, 38),
            ("C", "basic"): (2.0, 25), ("C", "enh"): (3.5, 37), ("C", "prem"): (5.0, 50),
            ("D", "basic"): (1.2, 15), ("D", "enh"): (2.8, 30), ("D", "prem"): (4.2, 40)}
    m = pyo.ConcreteModel()
    m.K = pyo.Set(initialize=list(opts), dimen=2)
    m.Dist = pyo.Set(initialize=["A", "B", "C", "D"])
    m.x = pyo.Var(m.K, within=pyo.Binary)
    m.one = pyo.Constraint(m.Dist, rule=lambda m, d: sum(m.x[k] for k in m.K if k[0] == d) == 1)
    m.bud = pyo.Constraint(expr=sum(opts[k][0] * m.x[k] for k in m.K) <= 11.0)
    m.obj = pyo.Objective(expr=sum(opts[k][1] * m.x[k] for k in m.K), sense=pyo.maximize)
    return m
