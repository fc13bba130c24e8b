"""A minimal generator, the shape every story module follows (and a fixture for tests)."""

from __future__ import annotations

import random


def sample(rng: random.Random) -> tuple[str, str]:
    return sample_named(rng)[:2]


def sample_named(rng: random.Random) -> tuple[str, str, list[list[str]]]:
    """The sample and, per variable, the names its entity goes by in the text."""
    a, b = rng.randint(2, 9), rng.randint(10, 19)
    cap = rng.randint(50, 90)
    lo = rng.randint(1, 4)
    text = (
        f"A shop makes chairs and tables. Each chair earns ${a} and each table earns ${b}. "
        f"A chair takes 2 hours of work and a table takes 5 hours; {cap} hours are available. "
        f"At least {lo} chairs must be made. How many of each maximize earnings?"
    )
    program = f"I I\nmax {a} x1 + {b} x2\n2 x1 + 5 x2 <= {cap}\nx1 >= {lo}"
    return text, program, [["chair", "chairs"], ["table", "tables"]]
