"""Number mentions in problem text (optmodel.model.numbers.find_numbers): normalised values, one
mention per written number, equal values shared, so the pointer model can point at each exactly."""

from __future__ import annotations

import pytest

from optmodel.model.numbers import find_numbers


def _mentions(text: str) -> list[tuple[str, float]]:
    values, spans = find_numbers(text)
    return [(text[s:e], values[k]) for s, e, k in spans]


def test_percent_words_and_multipliers_are_normalised():
    text = "Make at least 60% canoes, twice as many boats, three trucks and half of the vans for $15,000 or 2.5 million."
    values, _ = find_numbers(text)
    assert values == [0.6, 2, 3, 0.5, 15000, 2500000]
    written = [m for m, _ in _mentions(text)]
    assert "60%" in written and "twice" in written and not any(m in ("15", "000") for m in written)


def test_written_fractions_and_and_a_half_become_one_mention_each():
    text = "Use three-quarters of the steel, two thirds of the glass, one and a half times the wood and 2 and a half tons."
    values, spans = find_numbers(text)
    assert values == [0.75, pytest.approx(2 / 3), 1.5, 2.5]
    assert len(spans) == 4
    # an ordinal is not a fraction
    assert find_numbers("The third machine runs 8 hours.")[0] == [8]


def test_equal_values_share_one_value():
    values, spans = find_numbers("Each chair needs 4 hours and each table 4 hours.")
    assert values == [4]
    assert [k for _, _, k in spans] == [0, 0]
