"""Multi-instruction pairs: repair pairs carry a real error from the real parser/compiler/solver."""

from __future__ import annotations

import random

import optmodel
from optmodel.instructions import build_examples, corrupt, diagnose

GOOD = """## Variables
x integer, >= 0
y integer, >= 0
## Objective
minimize 20 * x + 40 * y
## Constraints
cap: 10 * x + 8 * y >= 300
trips: x <= 12
share: y >= 0.6 * (x + y)
"""


def test_diagnose_accepts_a_good_formulation_and_reports_bad_ones():
    assert diagnose(GOOD) is None
    assert "zz" in diagnose(GOOD.replace("20 * x", "20 * zz"))
    msg = diagnose(GOOD.replace("cap: 10 * x + 8 * y >= 300", "cap: 10 * x + 8 * y <= -5"))
    assert "infeasible" in msg


def test_corruptions_always_break_the_formulation():
    rng = random.Random(0)
    seen = 0
    for _ in range(30):
        got = corrupt(GOOD, rng)
        if got is None:
            continue
        bad, error = got
        seen += 1
        assert bad != GOOD
        assert error and diagnose(bad) is not None
    assert seen >= 20


def test_build_examples_is_deterministic_and_mixes_instructions():
    rows = [{"nl": f"Problem {i}: minimise trips.", "formulation": GOOD} for i in range(40)]
    a = build_examples(rows, seed=1, repair_fraction=0.5)
    b = build_examples(rows, seed=1, repair_fraction=0.5)
    assert a == b
    plain = [r for r, _ in a if r.faulty is None]
    repair = [r for r, _ in a if r.faulty is not None]
    assert len(plain) == 40
    assert 10 <= len(repair) <= 30
    for request, target in a:
        assert target == GOOD
        if request.faulty is not None:
            assert request.error and request.faulty != GOOD
    assert optmodel.parse(a[0][1])
    assert build_examples(rows, seed=1, repair_fraction=0.0) == [(r, t) for r, t in a if r.faulty is None]
