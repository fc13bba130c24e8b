"""The story generators as synthesis families (optmodel.synth.stories.family): one pipeline, so a
story pair read back into a training row must be the generator's own program, and named."""

from __future__ import annotations

import json
import random

import pytest

from optmodel.model.synthrows import convert, rows_from_synth
from optmodel.synth.instance import make_instance
from optmodel.synth.stories.family import StoryFamily, variable_names

GENERATORS = ["production", "covering", "abstract", "money"]


@pytest.mark.parametrize("name", GENERATORS)
@pytest.mark.parametrize("level", [0, 1])
def test_a_story_instance_reads_back_as_the_generators_program(name, level):
    family = StoryFamily(name, tags=())
    rng = random.Random(level)
    named = 0
    for _ in range(40):
        spec = family.sample(rng, 1, {"wording": level})
        assert spec.knobs["wording"] == level
        text, program = spec.story["text"], spec.story["program"]
        assert family.describe(spec, rng) == text
        got = convert(text, family.formulation(spec))
        assert got is not None and got[0] == program
        named += got[1] is not None
    assert named >= 30


def test_a_story_family_draws_both_wordings_and_is_seeded():
    a = [make_instance("story_covering", seed, 1) for seed in range(12)]
    b = [make_instance("story_covering", seed, 1) for seed in range(12)]
    assert [(x.nl, x.formulation, x.optimum) for x in a] == [(x.nl, x.formulation, x.optimum) for x in b]
    assert {x.knobs["wording"] for x in a} == {0, 1}


def test_variables_are_named_only_where_the_name_finds_their_first_mention():
    text = "A shop sells 65-inch TVs and projectors. Each TV earns $40."
    assert variable_names(text, [["65-inch TVs"], ["projectors"]]) is None  # `n_65_inch_tvs` is not in the text
    assert variable_names("Coffee tables and desks.", [["coffee tables"], ["desks"]]) == ["coffee_tables", "desks"]
    assert variable_names("Desks and tables.", [["desks"], ["chairs"]]) is None


def test_story_families_go_through_the_pipeline_into_rows_with_repairs(tmp_path):
    from optmodel.synth import synthesize

    out = tmp_path / "synth"
    summary = synthesize(["story_production", "story_money"], per_family=12, out=out, progress=False)
    assert summary["verified"] >= 20
    rows = rows_from_synth(out, repair_fraction=1.0, seed=3, progress=False)
    plain = [r for r in rows if r["kind"] == "formulate"]
    repairs = [r for r in rows if r["kind"] == "repair"]
    assert {r["generator"] for r in plain} == {"synth:story_production", "synth:story_money"}
    assert repairs and all("error:" in r["extra"] for r in repairs)
    assert {r["id"].removesuffix("-repair") for r in repairs} <= {r["id"] for r in plain}
    assert sum(r["names"] is not None for r in plain) >= 0.7 * len(plain)
    assert all(len(json.loads(r["names"])) == len(r["program"].split("\n", 1)[0].split()) for r in plain if r["names"])
    assert rows == rows_from_synth(out, repair_fraction=1.0, seed=3, progress=False)  # deterministic


def test_a_ratio_below_one_stays_a_ratio():
    text = "Make chairs and tables. Chairs earn $3, tables $5. Tables may be at most 0.4 times the chairs. 10 hours."
    fe = "## Variables\nchairs >= 0\ntables >= 0\n## Objective\nmaximize 3*chairs + 5*tables\n## Constraints\nc1: tables <= 0.4*chairs\nc2: chairs + tables <= 10\n"
    program, _ = convert(text, fe)
    assert "x2 <= 0.4 x1" in program.splitlines()
