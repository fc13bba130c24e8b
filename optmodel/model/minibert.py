"""BERT encoder forward pass in plain torch, with transformers' parameter names.

Why: importing transformers' BertModel costs about 2.5 s, more than the whole rest of a text solve.
Training uses transformers; inference loads the same state dict into this module (equality with
BertModel is tested in tests/test_pointer_model.py).
"""

from __future__ import annotations

import math

import torch
from torch import nn


class _Dense(nn.Module):
    def __init__(self, d_in: int, d_out: int, eps: float | None = None) -> None:
        super().__init__()
        self.dense = nn.Linear(d_in, d_out)
        if eps is not None:
            self.LayerNorm = nn.LayerNorm(d_out, eps=eps)


class _SelfAttention(nn.Module):
    def __init__(self, d: int) -> None:
        super().__init__()
        self.query, self.key, self.value = nn.Linear(d, d), nn.Linear(d, d), nn.Linear(d, d)


class _Attention(nn.Module):
    def __init__(self, d: int, eps: float) -> None:
        super().__init__()
        self.self = _SelfAttention(d)
        self.output = _Dense(d, d, eps)


class _Layer(nn.Module):
    def __init__(self, d: int, ff: int, heads: int, eps: float) -> None:
        super().__init__()
        self.heads = heads
        self.attention = _Attention(d, eps)
        self.intermediate = _Dense(d, ff)
        self.output = _Dense(ff, d, eps)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        B, L, d = x.shape
        sa = self.attention.self

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(B, L, self.heads, d // self.heads).transpose(1, 2)

        q, k, v = split(sa.query(x)), split(sa.key(x)), split(sa.value(x))
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d // self.heads) + bias, dim=-1)
        ctx = (att @ v).transpose(1, 2).reshape(B, L, d)
        out = self.attention.output
        x = out.LayerNorm(x + out.dense(ctx))
        h = nn.functional.gelu(self.intermediate.dense(x))
        return self.output.LayerNorm(x + self.output.dense(h))


class _Embeddings(nn.Module):
    def __init__(self, vocab: int, d: int, positions: int, types: int, eps: float) -> None:
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab, d)
        self.position_embeddings = nn.Embedding(positions, d)
        self.token_type_embeddings = nn.Embedding(types, d)
        self.LayerNorm = nn.LayerNorm(d, eps=eps)


class _Stack(nn.Module):
    def __init__(self, layers: list[_Layer]) -> None:
        super().__init__()
        self.layer = nn.ModuleList(layers)


class _Output:
    def __init__(self, last_hidden_state: torch.Tensor) -> None:
        self.last_hidden_state = last_hidden_state


class MiniBert(nn.Module):
    """Drop-in for `BertModel(config, add_pooling_layer=False)` at inference (absolute positions)."""

    def __init__(self, config: dict) -> None:
        super().__init__()
        d, eps = config["hidden_size"], config.get("layer_norm_eps", 1e-12)
        self.embeddings = _Embeddings(
            config["vocab_size"], d, config["max_position_embeddings"], config.get("type_vocab_size", 2), eps
        )
        self.encoder = _Stack(
            [
                _Layer(d, config["intermediate_size"], config["num_attention_heads"], eps)
                for _ in range(config["num_hidden_layers"])
            ]
        )

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids=None) -> _Output:
        e = self.embeddings
        L = input_ids.size(1)
        types = token_type_ids if token_type_ids is not None else torch.zeros_like(input_ids)
        x = e.word_embeddings(input_ids) + e.position_embeddings(torch.arange(L)) + e.token_type_embeddings(types)
        x = e.LayerNorm(x)
        bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * torch.finfo(x.dtype).min
        for layer in self.encoder.layer:
            x = layer(x, bias)
        return _Output(x)
