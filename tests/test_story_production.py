"""The production story generator: stated numbers, solvable programs, determinism and variety."""

from __future__ import annotations

import random

from optmodel.model.numbers import find_numbers
from optmodel.model.program import to_five_element, to_tokens
from optmodel.solver import solve
from optmodel.synth.stories.production import sample


def _samples(n: int = 300) -> list[tuple[str, str]]:
    return [sample(random.Random(seed)) for seed in range(n)]


def test_programs_point_at_stated_numbers_and_solve():
    out = _samples()
    kinds = set()
    for i, (text, program) in enumerate(out):
        to_tokens(program, find_numbers(text)[0])
        fe = to_five_element(program)
        letters = program.splitlines()[0].split()
        assert 2 <= len(letters) <= 4
        kinds.update(letters)
        assert 1 <= len(program.splitlines()) - 2 <= 6
        if i % 5 == 0:
            assert solve(fe, duals=False, iis=False).status == "optimal", (text, program)
    assert kinds == {"I", "R"}
    assert len({t for t, _ in out}) >= 0.95 * len(out)


def test_same_seed_same_output():
    assert sample(random.Random(123)) == sample(random.Random(123))
    rng_a, rng_b = random.Random(5), random.Random(5)
    assert [sample(rng_a) for _ in range(20)] == [sample(rng_b) for _ in range(20)]
