"""Results as data, ranging, QP duals, solver logs, MIP progress and complete infeasibility
reports (issue 18 items 1, 4 and the solver half of 5), through the SDK and the CLI."""

from __future__ import annotations

import json
import math

import polars as pl
import pytest

import optmodel
from tests.test_cli_core import run_cli
from tests.test_solve import LP, knapsack_text

# Two plants, two markets. By hand: a->x (cost 1) 10 units, b->y (cost 2) 15 units, b->x 0.
SHIP = """\
## Sets
Plants = {a, b}
Markets = {x, y}
## Parameters
cost[Plants, Markets] = {a: {x: 1, y: 4}, b: {x: 3, y: 2}}
supply[Plants] = {a: 10, b: 20}
demand[Markets] = {x: 10, y: 15}
## Variables
ship[Plants, Markets] >= 0
total >= 0
## Objective
minimize sum(cost[p, m] * ship[p, m] for p in Plants for m in Markets) + total
## Constraints
cap[p in Plants]: sum(ship[p, m] for m in Markets) <= supply[p]
meet[m in Markets]: sum(ship[p, m] for p in Plants) >= demand[m]
"""

QP = (
    "## Sets\nAssets = {stocks, bonds}\n## Parameters\n"
    "cov[Assets, Assets] = {stocks: {stocks: 0.04, bonds: 0.01}, bonds: {stocks: 0.01, bonds: 0.09}}\n"
    "## Variables\nw[Assets] >= 0\n## Objective\n"
    "minimize sum(cov[i, j] * w[i] * w[j] for i in Assets for j in Assets)\n"
    "## Constraints\nbudget: sum(w[i] for i in Assets) == 1\n"
)


@pytest.fixture(scope="module")
def ship():
    return optmodel.solve(SHIP)


# ------------------------------------------------------------------ results as data


def test_to_polars_is_one_long_frame(ship):
    df = ship.to_polars()
    assert df.columns == ["variable", "index_1", "index_2", "value", "reduced_cost"]
    assert df.height == 5  # four ship entries and the scalar `total`
    row = df.filter((pl.col("variable") == "ship") & (pl.col("index_1") == "b") & (pl.col("index_2") == "y"))
    assert row["value"].item() == pytest.approx(15.0)
    scalar = df.filter(pl.col("variable") == "total")
    assert scalar["index_1"].item() is None and scalar["value"].item() == pytest.approx(0.0)
    # b->x is non-basic at 0: its reduced cost is 3 - 1 (cost against the a->x route) = 2
    bx = df.filter((pl.col("variable") == "ship") & (pl.col("index_1") == "b") & (pl.col("index_2") == "x"))
    assert bx["reduced_cost"].item() == pytest.approx(2.0)


def test_frame_has_one_column_per_index_set(ship):
    df = ship.frame("ship")
    assert df.columns == ["Plants", "Markets", "value", "reduced_cost"]
    assert df.height == 4
    assert dict(
        zip(zip(df["Plants"], df["Markets"], strict=True), df["value"], strict=True)
    ) == pytest.approx({("a", "x"): 10.0, ("a", "y"): 0.0, ("b", "x"): 0.0, ("b", "y"): 15.0})
    with pytest.raises(KeyError, match="no variable 'nope'"):
        ship.frame("nope")
    assert optmodel.solve(SHIP, backend="pyomo").frame("ship").columns == df.columns


def test_frame_names_repeated_sets_apart():
    text = (
        "## Sets\nN = {a, b}\n## Variables\nf[N, N] >= 0, <= 1\n## Objective\n"
        "maximize sum(f[i, j] for i in N for j in N if i != j)\n"
    )
    assert optmodel.solve(text).frame("f").columns[:2] == ["N", "N_2"]


def test_activity_and_slack_beside_duals(ship):
    assert ship.activities["cap"] == pytest.approx({("a",): 10.0, ("b",): 15.0})
    assert ship.slacks["cap"] == pytest.approx({("a",): 0.0, ("b",): 5.0})
    assert ship.slacks["meet"] == pytest.approx({("x",): 0.0, ("y",): 0.0})
    assert ship.duals["meet"][("y",)] == pytest.approx(2.0)
    frame = ship.constraints_frame()
    assert frame.columns == ["constraint", "index", "activity", "slack", "dual"]
    b = frame.filter((pl.col("constraint") == "cap") & (pl.col("index") == "b"))
    assert (b["activity"].item(), b["slack"].item(), b["dual"].item()) == pytest.approx((15.0, 5.0, 0.0))
    via_pyomo = optmodel.solve(SHIP, backend="pyomo")
    for c in ("cap", "meet"):
        assert via_pyomo.activities[c] == pytest.approx(ship.activities[c])
        assert via_pyomo.slacks[c] == pytest.approx(ship.slacks[c])


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".json"])
def test_write_solution_files(ship, tmp_path, suffix):
    path = ship.write(tmp_path / f"result{suffix}")
    if suffix == ".json":
        data = json.loads(path.read_text())
        assert data["objective"] == pytest.approx(ship.objective)
        return
    df = pl.read_parquet(path) if suffix == ".parquet" else pl.read_csv(path)
    assert df.height == 5 and set(df["variable"]) == {"ship", "total"}
    assert not list(tmp_path.glob("*.partial"))


def test_write_refuses_an_unknown_suffix(ship, tmp_path):
    with pytest.raises(optmodel.OptModelError, match=r"\.parquet, \.csv or \.json"):
        ship.write(tmp_path / "result.xlsx")


def test_cli_out_writes_the_file(tmp_path, monkeypatch, capsys):
    fe = tmp_path / "ship.fe"
    fe.write_text(SHIP)
    for suffix in (".parquet", ".csv", ".json"):
        out = tmp_path / f"r{suffix}"
        code, _, err = run_cli(monkeypatch, capsys, "solve", fe, "--out", out)
        assert code == 0, err
        assert out.exists()
    assert pl.read_parquet(tmp_path / "r.parquet").height == 5
    code, _, err = run_cli(monkeypatch, capsys, "solve", fe, "--out", tmp_path / "r.xlsx")
    assert code == 2 and ".parquet, .csv or .json" in err and "Traceback" not in err


def test_cli_text_shows_activity_and_slack(tmp_path, monkeypatch, capsys):
    fe = tmp_path / "ship.fe"
    fe.write_text(SHIP)
    code, out, _ = run_cli(monkeypatch, capsys, "solve", fe)
    assert code == 0 and "activity" in out and "slack" in out


# ------------------------------------------------------------------ ranging and QP duals


def test_lp_ranging_in_the_solution():
    # min 2x + 3y + 5z, x + y + z >= 4, x <= 3: x = 3, y = 1. By hand: x stays basic while
    # its cost is below y's (3); y while between 2 (x's) and 5 (z's); z enters below dual(a) = 3.
    sol = optmodel.solve(LP, ranging=True)
    cost = sol.ranging["cost"]
    assert cost["x"][()] == (-math.inf, pytest.approx(3.0))
    assert cost["y"][()] == pytest.approx((2.0, 5.0))
    assert cost["z"][()] == (pytest.approx(3.0), math.inf)
    # a's right-hand side may fall to 3 (x alone) and rise without limit; b's from 0 to 4
    assert sol.ranging["rhs"]["a"][()] == (pytest.approx(3.0), math.inf)
    assert sol.ranging["rhs"]["b"][()] == pytest.approx((0.0, 4.0))
    assert optmodel.solve(LP).ranging == {}  # off unless asked for


def test_cli_json_has_ranging_activities_and_slacks(tmp_path, monkeypatch, capsys):
    fe = tmp_path / "lp.fe"
    fe.write_text(LP)
    code, out, err = run_cli(monkeypatch, capsys, "solve", fe, "--json")
    assert code == 0, err

    def no_infinity(name):
        raise AssertionError(f"{name} in --json output")

    data = json.loads(out, parse_constant=no_infinity)
    assert data["ranging"]["cost"]["y"] == pytest.approx([2.0, 5.0])
    assert data["ranging"]["cost"]["x"][0] is None  # -inf as null: valid JSON
    assert data["ranging"]["rhs"]["b"] == pytest.approx([0.0, 4.0])
    assert data["activities"]["a"] == pytest.approx(4.0) and data["slacks"]["b"] == pytest.approx(0.0)


def test_convex_qp_duals():
    # min w'Cw s.t. w1 + w2 = 1: stationarity 2Cw = lambda * 1, so lambda = 2 w'Cw = 2 * objective
    sol = optmodel.solve(QP)
    assert sol.status == "optimal"
    assert sol.duals["budget"][()] == pytest.approx(2 * sol.objective, rel=1e-4)


# ------------------------------------------------------------------ solver logs, MIP progress


def test_log_callback_streams_highs_lines():
    lines: list[str] = []
    sol = optmodel.solve(knapsack_text(30, 3, seed=1), log=lines.append)
    assert sol.status == "optimal"
    text = "".join(lines)
    assert "Running HiGHS" in text and "MIP" in text


def test_cli_log_streams_to_stderr(tmp_path, monkeypatch, capsys):
    fe = tmp_path / "k.fe"
    fe.write_text(knapsack_text(30, 3, seed=1))
    code, out, err = run_cli(monkeypatch, capsys, "solve", fe, "--log")
    assert code == 0
    assert "Running HiGHS" in err and "Running HiGHS" not in out
    code, out, err = run_cli(monkeypatch, capsys, "solve", fe)
    assert "Running HiGHS" not in out + err
    # HiGHS's own switch streams the same way, and --json stays valid JSON
    code, out, err = run_cli(monkeypatch, capsys, "solve", fe, "--json", "--option", "output_flag=true")
    assert code == 0 and "Running HiGHS" in err and json.loads(out)["status"] == "optimal"


def test_mip_reports_incumbent_bound_and_gap_at_a_time_limit(tmp_path, monkeypatch, capsys):
    text = knapsack_text(100, 10, seed=7)
    sol = optmodel.solve(text, time_limit=0.2)
    assert sol.status == "time_limit" and sol.is_mip
    if sol.objective is not None:
        assert sol.bound is not None and sol.bound >= sol.objective - 1e-6  # maximize: bound above
        assert sol.gap == pytest.approx((sol.bound - sol.objective) / abs(sol.objective), rel=1e-3)
        assert "incumbent" in sol.message and "bound" in sol.message and "gap" in sol.message
    else:
        assert "without a feasible solution" in sol.message
    fe = tmp_path / "k.fe"
    fe.write_text(text)
    code, out, _ = run_cli(monkeypatch, capsys, "solve", fe, "--time-limit", "0.2")
    assert code == 0 and "time_limit" in out
    assert "MIP: " in out and "bound" in out


def test_optimal_mip_shows_bound_and_gap(tmp_path, monkeypatch, capsys):
    sol = optmodel.solve(knapsack_text(30, 3, seed=1))
    assert sol.status == "optimal" and sol.bound is not None and sol.gap is not None and sol.gap <= 1e-4
    fe = tmp_path / "k.fe"
    fe.write_text(knapsack_text(30, 3, seed=1))
    _, out, _ = run_cli(monkeypatch, capsys, "solve", fe)
    assert "MIP: incumbent" in out and "gap" in out


# ------------------------------------------------------------------ infeasibility reports

BOUNDS = "## Variables\nx >= 0, <= 2\ny >= 0\n## Objective\nminimize x + y\n## Constraints\nneed: x >= 3\n"


def test_iis_covers_variable_bounds():
    sol = optmodel.solve(BOUNDS)
    assert sol.status == "infeasible"
    assert sol.iis == ["need"] and sol.iis_bounds == ["x <= 2"]
    assert "need" in sol.message and "x <= 2" in sol.message


def test_iis_keeps_only_the_bounds_the_conflict_needs():
    from pathlib import Path

    diet = (Path(__file__).resolve().parent.parent / "examples" / "diet.fe").read_text()
    # 9,000 kcal against the calorie ceiling: the two rows conflict whatever the bounds
    rows_only = optmodel.solve(
        diet.replace("min_intake[Nutrients] = [2000,", "min_intake[Nutrients] = [9000,")
    )
    assert sorted(rows_only.iis) == ["enough[calories]", "not_too_much[calories]"]
    assert rows_only.iis_bounds == []
    # at most 2 servings of anything: vitamin C (60 mg) is out of reach of the four foods that
    # have it (2 * (2 + 3 + 5 + 18) = 56 mg); their caps are part of the conflict, the rest not
    capped = optmodel.solve(diet.replace("max_servings = 6", "max_servings = 2"))
    assert capped.iis == ["enough[vitamin_c]"]
    assert sorted(capped.iis_bounds) == sorted(
        f"servings[{f}] <= 2" for f in ("milk", "apple_pie", "pork_beans", "spinach")
    )


def test_iis_of_indexed_rows_and_bounds_names_the_index():
    text = (
        "## Sets\nFoods = {bread, milk}\n## Variables\nbuy[Foods] >= 0, <= 1\n## Objective\n"
        "minimize sum(buy[f] for f in Foods)\n## Constraints\nenough[f in Foods]: buy[f] >= 2 + 0 * 1\n"
    )
    sol = optmodel.solve(text)
    assert sol.status == "infeasible"
    assert sol.iis and all(c.startswith("enough[") for c in sol.iis)
    assert sol.iis_bounds and all(b.startswith("buy[") and b.endswith("<= 1") for b in sol.iis_bounds)


def test_cli_prints_bounds_of_the_iis_with_brackets(tmp_path, monkeypatch, capsys):
    fe = tmp_path / "b.fe"
    fe.write_text(
        "## Sets\nT = 1..1\n## Variables\nq[T] >= 0, <= 2\n## Objective\nminimize sum(q[t] for t in T)\n"
        "## Constraints\nneed[t in T]: q[t] >= 3\n"
    )
    code, out, err = run_cli(monkeypatch, capsys, "solve", fe)
    assert code == 0, err
    assert "q[1] <= 2" in out and "need[1]" in out  # brackets survive rich's markup


def test_integer_infeasibility_is_said_as_such(tmp_path, monkeypatch, capsys):
    text = "## Variables\nn integer, >= 0, <= 10\n## Objective\nminimize n\n## Constraints\nc: 2 * n == 3\n"
    sol = optmodel.solve(text)
    assert sol.status == "infeasible" and sol.integer_infeasible
    assert "integer infeasible" in sol.message and "relaxation" in sol.message
    assert sol.iis == []  # the relaxation is feasible: no subset of rows conflicts
    assert sol.to_dict()["integer_infeasible"] is True
    fe = tmp_path / "i.fe"
    fe.write_text(text)
    _, out, _ = run_cli(monkeypatch, capsys, "solve", fe)
    assert "integer infeasible" in out


def test_infeasible_mip_relaxation_gives_the_iis():
    text = "## Variables\nn integer, >= 0, <= 10\n## Objective\nminimize n\n## Constraints\nlo: n >= 4\nhi: n <= 3\n"
    sol = optmodel.solve(text)
    assert sol.status == "infeasible" and not sol.integer_infeasible
    assert sorted(sol.iis) == ["hi", "lo"]


def test_check_evaluates_variable_bounds(tmp_path, monkeypatch, capsys):
    # bounds are evaluated during expansion now, so `check` (no solve) sees a crossed pair too
    fe = tmp_path / "v.fe"
    fe.write_text("## Variables\nx >= 5, <= 1\n## Objective\nminimize x\n")
    code, _, err = run_cli(monkeypatch, capsys, "check", fe)
    assert code == 2 and "lower bound 5 above its upper bound 1" in err and "variable 'x'" in err
