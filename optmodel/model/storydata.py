"""Training rows for the pointer model, from the word-problem generators in optmodel.model.stories.

Two instructions, as in LLMOPT: text -> program, and text + faulty program + solver error ->
corrected program. Faulty programs are the real program with one thing broken (an inequality
flipped, a constraint dropped, the sense flipped) that the solver notices (infeasible,
unbounded); the error is what the solver said. Validation rows carry the verified optimum.

    python -m optmodel.model.storydata --n 200000 --out data/stories --seed 0
"""

from __future__ import annotations

import argparse
import math
import random
from pathlib import Path

from optmodel.errors import OptModelError

COLUMNS = ["id", "generator", "kind", "text", "extra", "program", "optimum", "split", "anchors"]


def _solve(program: str):
    from optmodel.model.program import to_five_element
    from optmodel.solver import solve

    return solve(to_five_element(program), duals=False, iis=False, time_limit=10)


def corrupt(program: str, rng: random.Random) -> str:
    """The program with one plausible mistake."""
    lines = program.strip().splitlines()
    choice = rng.random()
    if choice < 0.45 and len(lines) > 2:
        i = rng.randrange(2, len(lines))
        words = lines[i].split()
        flip = {"<=": ">=", ">=": "<=", "=": "<="}
        lines[i] = " ".join(flip.get(w, w) for w in words)
    elif choice < 0.8 and len(lines) > 2:
        del lines[rng.randrange(2, len(lines))]
    else:
        words = lines[1].split()
        words[0] = "min" if words[0] == "max" else "max"
        lines[1] = " ".join(words)
    return "\n".join(lines)


def repair_row(program: str, rng: random.Random) -> tuple[str, str] | None:
    """(extra input, target) for a repair pair, or None when the mistake goes unnoticed."""
    from optmodel.model.pointer_formulator import correction_source

    for _ in range(3):
        faulty = corrupt(program, rng)
        sol = _solve(faulty)
        if sol.status != "optimal":
            return correction_source(faulty, f"the solver reports the model is {sol.status}"), program
    return None


def anchors_json(text: str, entities: list[list[str]] | None) -> str | None:
    """Where each variable's entity is first named, as a JSON list of character offsets; None when
    the generator gives no names or one is not found (such rows train without anchors)."""
    import json

    from optmodel.model.stories import first_mention

    if not entities:
        return None
    offsets = [first_mention(text, names) for names in entities]
    if None in offsets or len(set(offsets)) < len(offsets):
        return None
    return json.dumps(offsets)


def build(n: int, *, seed: int = 0, repair_fraction: float = 0.05, val: int = 400,
          generators: list[str] | None = None, progress: bool = True) -> list[dict]:
    """`n` training rows plus `val` validation rows (with optima); deterministic given `seed`."""
    from tqdm import tqdm

    from optmodel.model.numbers import find_numbers
    from optmodel.model.program import to_tokens
    from optmodel.model.stories import mixture

    rng = random.Random(seed)
    rows: list[dict] = []
    seen: set[str] = set()
    bar = tqdm(total=n + val, desc="rows", disable=not progress)
    i = 0
    while len(rows) < n + val:
        i += 1
        name, text, program, entities = mixture(rng, generators)
        if text in seen:
            continue
        try:
            to_tokens(program, find_numbers(text)[0])
        except OptModelError:
            continue  # a number the text does not state: skip (the generator tests catch these)
        seen.add(text)
        split = "val" if len(rows) >= n else "train"
        row = {"id": f"{name}-{seed}-{i}", "generator": name, "kind": "formulate", "text": text,
               "extra": None, "program": program, "optimum": None, "split": split,
               "anchors": anchors_json(text, entities)}
        if split == "val":
            sol = _solve(program)
            if sol.status != "optimal" or sol.objective is None or not math.isfinite(sol.objective):
                continue
            row["optimum"] = float(sol.objective)
        elif rng.random() < repair_fraction:
            pair = repair_row(program, rng)
            if pair:  # the repair row goes with, not instead of, the plain one
                rows.append(row | {"id": row["id"] + "-repair", "kind": "repair", "extra": pair[0]})
                bar.update(1)
        rows.append(row)
        bar.update(1)
    bar.close()
    return rows


def write(rows: list[dict], out: str | Path) -> None:
    """train.parquet and val.parquet under `out`, each written atomically."""
    import polars as pl

    from optmodel.atomic import atomic_path

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    frame = pl.DataFrame(rows, schema={c: (pl.Float64 if c == "optimum" else pl.Utf8) for c in COLUMNS})
    for split in ("train", "val"):
        with atomic_path(out / f"{split}.parquet") as tmp:
            frame.filter(pl.col("split") == split).write_parquet(tmp)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--val", type=int, default=400)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repair-fraction", type=float, default=0.05)
    ap.add_argument("--generators", nargs="*")
    a = ap.parse_args()
    try:
        rows = build(a.n, seed=a.seed, repair_fraction=a.repair_fraction, val=a.val, generators=a.generators)
    except OptModelError as exc:
        raise SystemExit(f"error: {exc}") from None
    write(rows, a.out)
    print(f"wrote {len(rows)} rows to {a.out}")


if __name__ == "__main__":
    main()
