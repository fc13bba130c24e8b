"""Richer models (issue 18 item 6): comma-separated for clauses, max/min/abs linearised on the
convex side or with binaries and big-M, logical `implies` constraints, MIQPs refused by check,
variable bounds checked by check. Optima are worked out by hand in the comments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli_core import run_cli

import optmodel
from optmodel.compiler import expand

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BOUNDED = """\
## Variables
x >= -5, <= 7
y >= -3, <= 4
b binary
"""


def solve(text: str):
    sol = optmodel.solve(optmodel.parse(text))
    assert sol.status == "optimal", sol.message
    return sol


def test_for_clauses_separated_by_commas_are_nested_loops():
    head = "## Sets\nI = {a, b}\nJ = 1..3\n## Parameters\nc[I, J] = [[1, 2, 3], [4, 5, 6]]\n"
    body = "## Variables\nx[I, J] >= 0, <= 1\n## Objective\nmaximize sum(c[i, j] * x[i, j] for {loops})\n"
    commas = optmodel.parse(head + body.format(loops="i in I, j in J if j != 2"))
    nested = optmodel.parse(head + body.format(loops="i in I for j in J if j != 2"))
    assert commas == nested
    assert optmodel.parse(commas.to_text()) == commas
    assert solve(commas.to_text()).objective == pytest.approx(1 + 3 + 4 + 6)


@pytest.mark.parametrize(
    ("objective", "constraints", "optimum"),
    [
        ("minimize max(x, y)", "x + y >= 3", 1.5),  # convex side: t >= x, t >= y
        ("maximize max(x, y)", "", 7),  # the other side: binaries pick x = 7
        ("minimize abs(x - 2) + abs(y + 1)", "", 0),
        ("maximize abs(x - 2) + abs(y)", "", 11),  # x = -5 (|-7|), y = 4
        ("maximize min(x, y)", "", 4),
        ("minimize min(x, y)", "", -5),
        ("minimize x + y", "c: max(x, y) >= 3", -2),  # x = -5, y = 3: needs the exact max
        ("minimize y", "c: abs(x) + abs(y) <= 2\nd: x >= 1", -1),
        ("maximize max(abs(x), 2 * y)", "", 8),  # nested: 2 * 4
        ("minimize max(x + 1, y - 1, 0)", "", 0),  # a constant argument
        ("maximize x + y", "c: b == 1 implies x <= 1\nd: b == 0 implies y <= -2", 5),
        ("maximize x + y - 10 * b", "c: b == 0 implies x <= 1", 5),
        ("maximize x", "c: b implies x == 2\nd: b >= 1", 2),  # a bare binary means b == 1
        ("minimize x", "c: b == 1 implies x >= 3\nd: b == 1", 3),
    ],
)
def test_linearised_functions_and_implications_reach_the_optimum(objective, constraints, optimum):
    text = (
        BOUNDED + f"## Objective\n{objective}\n" + (f"## Constraints\n{constraints}\n" if constraints else "")
    )
    sol = solve(text)
    assert sol.objective == pytest.approx(optimum, abs=1e-6)
    assert set(sol.values) == {"x", "y", "b"}  # the compiler's own variables are not the user's


def test_convex_side_needs_no_binaries_and_the_other_side_does():
    convex = expand(optmodel.parse(BOUNDED + "## Objective\nminimize abs(x) + max(x, y)\n"))
    assert not [v for v in convex.variables.values() if v.aux and v.definition.domain == "binary"]
    exact = expand(optmodel.parse(BOUNDED.replace("b binary\n", "") + "## Objective\nmaximize abs(x)\n"))
    assert exact.is_mip and any(v.aux and v.definition.domain == "binary" for v in exact.variables.values())


def test_indexed_logical_constraints_on_a_facility_model():
    sol = optmodel.solve(EXAMPLES / "facility_location_logic.fe")
    assert sol.status == "optimal"
    opened = {s for s, v in sol["open"].items() if v > 0.5}
    assert opened and ("south" not in opened or "central" in opened)
    loads = {w: sum(v for (s, _c), v in sol["supply"].items() if s == w) for w in sol["open"]}
    assert all(loads[w] <= 1e-6 for w in loads if w not in opened)  # closed ships nothing
    assert set(sol.values) == {"open", "supply"}
    # without the rule the optimum opens south (and no central): the rule binds
    text = (EXAMPLES / "facility_location_logic.fe").read_text()
    free = optmodel.solve(
        optmodel.parse(text.replace("south_needs_central: open[south] implies open[central]", ""))
    )
    assert (
        free.objective < sol.objective - 1 and free["open"]["south"] > 0.5 and free["open"]["central"] < 0.5
    )


def test_auxiliary_names_never_collide_with_the_users():
    text = "## Variables\n_max_objective >= 0, <= 3\nx >= 0, <= 5\n## Objective\nminimize max(x, 1) + _max_objective\n"
    compiled = expand(optmodel.parse(text))
    aux = compiled.auxiliary
    assert aux and "_max_objective" not in aux
    assert compiled.variables["_max_objective"].aux is False
    sol = solve(text)
    assert sol.objective == pytest.approx(1.0)
    assert "_max_objective" in sol.values and not (aux & set(sol.values))


def test_a_big_m_without_a_bound_names_the_variable(tmp_path, monkeypatch, capsys):
    text = "## Sets\nI = {a, b}\n## Variables\nx[I] >= 0\n## Objective\nmaximize max(x[a], 1)\n## Constraints\nx[a] <= 3\n"
    with pytest.raises(optmodel.FormulationError, match=r"variable 'x\[a\]' has no upper bound"):
        expand(optmodel.parse(text))
    path = tmp_path / "nobound.fe"
    path.write_text(
        BOUNDED.replace("x >= -5, <= 7", "x >= -5")
        + "## Objective\nmaximize x\n## Constraints\nc: b == 1 implies x <= 1\n"
    )
    code, _out, err = run_cli(monkeypatch, capsys, "check", path)
    assert code == 2 and "variable 'x' has no upper bound" in err and "constraint 'c'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("when", ["n == 1", "-b >= -1", "b == 2", "b + n == 1", "x >= 1"])
def test_implies_needs_a_binary_equal_to_0_or_1_before_it(when):
    text = (
        BOUNDED
        + f"n integer, 0 <= n <= 3\n## Objective\nmaximize x\n## Constraints\nc: {when} implies x <= 1\n"
    )
    with pytest.raises(optmodel.FormulationError, match="one binary variable equal to 0 or 1"):
        expand(optmodel.parse(text))


def test_logical_constraints_round_trip_through_text_json_and_latex():
    text = (
        BOUNDED
        + "## Objective\nmaximize min(x, y) + abs(x)\n## Constraints\nc: b == 0 implies x + y >= 1\nd: b implies y <= 2\n"
    )
    form = optmodel.parse(text)
    assert optmodel.parse(form.to_text()) == form
    from optmodel.jsonio import from_json

    assert from_json(form.to_json()) == form
    assert r"\implies" in form.to_latex() and r"\left|x\right|" in form.to_latex()


def test_check_refuses_a_mixed_integer_qp_saying_why(tmp_path, monkeypatch, capsys):
    path = tmp_path / "miqp.fe"
    path.write_text(
        "## Variables\nn integer, 0 <= n <= 5\nx >= 0\n## Objective\nminimize (n - 2.5) ** 2 + x\n"
    )
    code, _out, err = run_cli(monkeypatch, capsys, "check", path)
    assert code == 2
    assert "mixed-integer QP" in err and "HiGHS" in err and "n" in err
    qp = tmp_path / "qp.fe"
    qp.write_text("## Variables\nn >= 0, <= 5\n## Objective\nminimize (n - 2.5) ** 2\n")
    code, out, err = run_cli(monkeypatch, capsys, "check", qp)
    assert code == 0, err
    assert "valid QP" in out


@pytest.mark.parametrize(
    ("variables", "where"),
    [
        ("x[I] >= 5, <= 1", "x has lower bound 5 above its upper bound 1"),
        ("x[i in I] >= lo[i], <= 1", "x[b] has lower bound 5 above its upper bound 1"),
        ("x[I] binary, >= 2", "x has lower bound 2 above its upper bound 1"),
    ],
)
def test_check_evaluates_variable_bounds(variables, where, tmp_path, monkeypatch, capsys):
    path = tmp_path / "bounds.fe"
    path.write_text(
        "## Sets\nI = {a, b}\n## Parameters\nlo[I] = {a: 0, b: 5}\n"
        f"## Variables\n{variables}\n## Objective\nmaximize sum(x[i] for i in I)\n"
    )
    code, _out, err = run_cli(monkeypatch, capsys, "check", path)
    assert code == 2 and where in err and "variable 'x'" in err


def test_cli_json_hides_auxiliary_variables(tmp_path, monkeypatch, capsys):
    path = tmp_path / "abs.fe"
    path.write_text(BOUNDED + "## Objective\nmaximize abs(x - 2) + abs(y)\n")
    code, out, err = run_cli(monkeypatch, capsys, "solve", path, "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["objective"] == pytest.approx(11) and set(result["values"]) == {"x", "y", "b"}
    code, out, _err = run_cli(monkeypatch, capsys, "check", path)
    assert code == 0 and "auxiliary" in out


@pytest.mark.parametrize(
    ("objective", "convex"),
    [
        ("minimize x ** 2 + y ** 2 - x * y", True),
        ("maximize -(x ** 2) - 2 * y ** 2", True),
        ("minimize x * y", False),
        ("maximize x ** 2", False),
        ("minimize (x - y) ** 2", True),  # positive semidefinite
    ],
)
def test_check_refuses_a_non_convex_qp(objective, convex, tmp_path, monkeypatch, capsys):
    path = tmp_path / "qp.fe"
    path.write_text(f"## Variables\nx >= 0, <= 4\ny >= 0, <= 4\n## Objective\n{objective}\n")
    code, out, err = run_cli(monkeypatch, capsys, "check", path)
    if convex:
        assert code == 0, err
        assert "valid QP" in out
    else:
        assert code == 2 and "is not c" in err and "HiGHS" in err


def test_an_infeasibility_report_names_the_users_rows_not_the_auxiliary_ones():
    text = "## Variables\nx >= -1, <= 4\n## Objective\nminimize x\n## Constraints\nc: abs(x - 2) <= 1\nd: x <= 0.5\n"
    sol = optmodel.solve(optmodel.parse(text))
    assert sol.status == "infeasible"
    assert sol.iis and set(sol.iis) <= {"c", "d"} and "c" in sol.iis
    assert not any(name.startswith("_") for name in sol.iis)


def test_a_sum_of_absolute_values_is_an_lp_whose_optimum_is_the_median():
    points = [3, 9, 1, 7, 4, 12, 5]
    text = (
        f"## Sets\nP = 1..{len(points)}\n## Parameters\na[P] = {points}\n## Variables\nm free\n"
        "## Objective\nminimize sum(abs(m - a[p]) for p in P)\n"
    )
    compiled = expand(optmodel.parse(text))
    assert not compiled.is_mip and len(compiled.variables["_abs_objective"].keys) == len(points)
    sol = solve(text)
    assert sol["m"] == pytest.approx(5)  # the median
    assert sol.objective == pytest.approx(sum(abs(5 - p) for p in points))
