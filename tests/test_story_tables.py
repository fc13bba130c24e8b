"""The story generators' phrase tables live in datasets/stories/*.yaml (issue 17, item 1), and
moving them there changed no sample: the same seed gives byte-identical (text, program, names).

FINGERPRINTS were computed BEFORE the tables moved, from the generators as they were at commit
1e66f67 (tables as Python literals), with:

    git checkout 1e66f67
    python -c "import hashlib, json, random; from optmodel.synth.stories import _module
    for g in ['production', 'covering', 'abstract', 'money']:
        for seed in range(3):
            rng, h = random.Random(seed), hashlib.sha256()
            for _ in range(100):
                h.update((json.dumps(list(_module(g).sample_named(rng))) + chr(10)).encode())
            print(g, seed, h.hexdigest()[:16])"

(a 300-samples-per-seed dump of the same code, and 2,000 samples for each of seeds 10-15, were
also compared byte for byte after the move). A deliberate change of a table or a generator
changes these; then recompute them with the same lines on the new code and say why in the commit.
"""

from __future__ import annotations

import hashlib
import json
import random

import pytest

from optmodel.synth.stories import _module

FINGERPRINTS = {
    ("production", 0): "a82d23434239d843",
    ("production", 1): "1bf9a66a3c9e21a8",
    ("production", 2): "6b37e4a6dd3c3a6d",
    ("covering", 0): "6d4a5bb753e0d1fa",
    ("covering", 1): "d25572e53ef37870",
    ("covering", 2): "b7adc443cb9d5749",
    ("abstract", 0): "162de0b99488a369",
    ("abstract", 1): "48cd2fbadffa81b8",
    ("abstract", 2): "7c4d11cded0b245b",
    ("money", 0): "62e71ccd5bd8d5b3",
    ("money", 1): "5c650a8ec8615e7e",
    ("money", 2): "b1eb037aedc25e58",
}


def fingerprint(generator: str, seed: int, n: int = 100) -> str:
    rng, h = random.Random(seed), hashlib.sha256()
    for _ in range(n):
        h.update((json.dumps(list(_module(generator).sample_named(rng))) + "\n").encode())
    return h.hexdigest()[:16]


@pytest.mark.parametrize(("generator", "seed"), sorted(FINGERPRINTS))
def test_same_seed_same_samples_as_before_the_tables_moved(generator, seed):
    assert fingerprint(generator, seed) == FINGERPRINTS[(generator, seed)]


def test_tables_are_read_from_the_data_files():
    from optmodel.synth.stories import covering, production
    from optmodel.synth.stories.tables import load_tables, stories_dir

    assert (stories_dir() / "production.yaml").is_file()
    assert production.DOMAINS == load_tables("production")["domains"]
    assert load_tables("production") is not load_tables("production")  # fresh containers per call
    # constructors named by the generator turn table entries into options
    option = covering.D[0]["pool"][0]
    assert option["names"] == ["boat trip", "boat trips"] and option["q"](3) == "3 boat trips"


def test_a_missing_or_broken_table_file_is_a_clear_error(tmp_path, monkeypatch):
    from optmodel.errors import OptModelError
    from optmodel.synth.stories import tables

    monkeypatch.setattr(tables, "stories_dir", lambda: tmp_path)
    tables._read.cache_clear()
    try:
        with pytest.raises(OptModelError, match="has no phrase tables"):
            tables.load_tables("production")
        (tmp_path / "production.yaml").write_text("domains: [unclosed\n")
        with pytest.raises(OptModelError, match="not valid YAML"):
            tables.load_tables("production")
        (tmp_path / "production.yaml").write_text("- a list, not a mapping\n")
        with pytest.raises(OptModelError, match="expected a mapping"):
            tables.load_tables("production")
    finally:
        tables._read.cache_clear()


def test_the_wheel_ships_the_tables():
    import tomllib
    from pathlib import Path

    pyproject = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())
    include = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert include["datasets/stories"] == "optmodel/_data/stories"
