"""Wording levels of the story generators: level 0 (the default) is the text the embedded model
was trained on, byte for byte; level 1 adds wording: each generator's `more_sentences:` (new
wordings of its sentence templates, in its YAML file) and, from `datasets/stories/variety.yaml`,
irrelevant details between sentences (with numbers no constraint uses), per-item data written as
grids (production, covering), more closing questions (production, covering), more sentence
orders, availability phrases and objective phrases with the number after its entity (production).

Why a level and not new defaults: the fingerprints in tests/test_story_tables.py pin what a seed
gives, and a rebuilt training set must be the one the default checkpoint was measured on. Choose
the level per instance (the `wording` knob of the `story_*` synthesis families, or `with wording(1):`).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

LEVELS = (0, 1)
_LEVEL: ContextVar[int] = ContextVar("story_wording", default=0)

# a sentence ends at . ! or ? followed by white space and a capital letter, but not after a title
# or a single letter ("Mr. Okafor", "J. Smith")
_BOUNDARY = re.compile(r"(?<=[.!?])(\s+)(?=[A-Z])")
_NOT_AN_END = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Inc|Ltd|Co|vs|etc|e\.g|i\.e)|\b[A-Z])\.$")


def level() -> int:
    """The wording level in effect (0 unless inside `wording`)."""
    return _LEVEL.get()


@contextmanager
def wording(value: int) -> Iterator[None]:
    """Generate with wording level `value` inside the block."""
    if value not in LEVELS:
        from optmodel.errors import OptModelError

        raise OptModelError(
            f"unknown story wording level {value}", hint="one of " + ", ".join(map(str, LEVELS))
        )
    token = _LEVEL.set(value)
    try:
        yield
    finally:
        _LEVEL.reset(token)


class Phrases(Mapping):
    """A generator's sentence templates (`sentences:` in its YAML file): at level 0 exactly those;
    at level 1 and above each list also gets its `more_sentences:` entry (new wordings of the
    same fact, with the same `{fields}`), so more phrasing is data, not code."""

    def __init__(self, base: dict[str, list[str]], more: dict[str, list[str]] | None = None) -> None:
        self.base, self.more = base, more or {}

    def __getitem__(self, key: str) -> list[str]:
        if _LEVEL.get() >= 1 and key in self.more:
            return self.base[key] + self.more[key]
        return self.base[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.base)

    def __len__(self) -> int:
        return len(self.base)

    def say(self, rng: random.Random, keys: str | list[str], **fields: object) -> str:
        """One template of `keys` (their lists joined in order), filled with `fields`.

        Every template is filled before one is drawn, and a field given as a function (a fresh
        reference or number) is called at each of its uses, left to right; a single template is
        used without a draw. Why: the templates were once inline lists of f-strings, and the
        random stream must advance exactly as it did then, so level 0 stays the text the default
        checkpoint was trained on (tests/test_story_tables.py)."""
        values = _Fields(fields)
        texts = [t.format_map(values) for key in ([keys] if isinstance(keys, str) else keys) for t in self[key]]
        return texts[0] if len(texts) == 1 else rng.choice(texts)


class _Fields(dict):
    """The fields of a sentence template; a function among them is called at each use."""

    def __getitem__(self, key: str) -> object:
        value = super().__getitem__(key)
        return value() if callable(value) else value


def phrases() -> dict:
    """The level-1 wording tables (datasets/stories/variety.yaml)."""
    from optmodel.synth.stories.tables import load_tables

    return load_tables("variety")


def _boundaries(text: str) -> list[re.Match]:
    """Sentence boundaries of `text` after the first sentence and before the last."""
    found = [m for m in _BOUNDARY.finditer(text) if not _NOT_AN_END.search(text[: m.start()])]
    return found[:-1] if len(found) > 1 else []


def _order(text: str, names: list[list[str]]) -> list[int | None]:
    from optmodel.synth.stories import first_mention

    return [first_mention(text, ns) for ns in names]


def add_detail(rng: random.Random, text: str, names: list[list[str]]) -> str:
    """`text` with one irrelevant detail between two of its sentences, its number one the text
    does not state; the text as it was when the detail would change which variable is named first."""
    from optmodel.model.numbers import find_numbers

    spots = _boundaries(text)
    if not spots:
        return text
    template, lo, hi = rng.choice(phrases()["details"])
    stated = set(find_numbers(text)[0])
    n = rng.randint(lo, hi)
    for _ in range(10):
        if n not in stated:
            break
        n = rng.randint(lo, hi)
    else:
        return text
    spot = rng.choice(spots)
    detail = template.format(n=n)
    out = text[: spot.end()] + detail + spot.group(1) + text[spot.end() :]
    return out if _rank(_order(out, names)) == _rank(_order(text, names)) else text


def _rank(positions: list[int | None]) -> list[int]:
    return sorted(range(len(positions)), key=lambda i: (positions[i] is None, positions[i] or 0))


def grid(rng: random.Random, rows: list[str], columns: list[str], cells: list[list[str]], what: str) -> str:
    """A markdown table with a lead line: `cells[r][c]` is row `r`, column `c`."""
    lead = rng.choice(phrases()["grid_leads"]).format(what=what)
    lines = ["| | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    lines += [f"| {r} | " + " | ".join(row) + " |" for r, row in zip(rows, cells, strict=True)]
    return lead + "\n" + "\n".join(lines) + "\n"
