"""Parse five-element text into a `Formulation`.

Two steps: a line scanner cuts the text into sections (`## Sets` ...) and statements (a
statement goes on while brackets are open or a line ends/starts with an operator), then a
Lark LALR grammar parses each statement with the start rule of its section. Nothing is
evaluated here; names are resolved by the compiler.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

from lark import Lark, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from optmodel.errors import ArgumentError, FileReadError, FormulationError
from optmodel.formulation import (
    Add,
    Binding,
    BinOp,
    BoolOp,
    BoundData,
    Compare,
    ConstraintDef,
    DictData,
    FileData,
    For,
    Formulation,
    Func,
    If,
    Index,
    InSet,
    ListData,
    Name,
    Neg,
    Not,
    Num,
    Objective,
    ParamDef,
    Pow,
    Range,
    SetDef,
    Sum,
    Tuple,
    VarDef,
)

MAX_STATEMENT_CHARS = 32 * 1024 * 1024
MAX_NESTING = 64
MAX_EXPRESSION_CHARS = 1_000_000
_CONSTRAINT_NAME = re.compile(r"\s*([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?\s*:(?!=)")

GRAMMAR = r"""
// ---------- statements, one start rule per section
set_stmt: NAME "=" set_value
?set_value: "{" "}"                                   -> empty_set
          | "{" member ("," member)* ","? "}"         -> set_literal
          | "{" member comp_for comp_clause* "}"      -> set_comprehension
          | range
          | file_ref
          | data_ref

param_stmt: NAME ("[" bindings "]")? "=" param_value default?
default: "default" signed_number
?param_value: dict | list | file_ref | data_ref | expr
file_ref: "file" "(" STRING ")"
data_ref: DATA "(" STRING? ")"
dict: "{" "}" -> empty_dict
    | "{" dict_item ("," dict_item)* ","? "}"
dict_item: member ":" data
?data: dict | list | signed_number
list: "[" "]" -> empty_list
    | "[" data ("," data)* ","? "]"

var_stmt: NAME ("[" bindings "]")? (var_item ("," var_item)*)?
?var_item: DOMAIN                       -> var_domain
         | COMP expr                    -> var_bound
         | expr COMP expr (COMP expr)?  -> var_chain

objective_stmt: (NAME ":")? SENSE expr

constraint_stmt: (cons_head ":")? expr COMP expr (COMP expr)?
               | (cons_head ":")? expr (COMP expr)? IMPLIES expr (COMP expr)? -> implication_stmt
cons_head: NAME ("[" cbindings cons_if? "]")?
cbindings: cbinding ("," cbinding)*
?cbinding: NAME "in" set_ref                            -> bind_one
         | "(" NAME ("," NAME)+ ")" "in" set_ref        -> bind_tuple
cons_if: "if" cond

// ---------- shared pieces
bindings: binding ("," binding)*
binding: NAME                                         -> bind_set
       | NAME "in" set_ref                            -> bind_one
       | "(" NAME ("," NAME)+ ")" "in" set_ref        -> bind_tuple
?set_ref: NAME -> set_name
        | range
range: expr ".." expr

member: NAME -> member_name
      | SIGNED_INT -> member_int
      | "(" member ("," member)+ ")" -> member_tuple

signed_number: SIGNED_NUMBER | PERCENT

// ---------- expressions
?expr: term (ADDOP term)*  -> add
?term: factor
     | term MULOP factor   -> mul
?factor: "-" factor        -> neg
       | "+" factor
       | power
?power: atom
      | atom "**" factor   -> pow
?atom: NUMBER              -> number
     | PERCENT             -> percent
     | NAME                -> name
     | NAME "[" expr ("," expr)* "]"  -> index
     | "(" expr ")"
     | "(" expr ("," expr)+ ")"       -> tuple
     | "sum" "(" expr comp_for comp_clause* ")" -> sum
     | FUNC "(" expr ("," expr)* ")" -> func
     | FUNC "(" expr comp_for comp_clause* ")" -> func_comp

comp_for: "for" for_bind ("," for_bind)*
?for_bind: NAME "in" set_ref -> for_one
         | "(" NAME ("," NAME)+ ")" "in" set_ref -> for_tuple
?comp_clause: comp_for
            | "if" cond -> if_clause

?cond: and_cond ("or" and_cond)*   -> or_cond
?and_cond: not_cond ("and" not_cond)* -> and_cond
?not_cond: "not" not_cond -> not_cond
         | "(" cond ")"
         | expr CMP expr -> compare
         | expr COMP expr -> compare
         | expr "in" set_ref -> in_set
         | expr "not" "in" set_ref -> not_in_set

DOMAIN.2: /(continuous|integer|binary|free|nonnegative|nonneg|nonpositive|real|int|bool)\b/
SENSE.2: /(minimize|maximize|minimise|maximise|min|max)\b/
FUNC.3: /(max|min|abs)(?=\s*\()/
DATA.3: /data(?=\s*\()/
IMPLIES: "implies"
COMP: "<=" | ">=" | "==" | "=<" | "=>"
CMP: "!=" | "<" | ">"
ADDOP: "+" | "-"
MULOP: "*" | "/"
NAME: /[A-Za-z_][A-Za-z0-9_]*/
PERCENT: /[+-]?\d+(\.\d+)?([eE][+-]?\d+)?%/
NUMBER: /\d+(\.\d+)?([eE][+-]?\d+)?/
SIGNED_NUMBER: /[+-]?\d+(\.\d+)?([eE][+-]?\d+)?/
SIGNED_INT: /[+-]?\d+/
STRING: /"[^"\n]*"/ | /'[^'\n]*'/
%ignore /[ \t\f\r\n]+/
"""

_KEYWORDS = {"sum", "for", "in", "if", "and", "or", "not", "default", "file", "implies"}
_FUNCTIONS = ("sum", "max", "min", "abs")


def _flat(clauses) -> tuple:
    """`for i in I, j in J` is the same as `for i in I for j in J`: one flat clause tuple."""
    out: list = []
    for c in clauses:
        out.extend(c if isinstance(c, list) else [c])
    return tuple(out)


def _num(text: str) -> int | float:
    """A number literal; one too large for a float is an error, not an OverflowError later."""
    if re.fullmatch(r"[+-]?\d+", text):
        if len(text.lstrip("+-0")) > 300:  # beyond any float: int(text) alone would pass
            raise FormulationError(
                f"the number {_short(text)} is too large ({len(text.lstrip('+-'))} digits)"
            )
        value = int(text)
        if abs(value) > _FLOAT_MAX:
            raise FormulationError(f"the number {_short(text)} is too large")
        # beyond 2**53 an integer is not exact as a float anyway; as a float, products of such
        # numbers overflow to inf (refused by the compiler) instead of raising OverflowError
        return float(value) if abs(value) > 2**53 else value
    value = float(text)
    if not math.isfinite(value):
        raise FormulationError(f"the number {_short(text)} is too large")
    return value


def _percent(text: str) -> float:
    value = _num(text[:-1]) / 100.0
    return round(value, 15)


_FLOAT_MAX = 1.7976931348623157e308


def _short(text: str) -> str:
    return text if len(text) <= 24 else f"{text[:10]}...{text[-6:]}"


@v_args(inline=True)
class _ToAst(Transformer):
    # --- expressions
    def add(self, *children):
        if len(children) == 1:
            return children[0]
        terms, signs = [children[0]], [1]
        for i in range(1, len(children), 2):
            signs.append(1 if children[i] == "+" else -1)
            terms.append(children[i + 1])
        return Add(tuple(terms), tuple(signs))

    def mul(self, left, op, right):
        return BinOp(str(op), left, right)

    def neg(self, operand):
        if isinstance(operand, Num):
            return Num(-operand.value)
        return Neg(operand)

    def pow(self, base, exponent):
        return Pow(base, exponent)

    def number(self, tok):
        return Num(_num(tok))

    def percent(self, tok):
        return Num(_percent(tok))

    def name(self, tok):
        return Name(str(tok))

    def index(self, name, *indices):
        return Index(str(name), tuple(indices))

    def tuple(self, *items):
        return Tuple(tuple(items))

    def sum(self, body, *clauses):
        return Sum(body, _flat(clauses))

    def func(self, name, *args):
        name = str(name)
        if name == "abs" and len(args) != 1:
            raise FormulationError(f"abs takes one argument, got {len(args)}")
        if name != "abs" and len(args) < 2:
            raise FormulationError(
                f"{name}(...) takes two or more arguments, or a loop: `{name}(c[i] * x[i] for i in I)`"
            )
        return Func(name, tuple(args))

    def func_comp(self, name, body, *clauses):
        if str(name) == "abs":
            raise FormulationError("abs takes one argument, not a loop; write `sum(abs(...) for ...)`")
        return Func(str(name), (body,), _flat(clauses))

    def comp_for(self, *binds):
        return list(binds)

    def for_one(self, target, set_ref):
        return For((str(target),), set_ref)

    def for_tuple(self, *args):
        *targets, set_ref = args
        return For(tuple(str(t) for t in targets), set_ref)

    def if_clause(self, cond):
        return If(cond)

    def or_cond(self, *items):
        return items[0] if len(items) == 1 else BoolOp("or", tuple(items))

    def and_cond(self, *items):
        return items[0] if len(items) == 1 else BoolOp("and", tuple(items))

    def not_cond(self, operand):
        return Not(operand)

    def compare(self, left, op, right):
        op = {"=<": "<=", "=>": ">="}.get(str(op), str(op))
        return Compare(op, left, right)

    def in_set(self, item, set_ref):
        return InSet(item, set_ref)

    def not_in_set(self, item, set_ref):
        return InSet(item, set_ref, negated=True)

    def set_name(self, tok):
        return Name(str(tok))

    def range(self, lo, hi):
        return Range(lo, hi)

    # --- bindings and members
    def bindings(self, *items):
        return tuple(items)

    def cbindings(self, *items):
        return tuple(items)

    def bind_set(self, set_name):
        return Binding((), Name(str(set_name)))

    def bind_one(self, target, set_ref):
        return Binding((str(target),), set_ref)

    def bind_tuple(self, *args):
        *targets, set_ref = args
        return Binding(tuple(str(t) for t in targets), set_ref)

    def member_name(self, tok):
        return str(tok)

    def member_int(self, tok):
        return int(tok)

    def member_tuple(self, *items):
        return tuple(items)

    # --- data
    def signed_number(self, tok):
        return _percent(tok) if tok.type == "PERCENT" else _num(tok)

    def dict(self, *items):
        return DictData(tuple(items))

    def empty_dict(self):
        return DictData(())

    def dict_item(self, key, value):
        return (key, value)

    def list(self, *items):
        return ListData(tuple(items))

    def empty_list(self):
        return ListData(())

    def file_ref(self, tok):
        return FileData(str(tok)[1:-1])

    def data_ref(self, _data, tok=None):
        return BoundData(str(tok)[1:-1] if tok is not None else None)

    def default(self, value):
        return ("default", value)

    # --- sets
    def empty_set(self):
        return ("members", ())

    def set_literal(self, *members):
        return ("members", tuple(members))

    def set_comprehension(self, head, *clauses):
        clauses = _flat(clauses)
        targets = head if isinstance(head, tuple) else (head,)
        for t in targets:
            if not isinstance(t, str):
                raise FormulationError("a set comprehension must start with a name or a tuple of names")
        return ("comprehension", (tuple(targets), tuple(clauses)))

    # --- statements
    def set_stmt(self, name, value):
        if isinstance(value, (FileData, BoundData)):
            return SetDef(str(name), source=value)
        if isinstance(value, Range):
            return SetDef(str(name), range=value)
        kind, payload = value
        if kind == "members":
            return SetDef(str(name), members=payload)
        return SetDef(str(name), comprehension=payload)

    def param_stmt(self, name, *rest):
        rest = list(rest)
        default = None
        if rest and isinstance(rest[-1], tuple) and rest[-1] and rest[-1][0] == "default":
            default = rest.pop()[1]
        index = rest.pop(0) if len(rest) == 2 else ()
        value = rest[0]
        if isinstance(value, Num):
            value = value.value
        return ParamDef(str(name), index=index, value=value, default=default)

    def var_domain(self, tok):
        return ("domain", str(tok))

    def var_bound(self, op, expr):
        return ("bound", str(op), expr)

    def var_chain(self, *parts):
        return ("chain", parts)

    def var_stmt(self, name, *rest):
        rest = list(rest)
        index = (
            rest.pop(0)
            if rest and isinstance(rest[0], tuple) and (not rest[0] or isinstance(rest[0][0], Binding))
            else ()
        )
        return ("var", str(name), index, rest)

    def objective_stmt(self, *parts):
        name = "objective"
        if len(parts) == 3:
            name = str(parts[0])
            parts = parts[1:]
        sense, expr = parts
        sense = {"min": "minimize", "minimise": "minimize", "max": "maximize", "maximise": "maximize"}.get(
            str(sense), str(sense)
        )
        return Objective(sense, expr, name=name)

    def cons_if(self, cond):
        return ("if", cond)

    def cons_head(self, name, *rest):
        index = rest[0] if rest else ()
        cond = rest[1][1] if len(rest) > 1 else None
        return ("head", str(name), index, cond)

    def constraint_stmt(self, *parts):
        return ("constraint", parts)

    def implication_stmt(self, *parts):
        split = next(i for i, p in enumerate(parts) if getattr(p, "type", None) == "IMPLIES")
        return ("implication", parts[:split], parts[split + 1 :])


@lru_cache(maxsize=1)
def _parser() -> Lark:
    return Lark(
        GRAMMAR,
        parser="lalr",
        start=["set_stmt", "param_stmt", "var_stmt", "objective_stmt", "constraint_stmt"],
        transformer=_ToAst(),
        maybe_placeholders=False,
        propagate_positions=False,
        cache=True,
    )


# ---------------------------------------------------------------- scanning text into statements

SECTIONS = {
    "sets": "Sets",
    "set": "Sets",
    "parameters": "Parameters",
    "parameter": "Parameters",
    "params": "Parameters",
    "data": "Parameters",
    "variables": "Variables",
    "variable": "Variables",
    "decision variables": "Variables",
    "objective": "Objective",
    "objective function": "Objective",
    "constraints": "Constraints",
    "constraint": "Constraints",
    "subject to": "Constraints",
}
SECTION_ORDER = ["Sets", "Parameters", "Variables", "Objective", "Constraints"]
START_RULE = {
    "Sets": "set_stmt",
    "Parameters": "param_stmt",
    "Variables": "var_stmt",
    "Objective": "objective_stmt",
    "Constraints": "constraint_stmt",
}
ELEMENT = {
    "Sets": "set",
    "Parameters": "parameter",
    "Variables": "variable",
    "Objective": "objective",
    "Constraints": "constraint",
}

_HEADING = re.compile(r"^\s*##\s*(.*?)\s*$")
_CONTINUES_AFTER = re.compile(r"(\+|-|\*|/|,|=|<|>|\(|\[|\{|:|\band|\bor|\bnot|\bif|\bfor|\bin|\.\.)\s*$")
_CONTINUES_BEFORE = re.compile(r"^\s*(\+|-|\*|/|<=|>=|==|=<|=>|\)|\]|\}|\.\.|\bif\b|\bfor\b|\band\b|\bor\b)")


def _strip_comment(line: str) -> tuple[str, str | None]:
    """Split a line into code and its `# comment` (a '#' inside quotes is not a comment)."""
    if "#" not in line:
        return line, None
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return line[:i], line[i + 1 :].strip() or None
    return line, None


class _Statement:
    __slots__ = ("section", "line", "text", "description")

    def __init__(self, section: str, line: int, text: str, description: str | None) -> None:
        self.section, self.line, self.text, self.description = section, line, text, description


def _scan(text: str, file: str | None) -> tuple[list[_Statement], str | None]:
    statements: list[_Statement] = []
    section: str | None = None
    seen: list[str] = []
    title_lines: list[str] = []
    current: list[str] = []
    start = 0
    desc: str | None = None
    depth = 0

    chars = 0  # the length of `current`, kept as it grows (summing it per line is quadratic)

    def flush() -> None:
        nonlocal current, desc, depth, chars
        if current:
            body = " ".join(current).strip()
            if body:
                statements.append(_Statement(section or "", start, body, desc))
        current, desc, depth, chars = [], None, 0, 0

    lines = text.split("\n")
    for lineno, raw in enumerate(lines, start=1):
        heading = _HEADING.match(raw)
        if heading and depth == 0:
            flush()
            key = heading.group(1).strip().rstrip(":").lower()
            if key not in SECTIONS:
                raise FormulationError(
                    f"unknown section heading '## {heading.group(1)}'",
                    file=file,
                    line=lineno,
                    hint="the sections are ## Sets, ## Parameters, ## Variables, ## Objective, ## Constraints",
                )
            section = SECTIONS[key]
            if section in seen:
                raise FormulationError(f"section '## {section}' appears twice", file=file, line=lineno)
            if seen and SECTION_ORDER.index(section) < SECTION_ORDER.index(seen[-1]):
                raise FormulationError(
                    f"section '## {section}' comes after '## {seen[-1]}'",
                    file=file,
                    line=lineno,
                    hint="write the sections in the order Sets, Parameters, Variables, Objective, Constraints",
                )
            seen.append(section)
            continue
        code, comment = _strip_comment(raw)
        stripped = code.strip()
        if not stripped:
            if section is None and comment and not seen:
                title_lines.append(comment)
            continue
        if section is None:
            raise FormulationError(
                "text before the first section heading",
                file=file,
                line=lineno,
                text=stripped,
                hint="a formulation starts with '## Sets', '## Parameters', '## Variables' or '## Objective'",
            )
        continues = current and (
            depth > 0 or _CONTINUES_AFTER.search(current[-1]) or _CONTINUES_BEFORE.match(stripped)
        )
        if not continues:
            flush()
            start = lineno
        if not current:
            start = lineno
        current.append(stripped)
        chars += len(stripped)
        if desc is None and comment:
            desc = comment
        opens = stripped.count("(") + stripped.count("[") + stripped.count("{")
        closes = stripped.count(")") + stripped.count("]") + stripped.count("}")
        if depth + opens <= MAX_NESTING:
            depth += opens - closes
            continue_scan = False
        else:
            continue_scan = True
        for ch in stripped if continue_scan else ():
            if ch in "([{":
                depth += 1
                if depth > MAX_NESTING:
                    raise FormulationError(
                        f"brackets nested more than {MAX_NESTING} levels deep",
                        file=file,
                        line=lineno,
                        element=f"{ELEMENT[section]} statement starting on line {start}",
                    )
            elif ch in ")]}":
                depth -= 1
        if chars > MAX_STATEMENT_CHARS:
            raise FormulationError("statement longer than 32 MB", file=file, line=start)
    flush()
    if depth > 0 and statements:
        last = statements[-1]
        raise FormulationError(
            "a bracket is opened but never closed",
            file=file,
            line=last.line,
            element=ELEMENT.get(last.section),
            text=last.text[:80],
        )
    return statements, " ".join(title_lines) or None


# ---------------------------------------------------------------- statement -> element


def _syntax_error(exc: UnexpectedInput, stmt: _Statement, file: str | None) -> FormulationError:
    pos = getattr(exc, "pos_in_stream", None) or 0
    element = ELEMENT.get(stmt.section, "statement")
    name = re.match(r"\s*([A-Za-z_]\w*)", stmt.text)
    if name and stmt.section != "Objective":
        element = f"{element} '{name.group(1)}'"
    if isinstance(exc, UnexpectedEOF) or (isinstance(exc, UnexpectedToken) and exc.token.type == "$END"):
        what = "the statement ends too early"
        near = stmt.text[-40:]
    elif isinstance(exc, UnexpectedCharacters):
        what = f"unexpected character {stmt.text[pos]!r}"
        near = stmt.text[max(0, pos - 30) : pos + 30]
    else:
        tok = exc.token if isinstance(exc, UnexpectedToken) else None
        what = f"unexpected {tok!s:.40}" if tok is not None else "syntax error"
        if tok is not None and str(tok) in _KEYWORDS:
            what += f" ('{tok}' is a keyword and cannot be used as a name)"
        near = stmt.text[max(0, pos - 30) : pos + 30]
    hint = {
        "Sets": "a set is `Name = {a, b, c}`, `Name = 1..N` or `Name = {(i, j) for i in A for j in B if ...}`",
        "Parameters": 'a parameter is `name = 5`, `name[Set] = {a: 1, b: 2}`, `name[Set] = [1, 2]` or `name[A, B] = file("t.csv")`',
        "Variables": "a variable is `x[Set] >= 0`, `y[Set] binary`, `n integer, 0 <= n <= 10` or `z free`",
        "Objective": "the objective is `minimize <expression>` or `maximize <expression>`",
        "Constraints": "a constraint is `name[i in Set]: <expression> <= <expression>`",
    }.get(stmt.section)
    unsupported = _unsupported(stmt, pos)
    if unsupported:
        what, hint = unsupported
    return FormulationError(what, file=file, line=stmt.line, element=element, text=near, hint=hint)


_DOMAIN_WORD = re.compile(
    r"\s*(continuous|integer|binary|free|nonnegative|nonneg|nonpositive|real|int|bool)\b"
)
_CALL = re.compile(r"([A-Za-z_]\w*)\s*$")


def _unsupported(stmt: _Statement, pos: int) -> tuple[str, str] | None:
    """For syntax the format does not have, what it is and what to write instead (else None)."""
    text, section = stmt.text, stmt.section
    code = re.sub(r"\"[^\"]*\"|'[^']*'", "", text)
    if "->" in code:
        return (
            "'->' is not part of the format",
            "a logical constraint is written `b == 1 implies sum(x[i] for i in I) <= 10` (b a binary variable)",
        )
    if (
        section == "Variables"
        and _DOMAIN_WORD.match(text[pos:])
        and text[:pos].rstrip()[-1:] not in (",", "")
    ):
        fixed = text[:pos].rstrip() + ", " + text[pos:].lstrip()
        return ("the items of a variable are separated by commas", f"write `{fixed}`")
    call = _CALL.search(text[:pos]) if text[pos : pos + 1] == "(" else None
    if call and call.group(1) not in _FUNCTIONS and call.group(1) not in ("file", "data"):
        return (
            f"'{call.group(1)}(...)' is not a function of the format",
            "the functions are sum(E for i in S), max(a, b, ...), min(...) and abs(e), linearised by the "
            "compiler; other nonlinear functions (log, exp, sqrt, ...) are not supported: HiGHS solves "
            "linear models and convex quadratic objectives",
        )
    if section == "Constraints":
        if text[pos : pos + 1] in ("<", ">", "!"):
            return (
                "strict comparisons (<, >, !=) cannot be constraints",
                "a constraint compares with <=, >= or ==; for `x < 3` on integers write `x <= 2`",
            )
        if re.match(r"\s*(\w+\s*(\[[^\]]*\])?\s*:)?\s*if\b", text):
            return (
                "a constraint cannot start with `if`",
                "a condition on the index goes in the head, `name[i in I if cap[i] > 0]: ...`; a condition "
                "on a binary variable is `b == 1 implies x <= 5`",
            )
        if re.match(r"or\b", text[pos:]):
            return (
                "`or` between constraints is not supported",
                "model a choice with binaries: `b == 1 implies x <= 5`, `b == 0 implies y <= 5`",
            )
    return None


def _depth_ok(node: object, limit: int = 200) -> bool:
    stack = [(node, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return False
        if isinstance(item, tuple):
            stack.extend((x, depth) for x in item)
        elif hasattr(item, "__dataclass_fields__") and not isinstance(item, (DictData, ListData)):
            stack.extend((getattr(item, f), depth + 1) for f in item.__dataclass_fields__)
    return True


def _var_def(name: str, index, items, stmt: _Statement, file: str | None) -> VarDef:
    var = VarDef(name, index=index, line=stmt.line, description=stmt.description)
    lower = upper = None

    def err(msg: str) -> FormulationError:
        return FormulationError(msg, file=file, line=stmt.line, element=f"variable '{name}'", text=stmt.text)

    def is_self(e) -> bool:
        return (isinstance(e, Name) and e.name == name) or (isinstance(e, Index) and e.name == name)

    def set_bound(op: str, value) -> None:
        nonlocal lower, upper
        if op in (">=", "=>"):
            lower = value
        elif op in ("<=", "=<"):
            upper = value
        else:  # ==
            lower = upper = value

    for item in items:
        kind = item[0]
        if kind == "domain":
            dom = item[1]
            if dom in ("integer", "int"):
                var.domain = "integer"
            elif dom in ("binary", "bool"):
                var.domain = "binary"
            elif dom in ("continuous", "real", "free"):
                var.domain = "continuous" if var.domain == "continuous" else var.domain
                if dom == "free":
                    lower = upper = None
            elif dom in ("nonnegative", "nonneg"):
                lower = Num(0)
            elif dom == "nonpositive":
                upper = Num(0)
        elif kind == "bound":
            set_bound(item[1], item[2])
        else:  # chain: e op e [op e]
            parts = item[1]
            exprs, ops = parts[0::2], [str(o) for o in parts[1::2]]
            if len(exprs) == 2:
                if is_self(exprs[0]):
                    set_bound(ops[0], exprs[1])
                elif is_self(exprs[1]):
                    flipped = {"<=": ">=", ">=": "<=", "=<": ">=", "=>": "<=", "==": "=="}[ops[0]]
                    set_bound(flipped, exprs[0])
                else:
                    raise err(f"a bound must compare '{name}' with a value")
            else:
                if not is_self(exprs[1]) or ops[0] != ops[1] or ops[0] not in ("<=", "=<", ">=", "=>"):
                    raise err(f"a two-sided bound is written `lo <= {name} <= hi`")
                lo, hi = (exprs[0], exprs[2]) if ops[0] in ("<=", "=<") else (exprs[2], exprs[0])
                lower, upper = lo, hi
    if var.domain == "binary":
        lower = lower if lower is not None else None
    var.lower, var.upper = lower, upper
    return var


def _constraint_def(parts, stmt: _Statement, file: str | None, counter: int) -> ConstraintDef:
    parts = list(parts)
    name = f"c{counter}"
    index: tuple = ()
    cond = None
    if isinstance(parts[0], tuple) and parts[0][0] == "head":
        _, name, index, cond = parts.pop(0)
    exprs, ops = parts[0::2], [str(o) for o in parts[1::2]]
    ops = [{"=<": "<=", "=>": ">="}.get(o, o) for o in ops]
    for b in index:
        if not b.targets:
            raise FormulationError(
                f"constraint index '{b.set.name if isinstance(b.set, Name) else b.set}' needs a name to loop with",
                file=file,
                line=stmt.line,
                element=f"constraint '{name}'",
                text=stmt.text,
                hint="write it as `name[i in Set]: ...`",
            )
    if len(exprs) == 2:
        return ConstraintDef(
            name,
            exprs[0],
            ops[0],
            exprs[1],
            index=index,
            cond=cond,
            line=stmt.line,
            description=stmt.description,
        )
    if ops[0] != ops[1] or ops[0] == "==":
        raise FormulationError(
            "a range constraint is written `lo <= expression <= hi` (or with >= twice)",
            file=file,
            line=stmt.line,
            element=f"constraint '{name}'",
            text=stmt.text,
        )
    if ops[0] == ">=":
        exprs = exprs[::-1]
    return ConstraintDef(
        name,
        exprs[0],
        "<=",
        exprs[1],
        index=index,
        cond=cond,
        upper=exprs[2],
        line=stmt.line,
        description=stmt.description,
    )


def _implication_def(before, after, stmt: _Statement, file: str | None, counter: int) -> ConstraintDef:
    """`[head:] b == 1 implies lhs op rhs`; a bare `b` on either side means `b == 1`."""
    before = list(before)
    head = [before.pop(0)] if isinstance(before[0], tuple) and before[0][0] == "head" else []

    def compare(parts: list) -> list:
        if len(parts) == 1:
            return [parts[0], "==", Num(1)]
        return parts

    when = compare(before)
    op = {"=<": "<=", "=>": ">="}.get(str(when[1]), str(when[1]))
    cdef = _constraint_def(head + compare(list(after)), stmt, file, counter)
    if cdef.upper is not None:
        raise FormulationError(
            "after `implies` comes one comparison `lhs <= rhs`, `lhs >= rhs` or `lhs == rhs`, not a range",
            file=file,
            line=stmt.line,
            element=f"constraint '{cdef.name}'",
            text=stmt.text,
        )
    cdef.when = Compare(op, when[0], when[2])
    return cdef


FAST_TABLE_CHARS = 500  # shorter tables: the grammar (its cost is then under a millisecond)
_FAST_HEAD = re.compile(r"^\s*([A-Za-z_]\w*)\s*(\[[^\]]*\])?\s*=\s*(?=[\[{])")
_FAST_DEFAULT = re.compile(r"\s+default\s+([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?%?)\s*$")
_FAST_KEY = re.compile(r"(?<=[{,\s])([A-Za-z_]\w*|[+-]?\d+)(?=\s*:)")
_FAST_TRAILING = re.compile(r",(\s*[}\]])")
_FAST_PERCENT = re.compile(r"(?<![\w.])([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)%")


_FAST_SET = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*\{([^{}()\[\]'\"%.:]*)\}\s*")
_MEMBER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|[+-]?\d{1,300}")
# words the grammar lexes as its own (keywords, functions, senses, domains): left to the grammar
_RESERVED = _KEYWORDS | set(
    "max min abs data minimize maximize minimise maximise "
    "continuous integer binary free nonnegative nonneg nonpositive real int bool".split()
)


def _fast_set(stmt: _Statement) -> SetDef | None:
    """`Name = {a, b, 3, ...}` of plain names and integers by one split (a long literal costs
    the grammar milliseconds); anything else, including every error, goes to the grammar."""
    m = _FAST_SET.fullmatch(stmt.text)
    if m is None or len(stmt.text) < FAST_TABLE_CHARS:
        return None
    items = m.group(2).split(",")
    if len(items) > 1 and not items[-1].strip():
        items.pop()  # one trailing comma
    members = [w.strip() for w in items]
    if not all(_MEMBER.fullmatch(w) for w in members) or _RESERVED.intersection(members):
        return None
    name = m.group(1)
    if name in _RESERVED:
        return None
    return SetDef(name, members=tuple(int(w) if w[0] in "+-0123456789" else w for w in members))


def _fast_param(stmt: _Statement) -> ParamDef | None:
    """Large parameter tables without the grammar: `tablescan` for one or two levels of plain
    numbers, else quote the keys and json.loads.

    Only plain data (identifier or integer keys, numbers) takes this path; anything else,
    including every error, falls back to the grammar, which gives the precise message.
    """
    head = _FAST_HEAD.match(stmt.text)
    if head is None or len(stmt.text) < FAST_TABLE_CHARS:
        return None
    body = stmt.text[head.end() :]
    default = None
    at = body.rfind("default")  # the tail alone: a regex search of the whole 1 MB costs 8 ms
    tail = _FAST_DEFAULT.search(body, max(at - 1, 0)) if at > 0 else None
    if tail:
        default = _percent(tail.group(1)) if tail.group(1).endswith("%") else _num(tail.group(1))
        body = body[: tail.start()]
    if "(" in body or "'" in body or '"' in body:
        return None
    from optmodel.tablescan import scan_table

    value = scan_table(body)
    if value is None:
        value = _json_table(body)
    if value is None:
        return None
    index_text = head.group(2)
    try:
        shell = _parser().parse(f"{head.group(1)}{index_text or ''} = 0", start="param_stmt")
    except (UnexpectedInput, VisitError, FormulationError):
        return None
    return ParamDef(shell.name, index=shell.index, value=value, default=default)


def _as_parsed(x) -> bool:
    """True when json.loads gave `x` as the grammar would: a float, or an int the grammar keeps
    an int (beyond 2**53 `_num` makes it a float)."""
    return (type(x) is int and abs(x) <= 2**53) or (type(x) is float and math.isfinite(x))


def _json_table(body: str) -> DictData | ListData | None:
    """The table by quoting its keys and json.loads (any nesting); None when anything is odd."""
    import json

    if "%" in body:
        body = _FAST_PERCENT.sub(lambda m: repr(_percent(m.group(0))), body)
    parts = _FAST_KEY.split(body)
    keys = parts[1::2]
    int_keys = any(k[0] in "+-0123456789" for k in keys)
    parts[1::2] = ['"' + k + '"' for k in keys]
    body = _FAST_TRAILING.sub(r"\1", "".join(parts))
    try:
        raw = json.loads(body)
    except (ValueError, RecursionError):  # JSONDecodeError, or an integer of over 4,300 digits
        return None
    # json.loads keeps only the last of a repeated key, where the grammar keeps both and the
    # compiler names the index: every ':' is one key here (there are no strings), so count them
    pairs = [0]
    number = (int, float)

    def convert(v):
        if isinstance(v, dict):
            pairs[0] += len(v)
            if not int_keys and all(_as_parsed(x) for x in v.values()):
                return DictData(tuple(v.items()))
            return DictData(
                tuple(
                    (int(k) if int_keys and k.lstrip("+-").isdigit() else k, convert(x)) for k, x in v.items()
                )
            )
        if isinstance(v, list):
            if all(_as_parsed(x) for x in v):
                return ListData(tuple(v))
            return ListData(tuple(convert(x) for x in v))
        if type(v) not in number or (type(v) is float and not math.isfinite(v)) or abs(v) > _FLOAT_MAX:
            raise ValueError
        return float(v) if type(v) is int and abs(v) > 2**53 else v  # as parser._num

    try:
        value = convert(raw)
    except (ValueError, AttributeError):
        return None
    return value if pairs[0] == body.count(":") else None


def parse(
    text: str | bytes, *, file: str | None = None, base_dir: str | None = None, data: dict | None = None
) -> Formulation:
    """Parse five-element text. Raises `FormulationError` naming file, line and element, and
    `ArgumentError` for something that is not text. `data` gives the values of the sets and
    parameters written `= data()` (optmodel.tables)."""
    if not isinstance(text, (str, bytes)):
        raise ArgumentError(
            f"parse() takes five-element text (str or bytes), not {type(text).__name__}",
            hint="to read a file, use optmodel.load(path)",
        )
    if data is not None and not isinstance(data, dict):
        raise ArgumentError(f"data= takes a dict of values by name, not {type(data).__name__}")
    form = _parse(text, file=file, base_dir=base_dir)
    if data is not None:
        from optmodel.tables import bind

        bind(form, data)
    return form


def _parse(text: str | bytes, *, file: str | None = None, base_dir: str | None = None) -> Formulation:
    if isinstance(text, bytes):
        if b"\x00" in text[:8192]:
            raise FormulationError("this is a binary file, not a five-element formulation", file=file)
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FormulationError(f"not valid UTF-8 text (byte {exc.start})", file=file) from None
    if "\x00" in text[:8192]:
        raise FormulationError("this is a binary file, not a five-element formulation", file=file)
    if not text.strip():
        raise FormulationError(
            "the formulation is empty", file=file, hint="it needs at least ## Variables and ## Objective"
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    statements, title = _scan(text, file)
    form = Formulation(title=title, source=file, base_dir=base_dir)
    parser = _parser()
    counter = 0
    explicit = {
        m.group(1)
        for st in statements
        if st.section == "Constraints" and (m := _CONSTRAINT_NAME.match(st.text))
    }
    seen_names: dict[str, tuple[str, int]] = {}
    for stmt in statements:
        element_kind = ELEMENT.get(stmt.section, "statement")
        if (
            stmt.section in ("Variables", "Objective", "Constraints")
            and len(stmt.text) > MAX_EXPRESSION_CHARS
        ):
            raise FormulationError(
                f"this statement is {len(stmt.text) / 1e6:.1f} MB long; expressions are limited to 1 MB",
                file=file,
                line=stmt.line,
                element=element_kind,
                text=stmt.text[:60],
                hint="put the data in a parameter table and write `sum(c[i] * x[i] for i in Items)`",
            )
        try:
            fast = {"Parameters": _fast_param, "Sets": _fast_set}.get(stmt.section, lambda _: None)(stmt)
            result = fast if fast is not None else parser.parse(stmt.text, start=START_RULE[stmt.section])
        except UnexpectedInput as exc:
            raise _syntax_error(exc, stmt, file) from None
        except VisitError as exc:
            orig = exc.orig_exc
            if isinstance(orig, FormulationError):
                raise orig.located(file=file, line=stmt.line, element=element_kind, text=stmt.text) from None
            raise FormulationError(
                str(orig), file=file, line=stmt.line, element=element_kind, text=stmt.text
            ) from None
        except FormulationError as exc:
            raise exc.located(file=file, line=stmt.line, element=element_kind, text=stmt.text) from None
        except RecursionError:
            raise FormulationError(
                "expression nested too deeply",
                file=file,
                line=stmt.line,
                element=element_kind,
                text=stmt.text[:80],
            ) from None
        if not _depth_ok(result):
            raise FormulationError(
                "expression nested too deeply (over 200 levels)",
                file=file,
                line=stmt.line,
                element=element_kind,
                text=stmt.text[:80],
            )
        if stmt.section == "Sets":
            result.line, result.description = stmt.line, stmt.description
            form.sets.append(result)
        elif stmt.section == "Parameters":
            result.line, result.description = stmt.line, stmt.description
            form.params.append(result)
        elif stmt.section == "Variables":
            _, name, index, items = result
            form.variables.append(_var_def(name, index, items, stmt, file))
            result = form.variables[-1]
        elif stmt.section == "Objective":
            if form.objective is not None:
                raise FormulationError(
                    "a second objective; a formulation has exactly one",
                    file=file,
                    line=stmt.line,
                    element="objective",
                    text=stmt.text,
                )
            result.line, result.description = stmt.line, stmt.description
            form.objective = result
            continue
        else:
            counter += 1
            while f"c{counter}" in explicit or f"c{counter}" in seen_names:
                counter += 1
            if result[0] == "implication":
                result = _implication_def(result[1], result[2], stmt, file, counter)
            else:
                result = _constraint_def(result[1], stmt, file, counter)
            form.constraints.append(result)
        element = ELEMENT[stmt.section]
        if result.name in seen_names:
            kind, line = seen_names[result.name]
            raise FormulationError(
                f"duplicate name '{result.name}': already a {kind} on line {line}",
                file=file,
                line=stmt.line,
                element=f"{element} '{result.name}'",
                text=stmt.text,
            )
        if result.name in _KEYWORDS:
            raise FormulationError(
                f"'{result.name}' is a keyword and cannot name an element",
                file=file,
                line=stmt.line,
                element=f"{element} '{result.name}'",
                text=stmt.text,
            )
        seen_names[result.name] = (element, stmt.line)
    if not form.variables:
        raise FormulationError("no variables: the '## Variables' section is missing or empty", file=file)
    if form.objective is None:
        raise FormulationError(
            "no objective: the '## Objective' section is missing or empty",
            file=file,
            hint="add `## Objective` followed by `minimize ...` or `maximize ...`",
        )
    return form


def read_source(path: str | Path) -> str:
    """A user's text file, with clear errors for a missing, folder, device, FIFO, huge, binary,
    non-UTF-8 or empty file. Used for five-element files and plain-English problems alike."""
    from optmodel.limits import limit
    from optmodel.safeio import read_regular_file

    if not isinstance(path, (str, Path)):
        raise ArgumentError(f"a file path must be a str or Path, not {type(path).__name__}")
    data = read_regular_file(path, int(limit("file_bytes")))
    if b"\x00" in data[:8192]:
        raise FileReadError("this is a binary file, not text", file=str(path))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileReadError(f"not valid UTF-8 text (byte {exc.start})", file=str(path)) from None
    if not text.strip():
        raise FileReadError("the file is empty", file=str(path))
    return text


def load(path: str | Path, data: dict | None = None) -> Formulation:
    """Read and parse a five-element file; `data` binds Python values to its `= data()` elements
    (`optmodel.load("m.fe", data={"cost": frame, "Sites": [...]})`)."""
    if not isinstance(path, (str, Path)):
        raise ArgumentError(f"load() takes a file path (str or Path), not {type(path).__name__}")
    path = Path(path)
    return parse(read_source(path), file=str(path), base_dir=str(path.parent), data=data)


def looks_like_formulation(text: str) -> bool:
    """True when the text has the five-element `## Objective` heading (how the CLI recognises it)."""
    return re.search(r"^\s*##\s*objective", text, re.IGNORECASE | re.MULTILINE) is not None
