"""The cut output layer of benchmarks/lm_backbone.py, on a tiny random Gemma3 built here (no
download): greedy decoding with the head cut to some token ids must give the tokens that greedy
decoding with the full head gives when it may only choose among those ids."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import torch
from tiny_lm import TINY_SIZES

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "lm_backbone.py"


def _script():
    spec = importlib.util.spec_from_file_location("lm_backbone", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tiny_gemma(seed: int = 0):
    from transformers import Gemma3ForCausalLM, Gemma3TextConfig

    torch.manual_seed(seed)
    config = Gemma3TextConfig(
        vocab_size=300,
        **TINY_SIZES,
        head_dim=8,
        sliding_window=4,  # shorter than the prompts: the sliding-window cache is exercised too
        layer_types=["sliding_attention", "full_attention"],
        max_position_embeddings=128,
        final_logit_softcapping=30.0,
        pad_token_id=0,
        eos_token_id=1,
        bos_token_id=2,
    )
    return Gemma3ForCausalLM(config).eval()


class KeepOnly:
    """A logits processor: every id outside `keep` gets -inf (the full head restricted to them)."""

    def __init__(self, keep: torch.Tensor, vocab: int) -> None:
        self.blocked = torch.ones(vocab, dtype=torch.bool)
        self.blocked[keep] = False

    def __call__(self, input_ids, scores):
        return scores.masked_fill(self.blocked, float("-inf"))


@pytest.mark.parametrize("seed", [0, 1])
def test_cut_head_greedy_equals_restricted_full_head(seed):
    from transformers import LogitsProcessorList

    bench = _script()
    model = _tiny_gemma(seed)
    g = torch.Generator().manual_seed(seed)
    prompts = torch.randint(3, 300, (3, 9), generator=g)
    keep = sorted(set(torch.randint(3, 300, (40,), generator=g).tolist()))
    new = 12

    full_free = bench.greedy(model, prompts, new)
    reference = model.generate(
        prompts,
        attention_mask=torch.ones_like(prompts),
        max_new_tokens=new,
        do_sample=False,
        eos_token_id=None,
        pad_token_id=0,
        logits_processor=LogitsProcessorList([KeepOnly(torch.tensor(keep), 300)]),
    )[:, prompts.size(1) :]

    kept = bench.cut_head(model, keep)
    assert kept.tolist() == keep
    assert model.get_output_embeddings().weight.shape == (len(keep), TINY_SIZES["hidden_size"])
    assert model.get_input_embeddings().weight.shape == (
        300,
        TINY_SIZES["hidden_size"],
    )  # the input side stays whole
    cut = bench.greedy(model, prompts, new, kept)

    assert set(cut.flatten().tolist()) <= set(keep)
    assert torch.equal(cut, reference)
    # the restriction matters: unrestricted greedy decoding leaves the kept ids
    assert not set(full_free.flatten().tolist()) <= set(keep)


def test_format_token_ids_cover_the_texts_and_specials():
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    bench = _script()
    vocab = {w: i for i, w in enumerate(["<pad>", "<eos>", "min", "x1", "+", "3", "max", "apple"])}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="<pad>"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="<pad>", eos_token="<eos>")
    assert bench.format_token_ids(tokenizer, ["min 3 x1", "x1 + 3"]) == [0, 1, 2, 3, 4, 5]


def test_missing_package_is_one_clear_line(monkeypatch, capsys):
    import importlib.util

    bench = _script()
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "gguf" else real(name, *a)
    )
    with pytest.raises(SystemExit) as exit_info:
        bench.main(["--skip-train"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    # gguf is named whether or not the Gemma package is installed here (CI has neither)
    missing = err.split("missing package(s) ", 1)[1].split(";", 1)[0].split(", ")
    assert "gguf" in missing and "optmodel[gemma]" in err
