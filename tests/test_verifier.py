"""The learned verifier: its input, training on labelled candidates, and how the SDK uses it."""

from __future__ import annotations

import random

import polars as pl
import pytest

from optmodel.formulate import formulate_batch
from optmodel.formulators.base import Candidate, FormulationRequest
from optmodel.model.program import to_five_element
from optmodel.model.verifier import program_line, program_of

TINY = dict(vocab_size=30522, hidden_size=48, num_hidden_layers=2, num_attention_heads=4,
            intermediate_size=96, max_position_embeddings=512, hidden_act="gelu")


def test_five_element_text_reads_back_into_the_program_it_came_from():
    from optmodel.model.stories import mixture

    rng = random.Random(3)
    for _ in range(60):
        program = mixture(rng)[2]
        assert program_of(to_five_element(program, ["a b", "c"])) == program.strip()
        assert program_line(to_five_element(program)) == program_line(program)


def _wrong(program: str) -> str:
    """The same program with every constraint pointing the other way."""
    lines = program.splitlines()
    flip = {"<=": ">=", ">=": "<="}
    return "\n".join(lines[:2] + [" ".join(flip.get(w, w) for w in ln.split()) for ln in lines[2:]])


@pytest.fixture(scope="module")
def tiny_pointer(tmp_path_factory):
    from optmodel.model import storydata
    from optmodel.model.ptrain import train_pointer

    root = tmp_path_factory.mktemp("verifier")
    rows = storydata.build(200, seed=2, val=8, generators=["demo"], progress=False, repair_fraction=0.0)
    storydata.write(rows, root / "rows")
    train_pointer(root / "rows", root / "model", batch_size=8, max_steps=2, encoder_config=TINY, eval_every=0,
                  ckpt_every=5, progress=False, threads=1, log=lambda m: None)
    return root, [r for r in rows if r["kind"] == "formulate"]


def test_verifier_learns_to_prefer_right_programs_and_resumes(tiny_pointer, tmp_path):
    """Wrong candidates come first (so greedy is always wrong); after training, the top-scored
    held-out candidate is right for most problems, and a second run resumes instead of retraining."""
    import json

    from optmodel.model.vtrain import held_out, train_verifier

    root, rows = tiny_pointer
    records = []
    for r in rows:
        for k, program in enumerate([_wrong(r["program"]), r["program"]]):
            records.append({"problem": r["id"], "text": r["text"], "candidate": k, "program": program,
                            "gold": r["program"], "objective": 1.0, "right": k == 1})
    (tmp_path / "pairs").mkdir()
    pl.DataFrame(records).write_parquet(tmp_path / "pairs" / "shard-00000.parquet")
    assert sum(held_out(r["id"]) for r in rows) >= 3
    train_verifier([str(tmp_path / "pairs")], str(root / "model"), str(tmp_path / "v"), epochs=4, lr=1e-3,
                   threads=1)
    log = [json.loads(x) for x in (tmp_path / "v" / "verifier_log.jsonl").read_text().splitlines()]
    assert log[-1]["greedy"] == 0.0 and log[-1]["oracle"] == 1.0
    assert log[-1]["verifier"] >= 0.75, log
    train_verifier([str(tmp_path / "pairs")], str(root / "model"), str(tmp_path / "v"), epochs=4, threads=1)
    assert len((tmp_path / "v" / "verifier_log.jsonl").read_text().splitlines()) == 4  # nothing left to do


def test_checkpoint_with_a_verifier_samples_and_ranks(tiny_pointer, tmp_path):
    import shutil

    from optmodel.model.pointer import load
    from optmodel.model.pointer_formulator import PointerFormulator
    from optmodel.model.verifier import from_pointer, save_verifier

    root, rows = tiny_pointer
    plain = PointerFormulator(root / "model", rank_samples=0)
    assert plain.verifier is None
    only = plain.generate([FormulationRequest(rows[0]["text"])])[0]
    assert len(only) == 1 and only[0].score is None and only[0].origin == "greedy"  # unscored: the loop votes
    # without a verifier, `rank_samples` draws more, each scored by its log-probability
    likely = PointerFormulator(root / "model", rank_samples=2, entity_weight=0)
    cands = likely.generate([FormulationRequest(rows[0]["text"])])[0]
    assert len(cands) == 3 and all(-100 < c.score <= 0 for c in cands)
    assert [c.origin for c in cands] == ["greedy", "sample", "sample"]
    shutil.copytree(root / "model", tmp_path / "m")
    save_verifier(from_pointer(load(tmp_path / "m")), tmp_path / "m")
    f = PointerFormulator(tmp_path / "m", verify_samples=3)
    cands = f.generate([FormulationRequest(rows[0]["text"])])[0]
    assert len(cands) == 4 and all(isinstance(c.score, float) for c in cands)  # the verifier's scores


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

    def scripted(texts, *, extras=None, temperature=0.0, seed=None, log_probs=None, names=None):
        if log_probs is not None:
            log_probs += [-0.1] * len(texts)
        if names is not None:
            names += [[] for _ in texts]
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
