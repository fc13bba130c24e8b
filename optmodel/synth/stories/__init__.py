"""Word-problem generators for the pointer model: each module has `sample(rng) -> (text, program)`
and `sample_named(rng) -> (text, program, names)`, the same draw plus the names each variable's
entity goes by in the text (what each variable decides, found with `first_mention`).

Why: the embedded model learns to read textbook optimisation problems from text written here, by
seeded templates, with every number stated in the text and the program (see
optmodel.model.program) as the target. `WEIGHTS` sets how often each generator is drawn.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable

# generator module -> relative weight in the training mix
WEIGHTS: dict[str, float] = {"production": 1.0, "covering": 1.0, "abstract": 1.0, "money": 0.8, "demo": 0.0}

Sampler = Callable[[random.Random], tuple[str, str]]


def _module(name: str):
    """The generator module called `name`; only the modules listed in WEIGHTS can be loaded."""
    if name not in WEIGHTS:
        from optmodel.errors import OptModelError

        raise OptModelError(f"unknown story generator '{name}'", hint="one of " + ", ".join(WEIGHTS))
    return importlib.import_module(f"{__name__}.{name}")


def draw(name: str, rng: random.Random) -> tuple[str, str, list[list[str]]]:
    """One (text, program, entity names per variable) of generator `name` at the wording level in
    effect (optmodel.synth.stories.variety): at level 0 exactly the generator's `sample_named`."""
    from optmodel.synth.stories import variety

    text, program, names = _module(name).sample_named(rng)
    if variety.level() >= 1 and text and rng.random() < 0.5:
        text = variety.add_detail(rng, text, names)
    return text, program, names


def sampler(name: str) -> Sampler:
    """The generator called `name` (text, program), at the wording level in effect."""
    _module(name)
    return lambda rng: draw(name, rng)[:2]


def mixture(rng: random.Random, names: list[str] | None = None) -> tuple[str, str, str, list[list[str]]]:
    """One (generator name, text, program, entity names per variable) drawn by weight."""
    names = names or [n for n in WEIGHTS if WEIGHTS[n] > 0]
    weights = [WEIGHTS.get(n, 0.0) for n in names]
    name = rng.choices(names, weights=weights if sum(weights) > 0 else None)[0]
    return name, *draw(name, rng)


def first_mention(text: str, names: list[str]) -> int | None:
    """Character offset of the earliest whole-word occurrence of any of `names` in `text` (the
    first letter in either case, except for a one-letter name), or None. Why: variables are
    numbered in order of first mention, and the generators check their names against the text."""
    span = mention_span(text, names)
    return None if span is None else span[0]


def mention_span(text: str, names: list[str]) -> tuple[int, int] | None:
    """(start, end) of the earliest whole-word occurrence of any of `names` in `text` (the longest
    name where several start there), as `first_mention` finds it; the training label of the
    variable-naming head (optmodel.model.naming)."""
    import re

    best = None
    for name in names:
        name = name.strip()
        if not name:
            continue
        head, rest = name[0], re.escape(name[1:])
        first = re.escape(head) if len(name) == 1 else f"[{re.escape(head.lower())}{re.escape(head.upper())}]"
        pattern = f"(?<![A-Za-z0-9]){first}{rest}(?![A-Za-z0-9])"
        m = re.search(pattern, text)
        if m and (best is None or (m.start(), -m.end()) < (best[0], -best[1])):
            best = (m.start(), m.end())
    return best
