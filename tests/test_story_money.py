"""The money/land/time/mixture generator: stated numbers, solvable programs, determinism, variety."""

from __future__ import annotations

import random

from optmodel.model.numbers import find_numbers
from optmodel.model.program import to_five_element, to_tokens
from optmodel.model.stories import first_mention
from optmodel.model.stories.money import sample, sample_named
from optmodel.solver import solve


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


def test_sample_is_sample_named_without_names():
    for seed in range(200):
        assert sample(random.Random(seed)) == sample_named(random.Random(seed))[:2]
    a, b = random.Random(0), random.Random(0)
    assert [sample(a) for _ in range(100)] == [sample_named(b)[:2] for _ in range(100)]


def test_names_anchor_each_variable_at_a_distinct_place():
    ok = 0
    for seed in range(400):
        text, program, names = sample_named(random.Random(seed))
        assert len(names) == len(program.splitlines()[0].split())
        anchors = [first_mention(text, n) for n in names]
        if None not in anchors and len(set(anchors)) == len(anchors):
            ok += 1
            # variables are numbered by first mention, so their anchors come in text order
            assert anchors == sorted(anchors), (text, names)
    assert ok >= 0.97 * 400
