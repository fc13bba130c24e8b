"""The embedded model: a few training steps on generated word problems, a standard checkpoint,
resume, determinism, and the Formulator protocol with exact number substitution."""

from __future__ import annotations

import json
import random

import pytest

from optmodel.formulators.base import FormulationRequest, Formulator


def _rows(n: int, seed: int = 0) -> list[dict]:
    import optmodel
    from optmodel.model.wordprob import sample

    rng = random.Random(seed)
    rows = []
    while len(rows) < n:
        text, fe = sample(rng)
        sol = optmodel.solve(fe)
        if sol.status == "optimal":
            rows.append({"nl": text, "formulation": fe, "optimum": sol.objective})
    return rows


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    from optmodel.model.train import train

    out = tmp_path_factory.mktemp("model")
    rows = _rows(12)
    summary = train(
        rows,
        out,
        size="tiny",
        max_steps=4,
        batch_size=4,
        vocab_size=300,
        eval_every=0,
        eval_examples=2,
        ckpt_every=2,
        progress=False,
        log=lambda m: None,
    )
    return out, rows, summary


def test_training_writes_a_standard_checkpoint(trained):
    out, _, summary = trained
    for name in ("model.safetensors", "config.json", "tokenizer.json", "train_log.jsonl", "training.json"):
        assert (out / name).exists(), name
    assert summary["steps"] == 4 and summary["samples_per_s"] > 0 and summary["wall_s"] > 0
    assert json.loads((out / "config.json").read_text())["architectures"] == ["T5ForConditionalGeneration"]
    assert summary["val_n"] >= 1 and 0 <= summary["val_er"] <= 1


def test_resume_continues_from_the_last_checkpoint(trained, tmp_path):
    import shutil

    from optmodel.model.train import train

    out, rows, _ = trained
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    summary = train(
        rows,
        copy,
        size="tiny",
        max_steps=6,
        batch_size=4,
        vocab_size=300,
        eval_every=0,
        eval_examples=0,
        ckpt_every=2,
        progress=False,
        log=lambda m: None,
    )
    assert summary["steps"] == 6
    assert summary["samples"] > 16  # counted on from the first run's samples


def test_same_seed_same_model(trained, tmp_path):
    from optmodel.model.train import train

    out, rows, first = trained
    again = train(
        rows,
        tmp_path / "again",
        size="tiny",
        max_steps=4,
        batch_size=4,
        vocab_size=300,
        eval_every=0,
        eval_examples=0,
        ckpt_every=2,
        progress=False,
        log=lambda m: None,
    )
    assert again["final_loss"] == pytest.approx(first["final_loss"], rel=1e-5)


def test_embedded_formulator_protocol_and_numbers(trained):
    from optmodel.model.formulator import EmbeddedFormulator

    out, _, _ = trained
    f = EmbeddedFormulator(out, max_new_tokens=24)
    assert isinstance(f, Formulator) and f.name == "embedded"
    reqs = [
        FormulationRequest("A shop sells 7 chairs at $13 each."),
        FormulationRequest(
            "Make 5 tables.", faulty="## Objective\nmaximize x", error="line 2: unknown name 'x'"
        ),
    ]
    outs = f.generate(reqs, num_samples=3)
    assert [len(o) for o in outs] == [3, 3]
    assert all(isinstance(t, str) for o in outs for t in o)
    assert not any("<n0>" in t or "</s>" in t or "<pad>" in t for o in outs for t in o)


def test_missing_checkpoint_is_a_clear_error(tmp_path):
    from optmodel.errors import OptModelError
    from optmodel.model.formulator import EmbeddedFormulator

    with pytest.raises(OptModelError, match="no formulation model"):
        EmbeddedFormulator(tmp_path)


def test_default_checkpoint_is_small_enough():
    from optmodel.model.formulator import DEFAULT_PATH

    if not DEFAULT_PATH.exists():
        pytest.skip("models/default not trained yet")
    # checkpoints/ is training state, git-ignored; the rest is what is committed
    total = sum(
        p.stat().st_size for p in DEFAULT_PATH.rglob("*") if p.is_file() and "checkpoints" not in p.parts
    )
    assert total <= 80 * 1024 * 1024


def test_cli_train_rejects_missing_data(tmp_path):
    from typer.testing import CliRunner

    from optmodel.cli import app

    result = CliRunner().invoke(
        app, ["train", "--data", str(tmp_path / "none"), "--out", str(tmp_path / "m")]
    )
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_pointer_mask_bans_pointers_past_the_numbers_in_the_text():
    import torch

    from optmodel.model.formulator import _PointerMask

    pointer_ids = [10, 11, 12, 13]
    scores = torch.zeros((4, 20))  # 2 requests x 2 samples each
    out = _PointerMask(pointer_ids, [1, 3])(None, scores.clone())
    assert torch.isinf(out[0, [11, 12, 13]]).all() and out[0, 10] == 0
    assert torch.isinf(out[1, [11, 12, 13]]).all()
    assert torch.isinf(out[2, 13]) and (out[2, [10, 11, 12]] == 0).all()
    assert (out[:, :10] == 0).all()
