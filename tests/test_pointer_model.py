"""The pointer model: program language, grammar-constrained decoding, the plain-torch encoder,
training with checkpoints and exact resumption, and the formulator behind `optmodel solve`."""

from __future__ import annotations

import json
import random

import pytest

from optmodel.errors import OptModelError
from optmodel.model.numbers import find_numbers
from optmodel.model.program import VARS, Pointer, from_tokens, to_five_element, to_tokens
from optmodel.parser import parse
from optmodel.solver import solve

TEXT = (
    "A boat carries 10 ducks per trip and a canoe carries 8 ducks per trip. A boat trip takes 20 minutes "
    "and a canoe trip 40 minutes. At most 12 boat trips are allowed and at least 60% of the trips must be "
    "by canoe. At least 300 ducks must reach the shore. Minimize the total time."
)
PROGRAM = "I I\nmin 20 x1 + 40 x2\n10 x1 + 8 x2 >= 300\nx1 <= 12\nx2 >= 0.6 ( x1 + x2 )"


def test_program_round_trip_and_solve():
    values, _ = find_numbers(TEXT)
    tokens = to_tokens(PROGRAM, values)
    assert sum(isinstance(t, Pointer) for t in tokens) == 7
    assert from_tokens(tokens, values) == PROGRAM
    fe = to_five_element(PROGRAM)
    assert "x2 >= 0.6 * (x1 + x2)" in fe
    sol = solve(fe)
    # hand check: x1 = 12 boats, then x2 >= 22.5 and x2 >= 1.5 x1 -> x2 = 23 (integer)
    assert sol.status == "optimal" and sol.objective == pytest.approx(20 * 12 + 40 * 23)


@pytest.mark.parametrize(
    "program, message",
    [
        ("I I\nmin 20 x1 + 77 x2", "77"),
        ("I\nmin 20 x1 + x2", "not declared"),
        ("I I\nfoo x1", "max EXPR"),
        ("I I\nmin x1\nx1 + x2", "exactly one"),
        ("Q\nmin x1", "variable kinds"),
    ],
)
def test_bad_programs_name_the_problem(program, message):
    with pytest.raises(OptModelError, match=message):
        values, _ = find_numbers(TEXT)
        if "77" in program:
            to_tokens(program, values)
        to_five_element(program)


def test_grammar_random_walks_always_give_valid_programs():
    """Scalar programs (indexed ones: tests/test_indexed.py)."""
    from optmodel.model.pointer import SET_WORDS, Grammar
    from optmodel.model.program import WORDS

    rng = random.Random(0)
    for _ in range(300):
        g = Grammar(max_len=60)
        tokens = []
        while True:
            allowed = sorted(g.allowed() - SET_WORDS)
            assert allowed, tokens
            word = rng.choice(allowed)
            if word == "<eos>":
                break
            g.advance(word)
            tokens.append(Pointer(rng.randrange(3)) if word == "<ptr>" else word)
            assert len(tokens) <= 60
        assert all(isinstance(t, Pointer) or t in WORDS for t in tokens)
        program = from_tokens(tokens, [2.5, 7, 11])
        parse(to_five_element(program))  # always parses
        assert all(any(v in line.split() for v in VARS) for line in program.splitlines()[2:])  # no `0 <= 3`


def test_mentions_point_at_the_number_tokens():
    from optmodel.model.pointer import encode_source, load_tokenizer, minilm_path

    tok = load_tokenizer(minilm_path())
    src = encode_source(tok, TEXT)
    words = [tok.id_to_token(src.ids[p]) for p in src.mention_pos]
    assert words == ["10", "8", "20", "40", "12", "60", "300"]
    assert [src.values[k] for k in src.mention_value] == [10, 8, 20, 40, 12, 0.6, 300]


def test_plain_encoder_matches_transformers():
    import torch
    from transformers import BertConfig, BertModel

    from optmodel.model.minibert import MiniBert

    cfg = dict(vocab_size=100, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
               intermediate_size=64, max_position_embeddings=64, hidden_act="gelu")
    torch.manual_seed(0)
    ref = BertModel(BertConfig(**cfg), add_pooling_layer=False).eval()
    mine = MiniBert(cfg).eval()
    mine.load_state_dict(ref.state_dict(), strict=False)
    ids = torch.randint(5, 100, (2, 9))
    mask = torch.ones_like(ids)
    mask[1, 6:] = 0
    with torch.no_grad():
        a = ref(input_ids=ids, attention_mask=mask).last_hidden_state
        b = mine(input_ids=ids, attention_mask=mask).last_hidden_state
    assert torch.allclose(a[mask.bool()], b[mask.bool()], atol=1e-5)


TINY = dict(vocab_size=30522, hidden_size=48, num_hidden_layers=2, num_attention_heads=4,
            intermediate_size=96, max_position_embeddings=512, hidden_act="gelu")


@pytest.fixture(scope="module")
def demo_rows(tmp_path_factory):
    from optmodel.model import synthrows
    from tests.story_rows import demo_rows as make_rows

    out = tmp_path_factory.mktemp("rows")
    rows = make_rows(120, val=8, seed=1, repair_fraction=0.3)
    synthrows.write(rows, out)
    return out, rows


def test_story_rows_have_both_instructions_and_verified_optima(demo_rows):
    _, rows = demo_rows
    kinds = {r["kind"] for r in rows}
    assert kinds == {"formulate", "repair"}
    repair = next(r for r in rows if r["kind"] == "repair")
    extra = repair["extra"]
    assert "error:" in extra and ("infeasible" in extra or "unbounded" in extra)
    for r in rows:
        if r["split"] == "val":
            assert solve(to_five_element(r["program"])).objective == pytest.approx(r["optimum"])


def _train(data, out, steps, **kw):
    from optmodel.model.ptrain import train_pointer

    return train_pointer(data, out, batch_size=8, max_steps=steps, encoder_config=TINY, eval_every=0,
                         ckpt_every=5, progress=False, threads=1, log=lambda m: None, **kw)


def test_training_resumes_exactly_and_serves(demo_rows, tmp_path):
    import torch
    from safetensors.torch import load_file

    data, _ = demo_rows
    straight = _train(data, tmp_path / "a", 10)
    _train(data, tmp_path / "b", 10, stop_after=5)
    resumed = _train(data, tmp_path / "b", 10)
    assert straight["steps"] == resumed["steps"] == 10
    a, b = load_file(tmp_path / "a" / "model.safetensors"), load_file(tmp_path / "b" / "model.safetensors")
    assert all(torch.equal(a[k], b[k]) for k in a)
    log = [json.loads(x) for x in (tmp_path / "a" / "train_log.jsonl").read_text().splitlines()]
    assert log[-1]["final"]["samples_per_s"] > 0 and "val_sa" in log[-1]["final"]
    files = {p.name for p in (tmp_path / "a").iterdir()}
    assert {"model.safetensors", "config.json", "tokenizer.json", "training.json"} <= files

    from optmodel.formulators import FormulationRequest, get_formulator

    f = get_formulator(str(tmp_path / "a"))
    assert f.name == "embedded-pointer"
    # by default 15 samples besides the greedy program (and their entity fixes), for `rank` to choose from
    assert len(f.generate([FormulationRequest(TEXT)])[0]) >= 1 + f.rank_samples == 16
    f.rank_samples = 0
    [cands] = f.generate([FormulationRequest(TEXT)], num_samples=2)
    assert len(cands) == 2
    for fe in cands:  # grammar-constrained: always a program the parser accepts (`x1 + 1 <= x1` may still not compile)
        parse(fe)
    # a repair round refers to the previous round's output (the formulator keeps only that round)
    # and also gets `retry_samples` fresh samples of the plain text, seeded by the faulty text
    request = FormulationRequest(TEXT, faulty=cands[0], error="the model is infeasible")
    [repaired] = f.generate([request])
    assert len(repaired) == 1 + f.retry_samples == 5
    for fe in repaired:
        parse(fe)
    assert 1 <= len(f._programs) <= len(repaired)
    [again] = f.generate([request])
    assert again[1:] == repaired[1:]
    [other] = f.generate([FormulationRequest(TEXT, faulty=cands[1] + "\n", error="the model is unbounded")])
    assert len(other) == 5
    f.retry_samples = 0
    assert len(f.generate([request])[0]) == 1


def test_export_checkpoint_serves_a_run_in_progress(demo_rows, tmp_path):
    from optmodel.model.pointer_formulator import PointerFormulator
    from optmodel.model.ptrain import export_checkpoint

    data, _ = demo_rows
    _train(data, tmp_path / "run", 6, stop_after=3)
    served = export_checkpoint(tmp_path / "run", tmp_path / "served")
    f = PointerFormulator(served)
    [program] = f.programs([TEXT])
    assert program.split("\n")[0].split() and set(program.split("\n")[0].split()) <= {"I", "R"}


def test_cli_train_pointer_end_to_end(demo_rows, tmp_path):
    from typer.testing import CliRunner

    from optmodel.cli import app

    data, _ = demo_rows
    out = tmp_path / "m"
    args = ["train", "--data", str(data), "--out", str(out), "--max-steps", "2", "--batch-size", "2",
            "--eval-every", "0", "--threads", "1"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout[result.stdout.index("{"):])
    assert summary["steps"] == 2 and summary["architecture"] == "optmodel-pointer" and summary["warm_start"]
    assert (out / "model.safetensors").stat().st_size < 80 * 1024 * 1024

    bad = CliRunner().invoke(app, ["train", "--data", str(tmp_path), "--out", str(out)])
    # main() prints an OptModelError as one paragraph (tests/test_errors.py); here: the right one
    assert bad.exit_code != 0 and isinstance(bad.exception, OptModelError)
    assert "train.parquet" in str(bad.exception)


def test_default_checkpoint_formulates_the_shipped_example(tmp_path):
    """`optmodel solve examples/problem.txt --json` with the committed model: a formulation that
    solves, with three integer decisions and only numbers stated in the text."""
    import re
    import subprocess
    import sys
    from pathlib import Path

    from optmodel.model import DEFAULT_PATH
    from optmodel.model.pointer_formulator import is_pointer_checkpoint

    if not is_pointer_checkpoint(DEFAULT_PATH):
        pytest.skip("models/default is not a pointer checkpoint")
    example = Path(__file__).resolve().parents[1] / "examples" / "problem.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "optmodel.cli", "solve", str(example), "--json"],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["status"] == "optimal"
    fe = result["formulation"]
    assert fe.count("integer") == 3 and "maximize" in fe
    stated = {float(v) for v in find_numbers(example.read_text())[0]}
    used = {float(n) for n in re.findall(r"(?<![\w.])\d+(?:\.\d+)?", fe.split("## Objective")[1])}
    assert used - {0.0, 1.0} <= stated


def test_reuse_penalty_keeps_pointers_within_their_mentions(demo_rows, tmp_path):
    from collections import Counter

    from optmodel.model.pointer import decode, encode_source, load, load_tokenizer

    data, _ = demo_rows
    _train(data, tmp_path / "m", 4)
    model, tok = load(tmp_path / "m"), load_tokenizer(tmp_path / "m")
    src = encode_source(tok, TEXT)
    for tokens in decode(model, [src] * 4, temperature=1.5, reuse_penalty=1e4, max_len=40,
                         generator=__import__("torch").Generator().manual_seed(0)):
        counts = Counter(t.index for t in tokens if isinstance(t, Pointer))
        assert all(n <= max(1, src.mention_value.count(k)) for k, n in counts.items()), tokens
    # reranking scores: one mean token log-probability per program, equal for equal greedy inputs
    log_probs: list[float] = []
    decode(model, [src, src], max_len=40, log_probs=log_probs)
    assert len(log_probs) == 2 and log_probs[0] == log_probs[1] and -50 < log_probs[0] <= 0


def test_only_listed_story_generators_can_be_loaded():
    from optmodel.synth.stories import sampler

    with pytest.raises(OptModelError, match="unknown story generator"):
        sampler("os")


# ---- entity names: what each variable decides, as the text names it -----------------------------


def test_first_mention_finds_whole_names_only():
    from optmodel.synth.stories import first_mention

    text = "Bikes are sold. A city bike earns $3 and an electric bike earns $4. Brand A costs less."
    assert first_mention(text, ["city bike", "city bikes"]) == text.index("city bike")
    assert first_mention(text, ["bike", "bikes"]) == 0  # first letter in either case
    assert first_mention(text, ["ike"]) is None  # whole words only
    assert first_mention(text, ["A"]) == text.index("A city")  # one letter: case-sensitive
    assert first_mention(text, ["Brand A"]) == text.index("Brand A")


def test_story_rows_carry_entity_names_as_the_text_first_writes_them(demo_rows):
    _, rows = demo_rows
    for row in rows:
        assert json.loads(row["names"]) == [["chairs"], ["tables"]]


def test_init_from_copies_the_weights_of_a_trained_checkpoint(demo_rows, tmp_path):
    import torch

    from optmodel.model.pointer import PointerNet, collate, encode_source, load, load_tokenizer, target_ids
    from optmodel.model.ptrain import _load_matching

    data, rows = demo_rows
    _train(data, tmp_path / "plain", 3)
    plain = load(tmp_path / "plain", plain=False)
    fresh = PointerNet(plain.config).eval()
    _load_matching(fresh, tmp_path / "plain", log=lambda m: None)
    tok = load_tokenizer(tmp_path / "plain")
    src = encode_source(tok, rows[0]["text"])
    batch = collate([src], [target_ids(to_tokens(rows[0]["program"], src.values))])
    with torch.no_grad():
        args = [batch, *plain.encode(batch), batch["targets"]]
        assert torch.allclose(plain.logits(*args), fresh.logits(*args), atol=1e-5)
    with pytest.raises(OptModelError, match="no pointer checkpoint"):
        _load_matching(fresh, tmp_path, log=lambda m: None)


def test_one_shipped_design_the_superseded_ones_are_gone(tmp_path):
    """Issue 17 item 7: the T5 chain, the learned verifier and anchored variables were removed;
    their modules do not import, `optmodel train` has no option for them, and a checkpoint of the
    anchored variant is refused with a clear message instead of a TypeError."""
    import importlib

    from typer.testing import CliRunner

    from optmodel.cli import app
    from optmodel.model.pointer import config_from

    for name in ("net", "train", "tokenizer", "encoding", "data", "formulator", "flatten", "salvage",
                 "wordprob", "verifier", "verifier_data", "vtrain"):
        with pytest.raises(ModuleNotFoundError):
            importlib.import_module(f"optmodel.model.{name}")
    help_text = CliRunner().invoke(app, ["train", "--help"], env={"COLUMNS": "200"}).output
    for option in ("--arch", "--size", "--anchors"):
        assert option not in help_text
    assert "--base" in help_text and "--lora" in help_text
    with pytest.raises(ValueError, match="anchored checkpoint"):
        config_from({"anchors": True}, tmp_path)
    assert config_from({"anchors": False, "anchor_weight": 0.5}, tmp_path).decoder_layers == 3


def test_cached_decoding_step_matches_the_full_decoder():
    """`next_logits` (one token per step, keys and values cached) gives the scores `logits` gives
    for the last position of the whole prefix, and a branch leaves its parent cache usable."""
    import torch

    from optmodel.model.pointer import (
        PointerConfig,
        collate,
        encode_source,
        load_tokenizer,
        minilm_path,
        new_model,
    )
    from optmodel.model.program import BOS, WORD_ID, WORDS

    torch.manual_seed(0)
    model = new_model(PointerConfig(encoder=dict(TINY), decoder_layers=2, decoder_heads=4, decoder_ff=64),
                      warm_start=False).eval()
    with torch.no_grad():
        for p in model.parameters():
            p.normal_(0, 0.2)
    tok = load_tokenizer(minilm_path())
    sources = [encode_source(tok, TEXT), encode_source(tok, "Make 3 chairs and 4 tables; at most 9 in all.")]
    batch = collate(sources)
    words = ["I", "R", ";", "max", "x1", "+", "x2", ";", "x1", "<="]
    seqs = torch.tensor([[BOS] + [WORD_ID[w] for w in words]] * 2)
    seqs[1, 5] = len(WORDS) + 1  # a pointer in the second row
    with torch.no_grad():
        memory, mentions, pooled = model.encode(batch)
        cache = model.start_cache(batch, memory)
        for t in range(1, seqs.size(1) + 1):
            full = model.logits(batch, memory, mentions, pooled, seqs[:, :t])
            step, branch = model.next_logits(batch, memory, mentions, pooled, cache, seqs[:, :t])
            assert torch.allclose(full[:, -1], step, atol=1e-4), t
            again, _ = model.next_logits(batch, memory, mentions, pooled, cache, seqs[:, :t])
            assert torch.equal(again, step)  # the parent cache was not changed by the step
            cache = branch


def _as_eight_variable_checkpoint(folder) -> int:
    """Rewrite a checkpoint as one trained with the 8-variable vocabulary."""
    from safetensors.torch import load_file, save_file

    from optmodel.model.pointer import WORD_TENSORS
    from optmodel.model.program import WORDS

    old = WORDS[: WORDS.index("x9")]
    state = load_file(str(folder / "model.safetensors"))
    for key in WORD_TENSORS:
        state[key] = state[key][: len(old)].contiguous()
    save_file(state, str(folder / "model.safetensors"))
    config = json.loads((folder / "config.json").read_text())
    config["words"] = old
    (folder / "config.json").write_text(json.dumps(config))
    return len(old)


def test_a_checkpoint_with_fewer_variables_is_widened_and_never_writes_new_words(demo_rows, tmp_path):
    import torch

    from optmodel.model.pointer import (
        PointerNet,
        collate,
        decode,
        encode_source,
        load,
        load_tokenizer,
        target_ids,
    )
    from optmodel.model.program import VARS, WORDS
    from optmodel.model.ptrain import _load_matching

    data, rows = demo_rows
    _train(data, tmp_path / "m", 3)
    full = load(tmp_path / "m", plain=False)
    n_old = _as_eight_variable_checkpoint(tmp_path / "m")
    narrow = load(tmp_path / "m", plain=False)
    assert narrow.config.words == WORDS and narrow.word_out.out_features == len(WORDS) > n_old
    tok = load_tokenizer(tmp_path / "m")
    src = encode_source(tok, rows[0]["text"])
    batch = collate([src], [target_ids(to_tokens(rows[0]["program"], src.values))])
    with torch.no_grad():
        args = [batch, *full.encode(batch), batch["targets"]]
        a, b = full.logits(*args), narrow.logits(*args)
    assert torch.allclose(a[..., :n_old], b[..., :n_old], atol=1e-5)
    assert (b[..., n_old : len(WORDS)] < -1e3).all()  # x9..x24: never chosen
    for tokens in decode(narrow, [src] * 4, max_len=narrow.config.max_target, temperature=1.0):
        assert not set(VARS[8:]) & {t for t in tokens if isinstance(t, str)}
    # training from it keeps every old row and starts the new ones fresh
    grown = PointerNet(full.config).eval()
    _load_matching(grown, tmp_path / "m", log=lambda m: None)
    assert torch.equal(grown.word_emb.weight[:n_old], narrow.word_emb.weight[:n_old])
    assert grown.word_out.bias[n_old:].abs().max() < 10


def test_a_checkpoint_with_another_vocabulary_is_refused(demo_rows, tmp_path):
    from optmodel.model.pointer import load

    data, _ = demo_rows
    _train(data, tmp_path / "m", 2)
    config = json.loads((tmp_path / "m" / "config.json").read_text())
    config["words"] = ["<pad>", "<bos>", "<eos>", "Q"]
    (tmp_path / "m" / "config.json").write_text(json.dumps(config))
    with pytest.raises(ValueError, match="different program vocabulary"):
        load(tmp_path / "m")
