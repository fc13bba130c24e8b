"""md-028: juice blending, 3 juices -> 2 blends, max profit."""
import pyomo.environ as pyo


def build():
    J = ["orange", "apple", "grape"]
    B = ["sunrise", "orchard"]
    jcost = {"orange": 1.50, "apple": 0.90, "grape": 1.20}
    javail = {"orange": 400, "apple": 600, "grape": 300}
    price = {"sunrise": 3.20, "orchard": 2.80}
    maxsale = {"sunrise": 600, "orchard": 700}
    m = pyo.ConcreteModel()
    m.J = pyo.Set(initialize=J)
    m.B = pyo.Set(initialize=B)
    m.x = pyo.Var(m.J, m.B, within=pyo.NonNegativeReals)
    vol = lambda m, b: sum(m.x[j, b] for j in m.J)
    m.av = pyo.Constraint(m.J, rule=lambda m, j: sum(m.x[j, b] for b in m.B) <= javail[j])
    m.ms = pyo.Constraint(m.B, rule=lambda m, b: vol(m, b) <= maxsale[b])
    m.s_or = pyo.Constraint(expr=m.x["orange", "sunrise"] >= 0.5 * vol(m, "sunrise"))
    m.s_gr = pyo.Constraint(expr=m.x["grape", "sunrise"] <= 0.2 * vol(m, "sunrise"))
    m.o_ap = pyo.Constraint(expr=m.x["apple", "orchard"] >= 0.6 * vol(m, "orchard"))
    m.o_gr = pyo.Constraint(expr=m.x["grape", "orchard"] >= 0.1 * vol(m, "orchard"))
    m.obj = pyo.Objective(expr=sum(price[b] * m.x[j, b] - jcost[j] * m.x[j, b] for j in m.J for b in m.B),
                          sense=pyo.maximize)
    return m
