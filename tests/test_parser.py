"""The parser, printer and JSON/YAML forms against the format page (the contract), and
parameter tables read from CSV and Parquet files (long and wide form)."""

from __future__ import annotations

import pytest

import optmodel
from optmodel.compiler import expand
from optmodel.formulation import (
    Add,
    Binding,
    BinOp,
    Compare,
    DictData,
    FileData,
    For,
    Index,
    ListData,
    Name,
    Num,
    Range,
    Sum,
)
from optmodel.jsonio import from_dict, from_json, from_yaml, to_yaml

# The example of ../shared/design/five-element-format.md, verbatim: every construct of the format.
FORMAT_EXAMPLE = """\
# Diet problem. Lines starting with '#' are comments; '#' after code starts a description.

## Sets
Foods = {bread, milk, cheese}
Nutrients = {calories, protein}
Days = 1..7                              # integer range, both ends included
Arcs = {(a, b), (b, c), (a, c)}          # tuple members

## Parameters
budget = 100                             # scalar
cost[Foods] = {bread: 2.0, milk: 3.5, cheese: 8}
need[Nutrients] = [2000, 55]             # list: in the set's declared order
content[Nutrients, Foods] = {
  calories: {bread: 65, milk: 146, cheese: 77},
  protein:  {bread: 2.0, milk: 7.7, cheese: 6.1},
}
dist[Arcs] = {(a, b): 4, (b, c): 2, (a, c): 7}
ratio = 60%                              # percent literal = 0.6

## Variables
buy[Foods] >= 0                          # continuous, bounded below
trips integer, 0 <= trips <= 12          # integer with both bounds
open[Foods] binary
z free                                   # continuous, no bounds
stock[Days] >= 0

## Objective
minimize sum(cost[f] * buy[f] for f in Foods)

## Constraints
meet[n in Nutrients]: sum(content[n, f] * buy[f] for f in Foods) >= need[n]
spend: sum(cost[f] * buy[f] for f in Foods) <= budget
link[f in Foods]: buy[f] <= 20 * open[f]
share: buy[milk] >= ratio * sum(buy[f] for f in Foods)
flow[(i, j) in Arcs if i != a]: z >= dist[i, j]
total: sum(buy[f] for f in Foods) == 20
carry[d in Days if d > 1]: stock[d] <= stock[d - 1] + 5   # index arithmetic on an integer set
"""


@pytest.fixture(scope="module")
def example():
    return optmodel.parse(FORMAT_EXAMPLE, file="format.fe")


# ------------------------------------------------------------------ every construct of the page


def test_format_example_sets(example):
    sets = {s.name: s for s in example.sets}
    assert list(sets) == ["Foods", "Nutrients", "Days", "Arcs"]
    assert sets["Foods"].members == ("bread", "milk", "cheese")
    assert sets["Days"].range == Range(Num(1), Num(7))
    assert sets["Arcs"].members == (("a", "b"), ("b", "c"), ("a", "c"))
    assert sets["Days"].description == "integer range, both ends included"
    assert sets["Days"].line == 6
    assert example.title.startswith("Diet problem.")


def test_format_example_parameters(example):
    params = {p.name: p for p in example.params}
    assert params["budget"].value == 100 and params["budget"].index == ()
    assert params["cost"].index == (Binding((), Name("Foods")),)
    assert params["cost"].value == DictData((("bread", 2.0), ("milk", 3.5), ("cheese", 8)))
    assert params["need"].value == ListData((2000, 55))
    content = params["content"].value
    assert isinstance(content, DictData) and [k for k, _ in content.items] == ["calories", "protein"]
    assert dict(content.items)["protein"] == DictData((("bread", 2.0), ("milk", 7.7), ("cheese", 6.1)))
    assert params["content"].line == 13  # a statement spanning lines keeps its first line
    assert dict(params["dist"].value.items)[("b", "c")] == 2
    assert params["ratio"].value == pytest.approx(0.6)


def test_format_example_resolved_values(example):
    compiled = expand(example)
    assert compiled.sets["Days"].members == [1, 2, 3, 4, 5, 6, 7]
    assert compiled.params["content"].values[("protein", "milk")] == pytest.approx(7.7)
    assert compiled.params["need"].values == {("calories",): 2000, ("protein",): 55}
    assert compiled.params["dist"].values[("a", "c")] == 7
    # `flow` skips arcs leaving a; `carry` starts at day 2
    assert set(compiled.constraints["flow"].rows) == {("b", "c")}
    assert sorted(compiled.constraints["carry"].rows) == [(d,) for d in range(2, 8)]
    lo, body, hi = compiled.constraints["carry"].rows[(3,)]
    assert body.coefs == {("stock", (3,)): 1.0, ("stock", (2,)): -1.0}
    assert (lo, hi) == (None, 5.0)


def test_format_example_variables(example):
    v = {x.name: x for x in example.variables}
    assert v["buy"].domain == "continuous" and v["buy"].lower == Num(0) and v["buy"].upper is None
    assert v["trips"].domain == "integer" and (v["trips"].lower, v["trips"].upper) == (Num(0), Num(12))
    assert v["open"].domain == "binary"
    assert v["z"].lower is None and v["z"].upper is None
    assert v["stock"].index == (Binding((), Name("Days")),)


def test_format_example_objective_and_constraints(example):
    obj = example.objective
    assert obj.sense == "minimize"
    assert obj.expr == Sum(
        BinOp("*", Index("cost", (Name("f"),)), Index("buy", (Name("f"),))), (For(("f",), Name("Foods")),)
    )
    cons = {c.name: c for c in example.constraints}
    assert list(cons) == ["meet", "spend", "link", "share", "flow", "total", "carry"]
    assert cons["meet"].op == ">=" and cons["meet"].index == (Binding(("n",), Name("Nutrients")),)
    assert cons["total"].op == "=="
    assert cons["flow"].index == (Binding(("i", "j"), Name("Arcs")),)
    assert cons["flow"].cond == Compare("!=", Name("i"), Name("a"))
    assert cons["carry"].cond == Compare(">", Name("d"), Num(1))
    assert cons["carry"].rhs == Add((Index("stock", (Add((Name("d"), Num(1)), (1, -1)),)), Num(5)), (1, 1))
    assert cons["share"].lhs == Index("buy", (Name("milk"),))


def test_format_example_solves_to_58(example):
    sol = optmodel.solve(example)
    assert sol.status == "optimal"
    assert sol.objective == pytest.approx(58.0, abs=1e-6)
    buy = sol.values["buy"]
    assert sum(buy.values()) == pytest.approx(20.0, abs=1e-6)  # the `total` constraint
    assert buy[("milk",)] >= 0.6 * 20 - 1e-6  # the `share` constraint


def test_format_example_round_trips(example):
    printed = example.to_text()
    again = optmodel.parse(printed)
    assert again == example
    assert again.to_text() == printed  # printing is a fixed point
    # descriptions (comments after code) survive printing
    assert {s.name: s.description for s in again.sets}["Arcs"] == "tuple members"


def test_format_example_json_and_yaml(example):
    assert from_json(example.to_json()) == example
    assert from_json(example.to_json(indent=None)) == example
    assert from_yaml(to_yaml(example)) == example
    d = example.to_dict()
    assert d["objective"]["sense"] == "minimize"
    assert [c["name"] for c in d["constraints"]][:2] == ["meet", "spend"]
    assert from_dict(d).title == example.title


def test_format_example_file_and_text_agree(tmp_path, example):
    path = tmp_path / "diet.fe"
    path.write_text(FORMAT_EXAMPLE, encoding="utf-8")
    loaded = optmodel.load(path)
    assert loaded == example
    assert loaded.source == str(path)
    assert optmodel.parse(FORMAT_EXAMPLE.encode("utf-8")) == example
    assert optmodel.parse(FORMAT_EXAMPLE.replace("\n", "\r\n")) == example
    assert optmodel.parse("\ufeff" + FORMAT_EXAMPLE) == example


# ------------------------------------------------------------------ hand-written round trips

HEAD = "## Variables\nx >= 0\ny free\n## Objective\nminimize "

ROUND_TRIP_CASES = {
    "precedence": HEAD + "x - (y - 3) + 2 ** 3 ** 2 - (2 ** 3) ** 2 + (-2) ** 2 + -2 ** 2 + x * -1\n",
    "division chains": HEAD + "x / 2 / 4 + x / (2 * 4) + -(x + y) + x * (2 - 1) - -3\n",
    "quadratic objective": HEAD + "x ** 2 + 2 * x * y + y ** 2 - 4 * x\n",
    "integer and negative members": (
        "## Sets\nA = {-1, 0, 2}\nB = -3..-1\nC = {(1, a), (-2, b)}\n"
        "D = {(i, j) for i in A for j in B if i != j and j < 0}\nE = {}\n" + HEAD + "x\n"
    ),
    "parameter forms": (
        "## Sets\nA = {a, b}\nT = 1..3\n## Parameters\np[A] = {a: 1e20, b: -0.000001}\nq[A] = [5%, -3]\n"
        "r[i in A] = p[i] * 2\ns = 2 * 3\nu[A, T] = {a: [1, 2, 3], b: [4, 5, 6]}\nw[A, T] = {(a, 1): 1} default 0\n"
        'e[A] = {}\nf[A, T] = file("table.csv")\n' + HEAD + "x\n"
    ),
    "variable forms": (
        "## Sets\nA = {a, b}\n## Parameters\ncap[A] = [3, 4]\n## Variables\nx[A] integer, 0 <= x <= 10\n"
        "y nonnegative\nz binary\nw[i in A] <= cap[i]\nv == 3\nn integer\nm >= -5, <= -1\n"
        "## Objective\ncost: maximize sum(x[i] for i in A) + y\n"
    ),
    "constraint forms": (
        "## Sets\nT = 1..5\nA = {a, b}\n## Variables\nx[T] >= 0\ny[A, T] >= 0\n## Objective\nmaximize x[1]\n"
        "## Constraints\nr1: 1 <= x[1] <= 2\nr2: 3 >= x[2] >= 1\n"
        "c[t in T, s in 1..2 if t > s and t != 4 or t == 1]: x[t] >= s\n"
        "d[i in A, t in T if t not in 2..3]: y[i, t] <= sum(x[k] for k in T if k < t)\n"
        "e[t in T if not t == 2]: sum(y[i, u] for i in A for u in 1..t if (i, u) != (a, 1)) == x[t]\n"
        "f: sum(x[t] for t in T if t in T) <= 10\n"
    ),
    "alternate spellings": (
        "## Decision variables\nx >= 0\n## Objective function\nmax x\n## Subject to\nx =< 3\n2 => x\n"
    ),
    "multi-line statements and comments": (
        "# a title\n\n## Sets\nA = {a,\n     b}  # split set\n## Parameters\np[A] = {\n  a: 1,  # first\n"
        "  b: 2,\n}\n## Variables\nx[A] >= 0\n## Objective\nminimize sum(p[i] * x[i]\n"
        "             for i in A)\n## Constraints\nc: x[a]\n   + x[b]\n   >= 1\n"
    ),
}


@pytest.mark.parametrize("text", list(ROUND_TRIP_CASES.values()), ids=list(ROUND_TRIP_CASES))
def test_parse_print_parse(text):
    form = optmodel.parse(text)
    printed = form.to_text()
    again = optmodel.parse(printed)
    assert again == form, printed
    assert again.to_text() == printed
    assert from_json(form.to_json()) == form
    assert from_yaml(to_yaml(form)) == form


def test_structures_of_hand_written_cases():
    f = optmodel.parse(ROUND_TRIP_CASES["constraint forms"])
    cons = {c.name: c for c in f.constraints}
    assert (cons["r1"].lhs, cons["r1"].op, cons["r1"].upper) == (Num(1), "<=", Num(2))
    assert (cons["r2"].lhs, cons["r2"].upper) == (Num(1), Num(3))  # `>=` twice is flipped
    assert cons["c"].index[1] == Binding(("s",), Range(Num(1), Num(2)))
    alt = optmodel.parse(ROUND_TRIP_CASES["alternate spellings"])
    assert alt.objective.sense == "maximize"
    assert [c.op for c in alt.constraints] == ["<=", ">="]  # `=<` and `=>` are `<=` and `>=`
    assert alt.constraints[1].lhs == Num(2) and alt.constraints[1].rhs == Name("x")
    ml = optmodel.parse(ROUND_TRIP_CASES["multi-line statements and comments"])
    assert ml.title == "a title"
    assert ml.sets[0].members == ("a", "b")
    assert [c.name for c in ml.constraints] == ["c"]
    params = {p.name: p for p in optmodel.parse(ROUND_TRIP_CASES["parameter forms"]).params}
    assert params["q"].value == ListData((0.05, -3))
    assert params["w"].default == 0
    assert params["f"].value == FileData("table.csv")
    assert params["p"].value == DictData((("a", 1e20), ("b", -1e-6)))


def test_unnamed_constraints_get_names():
    f = optmodel.parse("## Variables\nx >= 0\n## Objective\nminimize x\n## Constraints\nx >= 1\nx <= 5\n")
    names = [c.name for c in f.constraints]
    assert len(set(names)) == 2
    assert optmodel.parse(f.to_text()) == f


def test_unnamed_constraint_next_to_a_user_named_one():
    # A user may name a constraint `c2` and leave the next one unnamed; the automatic name
    # must not collide with the user's name.
    text = "## Variables\nx >= 0\n## Objective\nminimize x\n## Constraints\nc2: x >= 1\nx <= 5\n"
    f = optmodel.parse(text)
    assert len({c.name for c in f.constraints}) == 2
    assert optmodel.solve(f).objective == pytest.approx(1.0)


def test_huge_number_literal_prints_or_is_rejected():
    # 1e400 overflows a float. Either the parser rejects it clearly, or the printer copes.
    text = "## Variables\nx >= 0, <= 1e400\n## Objective\nminimize x\n"
    try:
        form = optmodel.parse(text)
    except optmodel.FormulationError as exc:
        assert "1e400" in str(exc)
        return
    assert optmodel.parse(form.to_text()) == form


def test_percent_and_expression_parameters_compile():
    text = (
        "## Sets\nA = {a, b}\n## Parameters\nrate = 12.5%\nbase[A] = [10, 20]\n"
        "scaled[i in A] = base[i] * (1 + rate)\nflat[A] = 7\n"
        "## Variables\nx >= 0\n## Objective\nminimize x\n"
    )
    compiled = expand(optmodel.parse(text))
    assert compiled.params["rate"].values[()] == pytest.approx(0.125)
    assert compiled.params["scaled"].values == {("a",): pytest.approx(11.25), ("b",): pytest.approx(22.5)}
    assert compiled.params["flat"].values == {("a",): 7, ("b",): 7}


def test_set_comprehension_members():
    text = (
        "## Sets\nN = {a, b, c}\nPairs = {(i, j) for i in N for j in N if i != j}\n"
        "## Variables\nx[Pairs] >= 0\n## Objective\nminimize sum(x[i, j] for (i, j) in Pairs)\n"
    )
    compiled = expand(optmodel.parse(text))
    members = compiled.sets["Pairs"].members
    assert len(members) == 6 and ("a", "a") not in members and ("c", "b") in members


def test_sum_with_conditions():
    text = (
        "## Sets\nT = 1..4\n## Variables\nx[T] >= 0, <= 1\n## Objective\n"
        "maximize sum(x[t] for t in T if t > 1 and t != 3) + sum(2 * x[s] for s in T for u in T if u == s)\n"
    )
    sol = optmodel.solve(text)
    # the first sum picks x[2] and x[4]; the second picks every x once, doubled -> 2 + 8 at x == 1
    assert sol.status == "optimal" and sol.objective == pytest.approx(10.0)


def test_range_depending_on_an_outer_loop_name():
    # `for u in 1..t` inside a loop over t: a cumulative (triangular) sum, common in
    # multi-period models. The range's bounds use the loop name of the enclosing clause.
    text = (
        "## Sets\nT = 1..4\n## Variables\nx[T] >= 0, <= 1\n## Objective\n"
        "maximize sum(x[u] for t in T for u in 1..t)\n"
        "## Constraints\ncum[t in T]: sum(x[u] for u in 1..t) <= 1\n"
    )
    sol = optmodel.solve(text)
    # x[u] appears (5 - u) times in the objective; cum[1] caps x[1] and the rest at 1 in total
    assert sol.status == "optimal" and sol.objective == pytest.approx(4.0)
    assert sol.values["x"][(1,)] == pytest.approx(1.0)


# ------------------------------------------------------------------ CSV and Parquet tables

TABLE_MODEL = """\
## Sets
P = {p1, p2}
M = {m1, m2, m3}
## Parameters
cost[P, M] = file("{name}")
## Variables
x[P, M] >= 1
## Objective
minimize sum(cost[p, m] * x[p, m] for p in P for m in M)
"""

COSTS = {
    ("p1", "m1"): 1.5,
    ("p1", "m2"): 2.0,
    ("p1", "m3"): 7.0,
    ("p2", "m1"): 3.0,
    ("p2", "m2"): 4.25,
    ("p2", "m3"): 0.5,
}


def _long_frame(value_column: str = "cost"):
    import polars as pl

    keys = list(COSTS)
    return pl.DataFrame(
        {"P": [k[0] for k in keys], "M": [k[1] for k in keys], value_column: [COSTS[k] for k in keys]}
    )


def _wide_frame(members=("m1", "m2", "m3")):
    import polars as pl

    data = {"P": ["p1", "p2"]}
    for m in members:
        data[m] = [COSTS[("p1", m)], COSTS[("p2", m)]]
    return pl.DataFrame(data)


def _solve_table(tmp_path, name: str, model: str = TABLE_MODEL):
    path = tmp_path / "model.fe"
    path.write_text(model.replace("{name}", name), encoding="utf-8")
    form = optmodel.load(path)
    return expand(form), optmodel.solve(form)


@pytest.mark.parametrize(
    "name, writer",
    [
        ("long.csv", lambda p: _long_frame("cost").write_csv(p)),
        ("long_value.csv", lambda p: _long_frame("value").write_csv(p)),
        ("long.parquet", lambda p: _long_frame("cost").write_parquet(p)),
        ("wide.csv", lambda p: _wide_frame().write_csv(p)),
        ("wide.parquet", lambda p: _wide_frame().write_parquet(p)),
    ],
)
def test_table_files(tmp_path, name, writer):
    writer(tmp_path / name)
    compiled, sol = _solve_table(tmp_path, name)
    assert compiled.params["cost"].values == pytest.approx(COSTS)
    assert sol.status == "optimal"
    assert sol.objective == pytest.approx(sum(COSTS.values()))  # every x at its lower bound 1


def test_wide_table_with_two_columns_of_members(tmp_path):
    # Wide form where the second set has two members: 3 columns, the same count as a long
    # table with two index columns. The header names members of M, so it is wide.
    model = TABLE_MODEL.replace("M = {m1, m2, m3}", "M = {m1, m2}")
    _wide_frame(("m1", "m2")).write_csv(tmp_path / "wide2.csv")
    compiled, sol = _solve_table(tmp_path, "wide2.csv", model)
    expected = {k: v for k, v in COSTS.items() if k[1] != "m3"}
    assert compiled.params["cost"].values == pytest.approx(expected)


def test_one_index_table_with_integer_members(tmp_path):
    import polars as pl

    pl.DataFrame({"T": [3, 1, 2], "demand": [7.0, 5.0, 6.0]}).write_csv(tmp_path / "demand.csv")
    model = (
        '## Sets\nT = 1..3\n## Parameters\ndemand[T] = file("demand.csv")\n## Variables\nx[T] >= 0\n'
        "## Objective\nminimize sum(x[t] for t in T)\n## Constraints\nc[t in T]: x[t] >= demand[t]\n"
    )
    (tmp_path / "m.fe").write_text(model, encoding="utf-8")
    sol = optmodel.solve(tmp_path / "m.fe")
    assert sol.values["x"] == pytest.approx({(1,): 5.0, (2,): 6.0, (3,): 7.0})


def test_table_file_round_trips_as_a_reference(tmp_path):
    _long_frame().write_csv(tmp_path / "long.csv")
    (tmp_path / "m.fe").write_text(TABLE_MODEL.replace("{name}", "long.csv"), encoding="utf-8")
    form = optmodel.load(tmp_path / "m.fe")
    assert 'cost[P, M] = file("long.csv")' in form.to_text()
    assert optmodel.parse(form.to_text()) == form
