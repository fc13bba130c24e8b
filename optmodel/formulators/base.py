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
        """For each request, `num_samples` candidate five-element texts (batched where it can);
        a formulator that can judge them returns `Candidate`s with a score."""
        ...


class Candidate(str):
    """A candidate five-element text with the formulator's `score` for it (higher: more likely
    right; None: the formulator cannot judge, so the loop votes on the objective) and its
    `origin` ("greedy", "sample", "retry", "entity-fix", ...).

    A `str`, so every consumer that reads candidate texts (synthesis, the chat endpoint, tests)
    keeps working; the score travels with the text through wrappers such as the server's, instead
    of living in formulator state keyed by text."""

    score: float | None
    origin: str

    def __new__(cls, text: str, score: float | None = None, origin: str = "") -> Candidate:
        obj = super().__new__(cls, text)
        obj.score = None if score is None else float(score)
        obj.origin = origin
        return obj

    @property
    def text(self) -> str:
        return str.__str__(self)

    def with_text(self, text: str) -> Candidate:
        """The same score and origin for a rewritten text."""
        return Candidate(text, self.score, self.origin)

    def __reduce__(self):  # pickled across processes (evaluation workers, Ray) with its score
        return (Candidate, (self.text, self.score, self.origin))

    def __repr__(self) -> str:
        return f"Candidate({self.text!r}, score={self.score!r}, origin={self.origin!r})"


def as_candidate(item: str, origin: str = "") -> Candidate:
    """A formulator's output as a Candidate: unscored when it is a plain string."""
    return item if isinstance(item, Candidate) else Candidate(str(item), None, origin)
