"""How many of a pointer model's wrong programs on synthetic validation rows are variable-index
errors (the gold program with only the xK indices changed).

    .venv/bin/python benchmarks/variable_errors.py models/default --data data/stories/v2 --n 120
"""

from __future__ import annotations

import argparse
import re


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model")
    ap.add_argument("--data", default="data/stories/v2")
    ap.add_argument("--n", type=int, default=120)
    a = ap.parse_args()

    import polars as pl

    from optmodel.model.pointer import load, load_tokenizer
    from optmodel.model.ptrain import validate

    rows = pl.read_parquet(f"{a.data}/val.parquet").head(a.n).to_dicts()
    model, tok = load(a.model), load_tokenizer(a.model)
    details: list[dict] = []
    validate(model, tok, rows, details=details)

    def shape(program: str) -> list[str]:
        return sorted(re.sub(r"x\d", "X", line.strip()) for line in program.strip().splitlines())

    wrong = [(r, d) for r, d in zip(rows, details, strict=True) if not d["correct"]]
    index_only = sum(shape(d["program"]) == shape(r["program"]) for r, d in wrong)
    print("| model | rows | wrong programs | of which only variable indices wrong |")
    print("|---|---|---|---|")
    print(f"| {a.model} | {len(rows)} | {len(wrong)} | {index_only} |")


if __name__ == "__main__":
    main()
