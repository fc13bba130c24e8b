"""HFFormulator on a tiny random Llama checkpoint built in the test, and the chat prompts.
A random model writes garbage: the tests check prompts, batching, sampling, determinism,
extraction and the self-correction loop around it."""

from __future__ import annotations

import pytest
from tiny_lm import build_tiny_checkpoint

from optmodel.errors import OptModelError
from optmodel.formulate import formulate_and_solve
from optmodel.formulators import get_formulator
from optmodel.formulators import prompting as P
from optmodel.formulators.base import FormulationRequest
from optmodel.formulators.hf import HFFormulator
from optmodel.parser import parse
from optmodel.solver import solve

pytestmark = pytest.mark.timeout(180)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return build_tiny_checkpoint(tmp_path_factory.mktemp("tiny") / "llama")


# ---------------------------------------------------------------- prompts


@pytest.mark.parametrize(("problem", "formulation"), P.EXAMPLES)
def test_worked_examples_parse_and_solve(problem, formulation):
    assert problem and parse(formulation).objective is not None
    assert solve(formulation).status == "optimal"


def test_messages_layout():
    request = FormulationRequest("Pack boxes.")
    zero = P.build_messages(request, few_shot=0)
    assert [m["role"] for m in zero] == ["system", "user"]
    assert "## Objective" in zero[0]["content"] and zero[1]["content"] == "Pack boxes."
    two = P.build_messages(request, few_shot=2)
    assert [m["role"] for m in two] == ["system", "user", "assistant", "user", "assistant", "user"]
    assert two[2]["content"].startswith("```\n## Sets")
    with pytest.raises(ValueError):
        P.build_messages(request, few_shot=len(P.EXAMPLES) + 1)


def test_repair_prompt_round_trip():
    request = FormulationRequest("Pack boxes.", faulty=P.EXAMPLES[1][1], error="line 9: unknown name 'x'")
    text = P.user_message(request)
    assert "line 9: unknown name 'x'" in text and "Pack boxes." in text
    back = P.parse_messages(P.build_messages(request, few_shot=1))
    assert back.problem == request.problem and back.error == request.error
    assert parse(back.faulty) == parse(request.faulty)
    plain = P.parse_messages([{"role": "user", "content": "  Just a problem. "}])
    assert plain == FormulationRequest("Just a problem.")
    with pytest.raises(ValueError):
        P.parse_messages([{"role": "system", "content": "x"}])


# ---------------------------------------------------------------- the formulator


def test_prompt_uses_the_chat_template(tiny):
    f = HFFormulator(tiny, device="cpu", few_shot=1, max_new_tokens=4)
    prompt = f.prompt(FormulationRequest("Plan the week."))
    assert prompt.startswith("<|im_start|>system\n") and prompt.endswith("<|im_start|>assistant\n")
    assert P.EXAMPLES[0][0] in prompt and "Plan the week." in prompt
    zero = HFFormulator(tiny, device="cpu", few_shot=0, max_new_tokens=4)
    assert P.EXAMPLES[0][0] not in zero.prompt(FormulationRequest("Plan the week."))


def test_default_template_when_missing(tmp_path):
    path = build_tiny_checkpoint(tmp_path / "plain", with_template=False)
    f = HFFormulator(path, device="cpu", few_shot=0, max_new_tokens=2)
    assert "<|im_start|>user\nHi<|im_end|>" in f.prompt(FormulationRequest("Hi"))


def test_batched_sampling_shapes_and_determinism(tiny):
    requests = [FormulationRequest(f"Problem {i}") for i in range(3)]
    a = HFFormulator(tiny, device="cpu", dtype="float32", few_shot=0, max_new_tokens=6, batch_size=4, seed=7)
    out = a.generate(requests, num_samples=2)
    assert [len(x) for x in out] == [2, 2, 2]
    assert all(isinstance(t, str) and t.endswith("\n") for x in out for t in x)
    b = HFFormulator(tiny, device="cpu", few_shot=0, max_new_tokens=6, batch_size=4, seed=7)
    assert b.generate(requests, num_samples=2) == out  # same seed, same samples
    assert a.generate([]) == []


def test_greedy_answers_match_the_raw_completion(tiny):
    from optmodel.formulate import extract_formulation

    f = HFFormulator(tiny, device="cpu", few_shot=0, max_new_tokens=5, temperature=0.0, batch_size=2)
    requests = [FormulationRequest("One."), FormulationRequest("Two, a longer problem statement.")]
    raw = f.complete([f.prompt(r) for r in requests])
    assert f.generate(requests) == [[extract_formulation(raw[0])], [extract_formulation(raw[1])]]


def test_self_correction_loop_runs(tiny):
    f = HFFormulator(tiny, device="cpu", few_shot=0, max_new_tokens=6)
    asked: list[FormulationRequest] = []
    real = f.generate

    def spy(requests, *, num_samples=1):
        asked.extend(requests)
        return real(requests, num_samples=num_samples)

    f.generate = spy
    result = formulate_and_solve("Maximize output of two machines.", f, max_tries=2, samples=2)
    assert result.tries == 2 and len(result.attempts) == 4
    assert all(a.error for a in result.attempts)  # garbage never parses
    assert asked[0].faulty is None
    first_round = [(a.text, a.error) for a in result.attempts[:2]]
    assert (asked[1].faulty, asked[1].error) in first_round  # the repair carries a real failure


def test_get_formulator_picks_hf_for_a_causal_lm_folder(tiny):
    f = get_formulator(model=str(tiny), device="cpu", max_new_tokens=2)
    assert isinstance(f, HFFormulator) and f.name.endswith("llama")


def test_prompt_longer_than_the_model_is_a_clear_error(tmp_path):
    from transformers import AutoConfig

    path = build_tiny_checkpoint(tmp_path / "short")
    config = AutoConfig.from_pretrained(path)
    config.max_position_embeddings = 64
    config.save_pretrained(path)
    f = HFFormulator(path, device="cpu", few_shot=0, max_new_tokens=2)
    with pytest.raises(OptModelError, match="takes at most 64"):
        f.generate([FormulationRequest("x")])


def test_bad_arguments(tiny, tmp_path):
    with pytest.raises(OptModelError, match="cannot load"):
        HFFormulator(tmp_path / "missing", device="cpu")
    with pytest.raises(OptModelError, match="dtype"):
        HFFormulator(tiny, device="cpu", dtype="float8")
    with pytest.raises(OptModelError, match="device"):
        HFFormulator(tiny, device="tpu")
    with pytest.raises(ValueError, match="few_shot"):
        HFFormulator(tiny, device="cpu", few_shot=9)
    f = HFFormulator(tiny, device="cpu", max_new_tokens=2)
    with pytest.raises(OptModelError, match="num_samples"):
        f.generate([FormulationRequest("x")], num_samples=0)


def test_cli_solve_with_model(tmp_path):
    """`optmodel solve problem.txt --model PATH` formulates with the checkpoint and reports the tries."""
    import json

    from typer.testing import CliRunner

    from optmodel.cli import app

    path = build_tiny_checkpoint(tmp_path / "cli")
    (path / "optmodel.json").write_text(json.dumps({"few_shot": 0, "max_new_tokens": 4}))  # keep it quick
    problem = tmp_path / "problem.txt"
    problem.write_text("Make chairs and tables to maximize profit within 40 hours.\n")
    result = CliRunner().invoke(app, ["solve", str(problem), "--model", str(path), "--tries", "2"])
    assert isinstance(result.exception, OptModelError)
    assert "in 2 tries" in str(result.exception)
