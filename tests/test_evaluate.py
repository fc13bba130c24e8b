"""Evaluation: SA/ER/AST from real solves, resumable journal, Parquet and chart outputs."""

from __future__ import annotations

import json

import polars as pl
import pytest
from typer.testing import CliRunner

from optmodel.evaluate import evaluate_file, is_correct, load_benchmark, parse_answer, plot_sa, summarize

RIGHT = "## Variables\nx >= 0\n## Objective\nmaximize 3 * x\n## Constraints\nc: x <= {cap}\n"


class Scripted:
    """Writes a broken formulation first and the right one when asked to repair it; problems
    mentioning 'hopeless' always get a formulation with the wrong optimum."""

    name = "scripted"

    def __init__(self) -> None:
        self.calls = 0

    def generate(self, requests, *, num_samples=1):
        self.calls += 1
        out = []
        for r in requests:
            cap = int(r.problem.split()[-1])
            if "hopeless" in r.problem:
                out.append([RIGHT.format(cap=cap + 1)] * num_samples)
            elif r.faulty is None:
                out.append(["## Variables\nx >= 0\n## Objective\nmaximize 3 * y\n"] * num_samples)
            else:
                assert "y" in r.error
                out.append([RIGHT.format(cap=cap)] * num_samples)
        return out


@pytest.fixture
def bench(tmp_path):
    rows = [
        {"question": "repairable, cap 5", "answer": 15},
        {"question": "repairable as text answer, cap 2", "answer": "6.0"},
        {"question": "hopeless, cap 4", "answer": 12},
    ]
    path = tmp_path / "toy.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return path


def test_answer_tolerance():
    assert parse_answer("1,234.5") == 1234.5 and parse_answer("n/a") is None
    assert is_correct(100.005, 100) and not is_correct(100.02, 100)
    assert is_correct(1e6 + 50, "1000000") and not is_correct(1e6 + 200, 1e6)
    assert not is_correct(None, 3)


def test_evaluate_file_measures_sa_er_ast_and_resumes(bench, tmp_path):
    out = tmp_path / "eval"
    s = evaluate_file(bench, Scripted(), out_dir=out, max_tries=3, progress=False, batch_size=2)
    assert s["n"] == 3
    assert s["sa"] == pytest.approx(200 / 3)
    assert s["er"] == pytest.approx(100.0)
    assert s["ast"] == pytest.approx((2 + 2 + 1) / 3)
    frame = pl.read_parquet(out / "toy.parquet")
    assert frame["correct"].to_list() == [True, True, False]
    assert set(frame.columns) >= {"question", "formulation", "status", "objective", "tries"}
    # a second run finds everything in the journal and asks the formulator nothing
    again = Scripted()
    assert evaluate_file(bench, again, out_dir=out, progress=False) == s
    assert again.calls == 0


def test_workers_give_the_same_result(bench, tmp_path):
    a = evaluate_file(bench, Scripted(), out_dir=tmp_path / "a", workers=1, batch_size=1, progress=False)
    b = evaluate_file(bench, Scripted(), out_dir=tmp_path / "b", workers=3, batch_size=1, progress=False)
    assert {k: a[k] for k in ("sa", "er", "ast")} == {k: b[k] for k in ("sa", "er", "ast")}


def test_bad_benchmark_file_is_a_clear_error(tmp_path):
    from optmodel.errors import OptModelError

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"question": "q"}\n')
    with pytest.raises(OptModelError, match="line 1"):
        load_benchmark(bad)


def test_chart_and_summary(tmp_path):
    assert summarize([])["sa"] is None
    png = tmp_path / "sa.png"
    plot_sa([{"dataset": "nl4opt", "sa": 10.0}, {"dataset": "other", "sa": 5.0}], png)
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_cli_eval_reports_missing_file_without_traceback(tmp_path):
    from optmodel.cli import app

    result = CliRunner().invoke(app, ["eval", str(tmp_path / "nope.jsonl")])
    assert result.exit_code != 0
    assert "Traceback" not in result.output


class _Bar:
    """Stands in for tqdm: records, at each step, how many generation rounds had run."""

    def __init__(self, formulator, steps, **_kwargs) -> None:
        self.formulator, self.steps = formulator, steps

    def update(self, n=1):
        self.steps.append(self.formulator.calls)

    def set_postfix(self, **_kwargs):
        pass

    def close(self):
        pass


def test_progress_moves_per_problem_not_per_batch(bench, tmp_path, monkeypatch):
    import tqdm

    formulator, steps = Scripted(), []
    monkeypatch.setattr(tqdm, "tqdm", lambda **kw: _Bar(formulator, steps, **kw))
    evaluate_file(bench, formulator, out_dir=tmp_path / "a", batch_size=3, progress=True)
    # the hopeless problem is final after the first round, the repairable two after the second
    assert steps == [1, 2, 2]
    steps.clear()
    evaluate_file(bench, formulator, out_dir=tmp_path / "b", batch_size=1, workers=2, progress=True)
    assert len(steps) == 3  # from the worker processes, one step per problem


def test_chart_says_how_many_problems_each_bar_is_over(tmp_path, monkeypatch):
    import matplotlib.axes

    labels, ticks = [], []
    bar_label, set_xticks = matplotlib.axes.Axes.bar_label, matplotlib.axes.Axes.set_xticks

    def spy_labels(self, container, labels_=None, **kw):
        labels.append(kw.get("labels"))
        return bar_label(self, container, **kw)

    def spy_ticks(self, positions, names=None, **kw):
        ticks.extend(names or [])
        return set_xticks(self, positions, names, **kw)

    monkeypatch.setattr(matplotlib.axes.Axes, "bar_label", spy_labels)
    monkeypatch.setattr(matplotlib.axes.Axes, "set_xticks", spy_ticks)
    plot_sa(
        [{"dataset": "nl4opt", "sa": 40.0, "n": 25}, {"dataset": "other", "sa": 5.0, "n": 7}],
        tmp_path / "c.png",
    )
    assert labels[0] == ["40.0\nn=25", "5.0\nn=7"]
    assert ticks == ["nl4opt\n(25 problems)", "other\n(7 problems)"]
