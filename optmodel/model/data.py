"""Training rows for the embedded model: synthesis-family instances plus word problems from
optmodel.model.wordprob, each with its verified optimum, written as Parquet (atomically)."""

from __future__ import annotations

import math
import random
from pathlib import Path


def _solve(text: str):
    from optmodel.solver import solve

    return solve(text, time_limit=10, duals=False, iis=False)


def build_rows(
    n_family: int,
    n_word: int,
    *,
    seed: int = 0,
    families: list[str] | None = None,
    complexities: tuple[int, ...] = (1, 1, 2, 2, 3),
    progress: bool = True,
) -> list[dict]:
    """`n_family` instances spread over the synthesis families (complexity 1-3, the size of
    textbook problems) and `n_word` word problems; deterministic given `seed`."""
    from tqdm import tqdm

    from optmodel.errors import OptModelError
    from optmodel.model.wordprob import sample
    from optmodel.synth.family import families as all_families
    from optmodel.synth.instance import make_instance

    names = families or sorted(all_families())
    rows: list[dict] = []
    rng = random.Random(seed)
    bar = tqdm(total=n_family + n_word, desc="data", disable=not progress)
    for i in range(n_family):
        fam = names[i % len(names)]
        complexity = rng.choice(complexities)
        try:
            inst = make_instance(fam, f"{seed}-{i}", complexity)
        except OptModelError:
            bar.update(1)
            continue
        rows.append(
            {
                "id": f"{fam}-{seed}-{i}",
                "family": fam,
                "complexity": complexity,
                "nl": inst.nl,
                "formulation": inst.formulation,
                "optimum": inst.optimum,
                "status": "optimal",
            }
        )
        bar.update(1)
    for i in range(n_word):
        text, fe = sample(rng)
        sol = _solve(fe)
        bar.update(1)
        if sol.status != "optimal" or sol.objective is None or not math.isfinite(sol.objective):
            continue
        rows.append(
            {
                "id": f"wordprob-{seed}-{i}",
                "family": "wordprob",
                "complexity": 1,
                "nl": text,
                "formulation": fe,
                "optimum": float(sol.objective),
                "status": "optimal",
            }
        )
    bar.close()
    split_rng = random.Random(seed + 1)
    for row in rows:
        row["split"] = "val" if split_rng.random() < 0.03 else "train"
    return rows


def write_rows(rows: list[dict], path: str | Path) -> None:
    import polars as pl

    from optmodel.atomic import atomic_path

    with atomic_path(Path(path)) as tmp:
        pl.DataFrame(rows).write_parquet(tmp)
