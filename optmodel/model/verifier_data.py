"""Training pairs for the verifier: the pointer model's own candidates for synthetic problems,
each solved and labelled right or wrong against the problem's verified optimum.

    python -m optmodel.model.verifier_data --data data/stories/v2 --model models/default \\
        --problems 2000 --samples 7 --out data/verifier/v1

Written in shards of `--shard` problems, each atomically; a rerun skips the shards already there,
so an interrupted run resumes. Deterministic given --seed (the sampling seeds follow the shard).
"""

from __future__ import annotations

import argparse
from pathlib import Path


def label(program: str, optimum: float | None) -> tuple[float | None, bool]:
    """(objective, right) of one candidate program; an unsolvable program is wrong."""
    from optmodel.errors import OptModelError
    from optmodel.evaluate import is_correct
    from optmodel.model.program import to_five_element
    from optmodel.solver import solve

    try:
        sol = solve(to_five_element(program), duals=False, iis=False, time_limit=10)
    except OptModelError:
        return None, False
    if sol.status != "optimal" or sol.objective is None:
        return None, False
    return sol.objective, optimum is not None and is_correct(sol.objective, optimum)


def build(data: str, model: str, out: str, *, problems: int, samples: int, shard: int = 100, seed: int = 0,
          threads: int | None = None, offset: int = 0) -> Path:
    import polars as pl
    from tqdm import tqdm

    from optmodel.model.pointer_formulator import PointerFormulator
    from optmodel.model.ptrain import load_story_rows

    train, _ = load_story_rows(data)
    rows = [r for r in train if r["kind"] == "formulate"][offset : offset + problems]
    formulator = PointerFormulator(model, threads=threads, batch_size=32)
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    shards = range(0, len(rows), shard)
    for n, start in enumerate(tqdm(shards, desc="verifier pairs", unit="shard")):
        path = out_dir / f"shard-{n:05d}.parquet"
        if path.exists():
            continue
        chunk = rows[start : start + shard]
        texts = [r["text"] for r in chunk]
        rounds = [formulator.programs(texts, temperature=0.7 if s else 0.0, seed=seed + 1000 * n + s)
                  for s in range(samples + 1)]
        records = []
        for i, row in enumerate(chunk):
            optimum = row["optimum"] if row["optimum"] is not None else label(row["program"], None)[0]
            if optimum is None:  # training rows carry no optimum: the gold program's is the answer
                continue
            for s, programs in enumerate(rounds):
                objective, right = label(programs[i], optimum)
                records.append({"problem": row["id"], "text": row["text"], "candidate": s, "program": programs[i],
                                "gold": row["program"], "objective": objective, "right": right})
        tmp = path.with_suffix(".tmp")
        pl.DataFrame(records).write_parquet(tmp)
        tmp.replace(path)
    return out_dir


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--model", default="models/default")
    ap.add_argument("--out", required=True)
    ap.add_argument("--problems", type=int, default=2000)
    ap.add_argument("--samples", type=int, default=7, help="samples besides the greedy candidate")
    ap.add_argument("--shard", type=int, default=100)
    ap.add_argument("--offset", type=int, default=0, help="skip this many training problems first")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=None)
    a = ap.parse_args()
    build(a.data, a.model, a.out, problems=a.problems, samples=a.samples, shard=a.shard, seed=a.seed,
          threads=a.threads, offset=a.offset)


if __name__ == "__main__":
    main()
