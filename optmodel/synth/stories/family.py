"""A story generator as a synthesis family, so the model's training text comes from one pipeline.

Why: the story generators (this package) write the textbook-size text the model reads best, and
the synthesis families (`optmodel/synth/families/`) write tables, sets and other settings; both
now go through `optmodel synth` (seeded instances, a ground-truth solve, the number check,
forward-model verification, splits by formulation, resumable shards) and on to training rows
(`optmodel.model.synthrows`). A story family has no seed template: the generator writes the
program with the text, and its formulation is that program in five-element form, its variables
named as the text first names them wherever that keeps the program's order of first mention.
"""

from __future__ import annotations

import random
from typing import Any

from optmodel.synth.family import Family, Spec


def variable_names(text: str, names: list[list[str]] | None) -> list[str] | None:
    """Identifiers for the program's variables as the text first names them (`coffee_tables`),
    or None (x1..xn) where one has no mention, the first mentions are not in the program's order,
    or an identifier would be found elsewhere in the text than its variable's first mention (`65-inch TVs` -> `n_65_inch_tvs`), which would
    reorder the variables when the pair is read back into a training row."""
    from optmodel.model.naming import identifiers
    from optmodel.model.synthrows import mention
    from optmodel.synth.stories import mention_span

    spans = [mention_span(text, alternatives) for alternatives in names or []]
    if not spans or None in spans or [a for a, _ in spans] != sorted({a for a, _ in spans}):
        return None  # unmentioned, or mentioned out of the program's order
    out = identifiers([text[a:b] for a, b in spans])
    if out is None:
        return None
    for ident, (start, _) in zip(out, spans, strict=True):
        found = mention(text, ident)
        if found is None or found[0] != start:
            return None
    return out


class StoryFamily(Family):
    """`story_<generator>`: one draw of the generator (`wording` knob: the wording level of
    optmodel.synth.stories.variety) is one instance. `complexity` is not used: the generators
    write textbook-size problems (2-6 decisions) at every level."""

    knobs = {"wording": (0, 1)}
    allow_zero_optimum = True  # a generator's draw is a stated problem, never a degenerate one

    def __init__(self, generator: str, tags: tuple[str, ...]) -> None:
        self.generator = generator
        self.name = f"story_{generator}"
        self.tags = tags

    def sample(self, rng: random.Random, complexity: int, knobs: dict[str, Any] | None = None) -> Spec:
        from optmodel.synth.stories import draw
        from optmodel.synth.stories.variety import wording

        chosen = self.choose_knobs(rng, knobs)
        with wording(int(chosen["wording"])):
            text, program, names = draw(self.generator, rng)
        return Spec(knobs=chosen, story={"text": text, "program": program, "names": names})

    def formulation(self, spec: Spec) -> str:
        from optmodel.model.program import to_five_element

        text, program = spec.story["text"], spec.story["program"]
        return to_five_element(program, variable_names(text, spec.story["names"]))

    def describe(self, spec: Spec, rng: random.Random) -> str:
        return spec.story["text"]
