"""The money/land/time/mixture generator: stated numbers, solvable programs, determinism, variety."""

from __future__ import annotations

import random

from optmodel.model.numbers import find_numbers
from optmodel.model.program import to_five_element, to_tokens
from optmodel.solver import solve
from optmodel.synth.stories.money import sample


def _samples(n: int = 300) -> list[tuple[str, str]]:
    return [sample(random.Random(seed)) for seed in range(n)]


def test_programs_point_at_stated_numbers_and_solve():
    out = _samples()
    kinds: set[str] = set()
    for k, (text, program) in enumerate(out):
        to_tokens(program, find_numbers(text)[0])
        letters = program.splitlines()[0].split()
        assert 2 <= len(letters) <= 4
        kinds.update(letters)
        if k % 5 == 0:
            assert solve(to_five_element(program), duals=False, iis=False).status == "optimal", (
                text,
                program,
            )
    assert kinds == {"I", "R"}
    assert len({t for t, _ in out}) >= 0.95 * len(out)


def test_same_seed_same_sample():
    for seed in (0, 7, 123):
        assert sample(random.Random(seed)) == sample(random.Random(seed))
