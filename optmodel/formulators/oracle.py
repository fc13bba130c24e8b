"""The instance oracle: returns the formulation an instance was generated from, looked up by
its problem text. It exercises synthesis, rejection sampling and evaluation end to end before a
trained model exists; a repair request gets the same (correct) answer back."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from optmodel.errors import OptModelError
from optmodel.formulators.base import FormulationRequest


def _key(text: str) -> str:
    return " ".join(text.split())


class InstanceOracle:
    """A `Formulator` backed by a {problem text: formulation} table."""

    name = "oracle"

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self._table: dict[str, str] = {}
        for problem, formulation in pairs:
            self.add(problem, formulation)

    def add(self, problem: str, formulation: str) -> None:
        self._table[_key(problem)] = formulation

    def __len__(self) -> int:
        return len(self._table)

    @classmethod
    def from_parquet(cls, path: str | Path) -> InstanceOracle:
        """Load the pairs of a synthesised data set (columns `nl` and `formulation`)."""
        import polars as pl

        frame = pl.read_parquet(path, columns=["nl", "formulation"])
        return cls(zip(frame["nl"].to_list(), frame["formulation"].to_list(), strict=True))

    def generate(self, requests: Sequence[FormulationRequest], *, num_samples: int = 1) -> list[list[str]]:
        out = []
        for req in requests:
            found = self._table.get(_key(req.problem))
            if found is None:
                raise OptModelError(
                    "the instance oracle knows only the problems it was built from; this text is not one of them",
                    text=req.problem[:120],
                )
            out.append([found] * num_samples)
        return out
