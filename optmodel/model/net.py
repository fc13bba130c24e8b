"""The network: a small T5-style encoder-decoder, sized for CPU training."""

from __future__ import annotations

SIZES = {
    # name: (d_model, d_ff, layers, heads)
    "tiny": (128, 512, 2, 4),
    "mini": (192, 768, 3, 4),
    "small": (256, 1024, 4, 4),
    "base": (384, 1536, 5, 6),
}


def make_model(vocab_size: int, *, size: str = "small", pad_id: int = 0, eos_id: int = 1):
    """A freshly initialised T5ForConditionalGeneration (about 8M parameters at 'small')."""
    from transformers import T5Config, T5ForConditionalGeneration

    d_model, d_ff, layers, heads = SIZES[size]
    config = T5Config(
        vocab_size=vocab_size,
        d_model=d_model,
        d_kv=d_model // heads,
        d_ff=d_ff,
        num_layers=layers,
        num_decoder_layers=layers,
        num_heads=heads,
        relative_attention_num_buckets=32,
        relative_attention_max_distance=128,
        dropout_rate=0.1,
        feed_forward_proj="gated-gelu",
        tie_word_embeddings=True,
        pad_token_id=pad_id,
        eos_token_id=eos_id,
        decoder_start_token_id=pad_id,
    )
    return T5ForConditionalGeneration(config)
