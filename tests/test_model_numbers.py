"""Numbers as pointers and the scalar flattening: exact round trips, no invented values."""

from __future__ import annotations

import random

import pytest

import optmodel
from optmodel.model.flatten import flatten
from optmodel.model.numbers import fill_numbers, mask_numbers, point_numbers, strip_comments


def test_mask_numbers_normalises_percent_words_and_multipliers():
    text = "Make at least 60% canoes, twice as many boats, three trucks and half of the vans for $15,000 or 2.5 million."
    masked, values = mask_numbers(text)
    assert values == [0.6, 2, 3, 0.5, 15000, 2500000]
    assert "<n0> percent" in masked and "<n1> times as many" in masked
    assert "60" not in masked and "15,000" not in masked


def test_written_fractions_and_and_a_half_become_one_mention_each():
    text = "Use three-quarters of the steel, two thirds of the glass, one and a half times the wood and 2 and a half tons."
    masked, values = mask_numbers(text)
    assert values == [0.75, pytest.approx(2 / 3), 1.5, 2.5]
    assert masked.startswith("Use <n0> of the steel, <n1> of the glass, <n2> times the wood and <n3> tons")
    # an ordinal is not a fraction
    assert mask_numbers("The third machine runs 8 hours.")[1] == [8]


def test_equal_values_share_one_placeholder():
    masked, values = mask_numbers("Each chair needs 4 hours and each table 4 hours.")
    assert values == [4]
    assert masked.count("<n0>") == 2


def test_point_and_fill_round_trip():
    _, values = mask_numbers("Boats carry 10 ducks, canoes 8; at least 60% canoes; 300 ducks.")
    fe = "## Variables\nx >= 0\ny >= 0\n## Objective\nminimize 20 * x + 40 * y  # time\n## Constraints\nc: 10 * x + 8 * y >= 300\ns: y >= 60% * (x + y)\nr: x <= 1"
    pointed = point_numbers(strip_comments(fe), values)
    assert "<n0> * x + <n1> * y >= <n3>" in pointed
    assert "y >= <n2> * (x + y)" in pointed
    assert "20 * x" in pointed  # not mentioned in the text: stays literal
    assert "x <= 1" in pointed  # 0 and 1 stay literal
    assert "# time" not in pointed
    assert optmodel.parse(fill_numbers(pointed, values)) == optmodel.parse(fe.replace("60%", "0.6"))


def test_fill_leaves_unknown_pointer_for_the_parser_to_report():
    assert fill_numbers("x <= <n7>", [1.5]) == "x <= <n7>"


INDEXED = """
## Sets
P = {a, b, c}
R = {wood, labor}
## Parameters
profit[P] = {a: 3, b: 5, c: 4}
use[R, P] = {wood: {a: 1, b: 2, c: 0}, labor: {a: 2, b: 1, c: 3}}
cap[R] = {wood: 40, labor: 60}
share = 0.2
## Variables
make[P] integer, >= 0
## Objective
maximize sum(profit[p] * make[p] for p in P)
## Constraints
capacity[r in R]: sum(use[r, p] * make[p] for p in P) <= cap[r]
mix: make[c] >= share * sum(make[p] for p in P)
"""


def test_flatten_keeps_the_optimum_and_writes_scalars():
    flat = flatten(INDEXED)
    assert flat is not None
    assert "sum(" not in flat and "[" not in flat
    assert "0 * x" not in flat  # zero coefficients dropped
    assert "x3 >= 0.2 * (x1 + x2 + x3)" in flat  # arithmetic kept as written, not folded
    a, b = optmodel.solve(INDEXED), optmodel.solve(flat)
    assert a.status == b.status == "optimal"
    assert a.objective == pytest.approx(b.objective)


def test_flatten_rejects_what_it_cannot_read():
    assert flatten("## Objective\nminimize y") is None


def test_flatten_matches_synthesised_instances():
    from optmodel.synth.instance import make_instance

    inst = make_instance("product_mix", 7, 2)
    flat = flatten(inst.formulation)
    assert flat is not None
    assert optmodel.solve(flat).objective == pytest.approx(inst.optimum, rel=1e-6)


def test_wordprob_text_states_every_formulation_number():
    from optmodel.model.wordprob import sample

    rng = random.Random(3)
    for _ in range(20):
        text, fe = sample(rng)
        _, values = mask_numbers(text)
        pointed = point_numbers(fe, values)
        # every number left literal is structure (0, 1 or a variable/constraint suffix)
        import re

        literals = {float(x) for x in re.findall(r"(?<![\w.<])\d+(?:\.\d+)?(?![\w>])", pointed)}
        assert literals <= {0.0, 1.0}, (text, pointed)


def test_salvage_drops_only_broken_and_repeated_lines():
    from optmodel.model.salvage import salvage

    good = "## Variables\nx1 >= 0\nx2 >= 0\n## Objective\nmaximize 4 * x1 + 3 * x2\n## Constraints\nc1: x1 + x2 <= 4\nc2: x1 <= 3\n"
    assert salvage(good) == good
    broken = good.replace(
        "c2: x1 <= 3\n",
        "c2: x1 <= 3\nc3: x1 <= 3\nc4: 2 * x1 + 8 * x2 + 8 * x2 +\nc5: x1 + x9 <= 2\nc6: x2: x2: x2\n",
    )
    broken = broken.replace("x2 >= 0\n", "x2 >= 0\nx2 >= 0\n")
    fixed = salvage(broken)
    assert optmodel.parse(fixed) == optmodel.parse(good)
    assert optmodel.solve(fixed).objective == pytest.approx(15)
