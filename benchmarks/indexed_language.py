"""How much of a synthesis output the indexed program language says, and whether it says it right.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/indexed_language.py data/synth/s2 --n 800 --seed 2

For `--n` verified pairs drawn from the folder's validation split: how many convert to an indexed
program (optmodel.model.indexed), how many of those solve to the synthesised optimum, and how
many the decoding grammar accepts token by token (so a decoder could write them), and how many
have every new member named in the text (labels for the naming head). Per family and in total,
and the programs' lengths in tokens. No model is involved: this checks the language, its vocabulary and its grammar.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path


def main() -> None:
    import polars as pl

    from optmodel.model.numbers import find_numbers
    from optmodel.model.pointer import grammar_accepts
    from optmodel.model.program import to_five_element, to_tokens
    from optmodel.model.synthrows import convert_indexed
    from optmodel.solver import solve

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("synth", type=Path)
    ap.add_argument("--n", type=int, default=800)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    frame = pl.read_parquet(a.synth / "validation.parquet").filter(pl.col("status") == "verified")
    frame = frame.sample(min(a.n, frame.height), seed=a.seed)
    count: dict[str, Counter] = {}
    lengths: list[int] = []
    for row in frame.iter_rows(named=True):
        c = count.setdefault(row["family"], Counter())
        c["pairs"] += 1
        got = convert_indexed(row["nl"], row["formulation"])
        if got is None:
            continue
        c["indexed"] += 1
        c["members named"] += got[1] is not None
        values = find_numbers(row["nl"])[0]
        lengths.append(len(to_tokens(got[0], values)))
        sol = solve(to_five_element(got[0]), duals=False, iis=False, time_limit=20)
        optimum = float(row["optimum"])
        if sol.objective is not None and abs(sol.objective - optimum) <= 1e-6 * max(1.0, abs(optimum)):
            c["same optimum"] += 1
        if grammar_accepts(to_tokens(got[0], values), values, 192):
            c["grammar accepts"] += 1
    cols = ["pairs", "indexed", "same optimum", "grammar accepts", "members named"]
    print("| family | " + " | ".join(cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    total: Counter = Counter()
    for family in sorted(count):
        total.update(count[family])
        print(f"| {family} | " + " | ".join(str(count[family][k]) for k in cols) + " |")
    print("| **all** | " + " | ".join(f"**{total[k]}**" for k in cols) + " |")
    if lengths:
        lengths.sort()
        print(f"indexed program tokens: median {lengths[len(lengths) // 2]}, "
              f"95th percentile {lengths[int(0.95 * (len(lengths) - 1))]}, longest {lengths[-1]}")


if __name__ == "__main__":
    main()
