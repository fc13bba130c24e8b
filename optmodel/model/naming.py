"""Variable names from the text: a learned tagger marks where each decision is first named.

Why: a formulation with variables `x1..x3` cannot be checked by the person who asked; one with
`bookcases`, `desks`, `coffee_tables` can. The program language numbers variables in order of
first mention, so naming them is span tagging: the head (`NameTagger`, one transformer layer over
the encoder states) tags, per token, B (the first token of a decision's first mention), I (inside
it) or O. The k-th tagged span names `xk`. It is trained on the story rows' entity names
(`stories.mention_span`), with the rest of the model frozen (`optmodel train --names-only`), so the
programs, and so the accuracy, are unchanged. No English rule is involved: where the tagger does
not find one span per variable, the variables keep their `xk` names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import torch
from torch import nn

O_TAG, B_TAG, I_TAG = 0, 1, 2
IGNORE = -100
MIN_START = 0.5  # a span starts where the tagger gives B at least this probability
MAX_NAME = 32  # characters of an identifier; longer spans are cut at a word boundary


class NameTagger(nn.Module):
    """B/I/O scores per source token, from the encoder states."""

    def __init__(self, d: int, heads: int) -> None:
        super().__init__()
        self.layer = nn.TransformerEncoderLayer(d, heads, 2 * d, 0.1, batch_first=True, norm_first=True)
        self.norm = nn.LayerNorm(d)
        self.out = nn.Linear(d, 3)

    def forward(self, memory: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        h = self.layer(memory, src_key_padding_mask=attention_mask == 0)
        return self.out(self.norm(h)).float()


def tag_labels(text: str, offsets: Sequence[tuple[int, int]], names: Sequence[Sequence[str]]) -> list[int] | None:
    """Per token, the B/I/O tag of the decisions' first mentions; None when a variable's name is not
    in `text` or the mentions are not in variable order (such a row teaches nothing reliable)."""
    from optmodel.synth.stories import mention_span

    spans = [mention_span(text, list(ns)) for ns in names]
    if not spans or any(s is None for s in spans):
        return None
    if any(a[1] > b[0] for a, b in zip(spans, spans[1:], strict=False)):
        return None
    tags = [O_TAG if end > start else IGNORE for start, end in offsets]
    for start, end in spans:
        inside = [t for t, (a, b) in enumerate(offsets) if b > a and a < end and b > start]
        if not inside:
            return None
        tags[inside[0]] = B_TAG
        for t in inside[1:]:
            tags[t] = I_TAG
    return tags


def spans_from_tags(probs: torch.Tensor, offsets: Sequence[tuple[int, int]], text: str, n: int) -> list[str] | None:
    """The `n` names the tag probabilities (L, 3) give, in text order, or None unless the tagger
    starts exactly `n` spans (words whose B probability is at least MIN_START): names only where
    the tagger's count of decisions agrees with the program's, so a program with a decision too
    many or too few keeps x1..xn rather than names shifted onto the wrong variables."""
    p_start = probs[:, B_TAG].tolist()
    inside = (probs.argmax(-1) == I_TAG).tolist()
    starts: list[int] = []
    for t, (a, b) in enumerate(offsets):
        if b > a and p_start[t] >= MIN_START:
            if starts and _same_word(text, offsets[starts[-1]], (a, b)):
                continue  # two pieces of one word start one span
            starts.append(t)
    if n < 1 or len(starts) != n:
        return None
    out = []
    for t in starts:
        start, end = offsets[t]
        u = t + 1
        while u < len(offsets) and inside[u] and u not in starts and offsets[u][1] > offsets[u][0]:
            end = offsets[u][1]
            u += 1
        while start > 0 and text[start - 1].isalnum():  # whole words, even if B fell inside one
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
        out.append(text[start:end])
    return out


def _same_word(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """True when the token at `second` continues the word of the token at `first` (no space between)."""
    return first[1] == second[0] and text[first[1] - 1 : first[1] + 1].isalnum()


def identifiers(spans: Sequence[str]) -> list[str] | None:
    """Five-element identifiers for the named spans (`coffee tables` -> `coffee_tables`), never a
    keyword, a constraint name or an `xK` of another variable; None when one is empty or two are
    the same (the tagger marked one thing twice: `x1, x2` say less, but nothing wrong)."""
    from optmodel.parser import _KEYWORDS

    out: list[str] = []
    for span in spans:
        name = re.sub(r"[^0-9A-Za-z]+", "_", span).strip("_").lower()
        if len(name) > MAX_NAME:
            name = name[:MAX_NAME].rsplit("_", 1)[0] or name[:MAX_NAME]
        if not name:
            return None
        if name[0].isdigit() or name in _KEYWORDS or re.fullmatch(r"[cx]\d+", name):
            name = "n_" + name
        if name in out:
            return None
        out.append(name)
    return out


@torch.no_grad()
def tag_probs(model, sources: Sequence) -> list[torch.Tensor]:
    """Per source, the (L, 3) tag probabilities of the model's name tagger."""
    from optmodel.model.pointer import collate

    batch = collate(list(sources))
    memory = model.encoder(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state
    probs = model.name_tagger(memory, batch["attention_mask"]).softmax(-1)
    return [probs[b, : len(s.ids)] for b, s in enumerate(sources)]


def variable_names(model, source, counts: Sequence[int]) -> dict[int, list[str]]:
    """For each variable count in `counts`, the names of variables x1..xn of `source` (a
    pointer.Source of the plain problem text); counts the tagger cannot name are left out."""
    if getattr(model, "name_tagger", None) is None:
        return {}
    probs = tag_probs(model, [source])[0]
    out = {}
    for n in set(counts):
        names = names_from_probs(probs, source, n)
        if names:
            out[n] = names
    return out


def names_from_probs(probs: torch.Tensor, source, n: int) -> list[str] | None:
    """The names of x1..xn that the tag probabilities of `source` give, or None (x1..xn stay)."""
    spans = spans_from_tags(probs, source.offsets, source.text, n)
    return _own_names(identifiers(spans)) if spans else None


def _own_names(names: list[str] | None) -> list[str] | None:
    """A text that calls its decisions x1, x2, ... keeps them: `x2` on the program's first
    variable would say the opposite of the truth, so such names count only in their own place."""
    if names is None:
        return None
    out = []
    for k, name in enumerate(names, start=1):
        m = re.fullmatch(r"(?:n_)?x_?(\d+)", name)
        if m and int(m.group(1)) != k:
            return None
        out.append(f"x{k}" if m else name)
    return out


def add_head(run: str | Path, model_dir: str | Path) -> Path:
    """Put the naming head trained in `run` (a `--names-only` run on `model_dir`'s weights) into
    `model_dir` as names.safetensors and switch it on in its config. Why a file of its own: the
    committed model then grows by the head (about 2 MB), not by a second copy of its weights."""
    import json

    from safetensors.torch import load_file, save_file

    from optmodel.atomic import atomic_path, write_text
    from optmodel.errors import OptModelError
    from optmodel.model.pointer import NAMES_FILE

    run, model_dir = Path(run), Path(model_dir)
    try:
        head = {k: v for k, v in load_file(str(run / "model.safetensors")).items() if k.startswith("name_tagger.")}
        config = json.loads((model_dir / "config.json").read_text())
    except (OSError, ValueError) as e:
        raise OptModelError(f"cannot read the naming head of {run} or the model at {model_dir}: {e}") from None
    if not head:
        raise OptModelError(f"{run} has no naming head", hint="train one with `optmodel train --names-only`")
    with atomic_path(model_dir / NAMES_FILE) as tmp:
        save_file(head, str(tmp))
    write_text(model_dir / "config.json", json.dumps(config | {"name_tagger": True}, indent=2))
    return model_dir / NAMES_FILE


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="Add a trained naming head to a pointer model folder.")
    ap.add_argument("run", help="the --names-only training run (its model.safetensors)")
    ap.add_argument("model", help="the model folder to add names.safetensors to")
    args = ap.parse_args()
    from optmodel.errors import OptModelError

    try:
        print(add_head(args.run, args.model))
    except OptModelError as e:
        raise SystemExit(f"error: {e}") from None
