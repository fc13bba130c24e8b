"""Fine-tuning a tiny random Llama checkpoint on a tiny Parquet data set written in the test:
load -> LoRA steps -> save -> resume -> load -> generate -> extraction, and full fine-tuning."""

from __future__ import annotations

import json
import shutil

import polars as pl
import pytest
from tiny_lm import build_tiny_checkpoint

from optmodel.errors import OptModelError
from optmodel.formulators import get_formulator
from optmodel.formulators.base import FormulationRequest
from optmodel.formulators.hf import HFFormulator
from optmodel.lm_train import encode_example, last_checkpoint, train_causal_lm
from optmodel.solver import solve

pytestmark = pytest.mark.timeout(300)

# Small formulations written for these tests.
ROWS = [
    (
        "A bakery sells muffins for 2 and scones for 3; it has 10 hours and each item takes one hour. Maximize revenue.",
        "## Sets\nItems = {muffin, scone}\n\n## Parameters\nprice[Items] = {muffin: 2, scone: 3}\nhours = 10\n\n"
        "## Variables\nbake[Items] >= 0\n\n## Objective\nmaximize sum(price[i] * bake[i] for i in Items)\n\n"
        "## Constraints\ntime: sum(bake[i] for i in Items) <= hours\n",
    ),
    (
        "Buy at least 8 units of vitamin from pills costing 1.5 (2 units each) or drinks costing 1 (1 unit each). Minimize cost.",
        "## Sets\nSources = {pill, drink}\n\n## Parameters\ncost[Sources] = {pill: 1.5, drink: 1}\n"
        "units[Sources] = {pill: 2, drink: 1}\nneed = 8\n\n## Variables\nbuy[Sources] >= 0\n\n"
        "## Objective\nminimize sum(cost[s] * buy[s] for s in Sources)\n\n"
        "## Constraints\nvitamin: sum(units[s] * buy[s] for s in Sources) >= need\n",
    ),
    (
        "Choose at most one of two trips worth 5 and 7. Maximize value.",
        "## Sets\nTrips = {t1, t2}\n\n## Parameters\nvalue[Trips] = {t1: 5, t2: 7}\n\n"
        "## Variables\ngo[Trips] binary\n\n## Objective\nmaximize sum(value[t] * go[t] for t in Trips)\n\n"
        "## Constraints\none: sum(go[t] for t in Trips) <= 1\n",
    ),
    (
        "Split 6 hours between reading (value 1 per hour) and writing (value 2 per hour), with at most 4 hours writing.",
        "## Sets\nTasks = {read, write}\n\n## Parameters\nvalue[Tasks] = {read: 1, write: 2}\ntotal = 6\ncap = 4\n\n"
        "## Variables\nhours[Tasks] >= 0\n\n## Objective\nmaximize sum(value[t] * hours[t] for t in Tasks)\n\n"
        "## Constraints\nall: sum(hours[t] for t in Tasks) <= total\nlimit: hours[write] <= cap\n",
    ),
]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return build_tiny_checkpoint(tmp_path_factory.mktemp("base") / "llama")


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    rows = [
        {
            "id": f"r{i}",
            "family": "test",
            "complexity": 1,
            "nl": nl,
            "formulation": text,
            "optimum": solve(text).objective,
            "status": "optimal",
            "split": "val" if i == 3 else "train",
        }
        for i, (nl, text) in enumerate(ROWS)
    ]
    pl.DataFrame(rows[:2]).write_parquet(folder / "part-0.parquet")
    pl.DataFrame(rows[2:]).write_parquet(folder / "part-1.parquet")
    return folder


def run(data, out, base, **kw):
    options = dict(
        base=str(base),
        epochs=1,
        batch_size=2,
        save_every=2,
        max_length=4096,
        device="cpu",
        repair_fraction=1.0,
        val_max_new_tokens=4,
        val_max_tries=2,
        progress=False,
    )
    options.update(kw)
    return train_causal_lm(data, out, **options)


def losses(checkpoint) -> list[float]:
    return [loss for _, loss in json.loads((checkpoint / "state.json").read_text())["losses"]]


def test_encode_masks_the_prompt(tiny):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny)
    enc = encode_example(tok, FormulationRequest(ROWS[0][0]), ROWS[0][1], 4096)
    assert len(enc["input_ids"]) == len(enc["labels"])
    answer = [t for t in enc["labels"] if t != -100]
    assert tok.decode(answer).startswith("```\n## Sets") and tok.eos_token_id in answer
    assert enc["labels"][0] == -100
    assert encode_example(tok, FormulationRequest(ROWS[0][0]), ROWS[0][1], 32) is None  # too long


def test_lora_train_save_resume_load_generate(tiny, data, tmp_path):
    out = tmp_path / "run"
    first = run(data, out, tiny, save_every=1)
    # 3 training rows -> 3 text pairs + repair pairs; batch 2; 1 epoch
    assert first["examples"] > 3 and first["steps"] == -(-first["examples"] // 2)
    assert first["resumed_from"] is None and first["lora"] is True
    assert (out / "adapter" / "adapter_config.json").is_file()
    assert (out / "model" / "config.json").is_file() and (out / "model" / "optmodel.json").is_file()
    assert json.loads((out / "metrics.json").read_text())["steps"] == first["steps"]
    val = first["validation"]
    assert val["rows"] == 1 and val["accuracy"] == 0.0 and val["mean_tries"] == 2.0
    final = last_checkpoint(out)
    assert final.name == f"step-{first['steps']:08d}"
    reference = losses(final)
    assert len(reference) == first["steps"]

    # lose the newest checkpoint: the next run resumes from the one before and redoes the same steps
    checkpoints = sorted((out / "checkpoints").iterdir())
    assert len(checkpoints) == 2  # keep_checkpoints=2 pruned the older ones
    shutil.rmtree(checkpoints[-1])
    resumed_step = int(checkpoints[0].name.split("-")[1])
    again = run(data, out, tiny, val_rows=0, save_every=1)
    assert again["resumed_from"] == resumed_step and again["steps"] == first["steps"]
    assert losses(last_checkpoint(out)) == pytest.approx(reference)

    # running again with everything done trains nothing more
    assert run(data, out, tiny, val_rows=0, save_every=1)["steps"] == first["steps"]

    # both the merged model and the adapter load and generate
    merged = get_formulator(model=str(out / "model"), device="cpu", max_new_tokens=4)
    assert isinstance(merged, HFFormulator) and merged.few_shot == 0
    adapter = HFFormulator(out / "adapter", device="cpu", max_new_tokens=4, temperature=0.0)
    request = [FormulationRequest(ROWS[3][0])]
    assert all(isinstance(t, str) for t in merged.generate(request, num_samples=2)[0])
    merged.temperature = 0.0
    assert merged.generate(request) == adapter.generate(request)


def test_full_fine_tuning_changes_the_weights_and_resumes(tiny, data, tmp_path):
    import torch
    from transformers import AutoModelForCausalLM

    out = tmp_path / "full"
    options = dict(lora=False, max_steps=2, save_every=1, val_rows=0, lr=1e-3, gradient_checkpointing=True)
    metrics = run(data, out, tiny, **options)
    assert metrics["steps"] == 2 and metrics["adapter_dir"] is None
    before = AutoModelForCausalLM.from_pretrained(tiny).state_dict()
    after = AutoModelForCausalLM.from_pretrained(out / "model").state_dict()
    assert before.keys() == after.keys()
    assert any(not torch.equal(before[k], after[k]) for k in before)
    reference = losses(last_checkpoint(out))
    shutil.rmtree(last_checkpoint(out))
    again = run(data, out, tiny, **options)
    assert again["resumed_from"] == 1
    assert losses(last_checkpoint(out)) == pytest.approx(reference)


def test_lora_with_gradient_checkpointing(tiny, data, tmp_path):
    metrics = run(data, tmp_path / "gc", tiny, max_steps=2, val_rows=0, gradient_checkpointing=True)
    assert metrics["steps"] == 2 and metrics["final_loss"] > 0


def test_errors(tiny, data, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(OptModelError, match="no Parquet"):
        run(empty, tmp_path / "o1", tiny)
    out = tmp_path / "o2"
    run(data, out, tiny, max_steps=1, val_rows=0, save_every=1)
    with pytest.raises(OptModelError, match="other settings"):
        run(data, out, tiny, max_steps=2, val_rows=0, batch_size=1)
    with pytest.raises(OptModelError, match="cannot load"):
        run(data, tmp_path / "o3", tmp_path / "no-such-model")
    with pytest.raises(OptModelError, match="longer than max_length"):
        run(data, tmp_path / "o4", tiny, max_length=40)


def test_read_rows_of_a_synth_folder(tmp_path):
    from optmodel.lm_train import read_rows, split_rows

    def rows(ids, status, split):
        return [
            {"id": i, "nl": f"problem {i}", "formulation": ROWS[0][1], "status": status, "split": split}
            for i in ids
        ]

    good = (
        rows(["a", "b"], "verified", "train")
        + rows(["c"], "unverified", "validation")
        + rows(["d"], "verified", "test")
    )
    pl.DataFrame(good).write_parquet(tmp_path / "dataset.parquet")
    pl.DataFrame(good[:2]).write_parquet(tmp_path / "train.parquet")
    pl.DataFrame(rows(["x"], "rejected", None)).write_parquet(tmp_path / "hard_cases.parquet")
    (tmp_path / "shards").mkdir()
    pl.DataFrame(good + rows(["y"], "failed", None)).write_parquet(tmp_path / "shards" / "00000.parquet")
    train, val = split_rows(read_rows(tmp_path))
    assert [r["id"] for r in train] == ["a", "b"] and [r["id"] for r in val] == ["c"]
    # a plain folder: every file, minus rejected and failed rows
    (tmp_path / "dataset.parquet").unlink()
    ids = sorted(r["id"] for r in read_rows(tmp_path / "shards"))
    assert ids == ["a", "b", "c", "d"]
