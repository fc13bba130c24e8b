"""Problems gained and lost between two `optmodel eval --out` folders, per data set.

    .venv/bin/python benchmarks/compare_evals.py runs/eval/v4 runs/eval/ix1

Why: two runs of the same data sets differ by problems, not only by SA; a ship decision reads
gained / lost / net on the same problems (docs/results.md). Data sets in only one folder are
skipped; problems are matched by id.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def compare(old: Path, new: Path) -> list[tuple[str, int, int, int, float, float]]:
    """(data set, problems, gained, lost, old SA %, new SA %) for each data set in both folders."""
    import polars as pl

    rows = []
    for path in sorted(new.glob("*.parquet")):
        before = old / path.name
        if not before.exists():
            continue
        a = pl.read_parquet(before).select("id", pl.col("correct").alias("old"))
        b = pl.read_parquet(path).select("id", pl.col("correct").alias("new"))
        both = a.join(b, on="id", how="inner")
        gained = both.filter(~pl.col("old") & pl.col("new")).height
        lost = both.filter(pl.col("old") & ~pl.col("new")).height
        n = both.height
        rows.append((path.stem, n, gained, lost, 100 * both["old"].sum() / n, 100 * both["new"].sum() / n))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    a = ap.parse_args()
    rows = compare(a.old, a.new)
    print(f"| data set | n | {a.old} SA % | {a.new} SA % | gained | lost | net |")
    print("|---|---|---|---|---|---|---|")
    for name, n, gained, lost, sa_old, sa_new in rows:
        print(f"| {name} | {n} | {sa_old:.1f} | {sa_new:.1f} | {gained} | {lost} | {gained - lost:+d} |")
    total_g, total_l = sum(r[2] for r in rows), sum(r[3] for r in rows)
    print(f"| all | {sum(r[1] for r in rows)} | | | {total_g} | {total_l} | {total_g - total_l:+d} |")


if __name__ == "__main__":
    main()
