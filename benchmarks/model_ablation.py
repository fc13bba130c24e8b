"""Inference options of the pointer model, one change at a time, on benchmark files.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/model_ablation.py \
        ../shared/benchmarks/dev/nl4opt.jsonl ../shared/benchmarks/dev/mamo_easy.jsonl \
        [--model models/default] [--workers 2] [--out runs/ablation]

Variants: greedy with 3 self-correction rounds and no penalty, no self-correction (1 round), a
reuse penalty of 2 on pointers to values already used as often as the text states them, an
unused penalty of 1 per stated value not yet used on ending the program, both penalties,
self-consistency (5 samples per round, vote on the objective), and the shipped default: reuse
penalty 2 with 4 fresh samples on each retry. Every other variant has no retry samples (repair
requests only), as when the table in docs/results.md was measured. Prints SA / ER / AST per file
and variant, and each variant's SA minus that of "no penalty".
"""

from __future__ import annotations

import argparse
from pathlib import Path

BASE = {"reuse_penalty": 0.0, "unused_penalty": 0.0, "max_tries": 3, "samples": 1, "retry_samples": 0}
VARIANTS = {
    "no penalty": BASE,
    "1 round": BASE | {"max_tries": 1},
    "reuse penalty 2": BASE | {"reuse_penalty": 2.0},
    "unused penalty 1": BASE | {"unused_penalty": 1.0},
    "both penalties": BASE | {"reuse_penalty": 2.0, "unused_penalty": 1.0},
    "5 samples": BASE | {"samples": 5},
    "4 retry samples (default)": BASE | {"reuse_penalty": 2.0, "retry_samples": 4},
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+")
    ap.add_argument("--model", default="models/default")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", default="runs/ablation")
    ap.add_argument("--variants", nargs="*", default=list(VARIANTS))
    a = ap.parse_args()

    from optmodel.evaluate import evaluate_file
    from optmodel.model.pointer_formulator import PointerFormulator

    table: dict[tuple[str, str], dict] = {}
    for name in a.variants:
        v = VARIANTS[name]
        f = PointerFormulator(
            a.model, reuse_penalty=v["reuse_penalty"], unused_penalty=v["unused_penalty"], retry_samples=v["retry_samples"]
        )
        for path in a.files:
            out = Path(a.out) / name.replace(" ", "_")
            table[(name, Path(path).stem)] = evaluate_file(
                path, f, out_dir=out, workers=a.workers, batch_size=16, max_tries=v["max_tries"],
                samples=v["samples"], progress=False,
            )
    print(f"| variant | {' | '.join(Path(p).stem + ' SA / ER / AST' for p in a.files)} | SA vs no penalty |")
    print("|---|" + "---|" * len(a.files) + "---|")
    for name in a.variants:
        cells, deltas = [], []
        for path in a.files:
            s, base = table[(name, Path(path).stem)], table.get(("no penalty", Path(path).stem))
            cells.append(f"{s['sa']:.1f} / {s['er']:.1f} / {s['ast']:.2f}")
            if base:
                deltas.append(f"{s['sa'] - base['sa']:+.1f}")
        print(f"| {name} | {' | '.join(cells)} | {', '.join(deltas)} |")


if __name__ == "__main__":
    main()
