"""`optmodel solve`, `check` and `show` on small files."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

import optmodel
from optmodel.jsonio import from_json, from_yaml

MODEL = """\
# Two products on one machine.
## Sets
Products = {chairs, tables}
## Parameters
profit[Products] = {chairs: 3, tables: 5}
hours[Products] = [1, 2]
## Variables
make[Products] integer, >= 0  # units to make
slack >= 0
## Objective
maximize sum(profit[p] * make[p] for p in Products) - slack
## Constraints
machine: sum(hours[p] * make[p] for p in Products) <= 9
tables_max: make[tables] <= 3
"""
# By hand: tables are worth 5/2 per hour, chairs 3/1: all 9 hours to chairs -> 27.
OPTIMUM = 27.0

LP = """\
## Variables
x >= 0
y >= 0
## Objective
minimize 2 * x + 3 * y
## Constraints
need: x + y >= 4
cap: x <= 3
"""


def run_cli(monkeypatch, capsys, *args) -> tuple[int, str, str]:
    from optmodel.cli import main

    monkeypatch.setattr(sys, "argv", ["optmodel", *map(str, args)])
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = 0 if exc.code is None else exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def model_file(tmp_path):
    path = tmp_path / "mix.fe"
    path.write_text(MODEL, encoding="utf-8")
    return path


def test_solve_prints_status_objective_and_tables(model_file, monkeypatch, capsys):
    code, out, err = run_cli(monkeypatch, capsys, "solve", model_file)
    assert code == 0, err
    assert "optimal" in out
    assert "27" in out
    assert "make" in out and "chairs" in out and "9" in out
    assert "Traceback" not in out + err


def test_solve_json(model_file, monkeypatch, capsys):
    code, out, err = run_cli(monkeypatch, capsys, "solve", model_file, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["status"] == "optimal"
    assert data["objective"] == pytest.approx(OPTIMUM)
    rows = {tuple(r["index"]): r["value"] for r in data["values"]["make"]}
    assert rows == {("chairs",): pytest.approx(9.0), ("tables",): pytest.approx(0.0)}
    assert data["values"]["slack"] == pytest.approx(0.0)


def test_solve_json_lp_has_duals(tmp_path, monkeypatch, capsys):
    path = tmp_path / "lp.fe"
    path.write_text(LP, encoding="utf-8")
    code, out, _err = run_cli(monkeypatch, capsys, "solve", path, "--json")
    assert code == 0
    data = json.loads(out)
    # x = 3, y = 1: need's dual is y's cost 3, cap's is 2 - 3 = -1
    assert data["objective"] == pytest.approx(9.0)
    assert data["duals"]["need"] == pytest.approx(3.0)
    assert data["duals"]["cap"] == pytest.approx(-1.0)


@pytest.mark.parametrize(
    "extra",
    [
        ["--time-limit", "30"],
        ["--option", "mip_rel_gap=0.0", "-o", "mip_max_nodes=1000"],
        ["--option", "presolve=off"],  # a string option whose value looks like a boolean
        ["--profile", "quick"],
    ],
    ids=["time-limit", "numeric options", "presolve=off", "profile"],
)
def test_solve_with_options_profile_and_time_limit(extra, model_file, monkeypatch, capsys):
    code, out, err = run_cli(monkeypatch, capsys, "solve", model_file, "--json", *extra)
    assert code == 0, err
    assert json.loads(out)["objective"] == pytest.approx(OPTIMUM)


def test_solve_with_profile_path(model_file, tmp_path, monkeypatch, capsys):
    prof = tmp_path / "p.toml"
    prof.write_text('[options]\npresolve = "off"\n', encoding="utf-8")
    code, out, err = run_cli(monkeypatch, capsys, "solve", model_file, "--json", "--profile", prof)
    assert code == 0, err
    assert json.loads(out)["status"] == "optimal"


def test_solve_recognises_a_formulation_by_its_heading(tmp_path, monkeypatch, capsys):
    path = tmp_path / "model.txt"
    path.write_text(MODEL, encoding="utf-8")
    code, out, err = run_cli(monkeypatch, capsys, "solve", path, "--json")
    assert code == 0, err
    assert json.loads(out)["objective"] == pytest.approx(OPTIMUM)


def test_check_validates_and_pretty_prints(model_file, monkeypatch, capsys):
    code, out, err = run_cli(monkeypatch, capsys, "check", model_file)
    assert code == 0, err
    assert "ok" in out and "MIP" in out
    assert "3 variables" in out and "2 constraints" in out
    assert "machine" in out and "profit" in out


def test_check_reports_errors(tmp_path, monkeypatch, capsys):
    path = tmp_path / "bad.fe"
    path.write_text(MODEL.replace("hours[p] * make[p]", "hourz[p] * make[p]"), encoding="utf-8")
    code, out, err = run_cli(monkeypatch, capsys, "check", path)
    assert code == 2
    assert "hourz" in err and "line 13" in err and "bad.fe" in err
    assert "Traceback" not in err


def test_show_text_round_trips(model_file, monkeypatch, capsys):
    code, out, _err = run_cli(monkeypatch, capsys, "show", model_file)
    assert code == 0
    assert optmodel.parse(out) == optmodel.load(model_file)


def test_show_json_and_yaml(model_file, monkeypatch, capsys):
    code, out, _err = run_cli(monkeypatch, capsys, "show", model_file, "--json")
    assert code == 0
    assert from_json(out) == optmodel.load(model_file)
    code, out, _err = run_cli(monkeypatch, capsys, "show", model_file, "--yaml")
    assert code == 0
    assert from_yaml(out) == optmodel.load(model_file)


def test_show_latex(model_file, monkeypatch, capsys):
    code, out, err = run_cli(monkeypatch, capsys, "show", model_file, "--latex")
    assert code == 0, err
    assert "\\max" in out
    assert "\\sum" in out
    assert "machine" in out
    assert "tables\\_max" in out or "tables_max" in out
    assert out.count("\\begin{") == out.count("\\end{") >= 1


def test_plain_text_problem_without_a_model(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("OPTMODEL_MODEL", str(tmp_path / "no-such-checkpoint"))
    path = tmp_path / "problem.txt"
    path.write_text(
        "A workshop makes chairs and tables. Chairs earn 3, tables 5. Maximize profit.\n", encoding="utf-8"
    )
    code, out, err = run_cli(monkeypatch, capsys, "solve", path)
    assert code != 0
    assert err.startswith("error: ")
    assert "model" in err
    assert "Traceback" not in err
    assert err.count("\n") == 1


def test_solve_never_imports_torch(model_file):
    code = textwrap.dedent(
        f"""
        import sys
        from optmodel.cli import main
        sys.argv = ["optmodel", "solve", {str(model_file)!r}, "--json"]
        try:
            main()
        except SystemExit as exc:
            assert not exc.code, exc.code
        heavy = [m for m in ("torch", "transformers", "ray") if m in sys.modules]
        assert not heavy, heavy
        """
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["objective"] == pytest.approx(OPTIMUM)


def test_help_lists_the_core_commands(monkeypatch, capsys):
    code, out, _err = run_cli(monkeypatch, capsys, "--help")
    assert code == 0
    for name in ("solve", "check", "show"):
        assert name in out
