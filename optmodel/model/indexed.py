"""The indexed half of the pointer model's output language: Sets, Parameters and indexed lines.

A scalar program (optmodel.model.program) cannot say "for every product", so a table of a text
would need one column per cell. An indexed program declares the sets, fills each parameter with
a run of pointers at the text's numbers (a table of the text is copied cell by cell, so every
number is still one the text states), and writes the Variables, Objective and Constraints as
*line words*: whole five-element lines of the synthesis families' seeds, with holes for numbers
(`$n`) and members (`$m`). Its text form has one declaration per line, the word and its
arguments separated by a tab:

    S:Products      new new new new          four members, named from the text afterwards
    S:Capped        @4                       a member declared before (the 4th new one)
    S:Periods       .. 1 5                   a range 1..5
    S:Arcs          ( @1 @3 ) ( @2 @3 )      pairs (or triples) of members
    P:profit[Products]      31 11.5 18.5 19  one value per member, row-major over the index sets
    L:V:make[Products] integer, >= 0
    L:O:maximize sum(profit[p] * make[p] for p in Products)
    L:C:relate: make[$m] <= $n * make[$m]    @4 4 @3

Why line words: a line of a seed is one decision of the model instead of 20-40 tokens, so a
model trained on a CPU learns a transportation or production-planning formulation as a short
program, and every line it can write is one the parser accepts. The line vocabulary is data
(`datasets/program/indexed_words.txt`, built from `optmodel synth` output with `python -m
optmodel.model.indexed words SYNTH...`), appended to the scalar words so older checkpoints are
widened on load.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from optmodel.errors import OptModelError

MAX_MEMBERS = 64  # new members of one program (the member-reference words @1..@64)
REFS = [f"@{k}" for k in range(1, MAX_MEMBERS + 1)]
STRUCTURE = ["new", ".."]  # besides these, an indexed program uses the scalar words ( ) - 0 1 ;

_NUMBER_IN_LINE = re.compile(r"(?<![\w.$])\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w.])")
_IDENT = re.compile(r"(?<![\w$])[A-Za-z_]\w*")
_BOUND = re.compile(r"(?:\(([\w\s,]+)\)|(\w+))\s+in\b")
_LINE_TOKEN = re.compile(_NUMBER_IN_LINE.pattern + "|" + _IDENT.pattern)
_KEYWORDS = {"sum", "for", "in", "if", "and", "or", "not", "binary", "integer", "free", "maximize",
             "minimize", "implies", "max", "min", "abs"}


def _words_file() -> Path:
    from optmodel.datafiles import shipped_dir

    return shipped_dir("datasets/program", "program", what="the indexed program vocabulary") / "indexed_words.txt"


def _read_words(path: Path) -> list[str]:
    return [w for w in path.read_text(encoding="utf-8").splitlines() if w and not w.startswith("#")]


@cache
def vocabulary() -> list[str]:
    """The indexed words, in their fixed order (the file is only ever appended to)."""
    try:
        return STRUCTURE + REFS + _read_words(_words_file())
    except OptModelError:
        return []


def is_indexed(program: str) -> bool:
    return program.lstrip().startswith("S:")


# ---- the parts of a line word ---------------------------------------------------------------


@dataclass(frozen=True)
class LineWord:
    """What a line word needs declared before it, what it declares, and its holes in order."""

    section: str  # V, O or C
    template: str
    holes: tuple[str, ...]  # "$n" or "$m"
    uses: frozenset[str]  # set, parameter and variable names it reads
    defines: str | None  # the variable a V line declares, or the constraint a C line names


def _bound(text: str) -> set[str]:
    """The index names a line binds (`p` in `for p in Products`, `i, j` in `(i, j) in Arcs`)."""
    out: set[str] = set()
    for group, single in _BOUND.findall(text):
        out |= {t.strip() for t in (group.split(",") if group else [single])}
    return out


@cache
def line_word(word: str) -> LineWord:
    section, template = word[2], word[4:]
    holes = tuple(re.findall(r"\$[nm]", template))
    names = {m.group(0) for m in _IDENT.finditer(template)} - _bound(template) - _KEYWORDS
    head = _IDENT.match(template)
    defines = head.group(0) if section == "V" and head else None
    if section in "OC" and head and re.match(r"\w+(\[[^\]]*\])?:", template):  # its own name is not a use
        names.discard(head.group(0))
        defines = head.group(0) if section == "C" else None
    return LineWord(section, template, holes, frozenset(names - {defines}), defines)


def _param_word(word: str) -> tuple[str, tuple[str, ...]]:
    """`P:use[Resources, Products]` -> ("use", ("Resources", "Products"))."""
    head = word[2:]
    if "[" not in head:
        return head, ()
    name, rest = head.split("[", 1)
    return name, tuple(s.strip() for s in rest.rstrip("]").split(","))


# ---- a formulation -> an indexed program ----------------------------------------------------


def _value_words(x: float, stated: Sequence[float]) -> list[str] | None:
    """`x` as program words (`0`, `1`, a stated number, each maybe after `-`), or None."""
    from optmodel.model.program import _same, _write

    size = abs(x)
    if size != 0 and not _same(size, 1.0) and not any(_same(size, v) for v in stated):
        return None
    word = "0" if size == 0 else "1" if _same(size, 1.0) else _write(size)
    return ["-", word] if x < 0 else [word]


def _flatten(data, depth: int) -> dict[tuple, float] | None:
    """{(m1, m2, ...): value} of a dict literal `depth` keys deep, or None when it is not plain."""
    from optmodel.formulation import DictData

    if depth == 0:
        return {(): float(data)} if isinstance(data, (int, float)) and not isinstance(data, bool) else None
    if not isinstance(data, DictData):
        return None
    out: dict[tuple, float] = {}
    for key, value in data.items:
        inner = _flatten(value, depth - 1)
        if inner is None:
            return None
        head = key if isinstance(key, tuple) else (key,)
        out |= {tuple(map(str, head)) + k: v for k, v in inner.items()}
    return out


def from_formulation(formulation, stated: Sequence[float], words: Sequence[str] | None = None) -> str | None:
    """The indexed program of a five-element formulation (text, or already parsed) whose numbers
    are all `stated` (or 0/1), or None when it is outside the language: a set that is not a list,
    a range or a list of pairs, a parameter that is not a full table, a number the text does not
    state, a line not in `words` (all lines when None)."""
    from optmodel.formulation import Num
    from optmodel.parser import parse
    from optmodel.printer import constraint, objective, var_def

    try:
        form = parse(formulation) if isinstance(formulation, str) else formulation
    except OptModelError:
        return None
    known = set(words) if words is not None else None
    members: dict[str, str] = {}  # new members in order of declaration -> their reference word
    set_members: dict[str, list[tuple[str, ...]]] = {}
    out: list[str] = []
    for s in form.sets:
        args: list[str] = []
        if s.members is not None and all(isinstance(m, str) for m in s.members):  # an empty set too
            keys = []
            for m in s.members:
                ref = members.get(m)
                if ref is None:
                    if len(members) >= MAX_MEMBERS or not re.fullmatch(r"[A-Za-z_]\w*", m):
                        return None
                    members[m] = REFS[len(members)]
                    args.append("new")
                else:
                    args.append(ref)
                keys.append((m,))
        elif s.members and all(isinstance(m, tuple) and len(m) == len(s.members[0]) in (2, 3) for m in s.members):
            keys = []
            for m in s.members:
                refs = [members.get(str(x)) for x in m]
                if None in refs:
                    return None
                args += ["(", *refs, ")"]
                keys.append(tuple(map(str, m)))
        elif s.range is not None:
            lo, hi = s.range.lo, s.range.hi
            if not (isinstance(lo, Num) and isinstance(hi, Num)) or not 0 <= hi.value - lo.value < MAX_MEMBERS:
                return None
            ends = [_value_words(float(lo.value), stated), _value_words(float(hi.value), stated)]
            if None in ends:
                return None
            args = ["..", *ends[0], *ends[1]]
            keys = [(str(k),) for k in range(int(lo.value), int(hi.value) + 1)]
        else:
            return None
        set_members[s.name] = keys
        out.append(f"S:{s.name}\t{' '.join(args)}" if args else f"S:{s.name}")
    for p in form.params:
        sets = [b.set.name if hasattr(b.set, "name") else None for b in p.index]
        if None in sets or any(n not in set_members for n in sets) or p.default is not None:
            return None
        table = _flatten(p.value, len(sets))
        if table is None:
            return None
        cells: list[tuple] = [()]
        for n in sets:
            cells = [c + k for c in cells for k in set_members[n]]
        args = []
        for c in cells:
            if c not in table:
                return None
            got = _value_words(table[c], stated)
            if got is None:
                return None
            args += got
        word = f"P:{p.name}" + (f"[{', '.join(sets)}]" if sets else "")
        if known is not None and word not in known:
            return None
        out.append(f"{word}\t{' '.join(args)}" if args else word)
    atoms = set(members)
    declared = {x.name for group in (form.sets, form.params, form.variables, form.constraints) for x in group}
    if atoms & (declared | _KEYWORDS):  # `weight` both a member and a parameter: a line cannot tell them apart
        return None
    lines = [("V", var_def(dataclasses.replace(v, description=None))) for v in form.variables]
    lines.append(("O", objective(dataclasses.replace(form.objective, description=None))))
    lines += [("C", constraint(dataclasses.replace(c, description=None))) for c in form.constraints]
    for section, text in lines:
        template, args = _abstract(text, atoms, members, stated)
        if template is None:
            return None
        word = f"L:{section}:{template}"
        if known is not None and word not in known:
            return None
        out.append(f"{word}\t{' '.join(args)}" if args else word)
    return "\n".join(out)


def _abstract(text: str, atoms: set[str], members: dict[str, str],
              stated: Sequence[float]) -> tuple[str | None, list[str]]:
    """A printed line -> (template with $n/$m holes, the hole words), or (None, []) when a number
    in it is not stated."""
    if "$" in text or "\t" in text:
        return None, []
    bound = _bound(text)
    pieces: list[str] = []
    args: list[str] = []
    pos = 0
    for m in _LINE_TOKEN.finditer(text):
        word = m.group(0)
        if word[0].isdigit():
            value = float(word)
            if value in (0.0, 1.0):
                continue
            got = _value_words(value, stated)
            if got is None:
                return None, []
            pieces += [text[pos : m.start()], "$n"]
            args += got
        elif word in atoms and word not in bound:
            pieces += [text[pos : m.start()], "$m"]
            args.append(members[word])
        else:
            continue
        pos = m.end()
    pieces.append(text[pos:])
    return "".join(pieces), args


# ---- an indexed program -> five-element text ------------------------------------------------


def _split(program: str) -> list[tuple[str, list[str]]]:
    out = []
    for line in program.strip().splitlines():
        if not line.strip():
            continue
        word, _, args = line.partition("\t")
        out.append((word.strip(), args.split()))
    return out


def _number(words: list[str], at: int) -> tuple[str, int]:
    """The number written by `words[at:]` (`-` then a value, or a value) and the next index."""
    if words[at] == "-":
        return "-" + words[at + 1], at + 2
    return words[at], at + 1


def _new_count(parts: list[tuple[str, list[str]]]) -> int:
    return sum(args.count("new") for word, args in parts if word.startswith("S:"))


def new_member_count(program: str) -> int:
    return _new_count(_split(program))


def _names_fit(names: Sequence[str], parts: list[tuple[str, list[str]]]) -> bool:
    """Whether `names` can be the new members: one each, distinct identifiers, none a name or
    keyword the program's lines use (a member `cost` beside a parameter `cost` would be misread)."""
    if len(names) != _new_count(parts):
        return False
    taken = {m.group(0) for word, _ in parts for m in _IDENT.finditer(word[2:])} | _KEYWORDS
    return (len(set(names)) == len(names) and all(re.fullmatch(r"[A-Za-z_]\w*", n) for n in names)
            and not taken & set(names))


def _default_names(set_name: str, count: int, start: int) -> list[str]:
    stem = re.sub(r"s$", "", set_name.lower()) or "m"
    return [f"{stem}{start + k + 1}" for k in range(count)]


def to_five_element(program: str, member_names: Sequence[str] | None = None) -> str:
    """Five-element text of an indexed program; new members are called `member_names` (one per
    new member, in order) or else after their set (`product1`). Raises OptModelError naming the
    declaration that is malformed."""
    parts = _split(program)
    names: list[str] = []
    where = "line 1"
    use_given = member_names is not None and _names_fit(member_names, parts)
    sets_out, params_out, lines_out = [], [], {"V": [], "O": [], "C": []}
    members: dict[str, list[tuple[str, ...]]] = {}
    try:
        for n, (word, args) in enumerate(parts, start=1):
            where = f"line {n} ({word})"
            if word.startswith("S:"):
                name = word[2:]
                if args[:1] == [".."]:
                    lo, k = _number(args, 1)
                    hi, _ = _number(args, k)
                    sets_out.append(f"{name} = {lo}..{hi}")
                    members[name] = [(str(v),) for v in range(int(float(lo)), int(float(hi)) + 1)]
                elif args[:1] == ["("]:
                    groups = " ".join(args).replace("(", "").split(")")
                    keys = [tuple(names[int(r[1:]) - 1] for r in g.split()) for g in groups if g.strip()]
                    sets_out.append(f"{name} = {{{', '.join('(' + ', '.join(k) + ')' for k in keys)}}}")
                    members[name] = keys
                else:
                    fresh = args.count("new")
                    given = list(member_names[len(names) : len(names) + fresh]) if use_given else []
                    new = given or _default_names(name, fresh, len(names))
                    it = iter(new)
                    row = [next(it) if a == "new" else names[int(a[1:]) - 1] for a in args]
                    names += new
                    sets_out.append(f"{name} = {{{', '.join(row)}}}")
                    members[name] = [(m,) for m in row]
            elif word.startswith("P:"):
                sets = _param_word(word)[1]
                values, i = [], 0
                while i < len(args):
                    v, i = _number(args, i)
                    values.append(v)
                params_out.append(_param_text(word[2:], [members[s] for s in sets], values))
            elif word.startswith("L:"):
                lw = line_word(word)
                fill = iter(args)
                text = lw.template
                for hole in lw.holes:
                    a = next(fill)
                    if hole == "$m":
                        value = names[int(a[1:]) - 1]
                    else:
                        value = "-" + next(fill) if a == "-" else a
                    text = text.replace(hole, value, 1)
                lines_out[lw.section].append(text)
            else:
                raise OptModelError(f"unknown declaration word {word!r}")
    except (IndexError, KeyError, ValueError, StopIteration) as exc:
        raise OptModelError(f"indexed program {where} is malformed: {exc}") from None
    if not lines_out["V"] or len(lines_out["O"]) != 1:
        raise OptModelError("an indexed program needs at least one variable line and exactly one objective")
    out = ["## Sets", *sets_out]
    if params_out:
        out += ["## Parameters", *params_out]
    out += ["## Variables", *lines_out["V"], "## Objective", *lines_out["O"]]
    if lines_out["C"]:
        out += ["## Constraints", *lines_out["C"]]
    return "\n".join(out) + "\n"


def _param_text(head: str, index: list[list[tuple[str, ...]]], values: list[str]) -> str:
    """`profit[Products] = {a: 1, b: 2}`, nested for several index sets (row-major)."""
    if not index:
        if len(values) != 1:
            raise ValueError(f"a scalar parameter takes one value, got {len(values)}")
        return f"{head} = {values[0]}"
    size = 1
    for keys in index:
        size *= len(keys)
    if len(values) != size:
        raise ValueError(f"{head} needs {size} values, got {len(values)}")
    if size == 0:
        return f"{head} = {{}}"

    def nest(level: int, offset: int) -> str:
        keys = index[level]
        stride = size
        for keys_below in index[: level + 1]:
            stride //= len(keys_below)
        items = []
        for k, key in enumerate(keys):
            label = key[0] if len(key) == 1 else "(" + ", ".join(key) + ")"
            at = offset + k * stride
            items.append(f"{label}: {values[at] if level == len(index) - 1 else nest(level + 1, at)}")
        return "{" + ", ".join(items) + "}"

    return f"{head} = {nest(0, 0)}"


# ---- grammar-constrained decoding ----------------------------------------------------------

PHASES = ("S", "P", "V", "O", "C")


class IndexedGrammar:
    """Which words may come next in an indexed program (optmodel.model.pointer.Grammar hands over
    to it at the first `S:` word). It keeps the declarations in the order Sets, Parameters,
    Variables, Objective, Constraints, lets a line or a parameter in only when every name it uses
    is declared, gives each parameter exactly one value per cell of its index sets and each line
    exactly its holes, so every finished program is one `to_five_element` writes and the parser
    accepts. `values` are the text's numbers (a range's end decides its set's size)."""

    def __init__(self, max_len: int, values: Sequence[float], length: int = 0) -> None:
        self.max_len = max_len
        self.values = list(values)
        self.length = length
        self.phase = "S"
        self.sizes: dict[str, int] = {}
        self.params: set[str] = set()
        self.variables: set[str] = set()
        self.constraints: set[str] = set()
        self.new = 0  # new members so far
        self.decl: str | None = None  # the word being given its arguments
        self.expect: list[str] = []  # for P and L: what each remaining argument is ("v" value, "m" member)
        self.args: list[str] = []
        self.pointers: list[int] | None = None  # allowed pointer indices, None: all
        self.done = False

    # what a declaration needs
    def _names(self) -> set[str]:
        return set(self.sizes) | self.params | self.variables | self.constraints

    def _size(self, word: str) -> int | None:
        _, sets = _param_word(word)
        size = 1
        for name in sets:
            if name not in self.sizes:
                return None
            size *= self.sizes[name]
        return size

    def _line_ok(self, word: str) -> bool:
        lw = line_word(word)
        if PHASES.index(lw.section) < PHASES.index(self.phase):
            return False
        if lw.section == "O" and (self.phase == "O" or not self.variables):
            return False
        if lw.section == "C" and self.phase not in ("O", "C"):
            return False
        if (lw.defines is not None and lw.defines in self._names()) or ("$m" in lw.holes and not self.new):
            return False
        return lw.uses <= self._names() and self.length + len(lw.holes) + 4 <= self.max_len

    def _next_declarations(self) -> set[str]:
        out: set[str] = set()
        for word in vocabulary():
            if word.startswith("S:"):
                if self.phase == "S" and word[2:] not in self.sizes and self.length + 6 <= self.max_len:
                    out.add(word)
            elif word.startswith("P:"):
                if self.phase in ("S", "P") and _param_word(word)[0] not in self._names():
                    size = self._size(word)
                    if size is not None and self.length + size + 5 <= self.max_len:
                        out.add(word)
            elif word.startswith("L:") and self._line_ok(word):
                out.add(word)
        if self.phase in ("O", "C"):
            out.add("<eos>")
        return out

    def allowed(self) -> set[str]:
        """The words that may come next; `<eos>` alone where nothing else fits the length budget
        (the program is then unfinished, and `to_five_element` refuses it)."""
        self.pointers = None
        if self.done:
            return set()
        if self.length + 1 >= self.max_len:
            return {"<eos>"}
        if self.decl is None:
            return self._next_declarations() or {"<eos>"}
        kind, a = self.decl[0], self.args
        refs = set(REFS[: self.new])
        if kind == "S":
            if not a:
                return {"new", "..", ";"} | ({"("} if refs else set()) | refs
            if a[0] == "..":
                if len(a) < 3:  # whole-number ends, and a size of 1..MAX_MEMBERS
                    lo = self._value(a[1]) if len(a) == 2 else None
                    self.pointers = [k for k, v in enumerate(self.values) if float(v).is_integer()
                                     and (lo is None or 0 <= v - lo < MAX_MEMBERS)]
                    ends = {"0", "1"} if lo is None else {"1"} if lo <= 1 else set()
                    return ends | {"<ptr>"}
                return {";"}
            if a[0] == "(":
                if a[-1] == ")":
                    return {"(", ";"}
                inside = len(a) - 1 - max(i for i, w in enumerate(a) if w == "(")
                if ")" not in a:  # the first tuple sets the arity: 2 or 3
                    return refs if inside < 2 else (refs | {")"}) if inside == 2 else {")"}
                return refs if inside < a.index(")") - 1 else {")"}
            budget = self.new + a.count("new") < MAX_MEMBERS
            return ({"new"} if budget else set()) | (refs - set(a)) | {";"}  # a member once per set
        if not self.expect:  # the declaration is complete: the next one, or the end after the objective
            return {";"} | ({"<eos>"} if self.phase in ("O", "C") else set())
        if a and a[-1] == "-":
            return {"<ptr>", "1"}
        if self.expect[0] == "m":
            return refs
        return {"<ptr>", "0", "1"} | ({"-"} if kind == "P" else set())

    def _value(self, word: str) -> float:
        return float(word) if word in ("0", "1") else float(self.values[int(word[1:])]) if word.startswith("#") else 0.0

    def advance(self, word: str, pointer: int | None = None) -> None:
        """Take `word` (`<ptr>` for a pointer, its index in `pointer`)."""
        self.length += 1
        if word == "<eos>":
            if self.decl is not None:
                self._close()
            self.done = True
            return
        if self.decl is None:
            self.decl, self.args = word, []
            kind = word[0]
            if kind == "S":
                self.phase = "S"
            elif kind == "P":
                self.phase = "P"
                self.expect = ["v"] * (self._size(word) or 0)
            else:
                lw = line_word(word)
                self.phase = lw.section
                self.expect = ["m" if h == "$m" else "v" for h in lw.holes]
            return
        if word == ";":
            self._close()
            return
        self.args.append(f"#{pointer}" if word == "<ptr>" and pointer is not None else word)
        if self.decl[0] in "PL" and word != "-":
            self.expect.pop(0)

    def _close(self) -> None:
        word, a = self.decl, self.args
        if word.startswith("S:"):
            if a[:1] == [".."]:
                lo, hi = self._value(a[1]), self._value(a[2])
                size = int(hi - lo + 1)
            elif a[:1] == ["("]:
                size = a.count("(")
            else:
                size = len(a)
                self.new += a.count("new")
            self.sizes[word[2:]] = size
        elif word.startswith("P:"):
            self.params.add(_param_word(word)[0])
        else:
            lw = line_word(word)
            if lw.defines:
                (self.variables if lw.section == "V" else self.constraints).add(lw.defines)
        self.decl, self.args, self.expect = None, [], []


# ---- the vocabulary -------------------------------------------------------------------------


def count_words(formulations: Sequence[tuple[str, str]]) -> Counter:
    """How often each declaration word occurs over (text, formulation) pairs that convert."""
    from optmodel.model.numbers import find_numbers

    counts: Counter = Counter()
    for text, formulation in formulations:
        program = from_formulation(formulation, [abs(v) for v in find_numbers(text)[0]])
        if program:
            counts.update(w for w, _ in _split(program))
    return counts


def main() -> None:
    import polars as pl

    ap = argparse.ArgumentParser(description="write the indexed line vocabulary from `optmodel synth` folders")
    ap.add_argument("command", choices=["words"])
    ap.add_argument("synth", nargs="+")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--out", type=Path, help="default: the shipped datasets/program/indexed_words.txt")
    a = ap.parse_args()
    pairs = []
    for folder in a.synth:
        frame = pl.read_parquet(Path(folder) / "train.parquet").filter(pl.col("status") == "verified")
        pairs += list(zip(frame["nl"], frame["formulation"], strict=True))
    counts = count_words(pairs)
    out = a.out or _words_file()
    old = _read_words(out) if out.exists() else []
    new = sorted(w for w, c in counts.items() if c >= a.min_count and w not in set(old))
    header = "# indexed program words (optmodel.model.indexed); append only: checkpoints index this order"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join([header, *old, *new]) + "\n", encoding="utf-8")
    print(f"{len(old)} words kept, {len(new)} added to {out}")


if __name__ == "__main__":
    main()
