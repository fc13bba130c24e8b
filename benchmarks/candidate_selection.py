"""How to pick one formulation out of k candidates (greedy + samples), measured on benchmark files.

    OMP_NUM_THREADS=2 .venv/bin/python benchmarks/candidate_selection.py \
        ../shared/benchmarks/dev/nl4opt.jsonl ../shared/benchmarks/dev/mamo_easy.jsonl \
        [--model models/default] [--samples 7] [--out runs/selection] [--reuse]
        [--without count-goal|expressions|whole-numbers]

Generates the candidates once (one round, no self-correction), solves each, then scores
selection rules on the same candidates, so the differences are the rules' alone:
greedy (the first candidate, or when it does not solve the first that does), vote (most common optimal objective, ties to the earlier candidate: the
SDK's self-consistency), coverage (the candidate using the most of the numbers stated in the text,
ties by vote), likelihood (the highest mean token log-probability under the model), coverage-weighted vote (each candidate votes with its coverage), line support (the
candidate whose objective and constraint lines recur most across candidates), and the oracle
(some candidate is right: the bound for any rule), likelihood + entity cues (log-probability + 0.1 x
`optmodel.model.consistency.entity_score`, the SDK's default), the same over the candidates and
their entity fixes (`entity_fix`, solved here). Prints SA per rule and file and the change
against greedy. `--reuse` scores the candidates saved in --out by an earlier run instead of
generating them again; `--without CUE` scores with one entity cue turned off (an ablation).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

_FE_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def number_coverage(problem: str, formulation: str) -> float:
    """The share of the numbers stated in `problem` (0 and 1 aside) that `formulation` uses."""
    from optmodel.model.numbers import find_numbers

    stated = [v for v in find_numbers(problem)[0] if v not in (0, 1)]
    if not stated:
        return 1.0
    used = [float(m) for m in _FE_NUMBER.findall(formulation)]
    return sum(1 for v in stated if any(abs(v - u) <= 1e-9 * max(1.0, abs(v)) for u in used)) / len(stated)


def _lines(text: str) -> set[str]:
    """The objective and constraint lines of a five-element text, labels dropped."""
    out = set()
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.add(re.sub(r"^\w+:\s*", "", line))
    return out


def generate_candidates(formulator, texts: list[str], samples: int) -> list[list[tuple[str, str, float]]]:
    """(five-element text, program, mean token log-probability) of the greedy program and `samples` more."""
    from tqdm import tqdm

    from optmodel.model.pointer_formulator import as_five_element

    out: list[list[tuple[str, str, float]]] = [[] for _ in texts]
    for s in tqdm(range(samples + 1), desc="candidates", unit="round"):
        log_probs: list[float] = []
        programs = formulator.programs(texts, temperature=0.7 if s else 0.0, seed=formulator.seed + s, log_probs=log_probs)
        for cands, program, lp in zip(out, programs, log_probs, strict=True):
            cands.append((as_five_element(program), program, lp))
    return out


def score_rules(problem: str, cands: list[dict], fixes: list[dict]) -> dict[str, dict | None]:
    """The candidate each rule picks among solved candidates (dicts with objective, coverage);
    `fixes` are the entity fixes of `cands`, which only the last entity rule sees."""
    from optmodel.formulate import _vote_key
    from optmodel.model.consistency import entity_score
    from optmodel.model.pointer_formulator import DEFAULT_ENTITY_WEIGHT

    def entity_rank(pool: list[dict]) -> dict | None:
        solved = [c for c in pool if c["objective"] is not None]
        return max(solved, key=lambda c: c["log_prob"] + DEFAULT_ENTITY_WEIGHT * entity_score(
            problem, c["program"]), default=None)

    good = [c for c in cands if c["objective"] is not None]
    if not good:
        return dict.fromkeys(RULES) | {"likelihood + entity cues + entity fixes": entity_rank(fixes)}
    votes: dict[float, int] = defaultdict(int)
    weight: dict[float, float] = defaultdict(float)
    for c in good:
        votes[_vote_key(c["objective"])] += 1
        weight[_vote_key(c["objective"])] += c["coverage"]
    order = {id(c): i for i, c in enumerate(good)}
    support = Counter(line for c in good for line in _lines(c["text"]))
    return {
        "greedy": cands[0] if cands[0]["objective"] is not None else good[0],
        "vote": max(good, key=lambda c: (votes[_vote_key(c["objective"])], -order[id(c)])),
        "coverage": max(good, key=lambda c: (round(c["coverage"], 6), votes[_vote_key(c["objective"])], -order[id(c)])),
        "coverage-weighted vote": max(good, key=lambda c: (weight[_vote_key(c["objective"])], -order[id(c)])),
        "line support": max(good, key=lambda c: (sum(support[x] for x in _lines(c["text"])), -order[id(c)])),
        "likelihood": max(good, key=lambda c: c["log_prob"]),
        "likelihood + entity cues": entity_rank(good),
        "likelihood + entity cues + entity fixes": entity_rank(good + fixes),
        "oracle (any candidate right)": None,  # scored in main: an upper bound for any rule
    }


RULES = ["greedy", "vote", "coverage", "coverage-weighted vote", "line support", "likelihood",
         "likelihood + entity cues", "likelihood + entity cues + entity fixes",
         "oracle (any candidate right)"]


def entity_fixes(problem: str, cands: list[dict]) -> list[dict]:
    """The entity fixes the SDK adds to these candidates (`_add_entity_fixes`), solved here."""
    from optmodel.formulate import check
    from optmodel.model.pointer_formulator import _add_entity_fixes
    from optmodel.model.program import to_five_element

    programs = [c["program"] for c in cands]
    log_probs = [c["log_prob"] for c in cands]
    added = _add_entity_fixes(problem, programs, log_probs)
    out = []
    for fixed, log_prob in zip(programs[len(cands) :], log_probs[len(cands) :], strict=True):
        assert fixed in added
        _, sol, error = check(to_five_element(fixed), time_limit=10)
        out.append({"text": to_five_element(fixed), "program": fixed, "log_prob": log_prob,
                    "objective": sol.objective if error is None and sol is not None else None})
    return out


# entity cues that --without can turn off, and what stands in for each (the value "the text does not say")
ABLATIONS = {
    "count-goal": ("objective_score", lambda text, program: (0.0, None)),
    "expressions": ("expression_rows", lambda text, program: []),
    "whole-numbers": ("integer_score", lambda text, program: (0.0, None)),
}


def ablate(cue: str) -> None:
    """Turn one cue of optmodel.model.consistency off for this run, for ablation tables."""
    from optmodel.model import consistency

    name, neutral = ABLATIONS[cue]
    setattr(consistency, name, neutral)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+")
    ap.add_argument("--model", default="models/default")
    ap.add_argument("--samples", type=int, default=7, help="samples besides the greedy candidate")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", default="runs/selection")
    ap.add_argument("--reuse", action="store_true", help="score the candidates saved in --out")
    ap.add_argument("--without", action="append", default=[], choices=sorted(ABLATIONS),
                    help="score with one of the entity cues turned off (repeatable)")
    a = ap.parse_args()
    for cue in a.without:
        ablate(cue)

    from tqdm import tqdm

    from optmodel.evaluate import is_correct, load_benchmark
    from optmodel.formulate import check
    from optmodel.model.pointer_formulator import PointerFormulator

    formulator = PointerFormulator(a.model)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    table = {}
    for path in a.files:
        rows = load_benchmark(path)[: a.limit]
        name = Path(path).stem
        saved = {}
        if a.reuse:
            saved = {r["id"]: r["candidates"] for r in json.loads((out / f"{name}.json").read_text())}
        else:
            outputs = generate_candidates(formulator, [r["question"] for r in rows], a.samples)
        hits = dict.fromkeys(RULES, 0)
        records = []
        for k, row in enumerate(tqdm(rows, desc=name, unit="problem")):
            if a.reuse:
                cands = [{key: c[key] for key in ("text", "program", "objective", "log_prob", "coverage") if key in c}
                         for c in saved[row["id"]][: a.samples + 1]]
            else:
                cands = []
                for text, program, log_prob in outputs[k]:
                    _, sol, error = check(text, time_limit=10)
                    objective = sol.objective if error is None and sol is not None else None
                    cands.append(
                        {"text": text, "program": program, "objective": objective, "log_prob": log_prob,
                         "coverage": number_coverage(row["question"], text)}
                    )
            picks = score_rules(row["question"], cands, entity_fixes(row["question"], cands))
            for rule, pick in picks.items():
                hits[rule] += bool(pick) and is_correct(pick["objective"], row["answer"])
            hits["oracle (any candidate right)"] += any(is_correct(c["objective"], row["answer"]) for c in cands)
            records.append({"id": row["id"], "candidates": cands})
        if not a.reuse:
            (out / f"{name}.json").write_text(json.dumps(records))
        table[name] = {rule: 100 * h / max(1, len(rows)) for rule, h in hits.items()}
    print(f"| rule | {' | '.join(table)} | change vs greedy |")
    print("|---|" + "---|" * len(table) + "---|")
    for rule in RULES:
        cells = [f"{table[n][rule]:.1f}" for n in table]
        deltas = [f"{table[n][rule] - table[n]['greedy']:+.1f}" for n in table]
        print(f"| {rule} | {' | '.join(cells)} | {', '.join(deltas)} |")


if __name__ == "__main__":
    main()
