"""The compact output language of the pointer model: a small LP/MILP written as a few lines.

    I I            one letter per decision variable, in order of first mention: I integer, R real
    min 20 x1 + 40 x2
    10 x1 + 8 x2 >= 300
    x1 <= 12
    x2 >= 0.6 ( x1 + x2 )

Why: textbook word problems (NL4Opt, MAMO EasyLP) are a handful of scalar decisions and linear
constraints. Written this way, an output is 20-60 tokens from a vocabulary of 46 words plus
pointers at the numbers of the problem text, which a small model can learn on a CPU. Up to 24
variables, so that a small table (3 plants x 4 markets, 6 products x 4 resources) can be written
out row by row. Every number other than 0 and 1 must be one stated in the text; the model copies
it by pointing. Programs are turned into ordinary five-element text (`to_five_element`), which
the core SDK parses and solves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from optmodel.errors import OptModelError
from optmodel.model import indexed

MAX_VARS = 24
MAX_LINES = 40  # constraint lines after the objective (the decoding grammar's cap)
VARS = [f"x{i}" for i in range(1, MAX_VARS + 1)]
LITERALS = ["0", "1"]
OPS = ["<=", ">=", "="]
SPECIAL = ["<pad>", "<bos>", "<eos>"]
# x9..x24 and then the indexed words (optmodel.model.indexed) come last, so the vocabulary of a
# checkpoint trained with fewer words is a prefix of this one (optmodel.model.pointer.load widens it)
WORDS = (SPECIAL + ["I", "R", ";", "max", "min", "+", "-", "(", ")"] + OPS + VARS[:8] + LITERALS + VARS[8:]
         + indexed.vocabulary())
N_SCALAR_WORDS = len(WORDS) - len(indexed.vocabulary())
WORD_ID = {w: i for i, w in enumerate(WORDS)}
PAD, BOS, EOS = 0, 1, 2

_NUMBER = re.compile(r"^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$")


@dataclass(frozen=True)
class Pointer:
    """A reference to the k-th distinct number of the problem text."""

    index: int


Token = str | Pointer


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def to_tokens(program: str, values: list[float]) -> list[Token]:
    """Program text -> target tokens; each number other than 0/1 becomes a Pointer into `values`.

    Raises OptModelError naming the number when it is not stated in the text (a generator bug).
    An indexed program (optmodel.model.indexed) is one declaration word and its arguments per line.
    """
    if indexed.is_indexed(program):
        lines = [[word.strip(), *args.split()] for word, _, args in
                 (ln.partition("\t") for ln in program.strip().splitlines() if ln.strip())]
    else:
        lines = [ln.split() for ln in program.strip().splitlines() if ln.strip()]
    if len(lines) < 2:
        raise OptModelError("a program needs a variable line and an objective line")
    tokens: list[Token] = []
    for n, words in enumerate(lines):
        if n:
            tokens.append(";")
        for w in words:
            if w in WORD_ID:
                tokens.append(w)
            elif _NUMBER.match(w):
                value = float(w)
                k = next((i for i, v in enumerate(values) if _same(v, value)), None)
                if k is None:
                    raise OptModelError(f"number {w} in the program is not stated in the text")
                tokens.append(Pointer(k))
            else:
                raise OptModelError(f"unknown word {w!r} in program line {n + 1}: {' '.join(words)}")
    return tokens


def from_tokens(tokens: list[Token], values: list[float]) -> str:
    """Target tokens -> program text with the pointed-at numbers written out exactly."""
    out: list[str] = []
    if tokens and isinstance(tokens[0], str) and tokens[0].startswith("S:"):  # indexed: `word\targs` lines
        lines, line = [], []
        for t in [*tokens, ";"]:
            if t == ";":
                if line:
                    lines.append(line[0] + ("\t" + " ".join(line[1:]) if line[1:] else ""))
                line = []
            elif isinstance(t, Pointer):
                line.append(_write(values[t.index]))
            elif t not in SPECIAL:
                line.append(t)
        return "\n".join(lines)
    for t in tokens:
        if isinstance(t, Pointer):
            out.append(_write(values[t.index]))
        elif t == ";":
            out.append("\n")
        elif t not in SPECIAL:
            out.append(t)
    return "\n".join(" ".join(line.split()) for line in " ".join(out).split("\n"))


def _write(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def _expression(words: list[str], names: dict[str, str]) -> str:
    """`20 x1 + 0.5 ( x1 + x2 )` -> `20 * x1 + 0.5 * (x1 + x2)`: juxtaposition means product;
    variables are written with their `names`."""
    out: list[str] = []
    for i, w in enumerate(words):
        prev = words[i - 1] if i else None
        if prev is not None and (_NUMBER.match(prev) or prev == ")") and (w in VARS or w == "(" or _NUMBER.match(w)):
            out.append("*")
        out.append(names.get(w, w))
    return " ".join(out).replace("( ", "(").replace(" )", ")")


def to_five_element(program: str, names: list[str] | None = None) -> str:
    """Program text -> five-element text, the variables called `names` (one per declared variable,
    optmodel.model.naming) or else x1..xn. Raises OptModelError on a malformed program. An indexed
    program's `names` are its new set members'."""
    if indexed.is_indexed(program):
        return indexed.to_five_element(program, names)
    lines = [ln.split() for ln in program.strip().splitlines() if ln.strip()]
    if len(lines) < 2:
        raise OptModelError("the program has no objective line")
    kinds = lines[0]
    if not kinds or any(k not in ("I", "R") for k in kinds) or len(kinds) > MAX_VARS:
        raise OptModelError(f"the first program line must list variable kinds (I/R), got {' '.join(kinds)!r}")
    if lines[1][0] not in ("max", "min") or len(lines[1]) < 2:
        raise OptModelError("the second program line must be `max EXPR` or `min EXPR`")
    used = {w for ln in lines[1:] for w in ln if w in VARS}
    undeclared = sorted(used - set(VARS[: len(kinds)]))
    if undeclared:
        raise OptModelError(f"variables {', '.join(undeclared)} are used but not declared")
    rename = dict(zip(VARS, names, strict=False)) if names and len(names) == len(kinds) else {}
    out = ["## Variables"]
    for i, kind in enumerate(kinds):
        out.append(f"{rename.get(VARS[i], VARS[i])} {'integer, ' if kind == 'I' else ''}>= 0")
    sense = "maximize" if lines[1][0] == "max" else "minimize"
    out += ["## Objective", f"{sense} {_expression(lines[1][1:], rename)}", "## Constraints"]
    for n, words in enumerate(lines[2:], start=1):
        ops = [i for i, w in enumerate(words) if w in OPS]
        if len(ops) != 1 or ops[0] in (0, len(words) - 1):
            raise OptModelError(f"constraint {n} needs exactly one of <=, >=, = between two sides: {' '.join(words)}")
        i = ops[0]
        op = "==" if words[i] == "=" else words[i]
        out.append(f"c{n}: {_expression(words[:i], rename)} {op} {_expression(words[i + 1 :], rename)}")
    return "\n".join(out) + "\n"
