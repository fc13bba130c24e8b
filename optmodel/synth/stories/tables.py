"""The phrase tables of the story generators (nouns, units, verbs, settings, sentence parts), read
from `datasets/stories/<generator>.yaml`.

Why: the generators' Python keeps only structure (how a sentence is put together, which numbers
make a feasible problem); what the text talks about is data that can be extended without touching
code. A file is parsed once per process; each `load_tables` call builds fresh containers, so a
generator may keep or change what it gets. Only plain YAML is read (`yaml.safe_load`), and a
table entry becomes a Python object only through the constructors a generator names itself.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from optmodel.datafiles import shipped_dir
from optmodel.errors import OptModelError


def stories_dir() -> Path:
    """`datasets/stories` in a checkout, `optmodel/_data/stories` in an installed wheel."""
    return shipped_dir("datasets/stories", "stories", what="the story phrase tables")


@cache
def _read(name: str) -> dict:
    import yaml

    path = stories_dir() / f"{name}.yaml"
    if not path.is_file():
        raise OptModelError(f"story generator '{name}' has no phrase tables at {path}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise OptModelError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise OptModelError(f"{path}: expected a mapping of table names to tables")
    return data


def load_tables(name: str, **constructors: Callable[..., Any]) -> dict[str, Any]:
    """The tables of generator `name`. A one-key mapping `{Name: {arg: value, ...}}` whose key is
    one of `constructors` becomes `constructors[Name](**args)` (e.g. an option whose phrases are
    derived from its noun); everything else stays lists, mappings and scalars."""

    def build(value: Any) -> Any:
        if isinstance(value, list):
            return [build(v) for v in value]
        if isinstance(value, dict):
            if len(value) == 1:
                ((key, args),) = value.items()
                if key in constructors and isinstance(args, dict):
                    return constructors[key](**{k: build(v) for k, v in args.items()})
            return {k: build(v) for k, v in value.items()}
        return value

    return {k: build(v) for k, v in _read(name).items()}
