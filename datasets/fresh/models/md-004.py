"""md-004: dog food blend, 5 ingredients, 3 nutrients, 1000 kg batch."""
import pyomo.environ as pyo


def build():
    I = ["chicken", "corn", "soy", "rice", "fishoil"]
    cost = {"chicken": 2.10, "corn": 0.45, "soy": 0.80, "rice": 0.60, "fishoil": 3.50}
    protein = {"chicken": 0.60, "corn": 0.08, "soy": 0.46, "rice": 0.07, "fishoil": 0.0}
    fat = {"chicken": 0.12, "corn": 0.04, "soy": 0.02, "rice": 0.01, "fishoil": 1.0}
    fibre = {"chicken": 0.02, "corn": 0.025, "soy": 0.06, "rice": 0.01, "fishoil": 0.0}
    batch = 1000
    m = pyo.ConcreteModel()
    m.I = pyo.Set(initialize=I)
    m.x = pyo.Var(m.I, within=pyo.NonNegativeReals)
    m.total = pyo.Constraint(expr=sum(m.x[i] for i in m.I) == batch)
    m.prot = pyo.Constraint(expr=sum(protein[i] * m.x[i] for i in m.I) >= 0.26 * batch)
    m.fatlo = pyo.Constraint(expr=sum(fat[i] * m.x[i] for i in m.I) >= 0.10 * batch)
    m.fathi = pyo.Constraint(expr=sum(fat[i] * m.x[i] for i in m.I) <= 0.16 * batch)
    m.fib = pyo.Constraint(expr=sum(fibre[i] * m.x[i] for i in m.I) <= 0.04 * batch)
    m.corn = pyo.Constraint(expr=m.x["corn"] <= 0.40 * batch)
    m.obj = pyo.Objective(expr=sum(cost[i] * m.x[i] for i in m.I), sense=pyo.minimize)
    return m
