"""`optmodel export FILE --to lp|mps` and `form.to_pyomo().write(...)` (issue 18 item 3)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import highspy
import pytest
from test_cli_core import run_cli

import optmodel

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _highs_optimum(path: Path) -> float:
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    assert h.readModel(str(path)) == highspy.HighsStatus.kOk
    h.run()
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return h.getInfo().objective_function_value


@pytest.mark.parametrize("fmt", ["lp", "mps"])
@pytest.mark.parametrize(
    "example", ["diet.fe", "facility_location_logic.fe", "min_cost_flow.fe", "portfolio.fe"]
)
def test_export_writes_a_file_highs_solves_to_the_same_optimum(example, fmt, tmp_path, monkeypatch, capsys):
    out = tmp_path / f"model.{fmt}"
    code, stdout, err = run_cli(monkeypatch, capsys, "export", EXAMPLES / example, "--to", fmt, "--out", out)
    assert code == 0, err
    assert str(out) in stdout and out.stat().st_size > 0
    expected = optmodel.solve(EXAMPLES / example).objective
    assert _highs_optimum(out) == pytest.approx(expected, rel=1e-7)


def test_export_defaults_to_the_input_name_and_refuses_unknown_formats(tmp_path, monkeypatch, capsys):
    src = tmp_path / "diet.fe"
    src.write_text((EXAMPLES / "diet.fe").read_text(encoding="utf-8"), encoding="utf-8")
    code, _out, err = run_cli(monkeypatch, capsys, "export", src, "--to", "mps")
    assert code == 0, err
    assert (tmp_path / "diet.mps").exists()
    code, _out, err = run_cli(monkeypatch, capsys, "export", src, "--to", "nl")
    assert code == 2 and "--to lp or --to mps" in err


def test_to_pyomo_write_works_without_importing_pyomo_environ(tmp_path):
    # a fresh interpreter: the test process may have imported pyomo.environ already
    script = (
        "import optmodel, sys\n"
        "assert 'pyomo.environ' not in sys.modules\n"
        f"m = optmodel.load({str(EXAMPLES / 'diet.fe')!r}).to_pyomo()\n"
        f"m.write({str(tmp_path / 'm.lp')!r})\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert _highs_optimum(tmp_path / "m.lp") == pytest.approx(optmodel.solve(EXAMPLES / "diet.fe").objective)
