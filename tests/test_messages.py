"""`optmodel check` prints text that parses back, and unsupported syntax gets a message that says
what the format has instead (issue 18 item 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli_core import run_cli

import optmodel

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize("example", ["knapsack.fe", "diet.fe", "facility_location.fe", "min_cost_flow.fe"])
def test_check_output_parses_back_with_its_title(example, monkeypatch, capsys):
    code, out, err = run_cli(monkeypatch, capsys, "check", EXAMPLES / example)
    assert code == 0, err
    original = optmodel.load(EXAMPLES / example)
    assert optmodel.parse(out) == original
    assert optmodel.parse(out).title == original.title  # the title keeps its '#'
    assert out.startswith("# ") and "\n# ok: " in out
    assert max(len(line) for line in out.splitlines()) > 80  # long lines are not wrapped


VARS = "## Variables\nb binary\nx >= 0, <= 9\n"


@pytest.mark.parametrize(
    ("text", "what", "instead"),
    [
        (VARS + "## Objective\nmaximize x\n## Constraints\nc: b == 1 -> x <= 3\n", "'->'", "b == 1 implies"),
        (
            "## Variables\nx >= 0 integer\n## Objective\nmaximize x\n",
            "separated by commas",
            "x >= 0, integer",
        ),
        (
            "## Variables\nx[I] >= 0 binary\n## Objective\nmaximize x\n",
            "separated by commas",
            "x[I] >= 0, binary",
        ),
        (VARS + "## Objective\nmaximize log(x)\n", "'log(...)' is not a function", "max(a, b, ...)"),
        (VARS + "## Objective\nmaximize x\n## Constraints\nc: x < 3\n", "strict comparisons", "<=, >= or =="),
        (
            VARS + "## Objective\nmaximize x\n## Constraints\nc: if b == 1 then x <= 3\n",
            "start with `if`",
            "implies",
        ),
        (VARS + "## Objective\nmaximize x\n## Constraints\nc: b == 1 or x <= 3\n", "`or`", "implies"),
    ],
)
def test_unsupported_syntax_says_what_to_write(text, what, instead):
    with pytest.raises(optmodel.FormulationError) as info:
        optmodel.parse(text)
    message = str(info.value)
    assert what in message and instead in message
    assert "unexpected >" not in message


def test_supported_functions_parse():
    form = optmodel.parse(VARS + "## Objective\nminimize abs(x - 3) + max(x, 1) - min(x, 2)\n")
    assert optmodel.parse(form.to_text()) == form


def test_the_cli_prints_the_message_with_exit_2(tmp_path, monkeypatch, capsys):
    path = tmp_path / "arrow.fe"
    path.write_text(VARS + "## Objective\nmaximize x\n## Constraints\nc: b == 1 -> x <= 3\n")
    code, _out, err = run_cli(monkeypatch, capsys, "check", path)
    assert code == 2 and "'->' is not part of the format" in err and "line 7" in err


def _cells(out: str, index: str) -> list[str]:
    line = next(li for li in out.splitlines() if li.strip().startswith(index + " "))
    return [c.strip() for c in line.split("│")]


def test_reduced_costs_only_for_non_basic_variables(monkeypatch, capsys):
    code, out, err = run_cli(monkeypatch, capsys, "solve", EXAMPLES / "diet.fe")
    assert code == 0, err
    assert "reduced cost" in out
    assert _cells(out, "pork_beans")[-1] == "" and _cells(out, "spinach")[-1] == ""  # basic
    assert float(_cells(out, "rice")[-1]) < 0  # at its upper bound: non-basic, informative
    assert "more at zero with a non-zero reduced cost" in out
    code, out, _err = run_cli(monkeypatch, capsys, "solve", EXAMPLES / "diet.fe", "--all")
    assert float(_cells(out, "oatmeal")[-1]) > 0  # at zero, shown with --all


def test_no_reduced_cost_column_when_every_shown_variable_is_basic(tmp_path, monkeypatch, capsys):
    path = tmp_path / "lp.fe"
    path.write_text(
        "## Sets\nI = {a, b}\n## Variables\nx[I] >= 0\n## Objective\nminimize 2 * x[a] + 3 * x[b]\n"
        "## Constraints\nneed: x[a] + x[b] >= 4\ncap: x[a] <= 3\n"
    )
    code, out, err = run_cli(monkeypatch, capsys, "solve", path)
    assert code == 0, err
    assert "reduced cost" not in out and "objective (minimize): 9" in out
