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
DEFAULT_CUE_PENALTY = 3.0  # measured: docs/results.md ("Comparison cues")
DEFAULT_RETRY_SAMPLES = 4  # measured: benchmarks/candidate_selection.py ("greedy" rule), docs/results.md
DEFAULT_VERIFY_SAMPLES = 7  # with a verifier in the checkpoint: samples besides the greedy candidate
DEFAULT_RANK_SAMPLES = 7  # samples besides the greedy candidate, the most likely solved one kept (measured: results.md)


def is_pointer_checkpoint(path: str | Path) -> bool:
    """True for a folder written by the pointer trainer (checked without importing torch)."""
    import json

    try:
        return json.loads((Path(path) / "config.json").read_text()).get("architecture") == "optmodel-pointer"
    except (OSError, ValueError, AttributeError):
        return False


def as_five_element(program: str, names: list[str] | None = None) -> str:
    """Five-element text of a program, each variable commented with the name of its entity when
    known; an unparseable program is returned as is (the parser then names the problem and the
    self-correction loop may repair it)."""
    from optmodel.model.program import to_five_element

    try:
        return to_five_element(program, names)
    except OptModelError:
        return program


def correction_source(program: str, error: str) -> str:
    """The second input segment of a repair request: the faulty program and what went wrong."""
    return f"{' '.join(program.split())} error: {' '.join(error.split())[:300]}"


class PointerFormulator:
    """Problem text -> five-element text. One greedy sample, further samples at temperature 0.7
    (for self-consistency voting). Repair requests feed the faulty program and the error back,
    and also get `retry_samples` fresh samples of the plain text: when the greedy program is
    infeasible or unbounded, a sampled one that solves is right more often than the repair.
    With a verifier in the checkpoint, every request gets `verify_samples` samples besides the
    greedy program, and `rank` lets the caller keep the one the verifier scores highest."""

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
        cue_penalty: float | None = None,
        retry_samples: int = DEFAULT_RETRY_SAMPLES,
        verify_samples: int | None = None,
        rank_samples: int | None = None,
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
        if cue_penalty is None:
            cue_penalty = float(os.environ.get("OPTMODEL_CUE_PENALTY", DEFAULT_CUE_PENALTY))
        self.cue_penalty = cue_penalty
        self.retry_samples = retry_samples
        from optmodel.model.verifier import load_verifier

        self.verifier = load_verifier(self.path, self.model)
        if verify_samples is None:
            verify_samples = int(os.environ.get("OPTMODEL_VERIFY_SAMPLES", DEFAULT_VERIFY_SAMPLES))
        self.verify_samples = verify_samples if self.verifier is not None else 0
        if rank_samples is None:
            rank_samples = int(os.environ.get("OPTMODEL_RANK_SAMPLES", DEFAULT_RANK_SAMPLES))
        self.rank_samples = rank_samples
        # five-element text -> the program it came from and its mean token log-probability, for
        # the last call only (repair requests refer to the previous round; a long-running server
        # must not accumulate them)
        self._programs: dict[str, str] = {}
        self._log_probs: dict[str, float] = {}

    def programs(self, texts: Sequence[str], *, extras: Sequence[str | None] | None = None, temperature: float = 0.0,
                 seed: int | None = None, log_probs: list[float] | None = None,
                 names: list[list[str]] | None = None) -> list[str]:
        """Program text for each problem (the model's raw output language); `log_probs`, when a list,
        receives each program's mean token log-probability; `names`, when a list, the name of each
        variable's entity as the text gives it (empty for a model without anchors)."""
        import torch

        from optmodel.model.pointer import decode, encode_source
        from optmodel.model.program import from_tokens

        extras = extras or [None] * len(texts)
        gen = torch.Generator().manual_seed(self.seed if seed is None else seed)
        out: list[str] = []
        anchors: list[list[int]] = []
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
                cue_penalty=self.cue_penalty,
                log_probs=log_probs,
                anchors=anchors,
            )
            out += [from_tokens(toks, src.values) for toks, src in zip(decoded, chunk, strict=True)]
            if names is not None:
                names += [[src.name_at(a) for a in anc] for src, anc in zip(chunk, anchors[-len(chunk) :], strict=True)]
        return out

    def generate(self, requests: Sequence[FormulationRequest], *, num_samples: int = 1) -> list[list[str]]:
        texts = [r.problem for r in requests]
        previous, self._programs = self._programs, {}
        extras = [
            correction_source(previous.get(r.faulty, r.faulty), r.error or "") if r.faulty else None
            for r in requests
        ]
        extra = self.verify_samples if self.verifier is not None else self.rank_samples
        rounds, named, scored = [], [], []
        for s in range(max(num_samples, 1 + extra)):
            named.append([])
            scored.append([])
            rounds.append(self.programs(texts, extras=extras, temperature=0.7 if s else 0.0,
                                        seed=self.seed + s, names=named[-1], log_probs=scored[-1]))
        programs = [[r[k] for r in rounds] for k in range(len(requests))]
        names = [[n[k] for n in named] for k in range(len(requests))]
        log_probs = [[lp[k] for lp in scored] for k in range(len(requests))]
        for k, r in enumerate(requests):
            if not r.faulty:
                continue
            # seeded by the faulty text too, so a second retry round draws different samples
            base = self.seed + 1000 + 7919 * (zlib.crc32(r.faulty.encode()) % 997)
            for s in range(self.retry_samples):
                programs[k] += self.programs([texts[k]], temperature=0.7, seed=base + s, names=names[k],
                                             log_probs=log_probs[k])
        results = [[as_five_element(p, n) for p, n in zip(cands, nms, strict=True)]
                   for cands, nms in zip(programs, names, strict=True)]
        self._log_probs = {}
        for cands, texts_out, lps in zip(programs, results, log_probs, strict=True):
            self._programs.update(zip(texts_out, cands, strict=True))
            for text, lp in zip(texts_out, lps, strict=True):
                self._log_probs[text] = max(lp, self._log_probs.get(text, float("-inf")))
        return results

    def rank(self, problem: str, candidates: Sequence[str]) -> list[float] | None:
        """The verifier's score of each candidate; without a verifier but with `rank_samples`, the
        mean token log-probability each had when it was generated; else None (the caller votes)."""
        if self.verifier is not None and self.verify_samples > 0:
            from optmodel.model.verifier import score

            return score(self.verifier, self.tokenizer, problem, list(candidates))
        if self.rank_samples > 0:
            return [self._log_probs.get(c, float("-inf")) for c in candidates]
        return None
