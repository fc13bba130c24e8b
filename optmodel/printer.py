"""Print a `Formulation` as canonical five-element text (parse(print(f)) == f)."""

from __future__ import annotations

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

# precedence: higher binds tighter
_ADD, _MUL, _UNARY, _POW, _ATOM = 1, 2, 3, 4, 5


def number(v: float | int) -> str:
    if isinstance(v, bool):
        v = int(v)
    if isinstance(v, int):
        return str(v)
    if v == int(v) and abs(v) < 1e15:
        return str(int(v)) if float(int(v)) == v else repr(v)
    return repr(v)


def member(m) -> str:
    if isinstance(m, tuple):
        return "(" + ", ".join(member(x) for x in m) + ")"
    return str(m)


def _prec(e) -> int:
    if isinstance(e, Add):
        return _ADD
    if isinstance(e, BinOp):
        return _MUL
    if isinstance(e, Neg):
        return _UNARY
    if isinstance(e, Num):
        return _UNARY if e.value < 0 else _ATOM
    if isinstance(e, Pow):
        return _POW
    return _ATOM


def expr(e) -> str:
    if isinstance(e, Num):
        return number(e.value)
    if isinstance(e, Name):
        return e.name
    if isinstance(e, Index):
        return f"{e.name}[{', '.join(expr(i) for i in e.indices)}]"
    if isinstance(e, Add):
        parts = []
        for i, (term, sign) in enumerate(zip(e.terms, e.signs, strict=True)):
            text = expr(term)
            if _prec(term) <= _ADD:
                text = f"({text})"
            if i == 0:
                parts.append(text if sign > 0 else f"-{_wrap(term, _UNARY)}")
            else:
                parts.append(("+ " if sign > 0 else "- ") + text)
        return " ".join(parts)
    if isinstance(e, BinOp):
        left = _wrap(e.left, _MUL)
        right = expr(e.right)
        if _prec(e.right) <= _MUL:
            right = f"({right})"
        return f"{left} {e.op} {right}"
    if isinstance(e, Neg):
        return f"-{_wrap(e.operand, _UNARY)}"
    if isinstance(e, Pow):
        base = expr(e.base)
        if _prec(e.base) < _ATOM:
            base = f"({base})"
        exponent = expr(e.exponent)
        if _prec(e.exponent) < _UNARY:
            exponent = f"({exponent})"
        return f"{base} ** {exponent}"
    if isinstance(e, Tuple):
        return "(" + ", ".join(expr(i) for i in e.items) + ")"
    if isinstance(e, Sum):
        return f"sum({expr(e.body)} {clauses(e.clauses)})"
    if isinstance(e, Func):
        if e.clauses:
            return f"{e.name}({expr(e.args[0])} {clauses(e.clauses)})"
        return f"{e.name}({', '.join(expr(a) for a in e.args)})"
    if isinstance(e, Compare):
        return f"{expr(e.left)} {e.op} {expr(e.right)}"
    if isinstance(e, InSet):
        return f"{expr(e.item)} {'not in' if e.negated else 'in'} {set_ref(e.set)}"
    if isinstance(e, BoolOp):
        return f" {e.op} ".join(f"({expr(i)})" if isinstance(i, BoolOp) else expr(i) for i in e.items)
    if isinstance(e, Not):
        inner = expr(e.operand)
        return f"not ({inner})" if isinstance(e.operand, BoolOp) else f"not {inner}"
    raise TypeError(f"cannot print {e!r}")


def _wrap(e, level: int) -> str:
    text = expr(e)
    return f"({text})" if _prec(e) < level else text


def set_ref(s) -> str:
    if isinstance(s, Range):
        return f"{expr(s.lo)}..{expr(s.hi)}"
    return s.name


def clauses(items) -> str:
    out = []
    for c in items:
        if isinstance(c, For):
            target = c.targets[0] if len(c.targets) == 1 else "(" + ", ".join(c.targets) + ")"
            out.append(f"for {target} in {set_ref(c.set)}")
        elif isinstance(c, If):
            out.append(f"if {expr(c.cond)}")
    return " ".join(out)


def binding(b: Binding) -> str:
    if not b.targets:
        return set_ref(b.set)
    target = b.targets[0] if len(b.targets) == 1 else "(" + ", ".join(b.targets) + ")"
    return f"{target} in {set_ref(b.set)}"


def data(d, indent: int = 0) -> str:
    if isinstance(d, DictData):
        nested = any(isinstance(v, (DictData, ListData)) for _, v in d.items)
        if nested:
            pad = "  " * (indent + 1)
            rows = [f"{pad}{member(k)}: {data(v, indent + 1)}," for k, v in d.items]
            return "{\n" + "\n".join(rows) + "\n" + "  " * indent + "}"
        return "{" + ", ".join(f"{member(k)}: {data(v)}" for k, v in d.items) + "}"
    if isinstance(d, ListData):
        nested = any(isinstance(v, (DictData, ListData)) for v in d.items)
        if nested:
            pad = "  " * (indent + 1)
            return (
                "[\n"
                + "\n".join(f"{pad}{data(v, indent + 1)}," for v in d.items)
                + "\n"
                + "  " * indent
                + "]"
            )
        return "[" + ", ".join(data(v) for v in d.items) + "]"
    if isinstance(d, FileData):
        return f'file("{d.path}")'
    if isinstance(d, BoundData):
        return f'data("{d.key}")' if d.key else "data()"
    if isinstance(d, (int, float)):
        return number(d)
    return expr(d)


def _line(text: str, description: str | None) -> str:
    if description:
        first, *rest = text.split("\n", 1)
        return first + "  # " + description + ("\n" + rest[0] if rest else "")
    return text


def set_def(s: SetDef) -> str:
    if s.members is not None:
        text = "{" + ", ".join(member(m) for m in s.members) + "}"
    elif s.range is not None:
        text = set_ref(s.range)
    elif s.source is not None:
        text = data(s.source)
    else:
        targets, cl = s.comprehension
        head = targets[0] if len(targets) == 1 else "(" + ", ".join(targets) + ")"
        text = "{" + head + " " + clauses(cl) + "}"
    return _line(f"{s.name} = {text}", s.description)


def param_def(p: ParamDef) -> str:
    head = p.name + (f"[{', '.join(binding(b) for b in p.index)}]" if p.index else "")
    text = f"{head} = {data(p.value)}"
    if p.default is not None:
        text += f" default {number(p.default)}"
    return _line(text, p.description)


def var_def(v: VarDef) -> str:
    head = v.name + (f"[{', '.join(binding(b) for b in v.index)}]" if v.index else "")
    items = []
    if v.domain != "continuous":
        items.append(v.domain)
    if v.lower is not None:
        items.append(f">= {expr(v.lower)}")
    if v.upper is not None:
        items.append(f"<= {expr(v.upper)}")
    if not items:
        items.append("free")
    return _line(f"{head} " + ", ".join(items), v.description)


def objective(o: Objective) -> str:
    prefix = "" if o.name == "objective" else f"{o.name}: "
    return _line(f"{prefix}{o.sense} {expr(o.expr)}", o.description)


def constraint(c: ConstraintDef) -> str:
    head = c.name
    if c.index:
        head += "[" + ", ".join(binding(b) for b in c.index)
        if c.cond is not None:
            head += f" if {expr(c.cond)}"
        head += "]"
    if c.upper is not None:
        body = f"{expr(c.lhs)} <= {expr(c.rhs)} <= {expr(c.upper)}"
    else:
        body = f"{expr(c.lhs)} {c.op} {expr(c.rhs)}"
    if c.when is not None:
        body = f"{expr(c.when)} implies {body}"
    return _line(f"{head}: {body}", c.description)


def to_text(f: Formulation) -> str:
    """Canonical text; sections without entries are left out (Sets, Parameters, Constraints)."""
    out: list[str] = []
    if f.title:
        out += [f"# {f.title}", ""]
    if f.sets:
        out += ["## Sets", *(set_def(s) for s in f.sets), ""]
    if f.params:
        out += ["## Parameters", *(param_def(p) for p in f.params), ""]
    out += ["## Variables", *(var_def(v) for v in f.variables), ""]
    if f.objective is not None:
        out += ["## Objective", objective(f.objective), ""]
    if f.constraints:
        out += ["## Constraints", *(constraint(c) for c in f.constraints), ""]
    return "\n".join(out)
