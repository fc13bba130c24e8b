"""Every story generator names each variable's entity (what the variable decides, for naming
variables), without changing what it draws: sample_named(rng)[:2] is sample(rng), and the names
find each variable at its own place in the text."""

from __future__ import annotations

import importlib
import random

import pytest

from optmodel.synth.stories import first_mention

GENERATORS = ["production", "covering", "abstract", "money", "demo"]


@pytest.mark.parametrize("name", GENERATORS)
def test_sample_named_draws_like_sample(name):
    gen = importlib.import_module(f"optmodel.synth.stories.{name}")
    for seed in range(200):
        assert gen.sample(random.Random(seed)) == gen.sample_named(random.Random(seed))[:2]
    a, b = random.Random(0), random.Random(0)
    assert [gen.sample(a) for _ in range(50)] == [gen.sample_named(b)[:2] for _ in range(50)]


@pytest.mark.parametrize("name", GENERATORS)
def test_names_find_each_variable_at_a_distinct_place(name):
    gen = importlib.import_module(f"optmodel.synth.stories.{name}")
    found = 0
    for seed in range(300):
        text, program, names = gen.sample_named(random.Random(seed))
        assert len(names) == len(program.splitlines()[0].split())
        assert all(isinstance(s, str) and s.strip() for ns in names for s in ns)
        places = [first_mention(text, ns) for ns in names]
        # variables are numbered by first mention, so their names come in text order (a rare
        # name that also occurs earlier as an ordinary word, like "storage", breaks that)
        found += None not in places and len(set(places)) == len(places) and places == sorted(places)
    assert found >= 0.97 * 300
