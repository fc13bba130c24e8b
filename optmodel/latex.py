"""Render a formulation as LaTeX (an `align*` block per element group) for papers and notebooks."""

from __future__ import annotations

from optmodel.formulation import (
    Add,
    Binding,
    BinOp,
    BoolOp,
    Compare,
    For,
    Formulation,
    Func,
    If,
    Index,
    InSet,
    Name,
    Neg,
    Not,
    Num,
    Pow,
    Range,
    Sum,
    Tuple,
)
from optmodel.printer import number

_OPS = {"<=": r"\le", ">=": r"\ge", "==": "=", "!=": r"\ne", "<": "<", ">": ">"}


def _name(n: str) -> str:
    if len(n) == 1:
        return n
    return r"\mathit{" + n.replace("_", r"\_") + "}"


def _set(s) -> str:
    if isinstance(s, Range):
        return rf"\{{{expr(s.lo)},\dots,{expr(s.hi)}\}}"
    return rf"\mathcal{{{s.name}}}" if len(s.name) == 1 else rf"\mathrm{{{s.name}}}"


def _target(targets) -> str:
    return targets[0] if len(targets) == 1 else "(" + ",".join(targets) + ")"


def expr(e) -> str:
    if isinstance(e, Num):
        return number(e.value)
    if isinstance(e, Name):
        return _name(e.name)
    if isinstance(e, Index):
        return f"{_name(e.name)}_{{{','.join(expr(i) for i in e.indices)}}}"
    if isinstance(e, Add):
        out = ""
        for i, (t, s) in enumerate(zip(e.terms, e.signs, strict=True)):
            text = expr(t)
            if isinstance(t, Add):
                text = rf"\left({text}\right)"
            out += (text if s > 0 else f"-{text}") if i == 0 else (f" + {text}" if s > 0 else f" - {text}")
        return out
    if isinstance(e, BinOp):
        left, right = expr(e.left), expr(e.right)
        if isinstance(e.left, Add):
            left = rf"\left({left}\right)"
        if e.op == "/":
            return rf"\frac{{{left}}}{{{right}}}"
        if isinstance(e.right, (Add, BinOp)):
            right = rf"\left({right}\right)"
        return rf"{left} \cdot {right}" if isinstance(e.right, Num) else f"{left} {right}"
    if isinstance(e, Neg):
        inner = expr(e.operand)
        return rf"-\left({inner}\right)" if isinstance(e.operand, Add) else f"-{inner}"
    if isinstance(e, Pow):
        base = expr(e.base)
        if not isinstance(e.base, (Name, Index, Num)):
            base = rf"\left({base}\right)"
        return f"{base}^{{{expr(e.exponent)}}}"
    if isinstance(e, Tuple):
        return "(" + ",".join(expr(i) for i in e.items) + ")"
    if isinstance(e, Sum):
        body = expr(e.body)
        if isinstance(e.body, Add):
            body = rf"\left({body}\right)"
        return rf"\sum_{{{_subscript(e.clauses)}}} {body}"
    if isinstance(e, Func):
        if e.name == "abs":
            return rf"\left|{expr(e.args[0])}\right|"
        if e.clauses:
            return rf"\{e.name}_{{{_subscript(e.clauses)}}} {expr(e.args[0])}"
        return rf"\{e.name}\left({', '.join(expr(a) for a in e.args)}\right)"
    if isinstance(e, Compare):
        return f"{expr(e.left)} {_OPS[e.op]} {expr(e.right)}"
    if isinstance(e, InSet):
        op = r"\notin" if e.negated else r"\in"
        return f"{expr(e.item)} {op} {_set(e.set)}"
    if isinstance(e, BoolOp):
        return (r" \land " if e.op == "and" else r" \lor ").join(expr(i) for i in e.items)
    if isinstance(e, Not):
        return rf"\lnot\left({expr(e.operand)}\right)"
    raise TypeError(f"cannot render {e!r}")


def _subscript(clauses) -> str:
    """The subscript under a sum, max or min: the loops, then the conditions."""
    fors = [c for c in clauses if isinstance(c, For)]
    conds = [c for c in clauses if isinstance(c, If)]
    sub = r",\ ".join(rf"{_target(c.targets)} \in {_set(c.set)}" for c in fors)
    if conds:
        sub += r":\ " + r",\ ".join(expr(c.cond) for c in conds)
    return sub


def _forall(index: tuple[Binding, ...], cond) -> str:
    if not index:
        return ""
    parts = [rf"{_target(b.targets)} \in {_set(b.set)}" if b.targets else _set(b.set) for b in index]
    text = r"\quad \forall " + r",\ ".join(parts)
    if cond is not None:
        text += r":\ " + expr(cond)
    return text


def to_latex(f: Formulation) -> str:
    lines = [r"\begin{align*}"]
    obj = f.objective
    lines.append(rf"\{'min' if obj.sense == 'minimize' else 'max'} \quad & {expr(obj.expr)} \\")
    lines.append(r"\text{s.t.} \quad & \\")
    for c in f.constraints:
        if c.upper is not None:
            body = rf"{expr(c.lhs)} \le {expr(c.rhs)} \le {expr(c.upper)}"
        else:
            body = f"{expr(c.lhs)} {_OPS[c.op]} {expr(c.rhs)}"
        if c.when is not None:
            body = rf"{expr(c.when)} \implies {body}"
        label = c.name.replace("_", "\\_")
        lines.append(rf"& {body} {_forall(c.index, c.cond)} && \text{{({label})}} \\")
    for v in f.variables:
        dom = {"continuous": r"\mathbb{R}", "integer": r"\mathbb{Z}", "binary": r"\{0,1\}"}[v.domain]
        idx = ",".join(
            b.targets[0] if len(b.targets) == 1 else "(" + ",".join(b.targets) + ")"
            for b in v.index
            if b.targets
        )
        if v.index and not idx:
            idx = ",".join(f"i_{k + 1}" for k in range(len(v.index)))
            forall = r"\quad \forall (" + idx + r") \in " + r" \times ".join(_set(b.set) for b in v.index)
        else:
            forall = _forall(v.index, None)
        sym = _name(v.name) + (f"_{{{idx}}}" if v.index else "")
        bounds = ""
        if v.lower is not None and v.upper is not None:
            bounds = rf", \; {expr(v.lower)} \le {sym} \le {expr(v.upper)}"
        elif v.lower is not None:
            bounds = rf", \; {sym} \ge {expr(v.lower)}"
        elif v.upper is not None:
            bounds = rf", \; {sym} \le {expr(v.upper)}"
        lines.append(rf"& {sym} \in {dom}{bounds} {forall} \\")
    lines.append(r"\end{align*}")
    return "\n".join(lines)
