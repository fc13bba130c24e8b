"""The abstract resource-allocation generator: stated numbers, solvable programs, determinism, variety."""

from __future__ import annotations

import random

from optmodel.model.numbers import find_numbers
from optmodel.model.program import to_five_element, to_tokens
from optmodel.solver import solve
from optmodel.synth.stories.abstract import sample

N = 300


def _samples(seed: int = 0, n: int = N) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    return [sample(rng) for _ in range(n)]


def _five_element(program: str) -> str:
    return to_five_element(program)


def test_numbers_are_stated_and_shapes_hold():
    kinds: set[str] = set()
    for text, program in _samples():
        to_tokens(program, find_numbers(text)[0])
        lines = program.splitlines()
        assert 2 <= len(lines[0].split()) <= 4
        assert 1 <= len(lines) - 2 <= 6
        kinds.update(lines[0].split())
    assert kinds == {"I", "R"}


def test_samples_solve_to_optimal():
    for text, program in _samples(seed=1, n=60):
        sol = solve(_five_element(program), duals=False, iis=False, time_limit=10)
        assert sol.status == "optimal", (text, program)


def test_deterministic_and_varied():
    a, b = _samples(seed=3, n=50), _samples(seed=3, n=50)
    assert a == b
    texts = {t for t, _ in _samples()}
    assert len(texts) >= 0.95 * N
