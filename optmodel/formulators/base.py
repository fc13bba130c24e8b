"""The one interface every formulator implements, so the self-correction loop, evaluation,
synthesis and the server can use any of them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class FormulationRequest:
    """Write a formulation for `problem`; when `faulty` is set, repair it given `error`."""

    problem: str
    faulty: str | None = None
    error: str | None = None


@runtime_checkable
class Formulator(Protocol):
    name: str

    def generate(self, requests: Sequence[FormulationRequest], *, num_samples: int = 1) -> list[list[str]]:
        """For each request, `num_samples` candidate five-element texts (batched where it can)."""
        ...


@runtime_checkable
class Ranker(Protocol):
    """A formulator that can also judge its candidates (a learned verifier): the self-correction
    loop then keeps the best-scored solvable candidate instead of the most-voted objective."""

    def rank(self, problem: str, candidates: Sequence[str]) -> list[float] | None:
        """A score per candidate five-element text, higher more likely right; None: cannot judge."""
        ...
