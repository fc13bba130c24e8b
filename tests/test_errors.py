"""Bad input gives a clear one-paragraph error naming file, line, element and the offending
text, and the CLI exits with status 2 and no traceback (issue #2, part 7)."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

import optmodel
from optmodel.compiler import compile_formulation
from optmodel.errors import FormulationError, OptModelError

OPTMODEL = Path(sys.executable).parent / "optmodel"

V = "## Variables\nx >= 0\n"
OBJ = "## Objective\nminimize x\n"
SETS_A = "## Sets\nA = {a, b}\n"


@dataclass(frozen=True)
class Bad:
    text: str
    line: int | None  # None: the error is about the whole file
    element: str | None  # e.g. "constraint 'c1'"; None where no single element is to blame
    offending: tuple[str, ...]  # each must appear in the message


BAD: dict[str, Bad] = {
    "undefined name": Bad(V + "## Objective\nminimize x + yy\n", 4, "objective", ("'yy'",)),
    "undefined parameter in a constraint": Bad(
        SETS_A
        + "## Variables\nx[A] >= 0\n"
        + OBJ.replace("x", "x[a]")
        + "## Constraints\nc[i in A]: x[i] >= qq[i]\n",
        8,
        "constraint 'c'",
        ("'qq'",),
    ),
    "unknown set": Bad(
        "## Variables\nx[Bogus] >= 0\n" + OBJ.replace("x", "1"), 2, "variable 'x'", ("'Bogus'",)
    ),
    "wrong index arity of a parameter": Bad(
        SETS_A + "## Parameters\np[A] = {a: 1, b: 2}\n## Variables\nx[A] >= 0\n"
        "## Objective\nminimize sum(p[i, i] * x[i] for i in A)\n",
        8,
        "objective",
        ("'p'", "1", "2"),
    ),
    "wrong index arity of a variable": Bad(
        SETS_A + "## Variables\nx[A] >= 0\n## Objective\nminimize x[a, b]\n", 6, "objective", ("'x'",)
    ),
    "member not in its set (table)": Bad(
        SETS_A + "## Parameters\np[A] = {a: 1, zinc: 2}\n" + V + OBJ, 4, "parameter 'p'", ("zinc", "'A'")
    ),
    "member not in its set (index)": Bad(
        SETS_A + "## Variables\nx[A] >= 0\n## Objective\nminimize x[zinc]\n", 6, "objective", ("zinc",)
    ),
    "wrong list length": Bad(
        SETS_A + "## Parameters\np[A] = [1, 2, 3]\n" + V + OBJ, 4, "parameter 'p'", ("3", "'A'")
    ),
    "missing value": Bad(SETS_A + "## Parameters\np[A] = {a: 1}\n" + V + OBJ, 4, "parameter 'p'", ("p[b]",)),
    "duplicate name": Bad(SETS_A + "## Parameters\nA = 3\n" + V + OBJ, 4, "parameter 'A'", ("'A'", "line 2")),
    "duplicate constraint name": Bad(
        V + OBJ + "## Constraints\ncap: x <= 4\ncap: x <= 5\n", 7, "constraint 'cap'", ("cap: x <= 5",)
    ),
    "duplicate member": Bad("## Sets\nA = {kiwi, b, kiwi}\n" + V + OBJ, 2, "set 'A'", ("kiwi",)),
    "nonlinear term x*y": Bad(
        "## Variables\nx >= 0\ny >= 0\n" + OBJ + "## Constraints\nc1: x * y <= 4\n",
        7,
        "constraint 'c1'",
        ("x * y",),
    ),
    "division by a variable": Bad(
        "## Variables\nx >= 0\ny >= 0\n" + OBJ + "## Constraints\nc1: x / y <= 4\n",
        7,
        "constraint 'c1'",
        ("x / y",),
    ),
    "quadratic constraint": Bad(
        V + OBJ + "## Constraints\nc1: x ** 2 <= 4\n", 6, "constraint 'c1'", ("x ** 2",)
    ),
    "cubic objective": Bad(V + "## Objective\nminimize x ** 3\n", 4, "objective", ("3",)),
    "unknown section heading": Bad("## Setz\nA = {a}\n" + V + OBJ, 1, None, ("Setz",)),
    "text before the first heading": Bad("hello there\n" + V + OBJ, 1, None, ("hello there",)),
    "missing objective": Bad(V, None, "objective", ("Objective",)),
    "two objectives": Bad(V + OBJ + "maximize x\n", 5, "objective", ("maximize x",)),
    "empty file": Bad("", None, None, ("empty",)),
    "only comments": Bad("# nothing here\n\n   \n", None, None, ()),
    "unclosed bracket": Bad(V + "## Objective\nminimize (x + 1\n", 4, "objective", ("(x + 1",)),
    "strict inequality": Bad(V + OBJ + "## Constraints\nc1: x < 4\n", 6, "constraint 'c1'", ("<",)),
    "keyword used as a name": Bad("## Parameters\nfor = 3\n" + V + OBJ, 2, "parameter", ("'for'",)),
    "loop name shadows a parameter": Bad(
        SETS_A
        + "## Parameters\np = 3\n## Variables\nx[A] >= 0\n## Objective\nminimize sum(x[p] for p in A)\n",
        8,
        "objective",
        ("'p'",),
    ),
    "lower bound above upper bound": Bad("## Variables\nx >= 5, <= 2\n" + OBJ, 2, "variable 'x'", ("5", "2")),
    "constraint that can never hold": Bad(
        V + OBJ + "## Constraints\nc1: 3 <= 2\n", 6, "constraint 'c1'", ("c1",)
    ),
    "deeply nested brackets": Bad(
        V + "## Objective\nminimize " + "(" * 500 + "x" + ")" * 500 + "\n", 4, "objective", ("nested",)
    ),
    "deeply nested unary minus": Bad(
        V + "## Objective\nminimize " + "-" * 5000 + "x\n", 4, "objective", ("nested",)
    ),
    "set used as a number": Bad(SETS_A + V + "## Objective\nminimize x + A\n", 6, "objective", ("'A'",)),
    "indexed variable without index": Bad(
        SETS_A + "## Variables\nx[A] >= 0\n" + OBJ, 6, "objective", ("'x'",)
    ),
    "non-integer range": Bad("## Sets\nT = 1..2.5\n" + V + OBJ, 2, "set 'T'", ("2.5",)),
    "division by zero": Bad(V + "## Objective\nminimize x / 0\n", 4, "objective", ("zero",)),
    "parameter defined by itself": Bad(
        "## Parameters\np = q\nq = p\n" + V + OBJ, 2, "parameter 'p'", ("'p'",)
    ),
    "sections out of order": Bad(OBJ + V, 3, None, ("Variables", "Objective")),
    "section twice": Bad(V + "## Variables\ny >= 0\n" + OBJ, 3, None, ("Variables",)),
    "unexpected character": Bad(V + "## Objective\nminimize x $ 3\n", 4, "objective", ("'$'",)),
    "condition on a variable": Bad(
        SETS_A
        + "## Variables\nx[A] >= 0\n## Objective\nminimize x[a]\n## Constraints\nc[i in A if x[i] > 0]: x[i] >= 1\n",
        8,
        "constraint 'c'",
        ("variable",),
    ),
    "variable in a bound": Bad("## Variables\ny >= 0\nx >= y\n" + OBJ, 3, "variable 'x'", ("variable",)),
    "table nested too deep": Bad(
        SETS_A + "## Parameters\np[A] = {a: {b: 1}, b: 2}\n" + V + OBJ, 4, "parameter 'p'", ("p",)
    ),
    "mixed tuple sizes": Bad("## Sets\nA = {(a, b), c}\n" + V + OBJ, 2, "set 'A'", ()),
    "table for a scalar": Bad("## Parameters\np = {a: 1}\n" + V + OBJ, 2, "parameter 'p'", ()),
}


def _compile(text: str, file: str = "model.fe"):
    return compile_formulation(optmodel.parse(text, file=file))


@pytest.mark.parametrize("case", list(BAD.values()), ids=list(BAD))
def test_bad_input_message(case: Bad):
    with pytest.raises(OptModelError) as info:
        _compile(case.text)
    err = info.value
    assert isinstance(err, FormulationError)
    msg = str(err)
    assert "\n" not in msg.strip(), "one paragraph"
    assert "model.fe" in msg
    if case.line is not None:
        assert f"line {case.line}" in msg
        assert err.line == case.line
    if case.element is not None:
        assert case.element in msg
    for piece in case.offending:
        assert piece in msg, f"{piece!r} not named in: {msg}"
    assert "Traceback" not in msg


def _cli(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """Run `optmodel ARGS` in this process; returns (exit status, stdout, stderr)."""
    from optmodel.cli import main

    monkeypatch.setattr(sys, "argv", ["optmodel", *map(str, args)])
    with pytest.raises(SystemExit) as info:
        main()
    out, err = capsys.readouterr()
    code = info.value.code
    return (0 if code is None else code), out, err


@pytest.mark.parametrize("case", list(BAD.values()), ids=list(BAD))
def test_bad_input_through_the_cli(case: Bad, tmp_path, monkeypatch, capsys):
    path = tmp_path / "model.fe"
    path.write_text(case.text, encoding="utf-8")
    code, _out, err = _cli(monkeypatch, capsys, "solve", path)
    assert code == 2, err
    assert err.startswith("error: ")
    assert "Traceback" not in err
    assert "model.fe" in err


@pytest.mark.parametrize(
    "name",
    ["nonlinear term x*y", "unknown section heading", "missing value", "lower bound above upper bound"],
)
def test_bad_input_through_the_installed_command(name, tmp_path):
    path = tmp_path / "model.fe"
    path.write_text(BAD[name].text, encoding="utf-8")
    proc = subprocess.run([str(OPTMODEL), "solve", str(path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert str(path) in proc.stderr
    assert proc.stderr.count("\n") == 1  # one paragraph


# ------------------------------------------------------------------ files


@pytest.mark.parametrize(
    "content, words",
    [
        (b"\x00\x01\x02\x03 binary \xff\xfe", "binary"),
        (b"## Variables\nx >= 0  # caf\xe9\n## Objective\nminimize x\n", "UTF-8"),
        (b"", "empty"),
    ],
    ids=["binary", "latin-1", "empty"],
)
def test_unreadable_files(content, words, tmp_path, monkeypatch, capsys):
    path = tmp_path / "model.fe"
    path.write_bytes(content)
    with pytest.raises(FormulationError, match=words):
        optmodel.load(path)
    code, _out, err = _cli(monkeypatch, capsys, "solve", path)
    assert code == 2 and words in err and "Traceback" not in err


def test_missing_file_and_folder(tmp_path, monkeypatch, capsys):
    with pytest.raises(FormulationError, match="not found"):
        optmodel.load(tmp_path / "nope.fe")
    with pytest.raises(FormulationError, match="folder"):
        optmodel.load(tmp_path)
    code, _out, err = _cli(monkeypatch, capsys, "solve", tmp_path / "nope.fe")
    assert code == 2 and "nope.fe" in err and "not found" in err
    code, _out, err = _cli(monkeypatch, capsys, "check", tmp_path)
    assert code == 2 and "folder" in err and "Traceback" not in err
    proc = subprocess.run(
        [str(OPTMODEL), "solve", str(tmp_path / "nope.fe")], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2 and "not found" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.timeout(15)
def test_huge_single_line_works_or_fails_fast():
    # A 5 MB one-line objective: either it parses (then the sum is right) or it is refused
    # with a clear message. The timeout guards against a parser that takes minutes.
    terms = 5_000_000 // 4
    text = "## Variables\nx >= 0, <= 1\n## Objective\nmaximize " + " + ".join(["x"] * terms) + "\n"
    assert len(text) >= 5_000_000
    try:
        form = optmodel.parse(text, file="huge.fe")
    except FormulationError as exc:
        msg = str(exc)
        assert "huge.fe" in msg and "line 4" in msg and len(msg) < 1000
        return
    sol = optmodel.solve(form)
    assert sol.objective == pytest.approx(terms)


def test_long_flat_sum_works():
    n = 20_000
    text = f"## Sets\nI = 1..{n}\n## Variables\nx[I] >= 0, <= 1\n## Objective\nmaximize "
    text += " + ".join(f"{i % 7 + 1} * x[{i}]" for i in range(1, n + 1)) + "\n"
    sol = optmodel.solve(text)
    assert sol.status == "optimal"
    assert sol.objective == pytest.approx(sum(i % 7 + 1 for i in range(1, n + 1)))


def test_nesting_below_the_limit_works():
    text = V + "## Objective\nminimize " + "(" * 40 + "x + 1" + ")" * 40 + "\n"
    assert optmodel.solve(text).objective == pytest.approx(1.0)


def test_deep_nesting_is_refused_quickly():
    text = V + "## Objective\nminimize " + "[" * 100_000 + "\n"
    t0 = time.perf_counter()
    with pytest.raises(FormulationError, match="nested"):
        optmodel.parse(text)
    assert time.perf_counter() - t0 < 30  # a hang guard, not a benchmark


# ------------------------------------------------------------------ solver options and profiles


def test_unknown_highs_option(monkeypatch, capsys, tmp_path):
    with pytest.raises(OptModelError, match="no_such_option"):
        optmodel.solve(V + OBJ, options={"no_such_option": 1})
    path = tmp_path / "m.fe"
    path.write_text(V + OBJ, encoding="utf-8")
    code, _out, err = _cli(monkeypatch, capsys, "solve", path, "--option", "no_such_option=1")
    assert code == 2 and "no_such_option" in err and "Traceback" not in err


def test_bad_option_value(monkeypatch, capsys, tmp_path):
    with pytest.raises(OptModelError, match="mip_rel_gap"):
        optmodel.solve(V + OBJ, options={"mip_rel_gap": "lots"})
    path = tmp_path / "m.fe"
    path.write_text(V + OBJ, encoding="utf-8")
    code, _out, err = _cli(monkeypatch, capsys, "solve", path, "--time-limit", "-1")
    assert code == 2 and "time limit" in err


def test_unknown_profile(monkeypatch, capsys, tmp_path):
    with pytest.raises(OptModelError, match="no_such_profile"):
        optmodel.solve(V + OBJ, profile="no_such_profile")
    with pytest.raises(OptModelError, match="not found"):
        optmodel.solve(V + OBJ, profile=str(tmp_path / "missing.toml"))
    bad = tmp_path / "bad.toml"
    bad.write_text("[options\nmip_rel_gap = ", encoding="utf-8")
    with pytest.raises(OptModelError, match="TOML"):
        optmodel.solve(V + OBJ, profile=str(bad))
    path = tmp_path / "m.fe"
    path.write_text(V + OBJ, encoding="utf-8")
    code, _out, err = _cli(monkeypatch, capsys, "solve", path, "--profile", "no_such_profile")
    assert code == 2 and "no_such_profile" in err and "Traceback" not in err


def test_profile_with_an_unknown_option(tmp_path):
    prof = tmp_path / "typo.toml"
    prof.write_text("[options]\nmip_rel_gapp = 0.1\n", encoding="utf-8")
    with pytest.raises(OptModelError, match="mip_rel_gapp"):
        optmodel.solve(V + OBJ, profile=str(prof))


@pytest.mark.parametrize("option", ["nokey", "=3"])
def test_bad_option_syntax(option, monkeypatch, capsys, tmp_path):
    path = tmp_path / "m.fe"
    path.write_text(V + OBJ, encoding="utf-8")
    code, _out, err = _cli(monkeypatch, capsys, "solve", path, "--option", option)
    assert code == 2 and option in err and "Traceback" not in err


# ------------------------------------------------------------------ tables


TABLE = """\
## Sets
P = {p1, p2}
M = {m1, m2}
## Parameters
cost[P, M] = file("cost.csv")
## Variables
x[P, M] >= 0
## Objective
minimize sum(cost[p, m] * x[p, m] for p in P for m in M)
"""


@pytest.mark.parametrize(
    "csv, words",
    [
        ("P,M,cost\np1,m1,1\np1,m2,2\np2,m1,3\nmars,m2,4\n", ("mars", "'P'")),
        ("P,M,cost\np1,m1,1\np1,m2,\np2,m1,3\np2,m2,4\n", ("cost.csv", "row 3")),
        ("P,M,cost\np1,m1,1\np1,m2,2\np2,m1,3\n", ("cost[p2, m2]",)),
        ("P,M,cost\np1,m1,1\np1,m2,2\np2,m1,3\np2,m2,lots\n", ("cost.csv", "number")),
        ("P,M,cost\np1,m1,1\np1,m1,2\np2,m1,3\np2,m2,4\n", ("cost.csv", "second value")),
    ],
    ids=["member not in set", "missing value", "missing row", "not a number", "duplicate row"],
)
def test_bad_tables(csv, words, tmp_path, monkeypatch, capsys):
    (tmp_path / "cost.csv").write_text(csv, encoding="utf-8")
    path = tmp_path / "model.fe"
    path.write_text(TABLE, encoding="utf-8")
    with pytest.raises(FormulationError) as info:
        optmodel.solve(path)
    msg = str(info.value)
    assert "line 5" in msg and "parameter 'cost'" in msg
    for w in words:
        assert w in msg, msg
    code, _out, err = _cli(monkeypatch, capsys, "solve", path)
    assert code == 2 and "Traceback" not in err


def test_missing_table_file(tmp_path):
    path = tmp_path / "model.fe"
    path.write_text(TABLE, encoding="utf-8")
    with pytest.raises(FormulationError, match="cost.csv"):
        optmodel.solve(path)


# ------------------------------------------------------------------ statuses are not errors


INFEASIBLE = V + OBJ + "## Constraints\nlow: x >= 2\nhigh: x <= 1\nloose: x <= 5\n"


def test_infeasible_reports_iis(tmp_path, monkeypatch, capsys):
    sol = optmodel.solve(INFEASIBLE)
    assert sol.status == "infeasible"
    assert sorted(sol.iis) == ["high", "low"]
    assert sol.objective is None
    path = tmp_path / "inf.fe"
    path.write_text(INFEASIBLE, encoding="utf-8")
    code, out, err = _cli(monkeypatch, capsys, "solve", path)
    assert code == 0, err
    assert "infeasible" in out and "low" in out and "high" in out and "loose" not in out.split("IIS")[-1]


def test_infeasible_indexed_constraints_named_with_their_index():
    text = (
        "## Sets\nA = {a, b}\n## Variables\nx[A] >= 0\n## Objective\nminimize sum(x[i] for i in A)\n"
        "## Constraints\nlow[i in A]: x[i] >= 3\ncap: x[a] + x[b] <= 5\n"
    )
    sol = optmodel.solve(text)
    assert sol.status == "infeasible"
    assert sorted(sol.iis) == ["cap", "low[a]", "low[b]"]


def test_unbounded_status(tmp_path, monkeypatch, capsys):
    text = "## Variables\nx >= 0\ny >= 0\n## Objective\nmaximize x - y\n## Constraints\nc: y <= 3\n"
    sol = optmodel.solve(text)
    assert sol.status == "unbounded"
    path = tmp_path / "unb.fe"
    path.write_text(text, encoding="utf-8")
    code, out, _err = _cli(monkeypatch, capsys, "solve", path, "--json")
    assert code == 0
    assert '"status": "unbounded"' in out
