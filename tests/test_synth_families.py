"""Every family: feasible instances at three complexity levels, all numbers stated, the
formulation round-trips through parser and printer, and a seed fixes the text."""

from __future__ import annotations

import random

import pytest

from optmodel.parser import parse
from optmodel.synth.family import families
from optmodel.synth.instance import make_instance
from optmodel.synth.numbers import missing_numbers

FAMILIES = sorted(families())


def test_there_are_families_each_with_a_seed_template_or_its_own_formulation():
    from optmodel.synth.family import Family, seeds_dir

    templated = [n for n in FAMILIES if type(families()[n]).formulation is Family.formulation]
    assert "product_mix" in templated and "story_production" in FAMILIES
    assert "story_production" not in templated  # the story families write the generator's program
    assert [n for n in templated if not (seeds_dir() / f"{n}.fe").is_file()] == []


@pytest.mark.parametrize("name", FAMILIES)
@pytest.mark.parametrize("complexity", [1, 3, 5])
def test_family_yields_sound_instances(name, complexity):
    inst = make_instance(name, "test", complexity)
    assert inst.solver_status == "optimal"
    assert missing_numbers(inst.formulation, inst.nl) == []
    assert inst.nl.rstrip().endswith(("?", ".")), inst.nl[-80:]
    # text -> formulation -> text: printing the parsed formulation and parsing it again is lossless
    form = parse(inst.formulation)
    assert parse(form.to_text()) == form


@pytest.mark.parametrize("name", FAMILIES)
def test_family_is_deterministic_and_varied(name):
    a = make_instance(name, 7, 2)
    b = make_instance(name, 7, 2)
    assert (a.nl, a.formulation, a.optimum) == (b.nl, b.formulation, b.optimum)
    texts = {make_instance(name, s, 2).nl for s in range(4)}
    assert len(texts) == 4


@pytest.mark.parametrize("name", FAMILIES)
def test_describe_states_every_number_across_phrasings(name):
    """One instance, many renderings: the checker must pass on each phrasing the family can pick."""
    fam = families()[name]
    inst_rng = random.Random(f"phrasings-{name}")
    for _ in range(5):
        spec = fam.sample(inst_rng, 2)
        text = fam.formulation(spec)
        for k in range(8):
            nl_text = fam.describe(spec, random.Random(k))
            assert missing_numbers(text, nl_text) == [], nl_text


def _fingerprints() -> dict[str, str]:
    import hashlib

    out = {}
    for name in FAMILIES:
        inst = make_instance(name, "hash-check", 2)
        out[name] = hashlib.sha256((inst.nl + inst.formulation).encode()).hexdigest()
    return out


def test_families_do_not_depend_on_hash_seed():
    """Workers are separate processes with their own string-hash seed: a family that iterates
    over a Python set would give different data per process and break determinism."""
    import json
    import os
    import subprocess
    import sys

    code = "import json, tests.test_synth_families as t; print(json.dumps(t._fingerprints()))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    res = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300, check=True
    )
    other = json.loads(res.stdout.strip().splitlines()[-1])
    here = _fingerprints()
    assert [n for n in FAMILIES if here[n] != other.get(n)] == []
