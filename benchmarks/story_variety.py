"""How varied the training English is: optmodel.synth.variety's measures for the story generators
(optmodel.synth.stories, what the embedded model trains on) beside the synthesis families
(optmodel synth), the same number of texts from each, so the rows compare.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/story_variety.py --n 200 --seed 0 [--families 0] [--variety 0 1]
        [--rows data/stories/l0 data/stories/mix1 --rows-n 1200]

Distinct skeletons (sentences with numbers blanked) and distinct-n ratios depend on how many
texts are measured, so every row uses `--n` texts. `--families 0` skips the synthesis families
(they are solved while drawn: about 1 s per 10 instances here). `--variety` lists the story
generators' wording levels to measure (see optmodel.synth.stories.variety). `--rows` measures
training row folders (optmodel.model.synthrows) as they are: `--rows-n`
texts drawn from each folder's train.parquet with `--seed`, so a training mix compares with the
text a checkpoint was trained on.
"""

from __future__ import annotations

import argparse
import random
import time


def story_generators() -> list[str]:
    from optmodel.synth.stories import WEIGHTS

    return [g for g, w in WEIGHTS.items() if w > 0]


def story_rows(n: int, seed: int, level: int) -> list[tuple[str, str]]:
    from optmodel.synth.stories import sampler
    from optmodel.synth.stories.variety import wording

    rows = []
    with wording(level):
        for name in story_generators():
            rng = random.Random(seed)
            sample = sampler(name)
            rows += [(f"stories/{name}", sample(rng)[0]) for _ in range(n)]
    return rows


def family_rows(n: int, seed: int, limit: int | None) -> list[tuple[str, str]]:
    from optmodel.synth.family import families
    from optmodel.synth.instance import make_instance

    rows = []
    for name in sorted(families())[:limit]:
        for k in range(n):
            rows.append((f"synth/{name}", make_instance(name, f"{seed}-{k}", 1 + k % 3).nl))
    return rows


def folder_rows(folder: str, n: int, seed: int) -> list[tuple[str, str]]:
    import polars as pl

    frame = pl.read_parquet(f"{folder}/train.parquet", columns=["text"])
    texts = frame.sample(n=min(n, frame.height), seed=seed)["text"].to_list()
    return [(f"rows/{folder}", t) for t in texts]


def main() -> None:
    from optmodel.synth.variety import COLUMNS, measure

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200, help="texts per generator or family")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--families", type=int, default=None, help="measure only the first K synthesis families")
    ap.add_argument("--variety", type=int, nargs="+", default=[0], help="story wording levels to measure")
    ap.add_argument("--rows", nargs="*", default=[], help="training row folders to measure as they are")
    ap.add_argument("--rows-n", type=int, default=1200, help="texts drawn from each --rows folder")
    a = ap.parse_args()

    cols = COLUMNS
    tables: list[tuple[str, dict]] = []
    for level in a.variety:
        start = time.perf_counter()
        rows = story_rows(a.n, a.seed, level)
        stats = measure(rows)
        stats[f"ALL stories (variety {level})"] = stats.pop("ALL")
        tables.append((f"story generators, variety {level} ({time.perf_counter() - start:.1f} s)", stats))
    if a.families != 0:
        start = time.perf_counter()
        rows = family_rows(a.n, a.seed, a.families)
        stats = measure(rows)
        stats["ALL synth families"] = stats.pop("ALL")
        # the distinct-n ratios fall with the number of texts: also all families over as many texts
        # as the story generators' ALL row (every k-th, so each family is in it)
        k = max(1, len(rows) // (a.n * len(story_generators())))
        stats[f"ALL synth families, every {k}th text"] = measure(rows[::k])["ALL"]
        tables.append((f"synthesis families ({time.perf_counter() - start:.1f} s)", stats))
    if a.rows:
        rows = [r for folder in a.rows for r in folder_rows(folder, a.rows_n, a.seed)]
        stats = measure(rows)
        del stats["ALL"]
        tables.append((f"training rows, {a.rows_n} texts each", stats))
    print("| source | " + " | ".join(cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    for title, stats in tables:
        print(f"| **{title}** |" + " |" * len(cols))
        for name, row in stats.items():
            print(f"| {name} | " + " | ".join(str(row[c]) for c in cols) + " |")


if __name__ == "__main__":
    main()
