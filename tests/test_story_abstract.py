"""The abstract resource-allocation generator: stated numbers, solvable programs, determinism, variety."""

from __future__ import annotations

import random

from optmodel.model.numbers import find_numbers
from optmodel.model.program import to_five_element, to_tokens
from optmodel.model.stories import first_mention
from optmodel.model.stories.abstract import sample, sample_named
from optmodel.solver import solve

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


def test_sample_named_matches_sample():
    for seed in range(200):
        assert sample_named(random.Random(seed))[:2] == sample(random.Random(seed))
    a, b = random.Random(5), random.Random(5)
    assert [sample(a) for _ in range(50)] == [sample_named(b)[:2] for _ in range(50)]


def test_names_anchor_each_variable_at_a_distinct_place():
    good = 0
    for seed in range(300):
        text, program, names = sample_named(random.Random(seed))
        assert len(names) == len(program.splitlines()[0].split())
        assert all(names) and all(isinstance(s, str) and s for nm in names for s in nm)
        anchors = [first_mention(text, nm) for nm in names]
        good += None not in anchors and len(set(anchors)) == len(anchors)
    assert good >= 0.97 * 300
