"""The NL toolkit's renderings and the number checker that the pipeline applies to every pair."""

from __future__ import annotations

import random

import pytest

from optmodel.parser import parse
from optmodel.synth import nl
from optmodel.synth.numbers import formulation_numbers, missing_numbers, text_numbers

FORM = """
## Sets
P = {chairs, tables}

## Parameters
profit[P] = {chairs: 45, tables: 1200}
share = 30%

## Variables
x[P] integer, >= 0

## Objective
maximize sum(profit[p] * x[p] for p in P)

## Constraints
wood: 3.5 * x[chairs] + 12 * x[tables] <= 2500
mix: x[chairs] >= share * sum(x[p] for p in P)
ratio: x[chairs] <= 2 * x[tables]
"""


@pytest.mark.parametrize(
    "text, value",
    [
        ("$1,200", 1200),
        ("twelve", 12),
        ("three hundred twenty-five", 325),
        ("30%", 0.3),
        ("30 percent", 0.3),
        ("thirty percent", 0.3),
        ("twice", 2),
        ("half", 0.5),
        ("4.5 hours", 4.5),
        ("one thousand two hundred", 1200),
        ("2,500.75 dollars", 2500.75),
        ("a quarter", 0.25),
    ],
)
def test_text_numbers_understands_renderings(text, value):
    assert any(abs(v - value) < 1e-9 for v in text_numbers(text))


def test_formulation_numbers_skip_structure():
    nums = sorted(formulation_numbers(parse(FORM)))
    assert nums == [0.3, 2, 3.5, 12, 45, 1200, 2500]


def test_checker_passes_and_fails():
    good = (
        "Chairs earn $45 and tables $1,200. A chair uses 3.5 board feet of wood and a table twelve; "
        "2,500 are available. At least 30% of the items must be chairs, and at most twice as many chairs as tables."
    )
    assert missing_numbers(FORM, good) == []
    assert missing_numbers(FORM, good.replace("$1,200", "$1,300")) == [1200]
    assert missing_numbers(FORM, good.replace("twice", "three times")) == [2]


def test_renderings_round_trip_through_the_checker():
    rng = random.Random(0)
    for _ in range(300):
        x = rng.choice([rng.randint(0, 30), rng.randint(0, 200000), round(rng.uniform(0, 999), 2)])
        for text in (nl.num(rng, x), nl.money(rng, x), nl.qty(rng, x, "hour")):
            assert any(abs(v - x) < 1e-9 for v in text_numbers(text)) or x in (0, 1), text
        frac = rng.choice([0.05, 0.1, 0.125, 0.25, 0.3, 0.5, 0.75, 0.045])
        assert any(abs(v - frac) < 1e-9 for v in text_numbers(nl.percent(rng, frac))), nl.percent(rng, frac)
        k = rng.choice([2, 3, 4, 1.5, 2.5])
        assert any(abs(v - k) < 1e-9 for v in text_numbers(nl.times(rng, k)))


def test_choices_and_arrange_are_deterministic():
    a = nl.v(random.Random(3), "The [company|firm|business] [makes|builds] [chairs|] today.")
    b = nl.v(random.Random(3), "The [company|firm|business] [makes|builds] [chairs|] today.")
    assert a == b and "[" not in a and "  " not in a
    texts = {
        nl.arrange(random.Random(s), ["Intro."], ["A.", "B.", "C.", "D."], "How many?", noise=["N."])
        for s in range(30)
    }
    assert len(texts) > 5
    assert all(t.startswith("Intro.") and t.endswith("How many?") for t in texts)
    assert nl.arrange(random.Random(0), [], ["A."], "Find the plan?").endswith("Find the plan.")
    assert nl.words(325) == "three hundred twenty-five" and nl.join(["a", "b"]) == "a and b"
