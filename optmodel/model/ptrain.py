"""Training loop of the pointer model: read it top to bottom.

Rows come from optmodel.model.synthrows (train.parquet, val.parquet). Seeded batch order,
bf16 autocast on CPU, AdamW with warm-up and cosine decay, a checkpoint every `ckpt_every` steps
and on Ctrl-C/SIGTERM (resume by running the same command), loss / samples per second / wall time
in train_log.jsonl, and a validation solving accuracy (greedy program -> five-element -> HiGHS,
compared with the verified optimum) every `eval_every` steps.
"""

from __future__ import annotations

import json
import math
import random
import re
import shutil
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from optmodel.errors import OptModelError


def load_story_rows(data: str | Path) -> tuple[list[dict], list[dict]]:
    """(train, val) rows of a row folder (optmodel.model.synthrows), or
    of an `optmodel synth --out` folder, whose pairs are converted as they are read."""
    import polars as pl

    data = Path(data)
    files = {s: data / f"{s}.parquet" for s in ("train", "val")}
    if not files["train"].exists():
        raise OptModelError(
            f"no train.parquet in {data}",
            hint="make pairs with `optmodel synth --out DIR` (train on DIR, or on `python -m optmodel.model.synthrows DIR --out ROWS`)",
        )
    if "formulation" in pl.read_parquet_schema(files["train"]):  # an `optmodel synth` folder
        from optmodel.model.synthrows import rows_from_synth

        rows = rows_from_synth(data)
        return [r for r in rows if r["split"] == "train"], [r for r in rows if r["split"] == "val"]
    train = pl.read_parquet(files["train"]).to_dicts()
    val = pl.read_parquet(files["val"]).to_dicts() if files["val"].exists() else []
    return train, val


def _example(tokenizer, row: dict, max_source: int, max_target: int):
    """(Source, target ids, name tags or None) or None when the text is cut before a number the
    program uses."""
    from optmodel.model.naming import tag_labels
    from optmodel.model.pointer import encode_source, target_ids
    from optmodel.model.program import Pointer, to_tokens

    src = encode_source(tokenizer, row["text"], row.get("extra"), max_source)
    try:
        tokens = to_tokens(row["program"], src.values)
    except OptModelError:
        return None
    pointed = {t.index for t in tokens if isinstance(t, Pointer)}
    if not pointed <= set(src.mention_value) or len(tokens) + 2 > max_target:
        return None
    names = json.loads(row["names"]) if row.get("names") and not row.get("extra") else None
    return src, target_ids(tokens), tag_labels(src.text, src.offsets, names) if names else None


def _batches(n: int, batch_size: int, seed: int, epoch: int, lengths: Sequence[int]) -> list[list[int]]:
    """Shuffled batches of similar lengths (less padding), the same for the same seed and epoch."""
    rng = random.Random(seed * 1000 + epoch)
    order = list(range(n))
    rng.shuffle(order)
    chunk = batch_size * 50
    batches = []
    for i in range(0, n, chunk):
        part = sorted(order[i : i + chunk], key=lambda j: lengths[j])
        batches += [part[k : k + batch_size] for k in range(0, len(part), batch_size)]
    rng.shuffle(batches)
    return batches


def validate(model, tokenizer, rows: Sequence[dict], *, batch_size: int = 32, details: list[dict] | None = None) -> dict:
    """Solving accuracy, execution rate and exact-program rate of greedy decoding on `rows`;
    `details`, when a list, receives per row the program and whether it was right."""
    from optmodel.evaluate import is_correct
    from optmodel.model.pointer import decode, encode_source
    from optmodel.model.program import from_tokens, to_five_element
    from optmodel.solver import solve

    rows = [r for r in rows if r.get("optimum") is not None]
    correct = executed = exact = 0
    was_training = model.training
    model.eval()
    for i in range(0, len(rows), batch_size):
        chunk = rows[i : i + batch_size]
        sources = [encode_source(tokenizer, r["text"], None, model.config.max_source) for r in chunk]
        decoded = decode(model, sources, max_len=model.config.max_target)
        for row, src, toks in zip(chunk, sources, decoded, strict=True):
            program = from_tokens(toks, src.values)
            exact += " ".join(program.split()) == " ".join(row["program"].split())
            right = False
            try:
                sol = solve(to_five_element(program), duals=False, iis=False, time_limit=10)
                executed += sol.status != "error"
                right = sol.status == "optimal" and is_correct(sol.objective, row["optimum"])
            except OptModelError:
                pass
            correct += right
            if details is not None:
                details.append({"program": program, "correct": right})
    model.train(was_training)
    n = max(1, len(rows))
    return {"val_sa": correct / n, "val_er": executed / n, "val_exact": exact / n, "val_n": len(rows)}


def validate_names(model, tokenizer, rows: Sequence[dict], *, batch_size: int = 32) -> dict:
    """How often the naming head names every variable of a row as the row's entity names do
    (the identifiers of the gold first mentions), given the true number of variables."""
    from optmodel.model.naming import identifiers, names_from_probs, tag_probs
    from optmodel.model.pointer import encode_source
    from optmodel.synth.stories import mention_span

    rows = [r for r in rows if r.get("names") and not r.get("extra")]
    right = named = 0
    was_training = model.training
    model.eval()
    for i in range(0, len(rows), batch_size):
        chunk = rows[i : i + batch_size]
        sources = [encode_source(tokenizer, r["text"], None, model.config.max_source) for r in chunk]
        for row, src, probs in zip(chunk, sources, tag_probs(model, sources), strict=True):
            names = json.loads(row["names"])
            gold = [mention_span(src.text, ns) for ns in names]
            got = names_from_probs(probs, src, len(names))
            named += got is not None
            right += got is not None and None not in gold and got == identifiers([src.text[a:b] for a, b in gold])
    model.train(was_training)
    n = max(1, len(rows))
    return {"val_names": right / n, "val_named": named / n, "val_names_n": len(rows)}


def train_pointer(
    data: str | Path,
    out_dir: str | Path,
    *,
    batch_size: int = 32,
    lr: float = 5e-4,
    encoder_lr: float = 1e-4,
    max_steps: int = 6000,
    time_limit: float | None = None,
    stop_after: int | None = None,
    seed: int = 0,
    threads: int | None = None,
    trainable_encoder_layers: int = 2,
    warm_start: bool = True,
    encoder_config: dict | None = None,
    eval_every: int = 500,
    eval_examples: int = 200,
    ckpt_every: int = 200,
    init_from: str | Path | None = None,
    fresh: bool = False,
    device: str = "auto",
    name_tagger: bool = False,
    names_only: bool = False,
    progress: bool = True,
    log=print,
) -> dict:
    """Train (or resume) the pointer model on rows in `data`; the final model goes to `out_dir`.

    The schedule follows `max_steps`; `time_limit` (seconds) and `stop_after` (steps of this run)
    end a run early with a checkpoint, and running again resumes exactly where it stopped.
    `init_from` starts from the weights of a trained pointer checkpoint (new parameters start fresh).
    `name_tagger` adds the variable-naming head (optmodel.model.naming), trained with the rest;
    `names_only` trains that head alone, everything else frozen (on `init_from`'s weights), and
    validates the names instead of the programs.
    """
    import torch
    from tqdm import tqdm

    from optmodel.atomic import replace
    from optmodel.atomic import write_dir as _atomic_dir
    from optmodel.atomic import write_text as _atomic_write_text
    from optmodel.model.indexed import is_indexed
    from optmodel.model.pointer import PointerConfig, collate, load_tokenizer, minilm_path, new_model, save
    from optmodel.model.program import N_SCALAR_WORDS

    torch.manual_seed(seed)
    if threads:
        torch.set_num_threads(threads)
    out = Path(out_dir)
    ckpt = out / "checkpoints" / "last"
    if fresh and (out / "checkpoints").exists():
        shutil.rmtree(out / "checkpoints")
    if names_only and not init_from:
        raise OptModelError("--names-only trains a naming head for a trained model", hint="give it with --init-from")
    train_rows, val_rows = load_story_rows(data)
    tokenizer = load_tokenizer(minilm_path())
    config = PointerConfig(
        trainable_encoder_layers=trainable_encoder_layers,
        encoder=dict(encoder_config or {}),
        name_tagger=name_tagger or names_only,
    )
    if encoder_config:  # a custom (e.g. tiny, for tests) encoder cannot start from MiniLM
        warm_start = False
    # examples are encoded lazily, batch by batch; batches group rows of similar text length
    lengths = [len(r["text"]) + len(r.get("extra") or "") for r in train_rows]
    log(f"{len(train_rows)} training rows, {len(val_rows)} validation rows")

    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    model = new_model(config, warm_start=warm_start)
    if not (ckpt.exists() and not fresh):
        old_words = _load_matching(model, init_from, log) if init_from else N_SCALAR_WORDS
        has_indexed = any(is_indexed(r["program"]) for r in train_rows)
        _init_words_from_text(model, tokenizer, old_words, learn=has_indexed)
    if not warm_start:  # from scratch: every encoder layer learns
        model.config.trainable_encoder_layers = model.config.encoder["num_hidden_layers"]
    model.freeze_lower_encoder()
    if names_only:
        for name, p in model.named_parameters():
            p.requires_grad = name.startswith("name_tagger.")
    enc = [p for n, p in model.named_parameters() if p.requires_grad and n.startswith("encoder.")]
    dec = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("encoder.")]
    groups = [(ps, rate) for ps, rate in ((enc, encoder_lr), (dec, lr)) if ps]
    optim = torch.optim.AdamW([{"params": ps, "lr": rate} for ps, rate in groups], weight_decay=0.01)
    base_lrs = [rate for _, rate in groups]

    def check(rows: Sequence[dict]) -> dict:
        return (validate_names if names_only else validate)(model, tokenizer, rows)
    state = {"step": 0, "samples": 0, "train_seconds": 0.0}
    if ckpt.exists() and not fresh:
        model.load_state_dict(torch.load(ckpt / "model.pt", map_location="cpu"))
        model.to(device)
        optim.load_state_dict(torch.load(ckpt / "optimizer.pt", map_location=device))
        state = json.loads((ckpt / "state.json").read_text())
        torch.set_rng_state(torch.load(ckpt / "rng.pt"))
        log(f"resuming from step {state['step']}")
    model.to(device)
    n_params = sum(p.numel() for p in model.parameters())
    n_trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    warmup = min(300, max_steps // 10 + 1)

    def lr_scale(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        frac = min(1.0, (step - warmup) / max(1, max_steps - warmup))
        return max(0.05, 0.5 * (1 + math.cos(math.pi * frac)))

    def write_log(entry: dict) -> None:
        with open(out / "train_log.jsonl", "a") as f:
            f.write(json.dumps(entry) + "\n")

    def save_checkpoint() -> None:
        def write(tmp: Path) -> None:
            torch.save(model.state_dict(), tmp / "model.pt")
            torch.save(optim.state_dict(), tmp / "optimizer.pt")
            (tmp / "state.json").write_text(json.dumps(state))
            (tmp / "config.json").write_text(json.dumps(asdict(model.config), indent=2))
            torch.save(torch.get_rng_state(), tmp / "rng.pt")

        _atomic_dir(ckpt, write)

    out.mkdir(parents=True, exist_ok=True)
    model.train()
    _stop_on_sigterm()
    steps_per_epoch = math.ceil(len(train_rows) / batch_size)
    start, start_seconds, start_samples = time.perf_counter(), state["train_seconds"], state["samples"]
    start_step = state["step"]
    bar = tqdm(total=max_steps, initial=state["step"], disable=not progress, desc="train", unit="step")
    running = None
    stopped = False
    memory_cache: dict[int, torch.Tensor] = {}  # names_only: the frozen encoder's states per row, kept from epoch 1
    try:
        while state["step"] < max_steps:
            epoch, offset = divmod(state["step"], steps_per_epoch)
            for idx in _batches(len(train_rows), batch_size, seed, epoch, lengths)[offset:]:
                examples = [_example(tokenizer, train_rows[i], config.max_source, config.max_target) for i in idx]
                idx = [i for i, e in zip(idx, examples, strict=True) if e]
                examples = [e for e in examples if e]
                if not examples:  # every row cut short (never seen in practice): count the step, go on
                    state["step"] += 1
                    continue
                tags = [e[2] for e in examples] if config.name_tagger else None
                batch = collate([e[0] for e in examples], [e[1] for e in examples], tags)
                batch = {k: v.to(device) for k, v in batch.items()}
                for group, base in zip(optim.param_groups, base_lrs, strict=True):
                    group["lr"] = base * lr_scale(state["step"])
                with torch.autocast(device_type=device, dtype=torch.bfloat16):
                    if names_only:
                        loss = model.name_loss(batch, _frozen_memory(model, batch, idx, memory_cache))
                    else:
                        loss = model(batch)
                _optimizer_step(model, optim, loss)
                state["step"] += 1
                state["samples"] += len(examples)
                state["train_seconds"] = start_seconds + time.perf_counter() - start
                running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
                rate = (state["samples"] - start_samples) / max(1e-9, time.perf_counter() - start)
                bar.update(1)
                bar.set_postfix(loss=f"{running:.3f}", sps=f"{rate:.1f}")
                entry = None
                if state["step"] % 25 == 0:
                    entry = {"step": state["step"], "epoch": epoch, "loss": running, "samples_per_s": rate,
                             "wall_s": state["train_seconds"]}
                if state["step"] % ckpt_every == 0:
                    save_checkpoint()
                if state["step"] % 20 == 0:
                    _trim_memory()  # ragged batches fragment the heap: without this RSS grows to GBs
                if eval_every and state["step"] % eval_every == 0 and val_rows:
                    entry = (entry or {"step": state["step"], "loss": running}) | check(val_rows[:eval_examples])
                    log(f"step {state['step']}: loss {running:.3f}, "
                        + ", ".join(f"{k} {v:.3f}" for k, v in entry.items() if k.startswith("val_") and k[-2:] != "_n"))
                if entry:
                    write_log(entry)
                if (
                    state["step"] >= max_steps
                    or (time_limit and state["train_seconds"] >= time_limit)
                    or (stop_after and state["step"] - start_step >= stop_after)
                ):
                    stopped = True
                    break
            if stopped:
                break
    except KeyboardInterrupt:
        log(f"interrupted at step {state['step']}; saving a checkpoint (run the same command to resume)")
        save_checkpoint()
        bar.close()
        raise
    bar.close()
    save_checkpoint()
    model.eval()
    _atomic_dir(out / "final", lambda tmp: save(model, tmp))
    for name in ("model.safetensors", "config.json", "tokenizer.json"):
        replace(out / "final" / name, out / name)
    shutil.rmtree(out / "final")
    summary = {
        "architecture": "optmodel-pointer",
        "steps": state["step"],
        "samples": state["samples"],
        "wall_s": round(state["train_seconds"], 1),
        "samples_per_s": round((state["samples"] - start_samples) / max(1e-9, time.perf_counter() - start), 2),
        "final_loss": running,
        "parameters": n_params,
        "trainable_parameters": n_trainable,
        "rows": len(train_rows),
        "warm_start": warm_start,
        "device": device,
        "seed": seed,
    }
    if val_rows:
        summary |= check(val_rows[:eval_examples])
    _atomic_write_text(out / "training.json", json.dumps(summary, indent=2))
    write_log({"final": summary})
    return summary


def _readable(word: str) -> str:
    """The words of a program word for the encoder: `L:C:cap[r in Resources]: use[$m] <= $n` ->
    `cap r in resources : use member <= number`."""
    text = re.sub(r"^[SPL]:(?:[VOC]:)?", "", word).replace("$n", " number ").replace("$m", " member ")
    return re.sub(r"@(\d+)", r"member \1", text).replace("_", " ").replace("..", " to ")


def _init_words_from_text(model, tokenizer, first: int, *, learn: bool = True) -> None:
    """Start each program word from `first` on (words a checkpoint has not learned) at the mean
    MiniLM embedding of its text, scaled to the learned rows: a line word about capacities then
    starts near the text that talks about them, and the 600-odd indexed words need not be
    learned from a random start. Unless `learn` (the training rows use them), their output bias
    is -1e4 as on a widened checkpoint: a model trained without indexed rows never writes one."""
    import torch

    from optmodel.model.program import WORDS

    if first >= len(WORDS):
        return
    table = model.encoder.embeddings.word_embeddings.weight
    with torch.no_grad():
        vecs = []
        for word in WORDS[first:]:
            ids = tokenizer.encode(_readable(word), add_special_tokens=False).ids or [100]
            vecs.append(table[torch.tensor(ids)].mean(0))
        new = torch.stack(vecs)
        new = new / new.norm(dim=1, keepdim=True).clamp(min=1e-6)
        for weight in (model.word_emb.weight, model.word_out.weight):
            scale = weight[:first].norm(dim=1).mean()
            weight[first:] = new * scale
        model.word_out.bias[first:] = model.word_out.bias[:first].mean() if learn else -1e4


def _load_matching(model, path: str | Path, log) -> int:
    """Copy the weights of the pointer checkpoint at `path` whose names and shapes match. A
    vocabulary or target length that grew since keeps its first rows: the old words' embeddings
    and output rows, the old positions' embeddings. Returns how many words the checkpoint had."""
    import torch
    from safetensors.torch import load_file

    from optmodel.model.pointer import NAMES_FILE

    file = Path(path) / "model.safetensors"
    if not file.exists():
        raise OptModelError(f"no pointer checkpoint to start from at {path}", hint="give a folder with model.safetensors")
    tensors = load_file(str(file))
    if (Path(path) / NAMES_FILE).exists():  # a naming head shipped beside the weights
        tensors |= load_file(str(Path(path) / NAMES_FILE))
    own = model.state_dict()
    state, grown = {}, 0
    for k, v in tensors.items():
        if k not in own:
            continue
        if own[k].shape == v.shape:
            state[k] = v.float()
        elif v.dim() == own[k].dim() and v.shape[1:] == own[k].shape[1:] and v.shape[0] < own[k].shape[0]:
            state[k] = torch.cat([v.float(), own[k][v.shape[0] :]])
            grown += 1
    with torch.no_grad():
        model.load_state_dict(state, strict=False)
    log(f"started from {path}: {len(state)} of {len(own)} tensors ({grown} widened)")
    return int(tensors["word_emb.weight"].shape[0])


def export_checkpoint(run_dir: str | Path, out: str | Path) -> Path:
    """A servable model folder from the last training checkpoint of `run_dir` (to evaluate a run
    while it trains)."""
    import torch

    from optmodel.model.pointer import PointerNet, config_from, save

    ckpt = Path(run_dir) / "checkpoints" / "last"
    if not (ckpt / "model.pt").exists():
        raise OptModelError(f"no training checkpoint in {run_dir}")
    config = config_from(json.loads((ckpt / "config.json").read_text()), ckpt)
    model = PointerNet(config, plain=True)
    model.load_state_dict(torch.load(ckpt / "model.pt", map_location="cpu"), strict=False)
    save(model, out)
    return Path(out)


# ---- training-loop helpers ------------------------------------------------------------------


def _frozen_memory(model, batch: dict, rows: Sequence[int], cache: dict):
    """Encoder states of a batch from a frozen encoder, each row's computed once and kept (bf16),
    so a naming head trains for several epochs at the price of one encoder pass per row."""
    import torch

    lengths = batch["attention_mask"].sum(-1).tolist()
    missing = [b for b, i in enumerate(rows) if i not in cache]
    if missing:
        with torch.no_grad():
            ids = batch["input_ids"][missing]
            mask = batch["attention_mask"][missing]
            states = model.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        for k, b in enumerate(missing):
            cache[rows[b]] = states[k, : lengths[b]].to(torch.bfloat16).clone()
    memory = torch.zeros((*batch["input_ids"].shape, model.config.encoder["hidden_size"]), dtype=torch.bfloat16)
    for b, i in enumerate(rows):
        memory[b, : lengths[b]] = cache[i]
    return memory.to(batch["input_ids"].device)



def _optimizer_step(model, optim, loss) -> None:
    """Backward, gradient norm clipped at 1.0, one optimizer step."""
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
