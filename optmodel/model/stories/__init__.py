"""Word-problem generators for the pointer model: each module has `sample(rng) -> (text, program)`.

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


def sampler(name: str) -> Sampler:
    """The generator called `name`; only the modules listed in WEIGHTS can be loaded."""
    if name not in WEIGHTS:
        from optmodel.errors import OptModelError

        raise OptModelError(f"unknown story generator '{name}'", hint="one of " + ", ".join(WEIGHTS))
    return importlib.import_module(f"{__name__}.{name}").sample


def mixture(rng: random.Random, names: list[str] | None = None) -> tuple[str, str, str]:
    """One (generator name, text, program) drawn by weight."""
    names = names or [n for n in WEIGHTS if WEIGHTS[n] > 0]
    weights = [WEIGHTS.get(n, 0.0) for n in names]
    name = rng.choices(names, weights=weights if sum(weights) > 0 else None)[0]
    text, program = sampler(name)(rng)
    return name, text, program
