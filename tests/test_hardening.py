"""Bounded work, honest statuses and clear errors for hostile or huge input (issue 16).

Each test uses the input the issue reports; before the fix it spun, ate memory, crashed with an
internal error or printed a status it could not back up."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import optmodel
from optmodel.compiler import expand
from optmodel.errors import ArgumentError, FormulationError, LimitError, OptionError, OptModelError

OPTMODEL = Path(sys.executable).parent / "optmodel"


def cli(*args: str, cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(Path(optmodel.__file__).parents[1]))
    return subprocess.run(
        [str(OPTMODEL), *args], capture_output=True, text=True, cwd=cwd, timeout=timeout, env=env
    )


def one_paragraph_error(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert proc.stderr.startswith("error: "), proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    assert "╭" not in proc.stderr  # not typer's box
    return proc.stderr


CUBE = """## Sets
I = 1..1000
## Variables
x[I] >= 0
## Objective
minimize sum(x[i] for i in I for j in I for k in I)
"""


# ---------------------------------------------------------------- 1. every expansion has a budget


def test_a_triple_sum_is_refused_before_it_is_expanded():
    started = time.perf_counter()
    with pytest.raises(LimitError) as err:
        expand(optmodel.parse(CUBE))
    assert time.perf_counter() - started < 5  # refused up front (it ran past 60 s before)
    msg = str(err.value)
    assert "objective" in msg and "1,000,000,000" in msg and "OPTMODEL_MAX_TERMS" in msg


def test_an_indexed_constraint_with_a_huge_sum_is_refused_naming_it():
    text = (
        CUBE.replace("for j in I for k in I)", ")")
        + "## Constraints\nc[i in I]: sum(x[j] for j in I for k in I) >= 1\n"
    )
    with pytest.raises(LimitError, match="constraint 'c'"):
        expand(optmodel.parse(text))


def test_a_sum_whose_ranges_depend_on_the_loop_is_counted_while_expanding(monkeypatch):
    monkeypatch.setenv("OPTMODEL_MAX_TERMS", "5000")
    text = CUBE.replace("for j in I for k in I", "for j in 1..i")
    with pytest.raises(LimitError, match="5,000"):
        expand(optmodel.parse(text))
    monkeypatch.setenv("OPTMODEL_MAX_TERMS", "600000")  # 500,500 steps: within the raised budget
    assert expand(optmodel.parse(text)).objective.coefs


def test_a_product_of_two_sums_is_bounded():
    text = CUBE.replace(
        "sum(x[i] for i in I for j in I for k in I)",
        "sum(x[i] for i in 1..4000) * sum(x[j] for j in 1..4000)",
    )
    text = text.replace("1..1000", "1..4000")
    with pytest.raises(LimitError):
        expand(optmodel.parse(text))


def test_a_set_comprehension_obeys_the_set_member_limit():
    text = "## Sets\nA = 1..3200\nB = 1..3200\nP = {(i, j) for i in A for j in B}\n## Variables\nx >= 0\n## Objective\nminimize x\n"
    with pytest.raises(LimitError, match="set 'P'.*10,240,000 members"):
        expand(optmodel.parse(text))


def test_the_limit_error_is_a_cli_error_not_a_hang(tmp_path):
    (tmp_path / "cube.fe").write_text(CUBE)
    assert "OPTMODEL_MAX_TERMS" in one_paragraph_error(cli("check", "cube.fe", cwd=tmp_path, timeout=30))


# ---------------------------------------------------------------- 3. statuses never lie


@pytest.mark.parametrize(
    "text, needle",
    [
        (
            "## Variables\nx >= 0\ny >= 0\n## Objective\nmaximize 1e25 * x + y\n## Constraints\nx + y <= 1\n",
            "coefficient of x",
        ),
        (
            "## Parameters\na = 1e308 * 10\nb = a - a\n## Variables\nx >= 0\n## Objective\nminimize b * x\n",
            "value of a is inf",
        ),
        ("## Variables\nx >= 0, <= 1e30\n## Objective\nmaximize x\n", r"upper bound of x is 1e\+30"),
        ("## Variables\nx >= 0\n## Objective\nminimize x\n## Constraints\nx >= 3e20\n", "lower side of c1"),
    ],
)
def test_values_highs_would_read_as_infinite_are_refused(text, needle):
    with pytest.raises(FormulationError, match=needle):
        expand(optmodel.parse(text))
    with pytest.raises(FormulationError):
        optmodel.solve(text)


def test_table_values_are_checked_too(tmp_path):
    (tmp_path / "c.csv").write_text("item,value\na,1\nb,nan\n")
    text = '## Sets\nI = {a, b}\n## Parameters\nc[I] = file("c.csv")\n## Variables\nx[I] >= 0\n## Objective\nminimize sum(c[i] * x[i] for i in I)\n'
    with pytest.raises(FormulationError, match="row 3, column 'value'"):
        expand(optmodel.parse(text, base_dir=str(tmp_path)))


def test_optimal_without_an_objective_is_reported_as_an_error():
    from optmodel.solver import Solution, honest

    sol = honest(Solution("optimal", objective=None))
    assert sol.status == "error" and "no finite objective" in sol.message
    assert honest(Solution("error")).message  # an error always says why
    kept = honest(Solution("optimal", objective=2.0, values={"x": {(): 2.0}}))
    assert kept.status == "optimal" and kept.objective == 2.0


# ---------------------------------------------------------------- 4. numbers of any size


@pytest.mark.parametrize(
    "number",
    ["9" * 500, "9" * 5000, "1e999%", "1e999"],
)
def test_huge_numbers_are_parse_errors(number):
    with pytest.raises(FormulationError, match="too large") as err:
        optmodel.parse(f"## Variables\nx >= 0\n## Objective\nminimize {number} * x\n")
    assert err.value.line == 4 and err.value.element == "objective"


def test_huge_numbers_in_a_large_table_take_the_grammar_path():
    values = ", ".join(f"a{i}: {'9' * 400 if i == 7 else i}" for i in range(300))
    members = ", ".join(f"a{i}" for i in range(300))
    text = f"## Sets\nA = {{{members}}}\n## Parameters\np[A] = {{{values}}}\n## Variables\nx >= 0\n## Objective\nminimize x\n"
    with pytest.raises(FormulationError, match="too large"):
        optmodel.parse(text)


def test_a_range_with_a_huge_end_is_a_limit_error(tmp_path):
    (tmp_path / "r.fe").write_text(
        "## Sets\nI = 1..99999999999999999999999999\n## Variables\nx[I] >= 0\n## Objective\nminimize sum(x[i] for i in I)\n"
    )
    assert "set 'I'" in one_paragraph_error(cli("check", "r.fe", cwd=tmp_path))


def test_a_huge_integer_is_a_cli_error_not_an_internal_one(tmp_path):
    (tmp_path / "n.fe").write_text(f"## Variables\nx >= 0\n## Objective\nminimize {'9' * 500} * x\n")
    assert "too large" in one_paragraph_error(cli("solve", "n.fe", cwd=tmp_path))


# ---------------------------------------------------------------- 5. only regular files, with a cap


def _fifo(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_as_the_input_is_refused_at_once(tmp_path):
    _fifo(tmp_path, "in.fe")
    assert "not a regular file" in one_paragraph_error(cli("check", "in.fe", cwd=tmp_path, timeout=20))


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_as_the_input_is_refused_at_once(device):
    with pytest.raises(FormulationError, match="not a regular file"):
        optmodel.load(device)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_or_device_as_a_table_is_refused_at_once(tmp_path):
    _fifo(tmp_path, "t.csv")
    head = '## Sets\nK = {a}\n## Parameters\nv[K] = file("{}")\n## Variables\nz[K] >= 0\n## Objective\nminimize sum(v[k] * z[k] for k in K)\n'
    for table in ("t.csv", "/dev/zero.csv"):
        done: list = []
        worker = threading.Thread(
            target=lambda t=table, out=done: out.append(_check_error(head.replace("{}", t), tmp_path)),
            daemon=True,
        )
        worker.start()
        worker.join(20)
        assert done and ("not a regular file" in done[0] or "not found" in done[0]), done


def _check_error(text: str, base: Path) -> str:
    try:
        expand(optmodel.parse(text, base_dir=str(base)))
    except FormulationError as exc:
        return str(exc)
    return "no error"


def test_a_file_table_name_is_a_literal_path_not_a_glob(tmp_path):
    (tmp_path / "q1.csv").write_text("k,v\na,1\n")
    (tmp_path / "q2.csv").write_text("k,v\nb,2\n")
    text = '## Sets\nK = {a, b}\n## Parameters\nv[K] = file("q*.csv") default 0\n## Variables\nz[K] >= 0\n## Objective\nminimize sum(v[k] * z[k] for k in K)\n'
    with pytest.raises(FormulationError, match=r"q\*\.csv'.*not found"):
        expand(optmodel.parse(text, base_dir=str(tmp_path)))
    (tmp_path / "q*.csv").write_text("k,v\na,5\n")
    assert expand(optmodel.parse(text, base_dir=str(tmp_path))).params["v"].values == {("a",): 5}


def test_an_input_over_the_size_cap_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("OPTMODEL_MAX_FILE_BYTES", "100")
    path = tmp_path / "big.fe"
    path.write_text("## Variables\nx >= 0\n## Objective\nminimize x\n" + "# pad\n" * 40)
    with pytest.raises(FormulationError, match="the limit is 100 bytes"):
        optmodel.load(path)


# ---------------------------------------------------------------- 6. deep chains resolve


def test_a_chain_of_300_parameters_solves():
    lines = [f"p{i} = p{i + 1} + 1" for i in range(1, 300)] + ["p300 = 1"]
    text = "## Parameters\n" + "\n".join(lines) + "\n## Variables\nx >= 1\n## Objective\nminimize p1 * x\n"
    sol = optmodel.solve(text)
    assert sol.status == "optimal" and sol.objective == pytest.approx(300)


def test_a_long_cycle_is_named():
    lines = [f"p{i} = p{i + 1} + 1" for i in range(1, 300)] + ["p300 = p1"]
    text = "## Parameters\n" + "\n".join(lines) + "\n## Variables\nx >= 1\n## Objective\nminimize p1 * x\n"
    with pytest.raises(FormulationError, match="defined in terms of itself"):
        expand(optmodel.parse(text))


# ---------------------------------------------------------------- 7. tables keep their rules

WIDE = """## Sets
I = {x, y}
J = {a, b}
## Parameters
c[I, J] = file("w.csv")
## Variables
z[I, J] >= 0
## Objective
minimize sum(c[i, j] * z[i, j] for i in I for j in J)
"""


def test_a_repeated_key_in_a_wide_table_is_an_error(tmp_path):
    (tmp_path / "w.csv").write_text("item,a,b\nx,1,2\nx,3,4\ny,5,6\n")
    with pytest.raises(FormulationError, match="'w.csv' row 3.*a second value"):
        expand(optmodel.parse(WIDE, base_dir=str(tmp_path)))


@pytest.mark.parametrize("table", ["item,a,b\nx,1,2\ny,3,two\n", "i,j,value\nx,a,1\nx,b,2\ny,a,two\ny,b,3\n"])
def test_a_bad_cell_is_reported_with_file_row_and_column(tmp_path, table):
    (tmp_path / "w.csv").write_text(table)
    with pytest.raises(FormulationError) as err:
        expand(optmodel.parse(WIDE, base_dir=str(tmp_path)))
    msg = str(err.value)
    assert "'w.csv' row 3" in msg or "'w.csv' row 4" in msg
    assert "column" in msg and "'two' is not a number" in msg and "objective" not in msg


# ---------------------------------------------------------------- 9. output is never markup


def test_file_names_and_constraint_names_print_as_written(tmp_path):
    folder = tmp_path / "["
    folder.mkdir()
    (folder / "red].fe").write_text("## Variables\nx >= 0\n## Objective\nminimize x\n")
    proc = cli("check", "[/red].fe", cwd=tmp_path)
    assert proc.returncode == 0 and "[/red].fe is a valid LP" in proc.stdout, proc.stderr
    (tmp_path / "iis.fe").write_text(
        "## Sets\nN = {protein, fat}\n## Variables\nx[N] >= 0, <= 1\n## Objective\nminimize sum(x[n] for n in N)\n"
        "## Constraints\nenough[n in N]: x[n] >= 2\n"
    )
    out = cli("solve", "iis.fe", cwd=tmp_path).stdout
    assert "conflicting constraints (IIS): enough[" in out


# ---------------------------------------------------------------- 10. the SDK raises its own errors


@pytest.mark.parametrize(
    "call", [lambda: optmodel.parse(None), lambda: optmodel.parse(12345), lambda: optmodel.load(None)]
)
def test_wrong_argument_types_are_typed_errors(call):
    with pytest.raises(ArgumentError) as err:
        call()
    assert isinstance(err.value, OptModelError) and isinstance(err.value, TypeError) and str(err.value)


def test_options_as_a_list_is_an_option_error():
    form = optmodel.parse("## Variables\nx >= 1\n## Objective\nminimize x\n")
    with pytest.raises(OptionError, match="dict of HiGHS options"):
        optmodel.solve(form, options=["threads=1"])
    with pytest.raises(OptionError, match="unknown HiGHS option"):
        optmodel.solve(form, options={"no_such_option": 1})


def test_usage_errors_and_unreadable_files_are_one_paragraph(tmp_path):
    assert "Missing argument" in one_paragraph_error(cli("check"))
    assert "No such option" in one_paragraph_error(cli("check", "x.fe", "--bogus"))
    assert "not found" in one_paragraph_error(cli("eval", str(tmp_path / "none.jsonl")))
    if os.path.exists("/dev/zero"):
        assert "not a regular file" in one_paragraph_error(cli("eval", "/dev/zero"))


# ---------------------------------------------------------------- 8. the plain-English path is bounded


class _Counting:
    """A formulator that copies numbers from the text (like the embedded model) and always
    writes a formulation that fails, so the loop would go on; it counts its calls."""

    name = "counting"
    needs_numbers = True

    def __init__(self, delay: float = 0.0) -> None:
        self.calls = 0
        self.delay = delay

    def generate(self, requests, *, num_samples=1):
        self.calls += 1
        time.sleep(self.delay)
        return [["## Variables\nx >= 0\n## Objective\nminimize y\n"] for _ in requests]


@pytest.mark.parametrize(
    "text, needle",
    [
        ("A baker sells bread and cakes and wants the most profit.", "no numbers"),
        ("Each cake uses 2 eggs. " * 1200, "characters; the limit is 20,000"),
        (" ".join(f"item {i} costs {i} dollars." for i in range(150)), "numbers; the limit is 200"),
        ("A farm has " + "9" * 400 + " acres and grows wheat at 3 dollars.", "too large"),
    ],
)
def test_problems_a_formulator_cannot_do_are_refused_before_it_runs(text, needle):
    from optmodel.formulate import formulate_and_solve, formulate_batch

    formulator = _Counting()
    with pytest.raises(LimitError, match=needle):
        formulate_and_solve(text, formulator)
    batch = formulate_batch([text], formulator)[0]  # an evaluation run keeps going
    assert batch.solution is None and needle.split(";")[0] in batch.attempts[0].error
    assert formulator.calls == 0


def test_the_formulation_deadline_stops_the_self_correction_loop():
    from optmodel.formulate import formulate_and_solve

    formulator = _Counting(delay=0.3)
    result = formulate_and_solve("Make at most 4 units.", formulator, max_tries=50, deadline=0.5)
    assert formulator.calls <= 3 and result.stopped and "deadline" in result.stopped


def test_the_embedded_formulators_need_numbers():
    from optmodel.model.formulator import EmbeddedFormulator
    from optmodel.model.pointer_formulator import PointerFormulator

    assert PointerFormulator.needs_numbers and EmbeddedFormulator.needs_numbers


def test_a_text_without_numbers_is_a_cli_error(tmp_path):
    (tmp_path / "p.txt").write_text("A baker sells bread and cakes and wants the most profit.\n")
    assert "no numbers" in one_paragraph_error(cli("solve", "p.txt", cwd=tmp_path, timeout=300))


@pytest.mark.parametrize(
    "text, needle",
    [
        ("## Variables\nx >= 0\n## Objective\nminimize {N} * {N} * x\n", "coefficient of x"),
        (
            "## Parameters\na = {N} * {N}\n## Variables\nx >= 0\n## Objective\nminimize a * x\n",
            "value of a is inf",
        ),
        ("## Sets\nI = 1..({N} * {N})\n## Variables\nx >= 0\n## Objective\nminimize x\n", "got inf"),
    ],
)
def test_products_of_big_integers_are_errors_not_overflows(text, needle):
    with pytest.raises(FormulationError, match=needle):
        expand(optmodel.parse(text.replace("{N}", "9" * 200)))
