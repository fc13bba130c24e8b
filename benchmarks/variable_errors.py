"""How many of a pointer model's wrong programs on synthetic validation rows are variable-index
errors (the gold program with only the xK indices changed), and, for an anchored model, how
often it points at the gold anchors.

    .venv/bin/python benchmarks/variable_errors.py models/default --data data/stories/v2 --n 120
"""

from __future__ import annotations

import argparse
import json
import re


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model")
    ap.add_argument("--data", default="data/stories/v2")
    ap.add_argument("--n", type=int, default=120)
    a = ap.parse_args()

    import polars as pl

    from optmodel.evaluate import is_correct
    from optmodel.model.pointer import decode, encode_source, load, load_tokenizer
    from optmodel.model.program import from_tokens, to_five_element
    from optmodel.solver import solve

    rows = pl.read_parquet(f"{a.data}/val.parquet").head(a.n).to_dicts()
    model, tok = load(a.model), load_tokenizer(a.model)
    sources = [encode_source(tok, r["text"]) for r in rows]
    anchors: list[list[int]] = []
    outputs = decode(model, sources, max_len=model.config.max_target, anchors=anchors)

    def shape(program: str) -> list[str]:
        return sorted(re.sub(r"x\d", "X", line.strip()) for line in program.strip().splitlines())

    wrong = index_only = anchored = with_gold = 0
    for row, src, tokens, anc in zip(rows, sources, outputs, anchors, strict=True):
        if row["anchors"] and anc:
            with_gold += 1
            anchored += anc == encode_source(tok, row["text"], anchor_chars=json.loads(row["anchors"])).anchors
        program = from_tokens(tokens, src.values)
        sol = solve(to_five_element(program), duals=False, iis=False, time_limit=10)
        if not (sol.status == "optimal" and is_correct(sol.objective, row["optimum"])):
            wrong += 1
            index_only += shape(program) == shape(row["program"])
    print("| model | rows | wrong programs | of which only variable indices wrong | anchors right |")
    print("|---|---|---|---|---|")
    print(f"| {a.model} | {len(rows)} | {wrong} | {index_only} | "
          f"{f'{anchored} / {with_gold}' if with_gold else '-'} |")


if __name__ == "__main__":
    main()
