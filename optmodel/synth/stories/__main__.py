"""`python -m optmodel.synth.stories NAME [--n N] [--show K] [--seed S] [--variety L]`: check a generator.

Every sample must state all its numbers, convert to five-element text and solve to optimality.
"""

from __future__ import annotations

import argparse
import random

from optmodel.model.numbers import find_numbers
from optmodel.model.program import to_five_element, to_tokens
from optmodel.solver import solve
from optmodel.synth.stories import sampler
from optmodel.synth.stories.variety import wording


def check(name: str, n: int, show: int, seed: int) -> None:
    sample = sampler(name)
    rng = random.Random(seed)
    texts, bad, lengths = set(), 0, []
    for i in range(n):
        text, program = sample(rng)
        values, _ = find_numbers(text)
        tokens = to_tokens(program, values)
        fe = to_five_element(program)
        sol = solve(fe, duals=False, iis=False, time_limit=10)
        lengths.append(len(tokens))
        texts.add(text)
        if sol.status != "optimal":
            bad += 1
            print(f"--- NOT OPTIMAL ({sol.status}) ---\n{text}\n{program}\n")
        if i < show:
            print(f"--- sample {i} (objective {sol.objective}) ---\n{text}\n{program}\n")
    print(
        f"{name}: {n} samples, {len(texts)} distinct texts, {bad} not optimal, "
        f"target tokens mean {sum(lengths) / n:.1f} max {max(lengths)}"
    )


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("name")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--show", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--variety", type=int, default=0, choices=[0, 1], help="wording level (stories.variety)")
    a = ap.parse_args()
    with wording(a.variety):
        check(a.name, a.n, a.show, a.seed)
