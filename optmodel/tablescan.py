"""Large parameter tables read with string methods and numpy instead of the grammar.

A 300 x 300 table is 1.1 MB of `{p1: {m1: 4.5, ...}, ...}`; Lark takes seconds on it and a
quote-the-keys-then-json.loads pass a tenth of a second. This scanner reads the common shapes,
one or two levels of dicts or lists of plain numbers, with a few passes of `str.split` and one
`float` conversion, and keeps the numbers as a numpy grid beside the usual `DictData` /
`ListData`, so that the compiler can take the array without walking 90,000 Python tuples.

It is an optimisation, never a second semantics: the values are exactly those the grammar
gives (ints stay ints, percents divided by 100, integer keys as ints), and anything it does not
recognise for certain (a quote, a bracket too deep, a repeated key, a number the grammar would
refuse, an empty row) makes it return None, so that the grammar parses the text and reports
any error with its file, line and element.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from optmodel.errors import FormulationError
from optmodel.formulation import DictData, ListData

MAX_ROWS = 10_000  # more (shorter) rows: the per-row string work stops paying; json.loads takes them
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|[+-]?\d{1,300}")
_FIRST_HEAD = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*|[+-]?\d{1,300})\s*:\s*")
_NEXT_HEAD = re.compile(r"\s*,\s*([A-Za-z_][A-Za-z0-9_]*|[+-]?\d{1,300})\s*:\s*")
_PAIRS = re.compile(r"[^:,]*+:[^:,]*+(?:,[^:,]*+:[^:,]*+)*+")  # `k: v, k: v`: separators alternate
_NUMBER_CHARS = str.maketrans("", "", "0123456789+-.eE% \t\f\r\n")
_EXACT_INT = 2**53  # at and beyond, the parser's int literal becomes a float (parser._num)
_CLOSE = {"{": "}", "[": "]"}


@dataclass(frozen=True, eq=False)
class Grid:
    """A rectangular table's numbers as read: per level its keys in order (None for a list
    level), the values as a float array of that shape, and the same values as Python numbers
    in row-major order (ints kept)."""

    keys: tuple[tuple | None, ...]
    values: Any  # numpy.ndarray of float64
    numbers: list


def grid_of(data: object) -> Grid | None:
    """The grid read with `data` by this scanner, if any (never part of equality or JSON)."""
    return getattr(data, "__dict__", {}).get("_grid")


def scan_table(body: str) -> DictData | ListData | None:
    """The table literal `body` (`{...}` or `[...]`, nothing after it) as data, or None."""
    text = body.strip()
    if len(text) < 2 or text[0] not in _CLOSE or text[-1] != _CLOSE[text[0]]:
        return None
    outer, inner = text[0], text[1:-1]
    nested = [c for c in "{[" if c in inner]
    if not nested:
        level = _level(outer, [inner])
        if level is None:
            return None
        rows, numbers, values, _ = level
        grid = Grid((rows[0] if outer == "{" else None,), values, numbers)
        return _with_grid(_build(rows[0], numbers), grid)
    if len(nested) > 1:
        return None
    sub = nested[0]
    pieces = inner.split(_CLOSE[sub])
    if len(pieces) - 1 > MAX_ROWS or pieces.pop().strip() not in ("", ","):
        return None
    heads, contents = [], []
    for piece in pieces:
        head, found, content = piece.partition(sub)
        if not found or sub in content or not content.strip():
            return None
        heads.append(head)
        contents.append(content)
    row_keys = _heads(outer, heads)
    level = _level(sub, contents) if row_keys is not None else None
    if level is None:
        return None
    rows, numbers, values, rectangular = level
    built, start = [], 0
    for keys in rows:
        n = keys if isinstance(keys, int) else len(keys)
        built.append(_build(keys, numbers[start : start + n]))
        start += n
    value = DictData(tuple(zip(row_keys, built, strict=True))) if outer == "{" else ListData(tuple(built))
    if not rectangular:
        return value  # rows of different keys or lengths: no grid, the compiler walks the items
    grid = Grid(
        (tuple(row_keys) if outer == "{" else None, rows[0] if sub == "{" else None),
        values.reshape(len(rows), -1),
        numbers,
    )
    return _with_grid(value, grid)


def _with_grid(value: DictData | ListData, grid: Grid) -> DictData | ListData:
    object.__setattr__(value, "_grid", grid)  # a cache beside the dataclass fields
    return value


def _build(keys: tuple | int, numbers: list) -> DictData | ListData:
    """A dict row when `keys` is its keys, a list row when it is the row's length."""
    return (
        ListData(tuple(numbers))
        if isinstance(keys, int)
        else DictData(tuple(zip(keys, numbers, strict=True)))
    )


def _heads(outer: str, heads: list[str]) -> list | None:
    """The row keys from the text before each inner bracket (`p1:`, `, p2:`; `,` in a list)."""
    if outer == "[":
        ok = not heads[0].strip() and all(h.strip() == "," for h in heads[1:])
        return [] if ok else None
    keys = []
    for i, head in enumerate(heads):
        m = (_NEXT_HEAD if i else _FIRST_HEAD).fullmatch(head)
        if m is None:
            return None
        keys.append(_key(m.group(1)))
    return keys if len(set(keys)) == len(keys) else None


def _key(text: str) -> str | int:
    return int(text) if text[0] in "+-0123456789" else text


def _level(kind: str, contents: list[str]) -> tuple[list, list, Any, bool] | None:
    """The innermost containers' contents: per container its keys (a tuple; for a list its
    length), all the numbers in order (Python and float array), and whether every container
    has the same keys (or length)."""
    trimmed = []
    for c in contents:
        c = c.rstrip()
        trimmed.append(c[:-1] if c.endswith(",") else c)
    flat = ",".join(trimmed)
    rows: list = []
    if kind == "[":
        if ":" in flat:
            return None
        words = flat.split(",")
        rows = [c.count(",") + 1 for c in trimmed]
    else:
        if _PAIRS.fullmatch(flat) is None:
            return None
        tokens = flat.replace(":", ",").split(",")
        words, raw_keys = tokens[1::2], tokens[0::2]
        start, last_raw, last = 0, None, None
        for c in trimmed:
            raw = raw_keys[start : start + c.count(":")]
            start += len(raw)
            if raw != last_raw:
                last, last_raw = _keys(raw), raw
                if last is None:
                    return None
            rows.append(last)
    numbers = _numbers(words)
    if numbers is None:
        return None
    values, py = numbers
    return rows, py, values, all(r == rows[0] for r in rows)


def _keys(raw: list[str]) -> tuple | None:
    stripped = [r.strip() for r in raw]
    if not all(_KEY.fullmatch(k) for k in stripped):
        return None
    keys = tuple(_key(k) for k in stripped)
    return keys if len(set(keys)) == len(keys) else None


def _numbers(words: list[str]) -> tuple[Any, list] | None:
    """The number literals as a float array and as Python numbers, exactly as parser._num and
    parser._percent give them; None for anything else (the grammar then reports it)."""
    import numpy as np

    from optmodel.parser import _num, _percent

    joined = " ".join(words)
    if joined.translate(_NUMBER_CHARS):
        return None  # a character that no number has
    if "." in joined and not _dots_between_digits(joined):
        return None
    try:  # float() and _num refuse an empty cell and a space inside a number
        if "%" in joined:
            py = [_percent(w) if w[-1] == "%" else _num(w) for w in (w.strip() for w in words)]
            values = np.array(py, dtype=float)
        else:
            py = list(map(float, words))
            values = np.array(py)
            _restore_ints(words, joined, py, values, _num)
    except (ValueError, ArithmeticError, FormulationError):  # _num refuses a number too large
        return None
    if not np.isfinite(values).all():
        return None
    values.flags.writeable = False  # shared with the compiler's dense tables
    return values, py


def _dots_between_digits(text: str) -> bool:
    """Every '.' has a digit on both sides: the grammar's numbers refuse '.5', '5.' and
    '5.e3', which float() takes."""
    import numpy as np

    codes = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    dots = np.flatnonzero(codes == ord("."))
    if dots[0] == 0 or dots[-1] == len(codes) - 1:
        return False
    before, after = codes[dots - 1] - ord("0"), codes[dots + 1] - ord("0")
    return bool((before < 10).all() and (after < 10).all())  # uint8: below '0' wraps to >= 10


def _restore_ints(words: list[str], joined: str, py: list, values, num) -> None:
    """Integer literals back to ints in `py` (floats from float(): equal values, wrong type)."""
    import numpy as np

    if "." not in joined and "e" not in joined and "E" not in joined:
        small = np.abs(values) < _EXACT_INT
        py[:] = np.where(small, values, 0.0).astype(np.int64).tolist()
        candidates = np.flatnonzero(~small).tolist()
    else:
        candidates = np.flatnonzero(values == np.floor(values)).tolist()
    for i in candidates:
        w = words[i].strip()
        if "." not in w and "e" not in w and "E" not in w:
            py[i] = num(w)
