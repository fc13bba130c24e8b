"""The self-correction loop and self-consistency vote with a scripted formulator, and
`extract_formulation` on LLM-style answers."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

import optmodel
from optmodel.formulate import extract_formulation, formulate_and_solve, formulate_batch
from optmodel.formulators.base import FormulationRequest, Formulator

PROBLEM = "Make chairs (profit 3, 1 hour) and tables (profit 5, 2 hours) in 9 hours. Maximize profit."

GOOD = """\
## Variables
chairs integer, >= 0
tables integer, >= 0
## Objective
maximize 3 * chairs + 5 * tables
## Constraints
hours: chairs + 2 * tables <= 9
"""
GOOD_OPTIMUM = 27.0  # all 9 hours to chairs (3 per hour beats 2.5)

BROKEN = GOOD.replace("chairs + 2 * tables", "chairs + 2 * tabels")


class RepairingFormulator:
    """First writes a formulation with a typo; given the error, writes the fixed one."""

    name = "repairing"

    def __init__(self) -> None:
        self.requests: list[FormulationRequest] = []

    def generate(self, requests: Sequence[FormulationRequest], *, num_samples: int = 1) -> list[list[str]]:
        out = []
        for req in requests:
            self.requests.append(req)
            if req.faulty is None:
                out.append(["Sure! Here is the model:\n```\n" + BROKEN + "```\n"] * num_samples)
            elif req.error and "tabels" in req.error:
                out.append([GOOD] * num_samples)
            else:
                out.append(["I don't know."] * num_samples)
        return out


class ScriptedFormulator:
    """Returns fixed candidate lists, one list per call."""

    name = "scripted"

    def __init__(self, rounds: list[list[str]]) -> None:
        self.rounds = rounds
        self.calls: list[tuple[list[FormulationRequest], int]] = []

    def generate(self, requests: Sequence[FormulationRequest], *, num_samples: int = 1) -> list[list[str]]:
        self.calls.append((list(requests), num_samples))
        texts = self.rounds[min(len(self.calls), len(self.rounds)) - 1]
        assert len(texts) == num_samples
        return [list(texts) for _ in requests]


def _with_capacity(hours: int) -> str:
    return GOOD.replace("<= 9", f"<= {hours}")


def test_fake_formulators_follow_the_protocol():
    assert isinstance(RepairingFormulator(), Formulator)
    assert isinstance(ScriptedFormulator([[GOOD]]), Formulator)


def test_self_correction_feeds_the_error_back():
    fake = RepairingFormulator()
    result = formulate_and_solve(PROBLEM, fake, max_tries=3)
    assert result.tries == 2
    assert [r.faulty is None for r in fake.requests] == [True, False]
    repair = fake.requests[1]
    assert repair.problem == PROBLEM
    assert "tabels" in repair.faulty and "```" not in repair.faulty  # the extracted block
    assert "unknown name 'tabels'" in repair.error
    assert "line 7" in repair.error
    assert result.executed
    assert result.solution.status == "optimal"
    assert result.objective == pytest.approx(GOOD_OPTIMUM)
    assert result.formulation == optmodel.parse(GOOD)
    assert len(result.attempts) == 2 and result.attempts[0].error and result.attempts[1].error is None


def test_no_retry_when_the_first_answer_works():
    fake = ScriptedFormulator([[GOOD]])
    result = formulate_and_solve(PROBLEM, fake, max_tries=3)
    assert result.tries == 1 and len(fake.calls) == 1
    assert result.objective == pytest.approx(GOOD_OPTIMUM)


def test_gives_up_after_max_tries():
    fake = ScriptedFormulator([["## Objective\nminimize nothing_here\n"]])
    result = formulate_and_solve(PROBLEM, fake, max_tries=3)
    assert result.tries == 3 and len(fake.calls) == 3
    assert result.solution is None and not result.executed
    assert all(a.error for a in result.attempts)
    # every retry carries the previous error
    assert all(req.error for reqs, _ in fake.calls[1:] for req in reqs)


def test_infeasible_answer_is_sent_back_for_repair():
    infeasible = GOOD + "too_many: chairs >= 20\n"
    fake = ScriptedFormulator([[infeasible], [GOOD]])
    result = formulate_and_solve(PROBLEM, fake, max_tries=3)
    assert result.tries == 2
    (repair,), _ = fake.calls[1]
    assert "infeasible" in repair.error
    assert result.objective == pytest.approx(GOOD_OPTIMUM)


@pytest.mark.parametrize("odd_position", [0, 1, 2])
def test_self_consistency_majority_vote(odd_position):
    # two samples agree on capacity 9 (objective 27), one says 7 (objective 21)
    samples = [GOOD, GOOD.replace("3 * chairs", "3.0 * chairs"), _with_capacity(7)]
    samples.insert(odd_position, samples.pop())
    fake = ScriptedFormulator([samples])
    result = formulate_and_solve(PROBLEM, fake, samples=3)
    assert fake.calls[0][1] == 3
    assert result.tries == 1
    assert result.objective == pytest.approx(GOOD_OPTIMUM)
    assert len(result.attempts) == 3
    assert sorted(a.objective for a in result.attempts) == pytest.approx([21.0, 27.0, 27.0])


def test_vote_ignores_broken_samples():
    fake = ScriptedFormulator([[BROKEN, _with_capacity(7), "no model here"]])
    result = formulate_and_solve(PROBLEM, fake, samples=3)
    assert result.tries == 1
    assert result.objective == pytest.approx(21.0)


def test_batch_keeps_problems_apart():
    fake = RepairingFormulator()
    results = formulate_batch([PROBLEM, PROBLEM + " (again)"], fake, max_tries=2)
    assert [r.tries for r in results] == [2, 2]
    assert [r.problem for r in results] == [PROBLEM, PROBLEM + " (again)"]
    assert all(r.objective == pytest.approx(GOOD_OPTIMUM) for r in results)


# ------------------------------------------------------------------ extract_formulation


def test_extract_fenced_block():
    answer = f"Let me think.\n\nThe model is:\n\n```text\n{GOOD}```\n\nThe optimum makes 9 chairs."
    assert optmodel.parse(extract_formulation(answer)) == optmodel.parse(GOOD)


def test_extract_picks_the_block_with_the_headings():
    answer = f"First some data:\n```python\nprint('hello')\n```\nThen:\n```\n{GOOD}```\n"
    assert extract_formulation(answer).strip() == GOOD.strip()


def test_extract_unfenced_with_prose_before():
    answer = "Here is my formulation.\n\n" + GOOD
    assert optmodel.parse(extract_formulation(answer)) == optmodel.parse(GOOD)


def test_extract_unfenced_with_prose_after():
    # the docstring promises that prose after the last statement is dropped
    answer = "Here is my formulation.\n\n" + GOOD + "\nThis makes 9 chairs for a profit of 27.\n"
    assert optmodel.parse(extract_formulation(answer)) == optmodel.parse(GOOD)


def test_extract_plain_formulation_is_unchanged():
    assert extract_formulation(GOOD).strip() == GOOD.strip()


def test_each_distinct_candidate_is_solved_once(monkeypatch):
    import optmodel.formulate as formulate_module

    calls: list[str] = []
    real_check = formulate_module.check

    def counting(text, **kwargs):
        calls.append(text)
        return real_check(text, **kwargs)

    monkeypatch.setattr(formulate_module, "check", counting)
    fake = ScriptedFormulator([[GOOD, GOOD, _with_capacity(7), GOOD]])
    result = formulate_and_solve(PROBLEM, fake, samples=4)
    assert sorted(calls) == sorted([GOOD, _with_capacity(7)])
    assert len(result.attempts) == 4  # every candidate is still on record
    assert result.objective == pytest.approx(GOOD_OPTIMUM)  # and still votes: 3 of 4


def test_select_ranks_when_every_candidate_is_scored_else_votes():
    from optmodel.formulate import Attempt, select

    scored = [
        Attempt("a", objective=4, score=0.1),
        Attempt("b", objective=4, score=0.0),
        Attempt("c", objective=7, score=0.9),
    ]
    assert select(scored) == 2
    tie = [Attempt("a", objective=1, score=0.5), Attempt("b", objective=2, score=0.5)]
    assert select(tie) == 0  # ties go to the earlier candidate
    partly = [
        Attempt("a", objective=4, score=None),
        Attempt("b", objective=4),
        Attempt("c", objective=7, score=9.0),
    ]
    assert select(partly) == 0  # one unscored candidate: the vote decides


def test_a_candidate_is_text_that_keeps_its_score_across_processes():
    import pickle

    from optmodel.formulators.base import Candidate, as_candidate

    c = Candidate("## Objective\nminimize 1\n", -0.25, "sample")
    back = pickle.loads(pickle.dumps(c))
    assert back == c.text and back.score == -0.25 and back.origin == "sample"
    assert c.with_text("x").score == -0.25 and as_candidate("plain").score is None
