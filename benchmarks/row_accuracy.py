"""Greedy solving accuracy of pointer models on synthetic validation rows, per source, side by side.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/row_accuracy.py models/default runs/ptr-v4-final \
        --data data/stories/mix2 --n 300 --seed 0

Rows are the `val.parquet` of a row folder (optmodel.model.synthrows),
grouped by source: the story generators, and the synthesis families (`synth:*`) as one group
and split by form (scalar with at most 8 variables, more, indexed). Each model decodes the same rows greedily (no
candidates, no cues): this measures what the network learned, not the formulator around it.
These rows are text the models were trained to read; they say nothing about unseen prose.
"""

from __future__ import annotations

import argparse
from collections import defaultdict


def _group(row: dict) -> list[str]:
    if not row["generator"].startswith("synth:"):
        return ["stories"]
    if row["program"].startswith("S:"):
        return ["synth", "synth, indexed"]
    n = len(row["program"].splitlines()[0].split())
    return ["synth", "synth, <= 8 variables" if n <= 8 else "synth, 9-24 variables"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("models", nargs="+")
    ap.add_argument("--data", required=True, help="a row folder with val.parquet")
    ap.add_argument("--n", type=int, default=300, help="rows drawn per group (stories, synth)")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()

    import polars as pl

    from optmodel.model.pointer import load, load_tokenizer
    from optmodel.model.ptrain import validate

    val = pl.read_parquet(f"{a.data}/val.parquet").filter(pl.col("optimum").is_not_null())
    is_synth = pl.col("generator").str.starts_with("synth:")
    rows = []
    for part in (val.filter(~is_synth), val.filter(is_synth)):
        rows += part.sample(n=min(a.n, part.height), seed=a.seed).to_dicts() if part.height else []
    row_groups = [_group(r) for r in rows]
    groups: dict[str, list[dict]] = defaultdict(list)
    for row, names in zip(rows, row_groups, strict=True):
        for g in names:
            groups[g].append(row)
    print("| model | " + " | ".join(f"{g} (n={len(rs)}) SA / exact" for g, rs in groups.items()) + " |")
    print("|---" * (len(groups) + 1) + "|")
    for path in a.models:
        model, tok = load(path), load_tokenizer(path)
        details: list[dict] = []
        validate(model, tok, rows, details=details)  # one decode of every row
        cells = []
        for name in groups:
            got = [(d, r) for d, r, gs in zip(details, rows, row_groups, strict=True) if name in gs]
            right = sum(d["correct"] for d, _ in got)
            exact = sum(" ".join(d["program"].split()) == " ".join(r["program"].split()) for d, r in got)
            cells.append(f"{100 * right / len(got):.1f} % / {100 * exact / len(got):.1f} %")
        print(f"| {path} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
