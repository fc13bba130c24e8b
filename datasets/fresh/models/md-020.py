"""md-020: furniture product mix with setup (fixed) costs, integer units."""
import pyomo.environ as pyo


def build():
    P = ["table", "chair", "desk", "bookcase"]
    profit = {"table": 120, "chair": 45, "desk": 150, "bookcase": 90}
    setup = {"table": 800, "chair": 300, "desk": 1000, "bookcase": 600}
    use = {"carp": {"table": 6, "chair": 2, "desk": 8, "bookcase": 5},
           "fin": {"table": 3, "chair": 1, "desk": 4, "bookcase": 2},
           "wood": {"table": 20, "chair": 6, "desk": 25, "bookcase": 15}}
    cap = {"carp": 480, "fin": 240, "wood": 1500}
    maxd = {"table": 40, "chair": 120, "desk": 30, "bookcase": 50}
    m = pyo.ConcreteModel()
    m.P = pyo.Set(initialize=P)
    m.R = pyo.Set(initialize=list(cap))
    m.x = pyo.Var(m.P, within=pyo.NonNegativeIntegers)
    m.y = pyo.Var(m.P, within=pyo.Binary)
    m.res = pyo.Constraint(m.R, rule=lambda m, r: sum(use[r][p] * m.x[p] for p in m.P) <= cap[r])
    m.link = pyo.Constraint(m.P, rule=lambda m, p: m.x[p] <= maxd[p] * m.y[p])
    m.obj = pyo.Objective(expr=sum(profit[p] * m.x[p] - setup[p] * m.y[p] for p in m.P), sense=pyo.maximize)
    return m
