"""Ranking the pointer model's candidates: log-probability plus entity cues, entity fixes, and how
the SDK keeps the best-ranked candidate."""

from __future__ import annotations

import pytest

from optmodel.formulate import formulate_batch
from optmodel.formulators.base import Candidate, FormulationRequest

TINY = dict(vocab_size=30522, hidden_size=48, num_hidden_layers=2, num_attention_heads=4,
            intermediate_size=96, max_position_embeddings=512, hidden_act="gelu")


@pytest.fixture(scope="module")
def tiny_pointer(tmp_path_factory):
    from optmodel.model import synthrows
    from optmodel.model.ptrain import train_pointer
    from tests.story_rows import demo_rows

    root = tmp_path_factory.mktemp("ranking")
    rows = demo_rows(200, val=8, seed=2, repair_fraction=0.0)
    synthrows.write(rows, root / "rows")
    train_pointer(root / "rows", root / "model", batch_size=8, max_steps=2, encoder_config=TINY, eval_every=0,
                  ckpt_every=5, progress=False, threads=1, log=lambda m: None)
    return root, [r for r in rows if r["kind"] == "formulate"]


def test_rank_samples_draw_more_and_rank_them_by_log_probability(tiny_pointer):
    from optmodel.model.pointer_formulator import PointerFormulator

    root, rows = tiny_pointer
    plain = PointerFormulator(root / "model", rank_samples=0)
    only = plain.generate([FormulationRequest(rows[0]["text"])])[0]
    assert len(only) == 1 and only[0].score is None and only[0].origin == "greedy"  # unscored: the loop votes
    # `rank_samples` draws more, each scored by its log-probability
    likely = PointerFormulator(root / "model", rank_samples=2, entity_weight=0)
    cands = likely.generate([FormulationRequest(rows[0]["text"])])[0]
    assert len(cands) == 3 and all(-100 < c.score <= 0 for c in cands)
    assert [c.origin for c in cands] == ["greedy", "sample", "sample"]


class _Judged:
    """Three candidates, two with the same objective; the scores prefer the odd one out."""

    name = "judged"

    def __init__(self, ranks: bool) -> None:
        self.ranks = ranks
        self.texts = [
            "## Variables\nx >= 0\n## Objective\nmaximize x\n## Constraints\nc1: x <= 4\n",
            "## Variables\nx >= 0\n## Objective\nmaximize x\n## Constraints\nc1: x <= 4\nc2: x >= 1\n",
            "## Variables\nx >= 0\n## Objective\nmaximize x\n## Constraints\nc1: x <= 7\n",
        ]

    def generate(self, requests, *, num_samples=1):
        if not self.ranks:
            return [list(self.texts) for _ in requests]
        return [[Candidate(t, 3.0 if "x <= 7" in t else 0.0, "test") for t in self.texts] for _ in requests]


def test_the_sdk_keeps_the_best_ranked_candidate_else_the_vote():
    assert formulate_batch(["p"], _Judged(True))[0].solution.objective == pytest.approx(7)
    assert formulate_batch(["p"], _Judged(False))[0].solution.objective == pytest.approx(4)


def test_ranking_adds_entity_cues_to_the_log_probability(tiny_pointer):
    from test_consistency import PLANNER, PLANNER_RIGHT

    from optmodel.model.pointer_formulator import PointerFormulator

    root, _rows = tiny_pointer
    wrong = PLANNER_RIGHT.replace("x2 >= 50", "x1 >= 50")
    ranks = {}
    for weight in (0.0, 0.1):
        f = PointerFormulator(root / "model", rank_samples=2, entity_weight=weight)
        # the model prefers the wrong one
        ranks[weight] = [f.score(PLANNER, PLANNER_RIGHT, -0.2), f.score(PLANNER, wrong, -0.1)]
    assert ranks[0.0] == [-0.2, -0.1]
    assert ranks[0.1][0] > ranks[0.1][1]


def test_generate_adds_entity_fixes_marked_with_a_note(tiny_pointer, monkeypatch):
    from test_consistency import PLANNER, PLANNER_RIGHT

    from optmodel.formulate import check, formulate_batch
    from optmodel.model.pointer_formulator import FIXED_NOTE, PointerFormulator

    root, _rows = tiny_pointer
    wrong = PLANNER_RIGHT.replace("x2 >= 50", "x3 >= 50")

    def scripted(texts, *, extras=None, temperature=0.0, seed=None, log_probs=None):
        if log_probs is not None:
            log_probs += [-0.1] * len(texts)
        return [wrong for _ in texts]

    f = PointerFormulator(root / "model", rank_samples=2)
    monkeypatch.setattr(f, "programs", scripted)
    cands = f.generate([FormulationRequest(PLANNER)])[0]
    assert len(cands) == 4 and cands[-1].endswith(FIXED_NOTE)  # 3 drawn (all the same) + their fix
    assert cands[-1].origin == "entity-fix" and cands[-1].score > cands[0].score
    _, solution, error = check(cands[-1])
    assert error is None and solution.objective == 7 * 70 + 9 * 50  # x2 = 50, x1 = x2 + 20
    # through the SDK, which extracts the formulation from each answer before ranking: the fix wins
    result = formulate_batch([PLANNER], f, max_tries=1)[0]
    assert result.formulation_text.endswith(FIXED_NOTE) and result.solution.objective == 7 * 70 + 9 * 50
    off = PointerFormulator(root / "model", rank_samples=2, entity_weight=0)
    monkeypatch.setattr(off, "programs", scripted)
    assert len(off.generate([FormulationRequest(PLANNER)])[0]) == 3
