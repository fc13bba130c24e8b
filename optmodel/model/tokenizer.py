"""A small byte-level BPE vocabulary shared by problem text and formulation text.

Why byte-level BPE: any benchmark text encodes (no unknown words), decoding gives the exact
formulation text back, and a 4k vocabulary keeps the output layer cheap on CPU. The number
placeholders and the instruction markers are single special tokens.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from optmodel.model.numbers import PLACEHOLDERS

PAD, EOS, UNK = "<pad>", "</s>", "<unk>"
FAULTY, ERROR = "<faulty>", "<error>"
SPECIAL_TOKENS = [PAD, EOS, UNK, FAULTY, ERROR, *PLACEHOLDERS]


def train_tokenizer(texts: Iterable[str], vocab_size: int = 4096):
    """Train the BPE on `texts` and wrap it as a transformers fast tokenizer."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE(unk_token=UNK))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        min_frequency=2,
        show_progress=False,
    )
    tok.train_from_iterator(texts, trainer=trainer)
    return wrap(tok)


def wrap(tok):
    from transformers import PreTrainedTokenizerFast

    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        pad_token=PAD,
        eos_token=EOS,
        unk_token=UNK,
        additional_special_tokens=[FAULTY, ERROR, *PLACEHOLDERS],
    )
    return fast


def load_tokenizer(path: str | Path):
    from transformers import PreTrainedTokenizerFast

    return PreTrainedTokenizerFast.from_pretrained(str(path))
