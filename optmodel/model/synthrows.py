"""Synthesised pairs (`optmodel synth`) -> training rows of the pointer model: the one data pipeline.

Why: every training text comes from `optmodel synth`, the story generators included (as the
`story_*` families, optmodel.synth.stories.family), so every pair is seeded, solved, number-checked
and verified the same way. Each verified pair becomes one row (COLUMNS): a scalar program (read
off the compiled arrays, so it is the formulation's own model and not a second transcription of
the text) where it has at most 8 columns, else the formulation's indexed program
(optmodel.model.indexed: its sets, its tables as pointer runs, its seed lines). Every number of
either must be one the text states, or 0/1. As in LLMOPT, some scalar rows also get a repair row:
the text + a faulty program + the solver's verdict -> the program.

    optmodel synth --families story_production,story_covering,... --per-family N --out data/synth/s3
    python -m optmodel.model.synthrows data/synth/s3 --out data/rows/s3 --repair-fraction 0.03
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from optmodel.errors import OptModelError
from optmodel.model.program import _same, _write


def _stated(x: float, values: Sequence[float]) -> bool:
    return _same(abs(x), 1.0) or x == 0 or any(_same(abs(x), v) for v in values)


def _sum(terms: Sequence[tuple[float, str]]) -> str | None:
    """`3 x1 - x2 + 0.5 x3`, or None when every coefficient is negative (the row is flipped)."""
    terms = sorted(terms, key=lambda t: t[0] < 0)  # a positive term first: the grammar's sign rule
    if not terms or terms[0][0] < 0:
        return None
    out: list[str] = []
    for i, (c, var) in enumerate(terms):
        word = var if _same(abs(c), 1.0) else f"{_write(abs(c))} {var}"
        out.append(word if i == 0 else f"{'-' if c < 0 else '+'} {word}")
    return " ".join(out)


def _share_row(terms: list[tuple[float, str]], values: Sequence[float]) -> tuple[str, str] | None:
    """`x3 - s (x1 + x2 + x3)` written as the stories do: (`x3`, `s ( x1 + x2 + x3 )`), when the
    coefficients are exactly 1, 1 - s and -s for a stated share s."""
    coefs = {round(c, 12) for c, _ in terms}
    for s in values:
        if not 0 < s < 1 or not coefs <= {1.0, round(1 - s, 12), round(-s, 12)}:
            continue
        lhs = [v for c, v in terms if c > 0]
        group = [v for c, v in terms if not _same(c, 1.0)]
        if len(group) < 2:  # `x2 <= 0.4 x1` is a ratio, not a share of one variable
            continue
        if lhs and group and any(_same(c, -s) or _same(c, 1 - s) for c, _ in terms):
            return " + ".join(lhs), f"{_write(s)} ( {' + '.join(group)} )"
    return None


def _row(terms: list[tuple[float, str]], op: str, rhs: float, values: Sequence[float]) -> str | None:
    """One program constraint line, or None when a coefficient is not stated in the text."""
    if rhs < 0 or (rhs == 0 and not any(c > 0 for c, _ in terms)):
        terms, rhs, op = [(-c, v) for c, v in terms], -rhs, {"<=": ">=", ">=": "<=", "=": "="}[op]
    if rhs == 0 and any(c < 0 for c, _ in terms):  # a comparison: `x1 >= x2`, `x1 <= 2 x2`
        share = _share_row(terms, values)
        if share:
            return f"{share[0]} {op} {share[1]}"
        if not all(_stated(c, values) for c, _ in terms):
            return None
        left = _sum([t for t in terms if t[0] > 0])
        right = _sum([(-c, v) for c, v in terms if c < 0])
        return f"{left} {op} {right}" if left and right else None
    if not all(_stated(c, values) for c, _ in terms) or not _stated(rhs, values):
        return None
    left = _sum(terms)
    return f"{left} {op} {_write(rhs)}" if left else None


def mention(text: str, word: str) -> tuple[int, str] | None:
    """(offset, words as written) of the first whole-word mention of a member or variable
    identifier (`children_s` matches "Children's"), or None."""
    parts = [p for p in word.split("_") if p]
    if not parts:
        return None
    pattern = r"(?<![A-Za-z0-9])" + r"[^A-Za-z0-9]+".join(map(re.escape, parts)) + r"(?![A-Za-z0-9])"
    m = re.search(pattern, text, re.IGNORECASE)
    return (m.start(), m.group(0)) if m else None


def convert(text: str, formulation: str) -> tuple[str, list[list[str]] | None] | None:
    """(program, names per variable or None) for a synthesised pair, or None when the instance is
    outside the program language (too many columns, a quadratic term, a free variable, a
    coefficient the text does not state)."""
    from optmodel.matrix import compile_arrays
    from optmodel.model.numbers import find_numbers
    from optmodel.model.program import MAX_LINES, MAX_VARS, VARS, to_tokens
    from optmodel.parser import parse

    try:
        arrays = compile_arrays(parse(formulation), vectorise=False)
    except OptModelError:
        return None
    a = arrays.arrays
    if a.hessian is not None or not 1 <= a.num_cols <= MAX_VARS or a.offset != 0 or a.num_rows > MAX_LINES:
        return None
    stated = find_numbers(text)[0]
    values = [abs(float(v)) for v in stated]
    columns = [(name, key) for name, _, keys in arrays.columns.blocks() for key in keys.as_list()]
    # variables in order of first mention (the program language's convention); unmentioned last
    where, said = [], []
    for i, (name, key) in enumerate(columns):
        found = [mention(text, str(m)) for m in (key or (name,))]
        where.append((tuple(math.inf if f is None else f[0] for f in found), i))
        said.append(found[0][1] if len(found) == 1 and found[0] else None)
    order = [i for _, i in sorted(where)]
    var = {col: VARS[n] for n, col in enumerate(order)}
    kinds = []
    lines: list[str] = []
    for n, col in enumerate(order):
        integer = a.integrality is not None and a.integrality[col] > 0
        kinds.append("I" if integer else "R")
        lo, hi = float(a.col_lower[col]), float(a.col_upper[col])
        if lo != 0:
            if not math.isfinite(lo) or lo < 0:
                return None
            lines.append(f"{VARS[n]} >= {_write(lo)}")
        if math.isfinite(hi):
            lines.append(f"{VARS[n]} <= {_write(hi)}")
    cost = [(float(a.cost[c]), var[c]) for c in order if a.cost[c] != 0]
    if not cost or not all(_stated(c, values) for c, _ in cost):
        return None
    objective = _sum(cost)  # None when every coefficient is negative
    if objective is None:
        return None
    rows: list[str] = []
    for r in range(a.num_rows):
        lo_r, hi_r = float(a.row_lower[r]), float(a.row_upper[r])
        s, e = int(a.start[r]), int(a.start[r + 1])
        terms = sorted(
            ((float(a.value[k]), var[int(a.index[k])]) for k in range(s, e) if a.value[k] != 0),
            key=lambda t: VARS.index(t[1]),
        )
        if not terms:
            return None
        wanted = (
            [("=", lo_r)]
            if lo_r == hi_r
            else [(op, b) for op, b in ((">=", lo_r), ("<=", hi_r)) if math.isfinite(b)]
        )
        for op, b in wanted:
            line = _row(terms, op, b, values)
            if line is None:
                return None
            rows.append(line)
    if len(rows) + len(lines) > MAX_LINES:
        return None
    sense = "min" if a.sense == 1 else "max"
    program = "\n".join([" ".join(kinds), f"{sense} {objective}", *rows, *lines])
    try:
        to_tokens(program, stated)
    except OptModelError:
        return None
    names = [[said[col]] for col in order] if all(said) else None
    return program, names


SCALAR_MAX = 8  # more scalar columns than this: the row is written indexed where it can be


def convert_indexed(text: str, formulation: str) -> tuple[str, list[list[str]] | None] | None:
    """(indexed program, the new set members as the text writes them, or None) for a synthesised
    pair, or None outside the indexed language (optmodel.model.indexed)."""
    from optmodel.model.indexed import from_formulation
    from optmodel.model.numbers import find_numbers
    from optmodel.model.program import WORDS, to_tokens
    from optmodel.parser import parse

    try:
        form = parse(formulation)
    except OptModelError:
        return None
    stated = find_numbers(text)[0]
    program = from_formulation(form, [abs(float(v)) for v in stated], WORDS)
    if program is None:
        return None
    try:
        to_tokens(program, stated)
    except OptModelError:
        return None
    members = [m for s in form.sets if s.members and isinstance(s.members[0], str) for m in s.members]
    new = list(dict.fromkeys(members))
    found = [mention(text, m) for m in new]
    names = [[f[1]] for f in found] if found and all(found) else None
    return program, names


def convert_any(text: str, formulation: str, *, indexed: bool = True) -> tuple[str, list[list[str]] | None] | None:
    """The one row of a pair: scalar when it has at most SCALAR_MAX columns, else indexed (else
    scalar up to 24 columns); with `indexed=False` always scalar (up to 24 columns), for a model
    that is not to learn the indexed language. Why one: two targets for one text would teach the
    model neither."""
    scalar = convert(text, formulation)
    if not indexed or (scalar is not None and len(scalar[0].split("\n", 1)[0].split()) <= SCALAR_MAX):
        return scalar
    return convert_indexed(text, formulation) or scalar


COLUMNS = ["id", "generator", "kind", "text", "extra", "program", "optimum", "split", "names"]


def _solve(program: str):
    from optmodel.model.program import to_five_element
    from optmodel.solver import solve

    return solve(to_five_element(program), duals=False, iis=False, time_limit=10)


def corrupt(program: str, rng: random.Random) -> str:
    """The scalar program with one plausible mistake: an inequality flipped, a constraint
    dropped, or the sense flipped."""
    lines = program.strip().splitlines()
    choice = rng.random()
    if choice < 0.45 and len(lines) > 2:
        i = rng.randrange(2, len(lines))
        flip = {"<=": ">=", ">=": "<=", "=": "<="}
        lines[i] = " ".join(flip.get(w, w) for w in lines[i].split())
    elif choice < 0.8 and len(lines) > 2:
        del lines[rng.randrange(2, len(lines))]
    else:
        words = lines[1].split()
        words[0] = "min" if words[0] == "max" else "max"
        lines[1] = " ".join(words)
    return "\n".join(lines)


def repair_row(program: str, rng: random.Random) -> tuple[str, str] | None:
    """(extra input, target) of a repair row, as in LLMOPT: the text + a faulty program + what
    the solver said -> the program; None when no mistake of three tries is noticed by the solver
    (infeasible, unbounded): a repair request only comes with an error."""
    from optmodel.model.pointer_formulator import correction_source

    for _ in range(3):
        faulty = corrupt(program, rng)
        sol = _solve(faulty)
        if sol.status != "optimal":
            return correction_source(faulty, f"the solver reports the model is {sol.status}"), program
    return None


def rows_from_pairs(
    pairs: Iterable[dict],
    *,
    repair_fraction: float = 0.0,
    seed: int = 0,
    indexed: bool = True,
    progress: bool = False,
    total: int | None = None,
) -> list[dict]:
    """Training rows (COLUMNS) of verified pairs, each a dict with `id`, `family`, `nl`,
    `formulation`, `optimum` and `split` ("train" or "validation"): one row per convertible pair
    (`convert_any`, scalar only without `indexed`), validation rows with their optimum; a `repair_fraction` of the scalar
    training rows also get a repair row (`repair_row`), seeded by `seed` and the pair's id."""
    from tqdm import tqdm

    from optmodel.model.indexed import is_indexed

    out: list[dict] = []
    for pair in tqdm(pairs, total=total, desc="pairs", disable=not progress):
        got = convert_any(pair["nl"], pair["formulation"], indexed=indexed)
        if got is None:
            continue
        program, names = got
        split = "val" if pair["split"] == "validation" else "train"
        row = {
            "id": f"synth-{pair['id']}",
            "generator": f"synth:{pair['family']}",
            "kind": "formulate",
            "text": pair["nl"],
            "extra": None,
            "program": program,
            "optimum": float(pair["optimum"]) if split == "val" else None,
            "split": split,
            "names": json.dumps(names) if names else None,
        }
        out.append(row)
        rng = random.Random(f"{seed}|{pair['id']}")
        if split == "train" and not is_indexed(program) and rng.random() < repair_fraction:
            repair = repair_row(program, rng)
            if repair:  # the repair row goes with, not instead of, the plain one
                out.append(row | {"id": row["id"] + "-repair", "kind": "repair", "extra": repair[0]})
    return out


def rows_from_synth(
    synth_dir: str | Path, *, repair_fraction: float = 0.0, seed: int = 0, indexed: bool = True, progress: bool = True
) -> list[dict]:
    """Training rows (`rows_from_pairs`) of the verified pairs of an `optmodel synth --out`
    folder: its train split for training, its validation split (with optima) for `val`."""
    import polars as pl

    synth_dir = Path(synth_dir)
    out: list[dict] = []
    for name in ("train", "validation"):
        path = synth_dir / f"{name}.parquet"
        if not path.exists():
            raise OptModelError(
                f"no {name}.parquet in {synth_dir}", hint="run `optmodel synth --out DIR` first"
            )
        frame = pl.read_parquet(path).filter(pl.col("status") == "verified")
        pairs = (r | {"split": name} for r in frame.iter_rows(named=True))
        out += rows_from_pairs(pairs, repair_fraction=repair_fraction, seed=seed, indexed=indexed, progress=progress,
                               total=frame.height)
    return out


def write(rows: list[dict], out: str | Path) -> None:
    """train.parquet and val.parquet (COLUMNS) under `out`, each written atomically."""
    import polars as pl

    from optmodel.atomic import atomic_path

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    frame = pl.DataFrame(rows, schema={c: (pl.Float64 if c == "optimum" else pl.Utf8) for c in COLUMNS})
    for split in ("train", "val"):
        with atomic_path(out / f"{split}.parquet") as tmp:
            frame.filter(pl.col("split") == split).write_parquet(tmp)


def main() -> None:
    from optmodel.model.indexed import is_indexed
    from optmodel.model.ptrain import load_story_rows

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("synth", help="an `optmodel synth --out` folder")
    ap.add_argument("--out", required=True)
    ap.add_argument("--add", nargs="*", default=[], help="row folders to train on as well")
    ap.add_argument("--repair-fraction", type=float, default=0.0, help="share of scalar rows that also get a repair row")
    ap.add_argument("--seed", type=int, default=0, help="seeds the repair rows")
    ap.add_argument("--scalar-only", action="store_true", help="no indexed rows: every pair scalar (up to 24 columns)")
    a = ap.parse_args()
    try:
        rows = rows_from_synth(a.synth, repair_fraction=a.repair_fraction, seed=a.seed, indexed=not a.scalar_only)
        n_synth = len(rows)
        for folder in a.add:
            train, val = load_story_rows(folder)
            rows += [r | {"split": "train"} for r in train] + [r | {"split": "val"} for r in val]
    except OptModelError as exc:
        raise SystemExit(f"error: {exc}") from None
    write(rows, a.out)
    n_indexed = sum(is_indexed(r["program"]) for r in rows[:n_synth])
    n_repair = sum(r["kind"] == "repair" for r in rows[:n_synth])
    print(f"wrote {len(rows)} rows ({n_synth} from {a.synth}: {n_indexed} indexed, {n_repair} repair) to {a.out}")


if __name__ == "__main__":
    main()
