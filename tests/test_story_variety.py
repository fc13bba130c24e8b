"""Wording levels of the story generators (optmodel.synth.stories.variety): level 0 is the text
the default checkpoint was trained on; level 1 adds details, grids and phrasings and must still
give correct (text, program) pairs."""

from __future__ import annotations

import random

import pytest

from optmodel.model.numbers import find_numbers
from optmodel.model.program import to_five_element, to_tokens
from optmodel.solver import solve
from optmodel.synth.stories import _module, draw, first_mention
from optmodel.synth.stories.variety import add_detail, level, wording

GENERATORS = ["production", "covering", "abstract", "money"]


@pytest.mark.parametrize("name", GENERATORS)
def test_level_0_is_the_generator_itself(name):
    assert level() == 0
    for seed in range(30):
        assert draw(name, random.Random(seed)) == _module(name).sample_named(random.Random(seed))


@pytest.mark.parametrize("name", GENERATORS)
def test_level_1_pairs_state_their_numbers_solve_and_name_variables_in_order(name):
    changed = in_order = 0
    with wording(1):
        assert level() == 1
        samples = [draw(name, random.Random(seed)) for seed in range(120)]
    assert level() == 0
    for seed, (text, program, names) in enumerate(samples):
        to_tokens(program, find_numbers(text)[0])  # raises when a program number is not in the text
        assert solve(to_five_element(program), duals=False, iis=False, time_limit=10).status == "optimal"
        places = [first_mention(text, ns) for ns in names]
        in_order += None not in places and places == sorted(places)
        changed += text != _module(name).sample_named(random.Random(seed))[0]
    assert in_order >= 0.95 * len(samples)
    assert changed >= 0.3 * len(samples)


@pytest.mark.parametrize("name", ["production", "covering"])
def test_level_1_writes_some_data_as_grids(name):
    with wording(1):
        texts = [draw(name, random.Random(seed))[0] for seed in range(80)]
    grids = [t for t in texts if "\n|---" in t]
    assert len(grids) >= 10
    assert all(line.startswith("|") for t in grids for line in t.split("\n")[1:-1] if "|" in line)


def test_a_detail_goes_between_sentences_with_a_number_the_text_does_not_state():
    text = "A shop makes chairs and tables. Each chair earns $5. Each table earns $7. Mr. Lee asks how many to make."
    names = [["chair", "chairs"], ["table", "tables"]]
    seen = set()
    for seed in range(40):
        out = add_detail(random.Random(seed), text, names)
        seen.add(out)
        assert out.startswith("A shop makes chairs and tables. ") and out.endswith(
            "Mr. Lee asks how many to make."
        )
        assert "Mr. " + "Lee" in out and set(find_numbers(text)[0]) <= set(find_numbers(out)[0])
        extra = set(find_numbers(out)[0]) - set(find_numbers(text)[0])
        assert len(extra) <= 1 and not extra & {5, 7}
    assert len(seen) > 5
    assert add_detail(random.Random(0), "One sentence only.", names) == "One sentence only."


def test_a_detail_that_would_change_which_variable_is_named_first_is_left_out(monkeypatch):
    from optmodel.synth.stories import variety

    monkeypatch.setattr(
        variety, "phrases", lambda: {"details": [["The plan was made by {n} analysts.", 2, 9]]}
    )
    text = "A firm sells goods. Tables earn $7. Analysts earn $9. What is best?"
    names = [["tables"], ["analysts"]]
    outs = {add_detail(random.Random(seed), text, names) for seed in range(30)}
    # after the first sentence the detail would name the analysts before the tables: never put there
    assert all(first_mention(o, ["tables"]) < first_mention(o, ["analysts"]) for o in outs)
    assert "A firm sells goods. Tables earn $7. The plan was made by" in " ".join(outs)


@pytest.mark.parametrize("name", GENERATORS)
def test_more_sentences_reword_existing_templates_with_their_own_fields(name):
    import re

    from optmodel.synth.stories.tables import load_tables

    tables = load_tables(name)
    base, more = tables["sentences"], tables.get("more_sentences", {})
    assert more, "level 1 adds wordings to every generator"
    for key, extra in more.items():
        assert key in base, key
        fields = {f for t in base[key] for f in re.findall(r"\{(\w+)", t)}
        for template in extra:
            assert set(re.findall(r"\{(\w+)", template)) <= fields, (key, template)
            assert not re.search(r"\d", template), (key, template)  # numbers come from the generator
    phrases = _module(name).SENTENCES
    key = next(iter(more))
    assert phrases[key] is base[key] or phrases[key] == base[key]
    with wording(1):
        assert phrases[key] == base[key] + more[key]
