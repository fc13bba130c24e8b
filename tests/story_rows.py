"""Training rows of the demo story generator, made the one way rows are made: each draw an
instance of a `StoryFamily` (solved, number-checked), then `synthrows.rows_from_pairs`."""

from __future__ import annotations

from optmodel.model.synthrows import rows_from_pairs
from optmodel.synth.instance import make_instance
from optmodel.synth.stories.family import StoryFamily


def demo_rows(n: int, *, val: int, seed: int, repair_fraction: float = 0.0) -> list[dict]:
    family = StoryFamily("demo", tags=("test",))
    pairs = []
    for i in range(n + val):
        inst = make_instance(family, f"{seed}:{i}", 1)
        pairs.append({"id": f"demo-{seed}-{i}", "family": family.name, "nl": inst.nl,
                      "formulation": inst.formulation, "optimum": inst.optimum,
                      "split": "validation" if i >= n else "train"})  # fmt: skip
    return rows_from_pairs(pairs, repair_fraction=repair_fraction, seed=seed)
