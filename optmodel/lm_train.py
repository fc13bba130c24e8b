"""Supervised fine-tuning of a Hugging Face causal LM (LoRA with peft, or full) on the synthesised
multi-instruction data, so a large model can be specialised to the five-element format.

The model is trained on the same chat messages `HFFormulator` sends (zero-shot), with the loss on
the answer only. Output layout under `out_dir`:

- `checkpoints/step-NNNNNNNN/`: resumable checkpoints (weights or adapter via save_pretrained,
  tokenizer, optimizer/scheduler/RNG state, `state.json`), each written to a temporary folder and
  renamed into place, so an interrupted save never leaves a half checkpoint;
- `adapter/` (LoRA only): the final adapter; `model/`: the final model with the adapter merged,
  a standard checkpoint that `--model out_dir/model` loads; `metrics.json`: losses and validation.

A plain loop rather than `transformers.Trainer`: it is short, and it gives atomic checkpoints,
exact resumption mid-epoch and the project's validation (solving accuracy) directly.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from optmodel.atomic import write_dir, write_json
from optmodel.errors import OptModelError
from optmodel.formulators.base import FormulationRequest

VALIDATION_SPLITS = ("val", "valid", "validation", "dev")
DROPPED_STATUSES = ["rejected", "failed"]  # synthesis statuses of rows that are not training pairs
_STEP_DIR = re.compile(r"^step-(\d+)$")


# ---------------------------------------------------------------- data


def read_rows(data_dir: str | Path) -> list[dict[str, Any]]:
    """Training rows: `optmodel synth --out DIR` output (its `dataset.parquet`), else every
    Parquet file under the folder (or one file). Rejected and failed instances are dropped."""
    import polars as pl

    path = Path(data_dir)
    if path.is_dir() and (path / "dataset.parquet").is_file():
        files = [path / "dataset.parquet"]  # the shards, split files and hard cases repeat its rows
    else:
        files = [path] if path.is_file() else sorted(path.rglob("*.parquet"))
    if not files:
        raise OptModelError(
            f"no Parquet files in {data_dir}", hint="point it at `optmodel synth --out DIR` output"
        )
    frames = []
    for file in files:
        try:
            frames.append(pl.read_parquet(file))
        except Exception as exc:  # polars raises several types for unreadable files
            raise OptModelError(f"cannot read {file}: {exc}") from exc
    frame = pl.concat(frames, how="diagonal_relaxed")
    for column in ("nl", "formulation"):
        if column not in frame.columns:
            raise OptModelError(f"the training data in {data_dir} has no `{column}` column")
    if "status" in frame.columns:
        frame = frame.filter(~pl.col("status").is_in(DROPPED_STATUSES).fill_null(False))
    return frame.to_dicts()


def split_rows(rows: Iterable[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(train, validation) by the `split` column; rows without one are training rows."""
    train, val = [], []
    for row in rows:
        split = str(row.get("split") or "train").lower()
        if split in VALIDATION_SPLITS:
            val.append(row)
        elif split == "train":
            train.append(row)
    return train, val


def encode_example(
    tokenizer, request: FormulationRequest, target: str, max_length: int
) -> dict[str, list[int]] | None:
    """Token ids and labels of one chat (loss on the answer only); None when it is too long."""
    from optmodel.formulators.prompting import build_messages, fence

    messages = build_messages(request, few_shot=0)
    prompt = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    full = tokenizer.apply_chat_template(
        messages + [{"role": "assistant", "content": fence(target)}], tokenize=False
    )
    if not full.startswith(prompt):  # a template that rewrites earlier turns: fall back to plain text
        full = prompt + fence(target)
    prompt_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    answer_ids = tokenizer(full[len(prompt) :], add_special_tokens=False)["input_ids"]
    if tokenizer.eos_token_id is not None and tokenizer.eos_token_id not in answer_ids:
        answer_ids = answer_ids + [tokenizer.eos_token_id]
    ids = prompt_ids + answer_ids
    if len(ids) > max_length:
        return None
    return {"input_ids": ids, "labels": [-100] * len(prompt_ids) + answer_ids}


def _collate(batch: list[dict[str, list[int]]], pad_id: int):
    import torch

    width = max(len(b["input_ids"]) for b in batch)
    ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    labels = torch.full((len(batch), width), -100, dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    for row, b in enumerate(batch):
        n = len(b["input_ids"])
        ids[row, :n] = torch.tensor(b["input_ids"])
        labels[row, :n] = torch.tensor(b["labels"])
        mask[row, :n] = 1
    return {"input_ids": ids, "attention_mask": mask, "labels": labels}


# ---------------------------------------------------------------- checkpoints


def last_checkpoint(out_dir: str | Path) -> Path | None:
    """The newest complete checkpoint under `out_dir/checkpoints`, or None."""
    root = Path(out_dir) / "checkpoints"
    if not root.is_dir():
        return None
    found = [
        (int(m.group(1)), p)
        for p in root.iterdir()
        if (m := _STEP_DIR.match(p.name)) and (p / "state.json").is_file()
    ]
    return max(found)[1] if found else None


def _save_checkpoint(
    out: Path, step: int, model, tokenizer, optimizer, scheduler, state: dict, keep: int
) -> Path:
    import torch

    def write(tmp: Path) -> None:
        model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        torch.save(
            {
                "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict(),
                "rng": torch.get_rng_state(),
            },
            tmp / "trainer_state.pt",
        )
        (tmp / "state.json").write_text(json.dumps(state, indent=2), encoding="utf-8")  # last: marks complete

    target = out / "checkpoints" / f"step-{step:08d}"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_dir(target, write)
    steps = sorted((int(m.group(1)), p) for p in target.parent.iterdir() if (m := _STEP_DIR.match(p.name)))
    for _, old in steps[:-keep] if keep > 0 else []:
        shutil.rmtree(old, ignore_errors=True)
    return target


# ---------------------------------------------------------------- validation


def validate(
    model,
    tokenizer,
    rows: list[dict[str, Any]],
    *,
    max_tries: int = 2,
    max_new_tokens: int = 512,
    time_limit: float = 10.0,
    batch_size: int = 4,
) -> dict[str, Any]:
    """Solving accuracy on validation rows: formulate (greedy, with self-correction), solve, and
    compare the objective with the row's `optimum`."""
    from optmodel.formulate import formulate_batch
    from optmodel.formulators.hf import HFFormulator

    rows = [r for r in rows if r.get("optimum") is not None and r.get("nl")]
    if not rows:
        return {"rows": 0, "accuracy": None, "executed": None, "mean_tries": None}
    formulator = HFFormulator.from_loaded(
        model, tokenizer, few_shot=0, temperature=0.0, max_new_tokens=max_new_tokens, batch_size=batch_size
    )
    results = formulate_batch(
        [str(r["nl"]) for r in rows], formulator, max_tries=max_tries, time_limit=time_limit
    )
    correct = 0
    for row, res in zip(rows, results, strict=True):
        obj = res.objective
        if obj is not None and math.isclose(obj, float(row["optimum"]), rel_tol=1e-4, abs_tol=1e-6):
            correct += 1
    return {
        "rows": len(rows),
        "accuracy": correct / len(rows),
        "executed": sum(r.executed for r in results) / len(rows),
        "mean_tries": sum(r.tries for r in results) / len(rows),
    }


# ---------------------------------------------------------------- training


def train_causal_lm(
    data_dir: str | Path,
    out_dir: str | Path,
    *,
    base: str,
    lora: bool = True,
    epochs: int = 1,
    batch_size: int = 4,
    lr: float | None = None,
    max_steps: int | None = None,
    seed: int = 0,
    resume: bool = True,
    device: str = "auto",
    dtype: str = "auto",
    max_length: int = 2048,
    save_every: int = 100,
    keep_checkpoints: int = 2,
    repair_fraction: float = 0.3,
    lora_r: int = 16,
    lora_alpha: int = 32,
    lora_dropout: float = 0.05,
    target_modules: list[str] | str | None = None,
    warmup_fraction: float = 0.03,
    val_rows: int = 8,
    val_max_tries: int = 2,
    val_max_new_tokens: int = 512,
    merge: bool = True,
    gradient_checkpointing: bool = False,
    progress: bool = True,
) -> dict[str, Any]:
    """Fine-tune `base` (a folder or hub id) on the Parquet data in `data_dir`; returns metrics.

    Deterministic given `seed`; with `resume`, continues from the last checkpoint in `out_dir`
    (same data order, optimizer and scheduler state). Ctrl-C saves a checkpoint first.
    `gradient_checkpointing` trades compute for memory on large bases.
    """
    import torch
    from tqdm.auto import tqdm
    from transformers import AutoModelForCausalLM, AutoTokenizer, get_linear_schedule_with_warmup

    from optmodel.formulators.hf import SETTINGS_FILE, prepare_tokenizer, resolve_device, resolve_dtype
    from optmodel.instructions import build_examples

    if epochs < 1 or batch_size < 1 or save_every < 1 or max_length < 16:
        raise OptModelError("epochs, batch_size and save_every must be >= 1 and max_length >= 16")
    if max_steps is not None and max_steps < 1:
        raise OptModelError(f"max_steps must be >= 1, got {max_steps}")
    lr = lr if lr is not None else (2e-4 if lora else 2e-5)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    device = resolve_device(device)
    torch_dtype = resolve_dtype(dtype, device)

    # data: multi-instruction pairs (text -> formulation, and repairs) from the training rows
    train_rows, val = split_rows(read_rows(data_dir))
    if not train_rows:
        raise OptModelError(f"no training rows (split 'train') in {data_dir}")
    pairs = build_examples(train_rows, seed=seed, repair_fraction=repair_fraction)
    try:
        tokenizer = AutoTokenizer.from_pretrained(base)
    except (OSError, ValueError) as exc:
        raise OptModelError(f"cannot load the tokenizer of {base!r}: {str(exc).splitlines()[0]}") from exc
    prepare_tokenizer(tokenizer)
    encoded = [e for e in (encode_example(tokenizer, r, t, max_length) for r, t in pairs) if e is not None]
    skipped = len(pairs) - len(encoded)
    if not encoded:
        raise OptModelError(f"every training example is longer than max_length={max_length} tokens")
    steps_per_epoch = math.ceil(len(encoded) / batch_size)
    total = epochs * steps_per_epoch if max_steps is None else max_steps
    settings = {
        "base": str(base),
        "lora": lora,
        "seed": seed,
        "batch_size": batch_size,
        "examples": len(encoded),
    }

    # model
    torch.manual_seed(seed)
    checkpoint = last_checkpoint(out) if resume else None
    state: dict[str, Any] = {"step": 0, "losses": [], "settings": settings}
    if checkpoint is not None:
        state = json.loads((checkpoint / "state.json").read_text(encoding="utf-8"))
        if state.get("settings") != settings:
            raise OptModelError(
                f"the checkpoint {checkpoint} was made with other settings ({state.get('settings')})",
                hint="use the same base, --lora, seed, batch size and data, or a new output folder, or --no-resume",
            )
    try:
        load_from = str(checkpoint) if checkpoint is not None and not lora else base
        model = AutoModelForCausalLM.from_pretrained(load_from, dtype=torch_dtype)
    except (OSError, ValueError) as exc:
        raise OptModelError(f"cannot load the causal LM {base!r}: {str(exc).splitlines()[0]}") from exc
    if lora:
        from peft import LoraConfig, PeftModel, get_peft_model

        if checkpoint is not None:
            model = PeftModel.from_pretrained(model, str(checkpoint), is_trainable=True)
        else:
            config = LoraConfig(
                r=lora_r,
                lora_alpha=lora_alpha,
                lora_dropout=lora_dropout,
                target_modules=target_modules or "all-linear",
                task_type="CAUSAL_LM",
            )
            model = get_peft_model(model, config)
    model.to(device)
    model.config.use_cache = False
    if gradient_checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        if lora:
            model.enable_input_require_grads()
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=lr, weight_decay=0.0)
    scheduler = get_linear_schedule_with_warmup(optimizer, int(warmup_fraction * total), total)
    if checkpoint is not None:
        saved = torch.load(checkpoint / "trainer_state.pt", map_location="cpu", weights_only=True)
        optimizer.load_state_dict(saved["optimizer"])
        scheduler.load_state_dict(saved["scheduler"])
        torch.set_rng_state(saved["rng"])
    start = int(state["step"])

    def save(step: int) -> Path:
        state.update(step=step, settings=settings)
        return _save_checkpoint(
            out, step, model, tokenizer, optimizer, scheduler, dict(state), keep_checkpoints
        )

    # loop: epoch e visits the examples in the permutation seeded by seed + e, so a resumed run
    # skips exactly the batches already done
    step = start
    began = time.perf_counter()
    model.train()
    bar = tqdm(total=total, initial=start, desc="fine-tune", unit="step", disable=not progress)
    try:
        while step < total:
            epoch, offset = divmod(step, steps_per_epoch)
            order = torch.randperm(
                len(encoded), generator=torch.Generator().manual_seed(seed + epoch)
            ).tolist()
            for batch_index in range(offset, steps_per_epoch):
                if step >= total:
                    break
                chunk = order[batch_index * batch_size : (batch_index + 1) * batch_size]
                batch = {
                    k: v.to(device)
                    for k, v in _collate([encoded[i] for i in chunk], tokenizer.pad_token_id).items()
                }
                loss = model(**batch).loss
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, 1.0)
                optimizer.step()
                scheduler.step()
                optimizer.zero_grad(set_to_none=True)
                step += 1
                state["losses"].append([step, round(float(loss.detach()), 6)])
                bar.update(1)
                bar.set_postfix(loss=f"{float(loss.detach()):.4f}", epoch=epoch + 1)
                if step % save_every == 0 and step < total:
                    save(step)
    except KeyboardInterrupt:
        bar.close()
        if step > start:
            where = save(step)
            raise OptModelError(f"interrupted at step {step}; saved {where}. Run again to resume") from None
        raise OptModelError("interrupted before the first step; nothing saved") from None
    bar.close()
    last = save(step) if step > start or checkpoint is None else checkpoint
    train_time = time.perf_counter() - began

    # final artifacts: the adapter (LoRA), the merged standard checkpoint, prompting settings
    model.eval()
    model.config.use_cache = True
    adapter_dir = None
    if lora:
        adapter_dir = out / "adapter"
        write_dir(adapter_dir, lambda d: (model.save_pretrained(d), tokenizer.save_pretrained(d)))
        (adapter_dir / SETTINGS_FILE).write_text(json.dumps({"few_shot": 0}), encoding="utf-8")
        if merge:
            model = model.merge_and_unload()
    model_dir = None
    if merge or not lora:
        model_dir = out / "model"

        def write_model(d: Path) -> None:
            model.save_pretrained(d)
            tokenizer.save_pretrained(d)
            (d / SETTINGS_FILE).write_text(json.dumps({"few_shot": 0, "base": str(base)}), encoding="utf-8")

        write_dir(model_dir, write_model)

    validation = (
        validate(model, tokenizer, val[:val_rows], max_tries=val_max_tries, max_new_tokens=val_max_new_tokens)
        if val_rows > 0
        else {"rows": 0, "accuracy": None}
    )
    metrics = {
        "base": str(base),
        "lora": lora,
        "steps": step,
        "resumed_from": start if checkpoint is not None else None,
        "epochs": round(step / steps_per_epoch, 4),
        "examples": len(encoded),
        "skipped_too_long": skipped,
        "train_rows": len(train_rows),
        "final_loss": state["losses"][-1][1] if state["losses"] else None,
        "train_seconds": round(train_time, 3),
        "checkpoint": str(last),
        "model_dir": str(model_dir) if model_dir else None,
        "adapter_dir": str(adapter_dir) if adapter_dir else None,
        "validation": validation,
    }
    write_json(out / "metrics.json", metrics)
    return metrics
