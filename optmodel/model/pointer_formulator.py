"""The pointer model behind the Formulator protocol (see optmodel.model.pointer)."""

from __future__ import annotations

import os
import zlib
from collections.abc import Sequence
from pathlib import Path

from optmodel.errors import OptModelError
from optmodel.formulators.base import FormulationRequest

DEFAULT_REUSE_PENALTY = 2.0  # measured: benchmarks/model_ablation.py, docs/results.md
DEFAULT_UNUSED_PENALTY = 0.0
DEFAULT_RETRY_SAMPLES = 4  # measured: benchmarks/candidate_selection.py ("greedy" rule), docs/results.md


def is_pointer_checkpoint(path: str | Path) -> bool:
    """True for a folder written by the pointer trainer (checked without importing torch)."""
    import json

    try:
        return json.loads((Path(path) / "config.json").read_text()).get("architecture") == "optmodel-pointer"
    except (OSError, ValueError, AttributeError):
        return False


def correction_source(program: str, error: str) -> str:
    """The second input segment of a repair request: the faulty program and what went wrong."""
    return f"{' '.join(program.split())} error: {' '.join(error.split())[:300]}"


class PointerFormulator:
    """Problem text -> five-element text. One greedy sample, further samples at temperature 0.7
    (for self-consistency voting). Repair requests feed the faulty program and the error back,
    and also get `retry_samples` fresh samples of the plain text: when the greedy program is
    infeasible or unbounded, a sampled one that solves is right more often than the repair."""

    name = "embedded-pointer"

    def __init__(
        self,
        path: str | Path,
        *,
        threads: int | None = None,
        seed: int = 0,
        batch_size: int = 16,
        reuse_penalty: float | None = None,
        unused_penalty: float | None = None,
        retry_samples: int = DEFAULT_RETRY_SAMPLES,
    ) -> None:
        import torch

        from optmodel.model.pointer import load, load_tokenizer

        self.path = Path(path)
        if not is_pointer_checkpoint(self.path) or not (self.path / "tokenizer.json").exists():
            raise OptModelError(f"no pointer formulation model at {self.path}")
        if threads:
            torch.set_num_threads(threads)
        self.model = load(self.path)
        self.tokenizer = load_tokenizer(self.path)
        self.seed = seed
        self.batch_size = batch_size
        if reuse_penalty is None:  # OPTMODEL_REUSE_PENALTY lets evaluation runs compare settings
            reuse_penalty = float(os.environ.get("OPTMODEL_REUSE_PENALTY", DEFAULT_REUSE_PENALTY))
        self.reuse_penalty = reuse_penalty
        if unused_penalty is None:
            unused_penalty = float(os.environ.get("OPTMODEL_UNUSED_PENALTY", DEFAULT_UNUSED_PENALTY))
        self.unused_penalty = unused_penalty
        self.retry_samples = retry_samples
        # five-element text -> the program it came from, for the last call only (repair requests
        # refer to the previous round; a long-running server must not accumulate them)
        self._programs: dict[str, str] = {}

    def programs(self, texts: Sequence[str], *, extras: Sequence[str | None] | None = None, temperature: float = 0.0,
                 seed: int | None = None) -> list[str]:
        """Program text for each problem (the model's raw output language)."""
        import torch

        from optmodel.model.pointer import decode, encode_source
        from optmodel.model.program import from_tokens

        extras = extras or [None] * len(texts)
        gen = torch.Generator().manual_seed(self.seed if seed is None else seed)
        out: list[str] = []
        cfg = self.model.config
        for i in range(0, len(texts), self.batch_size):
            chunk = [
                encode_source(self.tokenizer, t, e, cfg.max_source)
                for t, e in zip(texts[i : i + self.batch_size], extras[i : i + self.batch_size], strict=True)
            ]
            decoded = decode(
                self.model,
                chunk,
                max_len=cfg.max_target,
                temperature=temperature,
                generator=gen,
                reuse_penalty=self.reuse_penalty,
                unused_penalty=self.unused_penalty,
            )
            out += [from_tokens(toks, src.values) for toks, src in zip(decoded, chunk, strict=True)]
        return out

    def generate(self, requests: Sequence[FormulationRequest], *, num_samples: int = 1) -> list[list[str]]:
        from optmodel.model.program import to_five_element

        texts = [r.problem for r in requests]
        previous, self._programs = self._programs, {}
        extras = [
            correction_source(previous.get(r.faulty, r.faulty), r.error or "") if r.faulty else None
            for r in requests
        ]
        rounds = [self.programs(texts, extras=extras)]
        for s in range(1, num_samples):
            rounds.append(self.programs(texts, extras=extras, temperature=0.7, seed=self.seed + s))
        programs = [[r[k] for r in rounds] for k in range(len(requests))]
        retry = [k for k, r in enumerate(requests) if r.faulty]
        for s in range(self.retry_samples if retry else 0):
            # seeded by the faulty text too, so a second retry round draws different samples
            seeds = {k: self.seed + 1000 + s + 7919 * (zlib.crc32(requests[k].faulty.encode()) % 997) for k in retry}
            for k in retry:
                programs[k] += self.programs([texts[k]], temperature=0.7, seed=seeds[k])
        results: list[list[str]] = []
        for cands in programs:
            out = []
            for program in cands:
                try:
                    fe = to_five_element(program)
                except OptModelError:
                    fe = program  # unparseable: the parser names the problem and the loop may repair it
                self._programs[fe] = program
                out.append(fe)
            results.append(out)
        return results
