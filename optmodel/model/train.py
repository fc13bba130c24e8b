"""Training the embedded formulation model on synthesised (text, formulation, optimum) rows.

A plain PyTorch loop over a transformers T5 model: deterministic by seed, checkpoints every
`ckpt_every` steps (written atomically) and resumes from the last one, logs loss, samples/s and
a validation solving accuracy to `train_log.jsonl`, and saves a standard checkpoint
(model.safetensors, config.json, tokenizer.json) in `out_dir`.
"""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from optmodel.atomic import write_dir as _atomic_dir  # noqa: F401 - ptrain imports it from here
from optmodel.atomic import write_text as _atomic_write_text
from optmodel.errors import OptModelError

Row = dict


def load_rows(data: str | Path) -> list[Row]:
    """Rows from a Parquet file, a folder of Parquet files, or a jsonl file."""
    import polars as pl

    path = Path(data)
    if path.is_dir():
        # `optmodel synth --out DIR` writes dataset.parquet plus split copies and a hard-case pool
        files = (
            [path / "dataset.parquet"]
            if (path / "dataset.parquet").exists()
            else sorted(
                f
                for f in path.rglob("*.parquet")
                if f.stem not in ("hard_cases", "train", "validation", "test")
            )
        )
        if not files:
            raise OptModelError(
                f"no .parquet files in {path}", hint="point --data at `optmodel synth --out DIR` output"
            )
        frame = pl.concat([pl.read_parquet(f) for f in files], how="diagonal_relaxed")
    elif path.suffix == ".parquet":
        frame = pl.read_parquet(path)
    elif path.suffix == ".jsonl":
        frame = pl.read_ndjson(path)
    elif not path.exists():
        raise OptModelError(f"training data not found: {path}")
    else:
        raise OptModelError(f"unsupported training data {path}", hint="use Parquet files or jsonl")
    if "status" in frame.columns:
        frame = frame.filter(pl.col("status").is_null() | pl.col("status").is_in(["optimal", "verified"]))
    if "nl" not in frame.columns or "formulation" not in frame.columns:
        raise OptModelError(f"{path}: training rows need columns `nl` and `formulation`")
    return frame.to_dicts()


def flatten_rows(rows: Sequence[Row]) -> list[Row]:
    """Rows with their formulation in scalar form (see optmodel.model.flatten); rows too large
    to flatten are dropped, so the model learns one style."""
    from optmodel.model.flatten import flatten

    out = []
    for row in rows:
        text = flatten(str(row["formulation"]))
        if text is not None:
            out.append({**row, "formulation": text})
    return out


VAL_SPLITS = ("val", "valid", "validation", "test")


def split_rows(
    rows: Sequence[Row], *, val_fraction: float = 0.05, seed: int = 0
) -> tuple[list[Row], list[Row]]:
    """Use the `split` column when present (val/valid/test go to validation), else a seeded split."""
    if rows and "split" in rows[0] and any(r.get("split") in VAL_SPLITS for r in rows):
        train = [r for r in rows if r.get("split") not in VAL_SPLITS]
        val = [r for r in rows if r.get("split") in VAL_SPLITS]
        return train, val
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    n_val = max(1, int(len(rows) * val_fraction)) if len(rows) > 1 else 0
    return [rows[i] for i in order[n_val:]], [rows[i] for i in order[:n_val]]


def _encode_examples(tokenizer, pairs, max_source: int, max_target: int):
    from optmodel.model.encoding import source_text, target_text

    eos = tokenizer.eos_token_id
    out = []
    for request, target in pairs:
        src, values = source_text(request)
        tgt = target_text(target, values)
        s = tokenizer(src, add_special_tokens=False).input_ids[: max_source - 1] + [eos]
        t = tokenizer(tgt, add_special_tokens=False).input_ids
        if len(t) + 1 > max_target:  # a truncated formulation would teach broken output
            continue
        out.append((s, t + [eos]))
    return out


def _batches(examples, batch_size: int, seed: int, epoch: int):
    """Seeded shuffle, then length-sorted inside windows of 50 batches to cut padding."""
    order = list(range(len(examples)))
    random.Random(seed * 1000 + epoch).shuffle(order)
    window = batch_size * 50
    batches = []
    for w in range(0, len(order), window):
        chunk = sorted(order[w : w + window], key=lambda i: len(examples[i][1]) + len(examples[i][0]) // 4)
        batches += [chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size)]
    random.Random(seed * 1000 + epoch + 1).shuffle(batches)
    return batches


def _collate(examples, idx, pad_id: int):
    import torch

    srcs = [examples[i][0] for i in idx]
    tgts = [examples[i][1] for i in idx]
    # lengths rounded up to a multiple of 32: few distinct shapes keep the CPU allocator's
    # caches reusable (with exact lengths the process grew by >1 GB per 100 steps)
    ls, lt = (-(-max(map(len, xs)) // 32) * 32 for xs in (srcs, tgts))
    input_ids = torch.full((len(idx), ls), pad_id, dtype=torch.long)
    attn = torch.zeros((len(idx), ls), dtype=torch.long)
    labels = torch.full((len(idx), lt), -100, dtype=torch.long)
    for k, (s, t) in enumerate(zip(srcs, tgts, strict=True)):
        input_ids[k, : len(s)] = torch.tensor(s)
        attn[k, : len(s)] = 1
        labels[k, : len(t)] = torch.tensor(t)
    return input_ids, attn, labels


def validate_solving(formulator, rows: Sequence[Row], *, time_limit: float = 10.0) -> dict:
    """Solving accuracy and execution rate of one greedy formulation per row with an optimum."""
    from optmodel.evaluate import is_correct
    from optmodel.formulators.base import FormulationRequest

    rows = [r for r in rows if r.get("optimum") is not None]
    if not rows:
        return {"val_sa": None, "val_er": None, "val_n": 0}
    texts = formulator.generate([FormulationRequest(str(r["nl"])) for r in rows])
    correct = executed = 0
    from optmodel import solve

    for row, cands in zip(rows, texts, strict=True):
        try:
            sol = solve(cands[0], time_limit=time_limit)
        except OptModelError:
            continue
        if sol.status != "error":
            executed += 1
        if sol.status == "optimal" and is_correct(sol.objective, row["optimum"]):
            correct += 1
    return {"val_sa": correct / len(rows), "val_er": executed / len(rows), "val_n": len(rows)}


def _optimizer_step(model, optim, loss) -> None:
    """Backward, gradient norm clipped at 1.0, one optimizer step: the same in both trainers."""
    import torch

    optim.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optim.step()


def _trim_memory() -> None:
    """Give freed heap back to the OS (glibc only; elsewhere a no-op)."""
    import ctypes
    import ctypes.util

    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _stop_on_sigterm() -> None:
    """Treat SIGTERM (and SIGINT, which background jobs ignore) as Ctrl-C: checkpoint, then stop."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return

    def handler(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


def train(
    data: str | Path | Sequence[Row],
    out_dir: str | Path,
    *,
    size: str = "small",
    epochs: int = 10,
    batch_size: int = 32,
    lr: float = 1e-3,
    max_steps: int | None = None,
    seed: int = 0,
    repair_fraction: float = 0.3,
    vocab_size: int = 4096,
    max_source: int = 320,
    max_target: int = 256,
    ckpt_every: int = 200,
    eval_every: int = 1000,
    eval_examples: int = 48,
    threads: int | None = 1,
    bf16: bool = True,
    time_limit: float | None = None,
    resume: bool = True,
    flat: bool = True,
    progress: bool = True,
    log: Callable[[str], None] = print,
) -> dict:
    """Train (or resume training) and save the final checkpoint in `out_dir`; returns a summary."""
    import torch
    import transformers
    from tqdm import tqdm

    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()

    from optmodel.instructions import build_examples
    from optmodel.model.formulator import EmbeddedFormulator
    from optmodel.model.net import make_model
    from optmodel.model.tokenizer import load_tokenizer, train_tokenizer

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ckpt_dir = out / "checkpoints"
    ckpt_dir.mkdir(exist_ok=True)
    if threads:
        torch.set_num_threads(threads)
    random.seed(seed)
    torch.manual_seed(seed)
    device = "cuda" if torch.cuda.is_available() else "cpu"

    rows = load_rows(data) if isinstance(data, str | Path) else list(data)
    if flat:
        rows = flatten_rows(rows)
        log(f"{len(rows)} rows in scalar form")
    train_rows, val_rows = split_rows(rows, seed=seed)
    if not train_rows:
        raise OptModelError("no training rows")

    # the instruction pairs are cached so that resuming does not re-run the corruption solves
    cache = ckpt_dir / "examples.jsonl"
    if resume and cache.exists():
        from optmodel.formulators.base import FormulationRequest

        pairs = []
        for line in cache.read_text().splitlines():
            d = json.loads(line)
            pairs.append((FormulationRequest(d["problem"], d.get("faulty"), d.get("error")), d["target"]))
    else:
        log(f"building instruction pairs from {len(train_rows)} rows (repair fraction {repair_fraction})")
        pairs = build_examples(train_rows, seed=seed, repair_fraction=repair_fraction)
        _atomic_write_text(
            cache,
            "\n".join(
                json.dumps({"problem": r.problem, "faulty": r.faulty, "error": r.error, "target": t})
                for r, t in pairs
            ),
        )
    n_repair = sum(1 for r, _ in pairs if r.faulty is not None)

    tok_path = ckpt_dir / "tokenizer"
    if resume and (tok_path / "tokenizer.json").exists():
        tokenizer = load_tokenizer(tok_path)
    else:
        from optmodel.model.encoding import source_text, target_text

        def corpus():
            for request, target in pairs:
                src, values = source_text(request)
                yield src
                yield target_text(target, values)

        tokenizer = train_tokenizer(corpus(), vocab_size=vocab_size)
        tokenizer.save_pretrained(str(tok_path))
    examples = _encode_examples(tokenizer, pairs, max_source, max_target)
    if not examples:
        raise OptModelError("no training example fits the length limits")
    log(
        f"{len(examples)} examples ({n_repair} repair pairs), {len(val_rows)} validation rows, vocab {len(tokenizer)}"
    )

    steps_per_epoch = math.ceil(len(examples) / batch_size)
    total_steps = max_steps or epochs * steps_per_epoch
    last = ckpt_dir / "last"
    state = {"step": 0, "samples": 0, "train_seconds": 0.0}
    if resume and (last / "state.json").exists():
        from transformers import T5ForConditionalGeneration

        model = T5ForConditionalGeneration.from_pretrained(str(last))
        state = json.loads((last / "state.json").read_text())
        log(f"resuming from step {state['step']}")
    else:
        model = make_model(
            len(tokenizer), size=size, pad_id=tokenizer.pad_token_id, eos_id=tokenizer.eos_token_id
        )
    model.to(device)
    n_params = sum(p.numel() for p in model.parameters())
    optim = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    warmup = min(200, total_steps // 10 + 1)

    def lr_at(step: int) -> float:
        if step < warmup:
            return lr * (step + 1) / warmup
        frac = (step - warmup) / max(1, total_steps - warmup)
        return lr * max(0.05, 0.5 * (1 + math.cos(math.pi * min(1.0, frac))))

    if resume and (last / "optimizer.pt").exists():
        optim.load_state_dict(torch.load(last / "optimizer.pt", map_location=device))

    log_path = out / "train_log.jsonl"

    def write_log(entry: dict) -> None:
        with open(log_path, "a") as f:
            f.write(json.dumps(entry) + "\n")

    def save_checkpoint() -> None:
        def write(tmp: Path) -> None:
            model.save_pretrained(str(tmp))
            torch.save(optim.state_dict(), tmp / "optimizer.pt")
            (tmp / "state.json").write_text(json.dumps(state))

        _atomic_dir(last, write)

    def save_final(target: Path) -> None:
        model.save_pretrained(str(target))
        tokenizer.save_pretrained(str(target))

    def evaluate_now() -> dict:
        model.eval()
        tmp_dir = ckpt_dir / "eval"
        save_final(tmp_dir)
        formulator = EmbeddedFormulator(tmp_dir, threads=threads)
        result = validate_solving(formulator, val_rows[:eval_examples])
        model.train()
        return result

    model.train()
    _stop_on_sigterm()
    start = time.perf_counter()
    started_train_seconds = state["train_seconds"]
    started_samples = state["samples"]
    bar = tqdm(total=total_steps, initial=state["step"], disable=not progress, desc="train", unit="step")
    running = None
    stop = False
    try:
        while state["step"] < total_steps and not stop:
            epoch, offset = divmod(state["step"], steps_per_epoch)
            for idx in _batches(examples, batch_size, seed, epoch)[offset:]:
                input_ids, attn, labels = (
                    t.to(device) for t in _collate(examples, idx, tokenizer.pad_token_id)
                )
                for group in optim.param_groups:
                    group["lr"] = lr_at(state["step"])
                with torch.autocast(device_type=device, dtype=torch.bfloat16, enabled=bf16):
                    loss = model(input_ids=input_ids, attention_mask=attn, labels=labels).loss
                _optimizer_step(model, optim, loss)
                state["step"] += 1
                state["samples"] += len(idx)
                state["train_seconds"] = started_train_seconds + time.perf_counter() - start
                running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
                rate = (state["samples"] - started_samples) / max(1e-9, time.perf_counter() - start)
                bar.update(1)
                bar.set_postfix(loss=f"{running:.3f}", sps=f"{rate:.1f}")
                entry = None
                if state["step"] % 50 == 0:
                    entry = {
                        "step": state["step"],
                        "epoch": epoch,
                        "loss": running,
                        "lr": lr_at(state["step"]),
                        "samples_per_s": rate,
                        "wall_s": state["train_seconds"],
                    }
                if state["step"] % ckpt_every == 0:
                    save_checkpoint()
                if state["step"] % 20 == 0:
                    _trim_memory()
                if eval_every and state["step"] % eval_every == 0 and val_rows and eval_examples > 0:
                    entry = (entry or {"step": state["step"], "loss": running}) | evaluate_now()
                    log(
                        f"step {state['step']}: loss {running:.3f}, val SA {entry['val_sa']}, val ER {entry['val_er']}"
                    )
                if entry:
                    write_log(entry)
                if state["step"] >= total_steps or (time_limit and state["train_seconds"] >= time_limit):
                    stop = True
                    break
    except KeyboardInterrupt:
        log(f"interrupted at step {state['step']}; saving a checkpoint (resume by running the same command)")
        save_checkpoint()
        bar.close()
        raise
    bar.close()
    save_checkpoint()
    model.eval()
    save_final(out)
    summary = {
        "steps": state["step"],
        "samples": state["samples"],
        "wall_s": round(state["train_seconds"], 1),
        "samples_per_s": round(
            (state["samples"] - started_samples) / max(1e-9, time.perf_counter() - start), 2
        ),
        "final_loss": running,
        "parameters": n_params,
        "examples": len(examples),
        "repair_examples": n_repair,
        "size": size,
        "device": device,
        "bf16": bf16,
        "seed": seed,
    }
    if val_rows and eval_examples > 0:
        summary |= validate_solving(EmbeddedFormulator(out, threads=threads), val_rows[:eval_examples])
    _atomic_write_text(out / "training.json", json.dumps(summary, indent=2))
    write_log({"final": summary})
    return summary
