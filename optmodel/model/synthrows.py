"""Synthesised pairs (`optmodel synth`) -> training rows of the pointer model.

Why: the pointer model learned to read only the text of its own story generators
(optmodel.model.stories). The synthesis families write other settings, tables, "respectively"
lists and units, and their formulations are verified by a solver. Each pair becomes one row of
the same shape as optmodel.model.storydata's, so one data pipeline feeds the model: a scalar
program (read off the compiled arrays, so it is the formulation's own model and not a second
transcription of the text) where it has at most 8 columns, else the formulation's indexed program
(optmodel.model.indexed: its sets, its tables as pointer runs, its seed lines). Every number of
either must be one the text states, or 0/1.

    python -m optmodel.model.synthrows data/synth --out data/stories/synth1 [--add data/stories/v3]
"""

from __future__ import annotations

import argparse
import json
import math
import re
from collections.abc import Sequence
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


def _mention(text: str, word: str) -> tuple[int, str] | None:
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
        found = [_mention(text, str(m)) for m in (key or (name,))]
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
    found = [_mention(text, m) for m in new]
    names = [[f[1]] for f in found] if found and all(found) else None
    return program, names


def convert_any(text: str, formulation: str) -> tuple[str, list[list[str]] | None] | None:
    """The one row of a pair: scalar when it has at most SCALAR_MAX columns, else indexed (else
    scalar up to 24 columns). Why one: two targets for one text would teach the model neither."""
    scalar = convert(text, formulation)
    if scalar is not None and len(scalar[0].split("\n", 1)[0].split()) <= SCALAR_MAX:
        return scalar
    return convert_indexed(text, formulation) or scalar


def rows_from_synth(synth_dir: str | Path, *, progress: bool = True) -> list[dict]:
    """Story-shaped rows (optmodel.model.storydata.COLUMNS) of every convertible pair of a synth
    output folder: its train split for training, its validation split (with optima) for `val`."""
    import polars as pl
    from tqdm import tqdm

    synth_dir = Path(synth_dir)
    out: list[dict] = []
    for split, name in (("train", "train"), ("val", "validation")):
        path = synth_dir / f"{name}.parquet"
        if not path.exists():
            raise OptModelError(
                f"no {name}.parquet in {synth_dir}", hint="run `optmodel synth --out DIR` first"
            )
        frame = pl.read_parquet(path).filter(pl.col("status") == "verified")
        for row in tqdm(frame.iter_rows(named=True), total=frame.height, desc=split, disable=not progress):
            got = convert_any(row["nl"], row["formulation"])
            if got is None:
                continue
            program, names = got
            out.append(
                {
                    "id": f"synth-{row['id']}",
                    "generator": f"synth:{row['family']}",
                    "kind": "formulate",
                    "text": row["nl"],
                    "extra": None,
                    "program": program,
                    "optimum": float(row["optimum"]) if split == "val" else None,
                    "split": split,
                    "names": json.dumps(names) if names else None,
                }
            )
    return out


def main() -> None:
    from optmodel.model.ptrain import load_story_rows
    from optmodel.model.storydata import write

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("synth", help="an `optmodel synth --out` folder")
    ap.add_argument("--out", required=True)
    ap.add_argument("--add", nargs="*", default=[], help="story row folders to train on as well")
    a = ap.parse_args()
    try:
        rows = rows_from_synth(a.synth)
        n_synth = len(rows)
        for folder in a.add:
            train, val = load_story_rows(folder)
            rows += [r | {"split": "train"} for r in train] + [r | {"split": "val"} for r in val]
    except OptModelError as exc:
        raise SystemExit(f"error: {exc}") from None
    write(rows, a.out)
    from optmodel.model.indexed import is_indexed

    n_indexed = sum(is_indexed(r["program"]) for r in rows[:n_synth])
    print(f"wrote {len(rows)} rows ({n_synth} from {a.synth}, {n_indexed} of them indexed) to {a.out}")


if __name__ == "__main__":
    main()
