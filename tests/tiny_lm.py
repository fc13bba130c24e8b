"""A tiny random Llama-style checkpoint built locally (no downloads), for the tests of the
Hugging Face formulator and of causal-LM fine-tuning. Its answers are garbage; the tests check
the mechanics around it."""

from __future__ import annotations

from pathlib import Path

from optmodel.formulators.hf import DEFAULT_CHAT_TEMPLATE
from optmodel.formulators.prompting import EXAMPLES, SYSTEM_PROMPT

SPECIAL = ["<pad>", "<|im_start|>", "<|im_end|>"]
# the sizes of every tiny random causal LM the tests build
TINY_SIZES = {
    "hidden_size": 32,
    "intermediate_size": 64,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "num_key_value_heads": 2,
}


def build_tiny_checkpoint(path: Path, *, seed: int = 0, with_template: bool = True) -> Path:
    """Train a byte-level BPE tokenizer on a few strings and save a 2-layer random LlamaForCausalLM."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    corpus = [SYSTEM_PROMPT] + [p for pair in EXAMPLES for p in pair]
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=600, special_tokens=SPECIAL, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    tok.train_from_iterator(corpus, trainer=trainer)
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="<pad>", eos_token="<|im_end|>")
    if with_template:
        tokenizer.chat_template = DEFAULT_CHAT_TEMPLATE
    torch.manual_seed(seed)
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        **TINY_SIZES,
        max_position_embeddings=4096,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        bos_token_id=tokenizer.eos_token_id,
        tie_word_embeddings=True,
    )
    model = LlamaForCausalLM(config)
    model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path
