"""The natural-language toolkit shared by every family's `describe()`.

Real word problems say the same number many ways ("$1,200", "twelve hundred dollars", "30%",
"twice as many"), shuffle their facts, add details that do not matter and sometimes put data in
a small table. These helpers do that with an explicit `random.Random`, so that a seed fixes the
text. Everything rendered here is understood by `optmodel.synth.numbers`, which checks that
every number of the formulation appears in the text.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

# ---------------------------------------------------------------- choices: "[a|b|c]"

_CHOICE = re.compile(r"\[([^\[\]]*\|[^\[\]]*)\]")


def v(rng: random.Random, text: str) -> str:
    """Expand every `[a|b|c]` group to one option (an empty option drops the words).

    Use it on every sentence template: `v(rng, f"The [company|firm] makes {n} products")`.
    Only brackets that contain `|` are choices, so ordinary brackets are left alone.
    """
    while True:
        match = _CHOICE.search(text)
        if not match:
            break
        option = rng.choice(match.group(1).split("|"))
        text = text[: match.start()] + option + text[match.end() :]
    return tidy(text)


def sent(rng: random.Random, text: str) -> str:
    """`v` plus a capital first letter: for whole sentences whose first word is a choice."""
    return cap(v(rng, text))


def tidy(text: str) -> str:
    """Collapse double spaces left by empty options and fix spacing before punctuation."""
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r" +([,.;:?!])", r"\1", text)
    return text.strip()


def a(word: str) -> str:
    """'a chair', 'an apple', 'an hour' (by the first letter; good enough for our nouns)."""
    return ("an " if word[:1].lower() in "aeio" or word.lower().startswith("hour") else "a ") + word


def pick(rng: random.Random, options: Sequence):
    return options[rng.randrange(len(options))]


def cap(text: str) -> str:
    """Upper-case the first letter only (keeps '$' and digits as they are)."""
    return text[:1].upper() + text[1:] if text else text


# ---------------------------------------------------------------- numbers

_ONES = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n: int) -> str:
    """An integer 0..999,999 in words: 'three hundred twenty-five'."""
    if n < 0:
        return "minus " + words(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + ("-" + _ONES[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return _ONES[hundreds] + " hundred" + (" " + words(rest) if rest else "")
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        return words(thousands) + " thousand" + (" " + words(rest) if rest else "")
    raise ValueError(f"{n} is too large to write out")


def plain(x: float | int) -> str:
    """Digits without grouping: 1200, 2.5, 0.35."""
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    if isinstance(x, int):
        return str(x)
    return f"{x:.6f}".rstrip("0").rstrip(".")


def grouped(x: float | int) -> str:
    """Digits with thousands commas: 12,500 or 1,234.5."""
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    if isinstance(x, int):
        return f"{x:,}"
    whole, _, frac = plain(x).partition(".")
    return f"{int(whole):,}" + ("." + frac if frac else "")


def num(rng: random.Random, x: float | int, *, allow_words: bool = True) -> str:
    """A number in one of the renderings people use: digits, 1,200 or written out (small ones)."""
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    if isinstance(x, int) and allow_words and 0 <= x <= 20 and rng.random() < 0.35:
        return words(x)
    if isinstance(x, int) and allow_words and x in (100, 1000) and rng.random() < 0.2:
        return words(x)
    if abs(x) >= 1000 and rng.random() < 0.75:
        return grouped(x)
    return plain(x)


def money(rng: random.Random, x: float | int, *, currency: str = "$") -> str:
    """A money amount: '$1,200', '$12.50', '1,200 dollars' (or another currency word)."""
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    text = grouped(x) if (abs(x) >= 1000 and rng.random() < 0.8) else plain(x)
    if isinstance(x, float) and round(x, 2) == x and "." in text and len(text.split(".")[1]) == 1:
        text += "0"  # $12.5 -> $12.50
    if currency == "$":
        if rng.random() < 0.8:
            return "$" + text
        return text + " dollars"
    if currency in ("€", "£"):
        return currency + text
    return f"{text} {currency}"


def percent(rng: random.Random, fraction: float) -> str:
    """A fraction 0.3 as '30%', '30 percent' or 'thirty percent'."""
    pct = round(fraction * 100, 6)
    pct_val: float | int = int(pct) if float(pct).is_integer() else pct
    r = rng.random()
    if isinstance(pct_val, int) and 0 < pct_val <= 20 and r < 0.15:
        return f"{words(pct_val)} percent"
    if isinstance(pct_val, int) and pct_val in (25, 50) and r < 0.25:
        return {25: "a quarter", 50: "half"}[pct_val]
    if r < 0.65:
        return f"{plain(pct_val)}%"
    return f"{plain(pct_val)} percent"


def times(rng: random.Random, k: float | int) -> str:
    """A multiplier as people say it: 'twice', 'three times', '1.5 times'."""
    if isinstance(k, float) and k.is_integer():
        k = int(k)
    if k == 2:
        return pick(rng, ["twice", "double", "two times"])
    if k == 3:
        return pick(rng, ["three times", "triple", "3 times"])
    if isinstance(k, int) and 0 <= k <= 10:
        return pick(rng, [f"{words(k)} times", f"{k} times"])
    return f"{plain(k)} times"


def qty(rng: random.Random, x: float | int, unit: str, *, plural: str | None = None) -> str:
    """'12 kg', '1,500 liters', 'one hour' (singular unit for exactly 1)."""
    text = num(rng, x)
    if unit == "":
        return text
    if x == 1:
        return f"{text} {unit}"
    return f"{text} {plural or plural_of(unit)}"


def plural_of(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


# ---------------------------------------------------------------- lists, respectively, tables


def join(items: Sequence[str], rng: random.Random | None = None, conj: str = "and") -> str:
    """'a', 'a and b', 'a, b, and c' (the Oxford comma is a coin flip when rng is given)."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} {conj} {items[1]}"
    oxford = "," if (rng is None or rng.random() < 0.5) else ""
    return ", ".join(items[:-1]) + f"{oxford} {conj} " + items[-1]


def table(rng: random.Random, header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A small inline table, as pipe text or as 'name: a, b' lines (both appear in real problems)."""
    style = rng.random()
    if style < 0.6:
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    lines = []
    for row in rows:
        cells = [f"{h} {c}" for h, c in zip(header[1:], row[1:], strict=True)]
        lines.append(f"- {row[0]}: " + ", ".join(cells))
    return "\n".join(lines)


# ---------------------------------------------------------------- assembling a problem


IMPERATIVES = {"Find", "Determine", "Formulate", "Compute", "Calculate", "Plan", "Decide", "Help"}


def arrange(
    rng: random.Random,
    intro: Sequence[str],
    facts: Sequence[str],
    question: str,
    *,
    noise: Sequence[str] = (),
    shuffle: float = 0.5,
    noise_rate: float = 0.25,
) -> str:
    """Intro sentences first, facts (shuffled with probability `shuffle`), an occasional
    irrelevant detail, and the question last; paragraphs sometimes split like human text."""
    facts = list(facts)
    question = question.strip()
    if question.endswith("?") and question.split(" ", 1)[0] in IMPERATIVES:
        question = question[:-1] + "."
    if len(facts) > 1 and rng.random() < shuffle:
        # swap a few neighbours rather than a full shuffle: keeps related facts close
        for _ in range(rng.randint(1, max(1, len(facts) // 2))):
            i = rng.randrange(len(facts) - 1)
            facts[i], facts[i + 1] = facts[i + 1], facts[i]
    if noise and rng.random() < noise_rate:
        facts.insert(rng.randint(0, len(facts)), rng.choice(list(noise)))
    intro = [p for p in intro if p and p.strip()]
    parts = [" ".join(intro)] if intro else []
    body: list[str] = []
    for fact in facts:
        if "\n" in fact:  # a table or a list: its own paragraph
            if body:
                parts.append(" ".join(body))
                body = []
            parts.append(fact)
        else:
            body.append(fact)
            if len(body) >= 3 and rng.random() < 0.25:
                parts.append(" ".join(body))
                body = []
    if body:
        parts.append(" ".join(body))
    has_block = any("\n" in p for p in parts)
    sep = "\n\n" if (has_block or rng.random() < 0.4) else " "
    text = sep.join(p for p in parts if p)
    glue = sep if sep != " " and (rng.random() < 0.7 or "\n" in parts[-1]) else " "
    return text.strip() + glue + question


def slug(name: str) -> str:
    """A set-member identifier from a display name: 'Model X-2' -> 'model_x_2'."""
    ident = re.sub(r"[^0-9a-zA-Z]+", "_", name.strip().lower()).strip("_")
    if not ident or ident[0].isdigit():
        ident = "m_" + ident
    return ident


def sample_names(rng: random.Random, pool: Sequence[str], k: int) -> list[str]:
    """k distinct names from a pool; numbered generics when the pool is too small."""
    if k <= len(pool):
        return rng.sample(list(pool), k)
    return list(pool) + [f"{pool[0]} {i}" for i in range(2, k - len(pool) + 2)]


def letters(k: int, prefix: str = "") -> list[str]:
    """Generic labels 'A', 'B', ... (with a prefix: 'Plant A')."""
    out = []
    for i in range(k):
        label = chr(ord("A") + i) if i < 26 else f"{chr(ord('A') + i % 26)}{i // 26}"
        out.append(f"{prefix}{label}" if prefix else label)
    return out
