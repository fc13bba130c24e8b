"""A learned verifier: how likely a candidate program is the right model of the problem text.

Why: greedy decoding is right on about a quarter of the benchmark problems, but some program among
16 samples is right on almost half (benchmarks/candidate_selection.py), and votes, coverage and
likelihood do not find it. Judging a finished program against the whole text is an easier task
than writing it left to right, so a small classifier over (text, program) pairs, trained on the
pointer model's own candidates for synthetic problems and labelled by the solver, picks among them.

It shares the pointer model's encoder: only its top layers and a small head are its own, so it
adds a few MB to the checkpoint (`verifier.safetensors` next to `model.safetensors`).
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import torch
from torch import nn

from optmodel.model.pointer import PointerNet, clean_text

WEIGHTS = "verifier.safetensors"
CONFIG = "verifier.json"


def program_line(program: str) -> str:
    """The program as one line of words, the second segment the verifier reads. Five-element text
    written by `program.to_five_element` is read back into program words first."""
    if "## Variables" in program:
        program = program_of(program)
    return " ; ".join(" ".join(line.split()) for line in program.strip().splitlines() if line.strip())


def program_of(five_element: str) -> str:
    """Program words of five-element text as `program.to_five_element` writes it (its inverse)."""
    kinds, lines, section = [], [], ""
    for line in five_element.splitlines():
        line = line.split("#", 1)[0].strip() if not line.startswith("##") else line.strip()
        if line.startswith("##"):
            section = line[2:].strip().lower()
            continue
        if not line:
            continue
        if section == "variables":
            kinds.append("I" if "integer" in line else "R")
            continue
        line = re.sub(r"^c\d+:\s*", "", line).replace("==", "=").replace("*", " ")
        line = re.sub(r"^maximize\b", "max", re.sub(r"^minimize\b", "min", line))
        lines.append(" ".join(line.replace("(", " ( ").replace(")", " ) ").split()))
    return "\n".join([" ".join(kinds), *lines])


def verifier_ids(tokenizer, text: str, program: str, max_len: int = 384) -> list[int]:
    """[CLS] text [SEP] program [SEP], cutting the text (never the program) to fit `max_len`."""
    text_ids = tokenizer.encode(clean_text(text), add_special_tokens=False).ids
    prog_ids = tokenizer.encode(program_line(program), add_special_tokens=False).ids[: max_len // 2]
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    text_ids = text_ids[: max_len - len(prog_ids) - 3]
    return [cls, *text_ids, sep, *prog_ids, sep]


class Verifier(nn.Module):
    """A copy of the pointer model's encoder with its own top layers, mean-pooled, and a head."""

    def __init__(self, encoder: nn.Module, train_layers: int) -> None:
        super().__init__()
        self.encoder = encoder
        self.train_layers = train_layers
        d = encoder.embeddings.word_embeddings.embedding_dim
        self.head = nn.Sequential(nn.Linear(d, d), nn.Tanh(), nn.Linear(d, 1))
        layers = len(encoder.encoder.layer)
        for name, p in self.encoder.named_parameters():
            parts = name.split(".")
            p.requires_grad = parts[0] == "encoder" and int(parts[2]) >= layers - train_layers

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        h = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(h.dtype)
        return self.head((h * mask).sum(1) / mask.sum(1).clamp(min=1)).squeeze(-1)

    def own_state(self) -> dict[str, torch.Tensor]:
        """The weights that are the verifier's own: the trained top layers and the head."""
        trained = {n for n, p in self.named_parameters() if p.requires_grad}
        return {n: t for n, t in self.state_dict().items() if n in trained or n.startswith("head.")}


def from_pointer(model: PointerNet, train_layers: int = 2) -> Verifier:
    return Verifier(copy.deepcopy(model.encoder), train_layers)


def save_verifier(verifier: Verifier, path: str | Path, **info) -> None:
    """Write the verifier's own weights (fp16) and config into a checkpoint folder, atomically."""
    from safetensors.torch import save_file

    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().half().contiguous() for k, v in verifier.own_state().items()}
    save_file(state, str(path / (WEIGHTS + ".tmp")))
    (path / (CONFIG + ".tmp")).write_text(json.dumps({"train_layers": verifier.train_layers, **info}, indent=2))
    (path / (WEIGHTS + ".tmp")).replace(path / WEIGHTS)
    (path / (CONFIG + ".tmp")).replace(path / CONFIG)


def load_verifier(path: str | Path, model: PointerNet) -> Verifier | None:
    """The verifier stored next to a pointer checkpoint, or None when there is none."""
    from safetensors.torch import load_file

    path = Path(path)
    if not (path / WEIGHTS).exists():
        return None
    config = json.loads((path / CONFIG).read_text())
    verifier = from_pointer(model, config["train_layers"])
    own = {k: v.float() for k, v in load_file(str(path / WEIGHTS)).items()}
    missing = set(verifier.own_state()) - set(own)
    if missing:
        raise ValueError(f"{path / WEIGHTS}: missing {sorted(missing)[:3]}")
    verifier.load_state_dict(own, strict=False)
    return verifier.eval()


def collate_ids(rows: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    L = max(map(len, rows))
    ids = torch.zeros((len(rows), L), dtype=torch.long)
    mask = torch.zeros((len(rows), L), dtype=torch.long)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = torch.tensor(r)
        mask[i, : len(r)] = 1
    return ids, mask


@torch.no_grad()
def score(verifier: Verifier, tokenizer, text: str, programs: list[str], batch_size: int = 16) -> list[float]:
    """The verifier's logit for each candidate program of one problem (higher: more likely right)."""
    out: list[float] = []
    for i in range(0, len(programs), batch_size):
        ids, mask = collate_ids([verifier_ids(tokenizer, text, p) for p in programs[i : i + batch_size]])
        out += verifier(ids, mask).float().tolist()
    return out
