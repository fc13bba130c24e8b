"""Property: for random valid five-element texts t, parse(print(parse(t))) == parse(t), printing
is a fixed point, and the JSON and YAML forms round-trip.

The texts come from a small grammar-based strategy: sets (literals with names, integers and
tuples, ranges, comprehensions), parameters (scalars, percent, dict/list/nested tables, flat tuple
keys, defaults, file(...) references, expressions), variables (domains and bounds), an objective
and constraints with sums, several `for` clauses, filters, index arithmetic and ranges. Layout is
randomised too: line breaks after operators and inside brackets, comments, heading spellings.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import optmodel
from optmodel.jsonio import from_json, from_yaml, to_yaml

RESERVED = {
    "sum", "for", "in", "if", "and", "or", "not", "default", "file", "implies",  # keywords
    "continuous", "integer", "binary", "free", "nonnegative", "nonneg", "nonpositive", "real", "int", "bool",
    "minimize", "maximize", "minimise", "maximise", "min", "max",
}  # fmt: skip

IDENT = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,6}", fullmatch=True).filter(
    # `c<digits>` is what unnamed constraints are called (see test_parser for that case)
    lambda s: s not in RESERVED and not re.fullmatch(r"c\d+", s)
)
# set members may be words the grammar uses elsewhere (min, free, int ...), but not keywords
MEMBER_NAME = st.one_of(
    st.from_regex(r"[a-z][a-z0-9_]{0,5}", fullmatch=True),
    st.sampled_from(["min", "max", "free", "int", "binary", "real", "bool"]),
).filter(lambda s: s not in {"sum", "for", "in", "if", "and", "or", "not", "default", "file", "implies"})
INT_MEMBER = st.integers(-20, 40)


def num_token(draw, *, signed: bool) -> str:
    """A number literal as one token: int, decimal, exponent or percent."""
    kind = draw(st.sampled_from(["int", "dec", "exp", "pct", "big"]))
    if kind == "int":
        text = str(draw(st.integers(0, 10_000)))
    elif kind == "dec":
        text = repr(draw(st.floats(0, 1e6, allow_nan=False, allow_infinity=False)))
    elif kind == "exp":
        text = f"{draw(st.integers(1, 9))}.{draw(st.integers(0, 99))}e{draw(st.sampled_from(['', '-', '+']))}{draw(st.integers(0, 12))}"
    elif kind == "pct":
        text = f"{draw(st.integers(0, 300))}{draw(st.sampled_from(['', '.5', '.25']))}%"
    else:
        text = str(draw(st.integers(10**15, 10**20)))
    if signed and draw(st.booleans()):
        text = "-" + text
    return text


class Scope:
    """What an expression may refer to."""

    def __init__(self, sets, params, variables, loops):
        self.sets = sets  # name -> (dim, is_integer, members)
        self.params = params  # name -> number of index positions
        self.variables = variables  # name -> number of index positions
        self.loops = loops  # loop names in scope -> is_integer


@st.composite
def members_of(draw, dim: int, integer: bool):
    def one():
        if dim == 1:
            return draw(INT_MEMBER) if integer else draw(st.one_of(MEMBER_NAME, INT_MEMBER))
        return tuple(draw(st.one_of(MEMBER_NAME, INT_MEMBER)) for _ in range(dim))

    n = draw(st.integers(0 if dim == 1 else 1, 5))
    out, seen = [], set()
    for _ in range(n):
        m = one()
        if m not in seen:
            seen.add(m)
            out.append(m)
    return out


def member_text(m) -> str:
    if isinstance(m, tuple):
        return "(" + ", ".join(member_text(x) for x in m) + ")"
    return str(m)


def index_atom(draw, scope: Scope, s_info) -> str:
    """One index position: a loop name, a member literal, or integer arithmetic on a loop name."""
    options = []
    int_loops = [n for n, is_int in scope.loops.items() if is_int]
    if scope.loops:
        options.append("loop")
    if int_loops:
        options.append("arith")
    if s_info and s_info[2]:
        options.append("member")
    options.append("number")
    kind = draw(st.sampled_from(options))
    if kind == "loop":
        return draw(st.sampled_from(sorted(scope.loops)))
    if kind == "arith":
        op = draw(st.sampled_from(["+", "-"]))
        return f"{draw(st.sampled_from(int_loops))} {op} {draw(st.integers(1, 3))}"
    if kind == "member":
        m = draw(st.sampled_from(s_info[2]))
        return member_text(m) if not isinstance(m, tuple) else ", ".join(member_text(x) for x in m)
    return str(draw(st.integers(0, 9)))


def ref(draw, scope: Scope, table: dict) -> str:
    name = draw(st.sampled_from(sorted(table)))
    arity = table[name]
    if arity == 0:
        return name
    set_infos = list(scope.sets.values())
    parts = [
        index_atom(draw, scope, draw(st.sampled_from(set_infos)) if set_infos else None) for _ in range(arity)
    ]
    return f"{name}[{', '.join(parts)}]"


def set_ref_text(draw, scope: Scope) -> tuple[str, int, bool]:
    """A set to loop over: a named set or a range. Returns (text, dim, is_integer)."""
    names = sorted(scope.sets)
    if names and draw(st.booleans()):
        n = draw(st.sampled_from(names))
        dim, integer, _ = scope.sets[n]
        return n, dim, integer
    lo = draw(st.integers(-2, 3))
    hi = draw(
        st.sampled_from([str(lo + draw(st.integers(0, 5)))] + [p for p, a in scope.params.items() if a == 0])
    )
    if draw(st.booleans()):
        hi = f"{hi} - 1"
    return f"{lo}..{hi}", 1, True


def fresh_loop_names(draw, scope: Scope, k: int) -> list[str]:
    taken = set(scope.sets) | set(scope.params) | set(scope.variables) | set(scope.loops)
    names = []
    for _ in range(k):
        n = draw(st.from_regex(r"[a-z][a-z0-9]{0,2}", fullmatch=True).filter(
            lambda s: s not in RESERVED and s not in taken and s not in names))  # fmt: skip
        names.append(n)
    return names


def clauses(draw, scope: Scope) -> tuple[str, Scope]:
    """`for ... in ... [for ...] [if ...]` and the scope inside."""
    parts = []
    loops = dict(scope.loops)
    inner = Scope(scope.sets, scope.params, scope.variables, loops)
    for _ in range(draw(st.integers(1, 2))):
        text, dim, integer = set_ref_text(draw, inner)
        # a later loop may follow the previous one after a comma: `for i in I, j in J`
        lead = ", " if parts and parts[-1].startswith("for") and draw(st.booleans()) else "for "
        if dim == 1:
            (name,) = fresh_loop_names(draw, inner, 1)
            parts.append(f"{lead}{name} in {text}")
            loops[name] = integer
        else:
            names = fresh_loop_names(draw, inner, dim)
            parts.append(f"{lead}({', '.join(names)}) in {text}")
            loops.update({n: False for n in names})
        if draw(st.integers(0, 3)) == 0:
            parts.append("if " + condition(draw, inner))
    return " ".join(parts).replace(" , ", ", "), inner


def condition(draw, scope: Scope, depth: int = 0) -> str:
    loops = sorted(scope.loops)
    kind = draw(st.sampled_from(["cmp", "in", "not", "bool"] if depth < 2 else ["cmp", "in"]))
    if kind == "not":
        return "not " + condition(draw, scope, depth + 1)
    if kind == "bool":
        op = draw(st.sampled_from(["and", "or"]))
        return f"{condition(draw, scope, depth + 1)} {op} {condition(draw, scope, depth + 1)}"
    left = draw(st.sampled_from(loops)) if loops else str(draw(st.integers(0, 5)))
    if kind == "in":
        target, dim, _ = set_ref_text(draw, scope)
        if dim > 1:
            left = "(" + ", ".join([left] * dim) + ")"
        neg = draw(st.sampled_from(["in", "not in"]))
        return f"{left} {neg} {target}"
    op = draw(st.sampled_from(["==", "!=", "<", ">", "<=", ">="]))
    right = draw(st.one_of(st.sampled_from(loops or ["0"]), st.integers(0, 5).map(str)))
    if draw(st.booleans()):
        right = f"{right} + {draw(st.integers(1, 2))}"
    return f"{left} {op} {right}"


def expression(draw, scope: Scope, depth: int = 0, *, allow_vars: bool = True) -> str:
    kinds = ["num", "num"]
    if scope.params:
        kinds += ["param", "param"]
    if allow_vars and scope.variables:
        kinds += ["var", "var", "var"]
    if depth < 3:
        kinds += ["bin", "bin", "neg", "paren", "sum", "pow", "func"]
    kind = draw(st.sampled_from(kinds))
    if kind == "num":
        return num_token(draw, signed=False)
    if kind == "param":
        return ref(draw, scope, scope.params)
    if kind == "var":
        return ref(draw, scope, scope.variables)
    if kind == "bin":
        op = draw(st.sampled_from(["+", "-", "*", "/", "+", "-"]))
        return f"{expression(draw, scope, depth + 1, allow_vars=allow_vars)} {op} {expression(draw, scope, depth + 1, allow_vars=allow_vars)}"
    if kind == "neg":
        return "-" + expression(draw, scope, depth + 1, allow_vars=allow_vars)
    if kind == "paren":
        return f"({expression(draw, scope, depth + 1, allow_vars=allow_vars)})"
    if kind == "pow":
        base = draw(st.one_of(st.just(ref(draw, scope, scope.variables)) if allow_vars and scope.variables else st.nothing(),
                              st.just(f"({expression(draw, scope, depth + 1, allow_vars=allow_vars)})")))  # fmt: skip
        return f"{base} ** {draw(st.sampled_from(['2', '1', '0.5', '-1', '(1 + 1)']))}"
    if kind == "func":  # max/min/abs, of several arguments or over a loop
        sub = lambda s=scope: expression(draw, s, depth + 1, allow_vars=allow_vars)  # noqa: E731
        name = draw(st.sampled_from(["max", "min", "abs"]))
        if name == "abs":
            return f"abs({sub()})"
        if draw(st.booleans()):
            text, inner = clauses(draw, scope)
            return f"{name}({sub(inner)} {text})"
        return f"{name}({', '.join(sub() for _ in range(draw(st.integers(2, 3))))})"
    text, inner = clauses(draw, scope)
    return f"sum({expression(draw, inner, depth + 1, allow_vars=allow_vars)} {text})"


def bindings(draw, scope: Scope, *, named: bool) -> tuple[str, Scope, int]:
    """`[A, i in B, (j, k) in C, t in 1..3]` (names required for constraints)."""
    parts = []
    loops = dict(scope.loops)
    inner = Scope(scope.sets, scope.params, scope.variables, loops)
    arity = 0
    for _ in range(draw(st.integers(1, 2))):
        text, dim, integer = set_ref_text(draw, inner)
        arity += dim
        if not named and text in scope.sets and draw(st.booleans()):
            parts.append(text)
            continue
        names = fresh_loop_names(draw, inner, dim)
        head = names[0] if dim == 1 else "(" + ", ".join(names) + ")"
        parts.append(f"{head} in {text}")
        loops.update({n: integer and dim == 1 for n in names})
    return ", ".join(parts), inner, arity


def data_table(draw, sets: list[tuple[str, tuple]]) -> str:
    """A dict or list literal for parameters indexed by `sets` (name, (dim, int, members))."""
    members, rest = sets[0][1][2], sets[1:]

    def leaf():
        return num_token(draw, signed=True) if rest == [] else data_table(draw, rest)

    if draw(st.booleans()):
        items = ", ".join(leaf() for _ in members)
        return f"[{items}{',' if members and draw(st.booleans()) else ''}]"
    chosen = draw(st.lists(st.sampled_from(members), unique=True, max_size=len(members))) if members else []
    items = ", ".join(f"{member_text(m)}: {leaf()}" for m in chosen)
    return "{" + items + "}"


@st.composite
def formulation_texts(draw) -> str:
    used: set[str] = set()

    def new_name(upper: bool = False) -> str:
        n = draw(IDENT.filter(lambda s: s not in used))
        used.add(n)
        return n

    heading = {
        "Sets": ["## Sets", "## sets", "##Sets", "## Set:"],
        "Parameters": ["## Parameters", "## Params", "## Data", "## parameters:"],
        "Variables": ["## Variables", "## Decision Variables", "## variable"],
        "Objective": ["## Objective", "## Objective function", "## objective:"],
        "Constraints": ["## Constraints", "## Subject to", "## constraint"],
    }
    sections: dict[str, list[str]] = {k: [] for k in heading}
    scope = Scope({}, {}, {}, {})

    # ---- sets
    for _ in range(draw(st.integers(0, 3))):
        name = new_name()
        kind = draw(st.sampled_from(["names", "ints", "tuples", "range", "comprehension", "source"]))
        if kind == "source":  # members from a file or from Python: none known here
            source = draw(st.sampled_from(["data()", 'data("key_1")', 'file("s.csv")']))
            sections["Sets"].append(f"{name} = {source}")
            scope.sets[name] = (1, False, [])
        elif kind == "range":
            lo = draw(st.integers(-3, 3))
            hi = lo + draw(st.integers(0, 6))
            sections["Sets"].append(f"{name} = {lo}..{hi}")
            scope.sets[name] = (1, True, list(range(lo, hi + 1)))
        elif kind == "comprehension" and scope.sets:
            text, inner = clauses(draw, scope)
            targets = [n for n in inner.loops if n not in scope.loops]
            head = targets[0] if len(targets) == 1 else "(" + ", ".join(targets) + ")"
            sections["Sets"].append(f"{name} = {{{head} {text}}}")
            scope.sets[name] = (len(targets), False, [])
        else:
            dim = 2 if kind == "tuples" else 1
            members = draw(members_of(dim, kind == "ints"))
            sections["Sets"].append(f"{name} = {{{', '.join(member_text(m) for m in members)}}}")
            scope.sets[name] = (dim, kind == "ints", members)

    # ---- parameters
    for _ in range(draw(st.integers(0, 4))):
        name = new_name()
        literal_sets = [(n, info) for n, info in scope.sets.items() if info[2] or info[1]]
        kind = draw(st.sampled_from(["scalar", "expr", "table", "table", "file", "indexed_expr", "data"]))
        if kind == "data":  # from Python, scalar or indexed
            chosen = draw(st.lists(st.sampled_from(sorted(scope.sets)), max_size=2)) if scope.sets else []
            head = f"[{', '.join(chosen)}]" if chosen else ""
            source = draw(st.sampled_from(["data()", 'data("k")']))
            sections["Parameters"].append(f"{name}{head} = {source}")
            scope.params[name] = sum(scope.sets[n][0] for n in chosen)
        elif kind == "scalar" or not literal_sets and kind != "expr":
            sections["Parameters"].append(f"{name} = {num_token(draw, signed=True)}")
            scope.params[name] = 0
        elif kind == "expr":
            sections["Parameters"].append(f"{name} = {expression(draw, scope, 1, allow_vars=False)}")
            scope.params[name] = 0
        else:
            chosen = draw(st.lists(st.sampled_from(literal_sets), min_size=1, max_size=2))
            head = ", ".join(n for n, _ in chosen)
            arity = sum(info[0] for _, info in chosen)
            if kind == "table":
                value = data_table(draw, chosen)
            elif kind == "file":
                value = (
                    f'file("{draw(st.sampled_from(["cost.csv", "data/t.parquet", "t#1.csv", "a b.csv"]))}")'
                )
            else:
                btext, inner, arity = bindings(draw, scope, named=True)
                head = btext
                value = expression(draw, inner, 1, allow_vars=False)
            line = f"{name}[{head}] = {value}"
            if draw(st.integers(0, 3)) == 0:
                line += f" default {num_token(draw, signed=True)}"
            sections["Parameters"].append(line)
            scope.params[name] = arity

    # ---- variables
    for _ in range(draw(st.integers(1, 3))):
        name = new_name()
        head, arity, inner = name, 0, scope
        if scope.sets and draw(st.booleans()):
            btext, inner, arity = bindings(draw, scope, named=False)
            head = f"{name}[{btext}]"
        items = []
        domain = draw(
            st.sampled_from(["", "", "integer", "binary", "continuous", "int", "free", "nonnegative"])
        )
        if domain:
            items.append(domain)
        bound = draw(st.sampled_from(["", "lower", "upper", "both", "chain", "fixed"]))
        if domain == "free":
            bound = ""
        b = lambda inner=inner: expression(draw, inner, 2, allow_vars=False)  # noqa: E731
        if bound == "lower":
            items.append(f">= {b()}")
        elif bound == "upper":
            items.append(f"<= {b()}")
        elif bound == "both":
            items += [f">= {b()}", f"<= {b()}"]
        elif bound == "chain":
            items.append(f"{b()} <= {name} <= {b()}")
        elif bound == "fixed":
            items.append(f"== {b()}")
        draw(st.randoms()).shuffle(items)
        sections["Variables"].append(head + (" " + ", ".join(items) if items else ""))
        scope.variables[name] = arity

    # ---- objective
    sense = draw(st.sampled_from(["minimize", "maximize", "min", "max", "minimise"]))
    obj = f"{sense} {expression(draw, scope)}"
    if draw(st.booleans()):
        obj = f"{new_name()}: {obj}"
    sections["Objective"].append(obj)

    # ---- constraints
    for _ in range(draw(st.integers(0, 4))):
        inner = scope
        head = ""
        if draw(st.integers(0, 4)) > 0:
            head = new_name()
            if scope.sets and draw(st.booleans()):
                btext, inner, _ = bindings(draw, scope, named=True)
                cond = f" if {condition(draw, inner)}" if draw(st.booleans()) else ""
                head += f"[{btext}{cond}]"
            head += ": "
        form = draw(st.sampled_from(["<=", ">=", "==", "=<", "=>", "range<", "range>"]))
        e = lambda inner=inner: expression(draw, inner)  # noqa: E731
        if form == "range<":
            body = f"{num_token(draw, signed=False)} <= {e()} <= {num_token(draw, signed=False)}"
        elif form == "range>":
            body = f"{num_token(draw, signed=False)} >= {e()} >= {num_token(draw, signed=False)}"
        else:
            body = f"{e()} {form} {e()}"
            if draw(st.integers(0, 3)) == 0:  # a logical constraint: `b == 1 implies ...`
                flag = ref(draw, inner, inner.variables)
                when = draw(st.sampled_from([flag, f"{flag} == 1", f"{flag} == 0", f"{flag} >= 1"]))
                body = f"{when} implies {body}"
        if not head and body.startswith("-"):
            # a line starting with an operator continues the previous statement (see report)
            body = "0 " + body
        sections["Constraints"].append(head + body)

    # ---- layout
    lines: list[str] = []
    if draw(st.booleans()):
        lines += ["# " + draw(st.text("abc xyz.,()=", max_size=30)), ""]
    for key, statements in sections.items():
        if not statements and key in ("Sets", "Parameters", "Constraints") and draw(st.booleans()):
            continue
        lines.append(draw(st.sampled_from(heading[key])))
        for stmt in statements:
            text = relayout(draw, stmt)
            if draw(st.integers(0, 3)) == 0:
                text += "   # " + draw(st.text("abcdef ghi:[]()", max_size=20))
            lines.append(text)
            if draw(st.integers(0, 4)) == 0:
                lines.append(draw(st.sampled_from(["", "# a comment line", "   "])))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


_BREAK_AFTER = ("+", "-", "*", "/", ",", "=", "(", "[", "{", ":", "<", ">")


def relayout(draw, stmt: str) -> str:
    """Randomly break a statement across lines where the scanner must continue it: inside
    brackets, or after an operator."""
    out = []
    depth = 0
    quoted = False
    i = 0
    while i < len(stmt):
        ch = stmt[i]
        if ch == '"':
            quoted = not quoted
        if quoted:
            out.append(ch)
            i += 1
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == " " and i > 0:
            before = stmt[:i].rstrip()
            if (
                (depth > 0 or before.endswith(_BREAK_AFTER))
                and not before.endswith("**")
                and draw(st.integers(0, 9)) == 0
            ):
                out.append("\n    ")
                i += 1
                continue
        out.append(ch)
        i += 1
    return "".join(out)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(formulation_texts())
def test_parse_print_parse_round_trip(text):
    form = optmodel.parse(text)
    printed = form.to_text()
    again = optmodel.parse(printed)
    assert again == form, printed
    assert again.to_text() == printed
    assert from_json(form.to_json()) == form
    assert from_yaml(to_yaml(form)) == form


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(formulation_texts())
def test_json_of_the_printed_text_is_the_same(text):
    # JSON -> Formulation -> text -> Formulation: the printer also works on decoded formulations
    decoded = from_json(optmodel.parse(text).to_json(indent=None))
    assert optmodel.parse(decoded.to_text()) == decoded
