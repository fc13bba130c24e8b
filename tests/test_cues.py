"""Comparison cues ("at most 12" -> `<=`) and the decoder that keeps constraints from contradicting them."""

from __future__ import annotations

import pytest

from optmodel.model.cues import mention_cue, value_cues
from optmodel.model.numbers import find_numbers


@pytest.mark.parametrize(
    "phrase, cue",
    [
        ("there can be at most 12 trips", "<="),
        ("spending cannot exceed $5,000 in total", "<="),
        ("it may not exceed 7 units", "<="),
        ("up to a total of 9 units", "<="),
        ("a maximum of 40 hours", "<="),
        ("at least 60% of the trips", ">="),
        ("a minimum of 20 hours", ">="),
        ("no fewer than 5 nurses", ">="),
        ("exactly 24 units", "="),
        ("each boat carries 10 ducks", None),
        ("the maximum profit of 4 dollars", None),  # a word between cue and number breaks it
        ("at most once, and 3 more", None),
    ],
)
def test_the_words_before_a_number_name_its_comparison(phrase, cue):
    _, spans = find_numbers(phrase)
    assert mention_cue(phrase, spans[-1][0]) == cue


def test_a_value_is_constrained_only_when_every_mention_has_a_cue():
    text = "A cart holds 12 boxes. At most 12 carts may leave. At least 300 boxes must ship; no more than 40% by cart."
    values, _ = find_numbers(text)
    cues = dict(zip(values, value_cues(text), strict=True))
    assert cues[12] is None  # "holds 12 boxes" says nothing
    assert cues[300] == {">="} and cues[0.4] == {"<="}


TINY = dict(vocab_size=30522, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
            intermediate_size=64, max_position_embeddings=512, hidden_act="gelu")


def test_cue_penalty_turns_a_contradicting_constraint_around():
    """A model scripted to write `x1 >= 12` where the text says "at most 12": with the penalty the
    sign turns to `<=` (the joint score of sign and value decides), and nothing else changes."""
    import torch

    from optmodel.model.pointer import (
        PointerConfig,
        decode,
        encode_source,
        load_tokenizer,
        minilm_path,
        new_model,
    )
    from optmodel.model.program import OPS, WORD_ID, WORDS, Pointer

    torch.manual_seed(0)
    model = new_model(PointerConfig(encoder=dict(TINY), decoder_layers=1, decoder_heads=2, decoder_ff=64),
                      warm_start=False)
    model.eval()
    tok = load_tokenizer(minilm_path())
    text = "At most 12 boats may sail. Each boat carries 5 crates. Maximize crates."
    src = encode_source(tok, text)
    k12 = src.values.index(12)
    script = ["I", ";", "max", Pointer(src.values.index(5)), "x1", ";", "x1", ">=", Pointer(k12), "<eos>"]

    def scripted(batch, memory, mentions, pooled, cache, seqs):  # prefers the scripted next token
        V = len(WORDS)
        out = torch.zeros(seqs.size(0), V + len(src.values))
        for b in range(seqs.size(0)):
            step = seqs.size(1) - 1
            want = script[min(step, len(script) - 1)]
            if step and seqs[b, -1].item() in [WORD_ID[o] for o in OPS]:
                want = Pointer(k12)  # whatever the sign, the limit follows it
            out[b, V + want.index if isinstance(want, Pointer) else WORD_ID[want]] = 3.0
        return out, cache

    model.next_logits = scripted
    plain = decode(model, [src], max_len=20)[0]
    cued = decode(model, [src], max_len=20, cue_penalty=6.0)[0]
    assert plain == script[:-1]
    assert cued == script[:7] + ["<="] + script[8:-1]
