"""Train the verifier (optmodel.model.verifier) on labelled candidates (optmodel.model.verifier_data).

    python -m optmodel.model.vtrain --pairs data/verifier/v1a data/verifier/v1b \\
        --model models/default --out runs/verifier-v1 --epochs 2

Only solved candidates are used (the verifier chooses among those), duplicates of a problem's
candidate counted once, and only problems with both right and wrong candidates train it: the loss
is listwise, the softmax over one problem's candidates against the right ones. One problem in 20
is held out; after each epoch the log shows, on those, how often the top-scored candidate is
right next to the greedy one and the best possible. The verifier's weights are saved after each
epoch (atomically); a rerun resumes after the last saved epoch (with a fresh optimizer).
"""

from __future__ import annotations

import argparse
import json
import random
import time
import zlib
from pathlib import Path

import torch


def load_pairs(dirs: list[str]) -> list[dict]:
    """Solved, distinct (problem, program) candidates with their label, in a stable order."""
    import polars as pl

    files = sorted(f for d in dirs for f in Path(d).glob("shard-*.parquet"))
    if not files:
        raise SystemExit(f"no shard-*.parquet in {', '.join(dirs)}")
    seen: set[tuple[str, str]] = set()
    rows = []
    for f in files:
        for r in pl.read_parquet(f).to_dicts():
            key = (r["problem"], " ".join(r["program"].split()))
            if r["objective"] is None or key in seen:
                continue
            seen.add(key)
            rows.append(r)
    return rows


def held_out(problem: str) -> bool:
    return zlib.crc32(problem.encode()) % 20 == 0


def pick_rates(rows: list[dict], scores: list[float]) -> dict[str, float]:
    """Per problem: is the top-scored candidate right, is the greedy (lowest candidate number) one,
    is any. Fractions over problems."""
    by: dict[str, list[tuple[float, dict]]] = {}
    for s, r in zip(scores, rows, strict=True):
        by.setdefault(r["problem"], []).append((s, r))
    n = max(1, len(by))
    top = sum(max(c, key=lambda x: x[0])[1]["right"] for c in by.values())
    greedy = sum(min(c, key=lambda x: x[1]["candidate"])[1]["right"] for c in by.values())
    oracle = sum(any(r["right"] for _, r in c) for c in by.values())
    return {"verifier": top / n, "greedy": greedy / n, "oracle": oracle / n, "problems": len(by)}


def train_verifier(pairs: list[str], model_path: str, out: str, *, epochs: int = 2, batch_size: int = 16,
                   lr: float = 1e-4, train_layers: int = 2, seed: int = 0, threads: int | None = None) -> dict:
    from tqdm import tqdm

    from optmodel.model.pointer import load, load_tokenizer
    from optmodel.model.verifier import (
        CONFIG,
        collate_ids,
        from_pointer,
        load_verifier,
        save_verifier,
        verifier_ids,
    )

    if threads:
        torch.set_num_threads(threads)
    torch.manual_seed(seed)
    rows = load_pairs(pairs)
    tok = load_tokenizer(model_path)
    pointer = load(model_path)
    out_dir = Path(out)
    done_epochs = 0
    verifier = None
    if (out_dir / CONFIG).exists():
        done_epochs = json.loads((out_dir / CONFIG).read_text()).get("epochs_done", 0)
        verifier = load_verifier(out_dir, pointer)
    verifier = verifier or from_pointer(pointer, train_layers)
    train = [r for r in rows if not held_out(r["problem"])]
    val = [r for r in rows if held_out(r["problem"])]
    ids = {id(r): verifier_ids(tok, r["text"], r["program"]) for r in rows}
    params = [
        {"params": [p for n, p in verifier.named_parameters() if p.requires_grad and not n.startswith("head.")],
         "lr": lr},
        {"params": list(verifier.head.parameters()), "lr": lr * 10},
    ]
    opt = torch.optim.AdamW(params, weight_decay=0.01)
    log = out_dir / "verifier_log.jsonl"
    out_dir.mkdir(parents=True, exist_ok=True)

    def evaluate() -> dict:
        verifier.eval()
        scores: list[float] = []
        with torch.no_grad():
            for i in range(0, len(val), 32):
                x, m = collate_ids([ids[id(r)] for r in val[i : i + 32]])
                scores += verifier(x, m).float().tolist()
        return pick_rates(val, scores)

    stats = {"train_pairs": len(train), "val_pairs": len(val),
             "train_right": sum(r["right"] for r in train) / max(1, len(train))}
    # listwise: a batch is all candidates of a few problems that have both right and wrong ones;
    # the loss is -log of the softmax mass on the right ones (choosing is what the verifier is for)
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(train):
        groups.setdefault(r["problem"], []).append(i)
    mixed = [g for g in groups.values() if 0 < sum(train[i]["right"] for i in g) < len(g)]
    stats["train_problems_mixed"] = len(mixed)
    start = time.time()
    for epoch in range(done_epochs, epochs):
        verifier.train()
        order = list(mixed)
        random.Random(seed + epoch).shuffle(order)
        batches, batch = [], []
        for g in order:
            batch.append(g)
            if sum(map(len, batch)) >= batch_size:
                batches.append(batch)
                batch = []
        batches += [batch] if batch else []
        bar = tqdm(batches, desc=f"verifier epoch {epoch + 1}", unit="batch")
        for batch in bar:
            flat = [i for g in batch for i in g]
            x, m = collate_ids([ids[id(train[i])] for i in flat])
            with torch.autocast("cpu", dtype=torch.bfloat16):
                logits = verifier(x, m).float()
            loss = torch.zeros(())
            at = 0
            for g in batch:
                s = logits[at : at + len(g)]
                right = torch.tensor([bool(train[i]["right"]) for i in g])
                loss = loss + torch.logsumexp(s, 0) - torch.logsumexp(s[right], 0)
                at += len(g)
            loss = loss / len(batch)
            opt.zero_grad()
            loss.backward()
            opt.step()
            bar.set_postfix(loss=f"{loss.item():.3f}")
        rates = evaluate()
        entry = {"epoch": epoch + 1, **rates, "wall_s": round(time.time() - start, 1),
                 "pairs_per_s": round(sum(map(len, mixed)) * (epoch + 1 - done_epochs) / max(1e-9, time.time() - start), 1)}
        with log.open("a") as f:
            f.write(json.dumps(entry) + "\n")
        print(json.dumps(entry))
        save_verifier(verifier, out_dir, epochs_done=epoch + 1, **stats, **{f"val_{k}": v for k, v in rates.items()})
    return stats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", nargs="+", required=True, help="folders written by optmodel.model.verifier_data")
    ap.add_argument("--model", default="models/default")
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--train-layers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=None)
    a = ap.parse_args()
    train_verifier(a.pairs, a.model, a.out, epochs=a.epochs, batch_size=a.batch_size, lr=a.lr,
                   train_layers=a.train_layers, seed=a.seed, threads=a.threads)


if __name__ == "__main__":
    main()
