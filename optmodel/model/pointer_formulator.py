"""The pointer model behind the Formulator protocol (see optmodel.model.pointer)."""

from __future__ import annotations

import os
import zlib
from collections.abc import Sequence
from pathlib import Path

from optmodel.errors import OptModelError
from optmodel.formulators.base import Candidate, FormulationRequest

DEFAULT_REUSE_PENALTY = 2.0  # measured: benchmarks/model_ablation.py, docs/results.md
DEFAULT_UNUSED_PENALTY = 0.0
DEFAULT_CUE_PENALTY = 3.0  # measured: docs/results.md ("Comparison cues")
DEFAULT_RETRY_SAMPLES = 4  # measured: benchmarks/candidate_selection.py ("greedy" rule), docs/results.md
DEFAULT_RANK_SAMPLES = 15  # samples besides the greedy candidate, the best-ranked solved one kept (measured: results.md)
DEFAULT_ENTITY_WEIGHT = 0.1  # ranking: log-probability + weight x entity cues (measured: results.md, "Entity cues")


FIXED_NOTE = "# rewritten as the words of the text say (entity cues)\n"  # ends the text
FIX_COST = 0.05  # a fix ranks with its parent's log-probability less this (measured: results.md, "Entity cues")


def _add_entity_fixes(text: str, programs: list[str], log_probs: list[float]) -> set[str]:
    """Append to the candidates of one problem each one's entity fix (optmodel.model.consistency):
    rows moved to the variables their clauses name, with the parent's log-probability less
    `FIX_COST` (so an equally agreeing candidate the model wrote itself wins). Returns the programs
    added."""
    from optmodel.model.consistency import entity_fix
    from optmodel.model.indexed import is_indexed

    seen, added = set(programs), set()
    for k in range(len(programs)):
        if is_indexed(programs[k]):  # the cues read scalar rows only
            continue
        fixed = entity_fix(text, programs[k])
        if fixed is not None and fixed not in seen:
            seen.add(fixed)
            added.add(fixed)
            programs.append(fixed)
            log_probs.append(log_probs[k] - FIX_COST)
    return added


def _setting(value, env: str, default, cast):
    """`value` when given, else the environment variable `env` (so evaluation runs can compare
    settings without code), else `default`."""
    return cast(os.environ.get(env, default)) if value is None else value


def is_pointer_checkpoint(path: str | Path) -> bool:
    """True for a folder written by the pointer trainer (checked without importing torch)."""
    import json

    try:
        return json.loads((Path(path) / "config.json").read_text()).get("architecture") == "optmodel-pointer"
    except (OSError, ValueError, AttributeError):
        return False


def as_five_element(program: str, names: dict[int, list[str]] | None = None) -> str:
    """Five-element text of a program, its variables named from `names` (variable count -> names,
    optmodel.model.naming) where the count is there; an unparseable program is returned as is
    (the parser then names the problem and the self-correction loop may repair it)."""
    from optmodel.model.program import to_five_element

    try:
        return to_five_element(program, (names or {}).get(_variable_count(program)))
    except OptModelError:
        return program


def _variable_count(program: str) -> int:
    """Scalar: the declared variables; indexed: the new set members (what the naming head names)."""
    from optmodel.model.indexed import is_indexed, new_member_count

    if is_indexed(program):
        return new_member_count(program)
    first = program.strip().split("\n", 1)[0].split()
    return len(first) if first and all(k in ("I", "R") for k in first) else 0


def correction_source(program: str, error: str) -> str:
    """The second input segment of a repair request: the faulty program and what went wrong."""
    return f"{' '.join(program.split())} error: {' '.join(error.split())[:300]}"


class PointerFormulator:
    """Problem text -> five-element text. One greedy sample, further samples at temperature 0.7
    (for self-consistency voting). Repair requests feed the faulty program and the error back,
    and also get `retry_samples` fresh samples of the plain text: when the greedy program is
    infeasible or unbounded, a sampled one that solves is right more often than the repair.
    Every request gets `rank_samples` samples besides the greedy program (and their entity
    fixes), scored by log-probability + entity cues. Every candidate comes back as a `Candidate`
    carrying its score, so the caller's one selection rule (optmodel.formulate.select) needs no
    state here."""

    name = "embedded-pointer"
    needs_numbers = True  # every number of a formulation is copied from the text

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
        rank_samples: int | None = None,
        entity_weight: float | None = None,
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
        self.reuse_penalty = _setting(reuse_penalty, "OPTMODEL_REUSE_PENALTY", DEFAULT_REUSE_PENALTY, float)
        self.unused_penalty = _setting(unused_penalty, "OPTMODEL_UNUSED_PENALTY", DEFAULT_UNUSED_PENALTY, float)
        self.cue_penalty = _setting(cue_penalty, "OPTMODEL_CUE_PENALTY", DEFAULT_CUE_PENALTY, float)
        self.retry_samples = retry_samples
        self.rank_samples = _setting(rank_samples, "OPTMODEL_RANK_SAMPLES", DEFAULT_RANK_SAMPLES, int)
        self.entity_weight = _setting(entity_weight, "OPTMODEL_ENTITY_WEIGHT", DEFAULT_ENTITY_WEIGHT, float)
        # five-element text -> the program it came from, for the last call only (a repair request
        # refers to the previous round; a long-running server must not accumulate them). Scores
        # are not kept here: they travel with each Candidate.
        self._programs: dict[str, str] = {}

    def programs(self, texts: Sequence[str], *, extras: Sequence[str | None] | None = None, temperature: float = 0.0,
                 seed: int | None = None, log_probs: list[float] | None = None) -> list[str]:
        """Program text for each problem (the model's raw output language); `log_probs`, when a list,
        receives each program's mean token log-probability."""
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
                cue_penalty=self.cue_penalty,
                log_probs=log_probs,
            )
            out += [from_tokens(toks, src.values) for toks, src in zip(decoded, chunk, strict=True)]
        return out

    def _draw(self, texts: Sequence[str], extras: Sequence[str | None], copies: int, temperature: float,
              seed: int) -> tuple[list[list[str]], list[list[float]]]:
        """`copies` programs per problem, with their log-probabilities. All copies of all problems
        go in one batch, so a problem's samples cost one decoder pass per step, not one per sample."""
        scored: list[float] = []
        flat = self.programs([t for t in texts for _ in range(copies)], extras=[e for e in extras for _ in range(copies)],
                             temperature=temperature, seed=seed, log_probs=scored)

        def per_problem(xs: list) -> list[list]:
            return [list(xs[k * copies : (k + 1) * copies]) for k in range(len(texts))]
        return per_problem(flat), per_problem(scored)

    def generate(self, requests: Sequence[FormulationRequest], *, num_samples: int = 1) -> list[list[Candidate]]:
        texts = [r.problem for r in requests]
        previous, self._programs = self._programs, {}
        extras = [
            correction_source(previous.get(r.faulty, r.faulty), r.error or "") if r.faulty else None
            for r in requests
        ]
        count = max(num_samples, 1 + self.rank_samples)
        programs, log_probs = self._draw(texts, extras, 1, 0.0, self.seed)
        origins = [["greedy"] for _ in texts]
        if count > 1:
            more = self._draw(texts, extras, count - 1, 0.7, self.seed + 1)
            for mine, drawn in zip((programs, log_probs), more, strict=True):
                for k, d in enumerate(drawn):
                    mine[k] += d
            for k in range(len(texts)):
                origins[k] += ["sample"] * (count - 1)
        for k, r in enumerate(requests):
            if not r.faulty:
                continue
            # seeded by the faulty text too, so a second retry round draws different samples
            base = self.seed + 1000 + 7919 * (zlib.crc32(r.faulty.encode()) % 997)
            if self.retry_samples:
                drawn = self._draw([texts[k]], [None], self.retry_samples, 0.7, base)
                for mine, d in zip((programs, log_probs), drawn, strict=True):
                    mine[k] += d[0]
                origins[k] += ["retry"] * self.retry_samples
        fixed: list[set[str]] = [set() for _ in texts]
        if self.entity_weight > 0 and self.rank_samples > 0:
            for k, text in enumerate(texts):
                fixed[k] = _add_entity_fixes(text, programs[k], log_probs[k])
        results: list[list[Candidate]] = []
        self._programs = {}
        for k, text in enumerate(texts):
            origins[k] += ["entity-fix"] * (len(programs[k]) - len(origins[k]))
            names = self.names(text, [_variable_count(p) for p in programs[k]])
            outs = [as_five_element(p, names) + (FIXED_NOTE if p in fixed[k] else "") for p in programs[k]]
            self._programs.update(zip(outs, programs[k], strict=True))
            scores = self._scores(text, outs, programs[k], log_probs[k])
            results.append([Candidate(o, sc, og) for o, sc, og in zip(outs, scores, origins[k], strict=True)])
        return results

    def names(self, text: str, counts: Sequence[int]) -> dict[int, list[str]]:
        """Variable names for `text` per variable count, from the checkpoint's naming head (none
        without one: the variables stay x1..xn)."""
        from optmodel.model.naming import variable_names
        from optmodel.model.pointer import encode_source

        if self.model.name_tagger is None:
            return {}
        source = encode_source(self.tokenizer, text, None, self.model.config.max_source)
        return variable_names(self.model, source, [c for c in counts if c])

    def _scores(
        self, problem: str, texts: Sequence[str], programs: Sequence[str], log_probs: Sequence[float]
    ) -> list[float | None]:
        """Each candidate's score, computed when it is generated: with `rank_samples`, its mean
        token log-probability plus `entity_weight` x its entity cues; else None (the caller votes
        on the objective)."""
        if self.rank_samples > 0:
            return [self.score(problem, program, lp) for program, lp in zip(programs, log_probs, strict=True)]
        return [None] * len(texts)

    def score(self, problem: str, program: str, log_prob: float) -> float:
        """The ranking score of one program: log-probability + entity_weight x entity cues."""
        from optmodel.model.indexed import is_indexed

        if not self.entity_weight or is_indexed(program):
            return log_prob
        from optmodel.model.consistency import entity_score

        return log_prob + self.entity_weight * entity_score(problem, program)
