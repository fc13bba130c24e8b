"""The budgets that keep every input bounded: expansion, numbers, files and plain-English text.

Each limit has a documented default (docs/format.md, docs/cli.md, docs/byo-llm.md) and can be
changed with an environment variable, so a user with a large model raises it knowingly instead
of a few hundred bytes of input holding the machine.
"""

from __future__ import annotations

import os

from optmodel.errors import LimitError

#: name -> (environment variable, default, what it bounds)
DEFAULTS: dict[str, tuple[str, float, str]] = {
    "terms": (
        "OPTMODEL_MAX_TERMS",
        10_000_000,
        "terms, rows, variable and table entries and loop steps of one compile",
    ),
    "set_members": (
        "OPTMODEL_MAX_SET_MEMBERS",
        5_000_000,
        "members of one set (ranges and comprehensions too)",
    ),
    "file_bytes": ("OPTMODEL_MAX_FILE_BYTES", 64 * 2**20, "bytes of one input file"),
    "table_bytes": ("OPTMODEL_MAX_TABLE_BYTES", 256 * 2**20, "bytes of one file() table"),
    "text_chars": ("OPTMODEL_MAX_TEXT_CHARS", 20_000, "characters of one plain-English problem"),
    "text_numbers": ("OPTMODEL_MAX_TEXT_NUMBERS", 200, "numbers in one plain-English problem"),
    "formulate_seconds": ("OPTMODEL_FORMULATE_SECONDS", 60.0, "seconds to formulate one problem"),
}

#: HiGHS treats any coefficient, bound or value of this magnitude or more as infinite.
MAX_NUMBER = 1e20


def limit(name: str) -> float:
    """The current value of limit `name`: its environment variable when set, else the default."""
    env, default, what = DEFAULTS[name]
    raw = os.environ.get(env)
    if raw is None:
        return default
    try:
        value = type(default)(float(raw)) if isinstance(default, int) else float(raw)
    except ValueError:
        raise LimitError(f"{env}={raw!r} is not a number", hint=f"it bounds the {what}") from None
    if value <= 0:
        raise LimitError(f"{env}={raw!r} must be positive", hint=f"it bounds the {what}")
    return value


def hint(name: str) -> str:
    """The sentence that tells a user how to raise limit `name`."""
    env, default, _ = DEFAULTS[name]
    return f"the limit is {_show(limit(name))} (default {_show(default)}); set {env} to change it"


def _show(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"
