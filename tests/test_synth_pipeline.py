"""The synthesis pipeline: Parquet output, splits without leakage, determinism, resume,
rejection sampling into the hard-case pool and the benchmark file, the CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import polars as pl
import pytest
from typer.testing import CliRunner

from optmodel.cli import app
from optmodel.errors import OptModelError
from optmodel.formulators.base import FormulationRequest
from optmodel.formulators.oracle import InstanceOracle
from optmodel.synth import pipeline
from optmodel.synth.pipeline import synthesize
from optmodel.synth.verify import check_candidate, same_optimum

FAMS = ["product_mix", "knapsack"]


def _run(out, **kw):
    args = dict(per_family=6, complexity=(1, 2), out=out, seed=11, shard_size=3, progress=False)
    args.update(kw)
    return synthesize(FAMS, **args)


def _frame(out):
    return pl.read_parquet(out / "dataset.parquet").sort("id")


def test_dataset_columns_splits_and_verification(tmp_path):
    summary = _run(tmp_path)
    df = _frame(tmp_path)
    for col in ("id", "family", "complexity", "nl", "formulation", "optimum", "status", "split"):
        assert col in df.columns
    assert df.height == summary["dataset_rows"] == 12
    assert set(df["status"]) == {"verified"} and summary["acceptance_rate"] == 1.0
    assert set(df["family"]) == set(FAMS)
    assert set(df["complexity"]) <= {1, 2}
    assert set(df["split"]) <= {"train", "validation", "test"}
    # no text (and no instance) in two splits
    assert df.group_by("nl").agg(pl.col("split").n_unique()).get_column("split").max() == 1
    assert df.group_by("formulation").agg(pl.col("split").n_unique()).get_column("split").max() == 1
    parts = sum(pl.read_parquet(tmp_path / f"{s}.parquet").height for s in ("train", "validation", "test"))
    assert parts == df.height
    assert json.loads((tmp_path / "summary.json").read_text())["verified"] == 12


def test_deterministic_by_seed_and_independent_of_workers(tmp_path):
    _run(tmp_path / "a")
    _run(tmp_path / "b", workers=2)
    a, b = _frame(tmp_path / "a"), _frame(tmp_path / "b")
    assert a.select("id", "nl", "formulation", "optimum", "split").equals(
        b.select("id", "nl", "formulation", "optimum", "split")
    )
    _run(tmp_path / "c", seed=12)
    assert set(_frame(tmp_path / "c")["nl"]).isdisjoint(set(a["nl"]))


def test_interrupted_run_resumes_without_duplicates_or_loss(tmp_path, monkeypatch):
    ref = tmp_path / "ref"
    _run(ref)
    out = tmp_path / "run"
    real = pipeline.run_shard
    calls = {"n": 0}

    def flaky(task, formulator=None, back_translator=None):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(task, formulator, back_translator)

    monkeypatch.setattr(pipeline, "run_shard", flaky)
    with pytest.raises(KeyboardInterrupt):
        _run(out)
    done = sorted((out / "shards").rglob("*.parquet"))
    assert len(done) == 2 and not list((out / "shards").rglob("*.tmp"))
    monkeypatch.setattr(pipeline, "run_shard", real)
    summary = _run(out)
    assert summary["shards_run"] == 2 and summary["shards_total"] == 4
    got, want = _frame(out), _frame(ref)
    assert got["id"].n_unique() == got.height
    assert got.select("id", "nl", "optimum").equals(want.select("id", "nl", "optimum"))


def test_growing_a_run_keeps_old_shards_and_completes_partial_ones(tmp_path):
    _run(tmp_path / "ref", per_family=8)
    first = _run(tmp_path / "run", per_family=4)  # shards 0-3, 3-4: the second one is partial
    assert first["instances"] == 8
    grown = _run(tmp_path / "run", per_family=8)  # per family: 0-3 reused; 3-6 and 6-8 computed
    assert grown["shards_run"] == 4 and grown["shards_total"] == 6 and grown["instances"] == 16
    got, want = _frame(tmp_path / "run"), _frame(tmp_path / "ref")
    assert got["id"].n_unique() == got.height == 16
    assert got.select("id", "nl", "optimum").equals(want.select("id", "nl", "optimum"))


def test_resume_refuses_other_settings(tmp_path):
    _run(tmp_path)
    with pytest.raises(OptModelError, match="different settings"):
        _run(tmp_path, seed=99)


class OffByOne:
    """A formulator that gets every other problem wrong: it raises the first capacity by 1000."""

    name = "off-by-one"

    def __init__(self):
        self.oracle = None

    def generate(self, requests, *, num_samples=1):
        out = []
        for k, req in enumerate(requests):
            text = self.truth[" ".join(req.problem.split())]
            if k % 2 == 0:
                text = re.sub(
                    r"(avail|capacity)\[(\w+)\] = \{(\w+): (\d+)",
                    lambda m: f"{m.group(1)}[{m.group(2)}] = {{{m.group(3)}: {int(m.group(4)) + 1000}",
                    text,
                    count=1,
                )
            out.append([text] * num_samples)
        return out


def test_rejection_sampling_fills_hard_pool_and_benchmark(tmp_path, monkeypatch):
    # learn the ground truth first, then synthesize the same run with a faulty formulator
    _run(tmp_path / "truth", formulator=None)
    truth = _frame(tmp_path / "truth")
    assert set(truth["status"]) == {"unverified"}
    bad = OffByOne()
    bad.truth = {" ".join(n.split()): f for n, f in zip(truth["nl"], truth["formulation"], strict=True)}
    summary = _run(tmp_path / "run", formulator=bad)
    hard = pl.read_parquet(tmp_path / "run" / "hard_cases.parquet")
    assert summary["rejected"] == hard.height > 0
    assert summary["verified"] + summary["rejected"] == 12
    assert 0 < summary["acceptance_rate"] < 1
    assert all(r.startswith(("objective", "status")) for r in hard["reason"])
    lines = [json.loads(x) for x in (tmp_path / "run" / "benchmark.jsonl").read_text().splitlines()]
    assert len(lines) == summary["benchmark_rows"] > 0
    assert set(lines[0]) >= {"question", "answer"}
    answers = dict(zip(truth["nl"], truth["optimum"], strict=True))
    assert all(abs(x["answer"] - answers[x["question"]]) < 1e-6 * max(1, abs(x["answer"])) for x in lines)
    # the data set keeps only accepted pairs
    assert set(_frame(tmp_path / "run")["status"]) == {"verified"}


def test_check_candidate_reasons(tmp_path):
    text = "## Variables\nx >= 0\n\n## Objective\nmaximize 3 * x\n\n## Constraints\nc: x <= 4\n"
    assert check_candidate(text, text, 12.0).accepted
    assert check_candidate(text.replace("4", "5"), text, 12.0).reason.startswith("objective 15")
    assert check_candidate("## Objective\nmaximize y +", text, 12.0).reason.startswith("parse error")
    assert check_candidate(text.replace("c: x <= 4", "c: x >= 4"), text, 12.0).reason.startswith("status")
    assert same_optimum(1e-7, 0.0) and not same_optimum(1e-5, 0.0)
    assert same_optimum(1e6 + 0.5, 1e6) and not same_optimum(1e6 + 5, 1e6)


def test_oracle_formulator():
    oracle = InstanceOracle([("Make  chairs.", "F1")])
    assert oracle.generate([FormulationRequest("Make chairs.")], num_samples=2) == [["F1", "F1"]]
    with pytest.raises(OptModelError, match="only the problems"):
        oracle.generate([FormulationRequest("something else")])


def test_cli_synth(tmp_path):
    runner = CliRunner()
    res = runner.invoke(
        app,
        [
            "synth",
            "--families",
            "diet",
            "--per-family",
            "2",
            "--complexity",
            "1",
            "--out",
            str(tmp_path),
            "--seed",
            "5",
        ],
    )
    assert res.exit_code == 0, res.output
    assert json.loads(res.output[res.output.index("{") :])["verified"] == 2
    for args, words in (
        (["--complexity", "0..9"], "complexity"),
        (["--families", "no_such_family"], "unknown families"),
    ):
        bad = subprocess.run(
            [sys.executable, "-m", "optmodel.cli", "synth", *args, "--out", str(tmp_path / "x")],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert bad.returncode == 2 and words in bad.stderr + bad.stdout
        assert "Traceback" not in bad.stderr


class FakeLLM:
    """Stands in for a chat endpoint: 'rewrites' by prefixing a sentence, or drops the numbers."""

    def __init__(self, drop_numbers: bool):
        self.drop = drop_numbers

    def complete(self, messages, n):
        text = messages[0]["content"].split("Problem:\n", 1)[1].split("\n\nFor reference", 1)[0]
        if self.drop:
            return [re.sub(r"\d", "", text)]
        return ["Consider the following situation. " + text]


def test_llm_back_translation_is_number_checked(tmp_path):
    from optmodel.synth.backtranslate import LLMBackTranslator

    _run(tmp_path / "good", back_translator=LLMBackTranslator(FakeLLM(False)))
    good = _frame(tmp_path / "good")
    assert set(good["nl_source"]) == {"llm"} and all(t.startswith("Consider") for t in good["nl"])
    assert set(good["status"]) == {"verified"}  # the oracle is rebuilt from the rewritten text
    _run(tmp_path / "bad", back_translator=LLMBackTranslator(FakeLLM(True)))
    bad = _frame(tmp_path / "bad")
    assert all(s.startswith("template: rewrite dropped") for s in bad["nl_source"])
    assert not any(t.startswith("Consider") for t in bad["nl"])


def test_a_broken_family_is_recorded_not_fatal(tmp_path, monkeypatch):
    import optmodel.synth.instance as instance

    real = instance.make_instance

    def broken(family, seed, complexity, knobs=None, **kw):
        if family == "knapsack":
            raise KeyError("oops")
        return real(family, seed, complexity, knobs, **kw)

    monkeypatch.setattr(instance, "make_instance", broken)
    summary = _run(tmp_path)
    assert summary["failed"] == 6 and summary["verified"] == 6
    assert set(_frame(tmp_path)["family"]) == {"product_mix"}
