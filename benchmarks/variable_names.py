"""How well a pointer model's naming head names the variables (optmodel.model.naming).

    .venv/bin/python benchmarks/variable_names.py models/default --data data/stories/v3 --n 200 \
        --problems datasets/fresh/textbook.jsonl --list

On synthetic validation rows: the share where every variable gets the name of its gold first
mention, given the true number of variables. On problem files (jsonl with `question`, no gold
names): the share of problems named at all for the variable count of the model's greedy program,
and with `--list` each problem's names beside the start of its text, to be read by a person.
"""

from __future__ import annotations

import argparse
import json


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model")
    ap.add_argument("--data", default=None, help="story rows (val.parquet) with gold names")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--problems", nargs="*", default=[], help="jsonl files of problems (field `question`)")
    ap.add_argument("--list", action="store_true", help="print each problem's names")
    a = ap.parse_args()

    import polars as pl

    from optmodel.model.naming import variable_names
    from optmodel.model.pointer import encode_source, load, load_tokenizer
    from optmodel.model.pointer_formulator import PointerFormulator, _variable_count
    from optmodel.model.ptrain import validate_names

    model, tok = load(a.model), load_tokenizer(a.model)
    print("| source | problems | named | names right |")
    print("|---|---|---|---|")
    if a.data:
        rows = pl.read_parquet(f"{a.data}/val.parquet").head(a.n).to_dicts()
        r = validate_names(model, tok, rows)
        print(f"| {a.data} (synthetic, gold names) | {r['val_names_n']} | {100 * r['val_named']:.1f} % | "
              f"{100 * r['val_names']:.1f} % |")
    formulator = PointerFormulator(a.model, rank_samples=0) if a.problems else None
    listed = []
    for path in a.problems:
        questions = [json.loads(line)["question"] for line in open(path) if line.strip()]
        programs = formulator.programs(questions)
        named = 0
        for q, p in zip(questions, programs, strict=True):
            n = _variable_count(p)
            names = variable_names(model, encode_source(tok, q, None, model.config.max_source), [n]).get(n)
            named += names is not None
            listed.append((path, n, names, " ".join(q.split())[:110]))
        print(f"| {path} | {len(questions)} | {100 * named / max(1, len(questions)):.1f} % | (read below) |")
    if a.list:
        for path, n, names, head in listed:
            print(f"- {path.rsplit('/', 1)[-1]} | {n} vars | {', '.join(names) if names else '(x1..xn)'} | {head}")


if __name__ == "__main__":
    main()
