"""Flatten an indexed five-element formulation into its scalar form: one variable `x1`, `x2`, ...
per variable entry, data written inline, sums and indexed constraints unrolled.

Why: benchmark problems (NL4Opt, MAMO) are small, and a scalar formulation is the shortest
text a small model can write for them: no set or parameter tables to reproduce, no member names
to copy, numbers that point straight at mentions in the text. The arithmetic between numbers is
kept as written (`0.15 * (x1 + x2)`), never folded, so each number still matches a mention.
"""

from __future__ import annotations

import itertools

from optmodel.formulation import (
    Add,
    BinOp,
    BoolOp,
    Compare,
    Expr,
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

MAX_SCALARS = 60


class _TooBig(Exception):
    pass


def _members(compiled, set_ref, env) -> list:
    if isinstance(set_ref, Range):
        lo, hi = _value(compiled, set_ref.lo, env), _value(compiled, set_ref.hi, env)
        return list(range(int(lo), int(hi) + 1))
    return list(compiled.sets[set_ref.name].members)


def _key(values: list) -> tuple:
    out: list = []
    for v in values:
        out.extend(v if isinstance(v, tuple) else (v,))
    return tuple(out)


def _value(compiled, e: Expr, env: dict):
    """A constant: a number, a member, or a truth value."""
    if isinstance(e, Num):
        return e.value
    if isinstance(e, Name):
        if e.name in env:
            return env[e.name]
        if e.name in compiled.params:
            return compiled.params[e.name].values[()]
        return e.name  # a set-member literal
    if isinstance(e, Index):
        p = compiled.params[e.name]
        key = _key([_value(compiled, i, env) for i in e.indices])
        return p.values.get(key, p.default)
    if isinstance(e, Add):
        total = 0
        for t, s in zip(e.terms, e.signs, strict=True):
            total += s * _value(compiled, t, env)
        return total
    if isinstance(e, BinOp):
        a, b = _value(compiled, e.left, env), _value(compiled, e.right, env)
        return a * b if e.op == "*" else a / b
    if isinstance(e, Neg):
        return -_value(compiled, e.operand, env)
    if isinstance(e, Pow):
        return _value(compiled, e.base, env) ** _value(compiled, e.exponent, env)
    if isinstance(e, Tuple):
        return tuple(_value(compiled, i, env) for i in e.items)
    if isinstance(e, Compare):
        a, b = _value(compiled, e.left, env), _value(compiled, e.right, env)
        return {"<=": a <= b, ">=": a >= b, "==": a == b, "!=": a != b, "<": a < b, ">": a > b}[e.op]
    if isinstance(e, InSet):
        item = _value(compiled, e.item, env)
        found = item in _members(compiled, e.set, env)
        return not found if e.negated else found
    if isinstance(e, BoolOp):
        vals = [_value(compiled, i, env) for i in e.items]
        return all(vals) if e.op == "and" else any(vals)
    if isinstance(e, Not):
        return not _value(compiled, e.operand, env)
    if isinstance(e, Sum):
        return sum(_value(compiled, e.body, b) for b in _bindings(compiled, e.clauses, env))
    raise TypeError(f"cannot evaluate {e!r}")


def _bindings(compiled, clauses, env: dict):
    """Every environment that a chain of `for`/`if` clauses produces."""
    if not clauses:
        yield env
        return
    head, rest = clauses[0], clauses[1:]
    if hasattr(head, "targets"):
        for m in _members(compiled, head.set, env):
            new = dict(env)
            if len(head.targets) == 1:
                new[head.targets[0]] = m
            else:
                new.update(zip(head.targets, m, strict=True))
            yield from _bindings(compiled, rest, new)
    elif _value(compiled, head.cond, env):
        yield from _bindings(compiled, rest, env)


class _Flattener:
    def __init__(self, compiled) -> None:
        self.c = compiled
        self.names: dict[tuple, str] = {}
        for var in compiled.variables.values():
            member_lists = [s.members for s in var.sets]
            keys = [_key(list(k)) for k in itertools.product(*member_lists)] if member_lists else [()]
            for key in keys:
                if key in var.keys:
                    self.names[(var.name, key)] = f"x{len(self.names) + 1}"
                    if len(self.names) > MAX_SCALARS:
                        raise _TooBig

    def expr(self, e: Expr, env: dict) -> Expr:
        c = self.c
        if isinstance(e, Num):
            return e
        if isinstance(e, Name):
            if e.name in env:
                return Num(env[e.name])
            if e.name in c.variables:
                return Name(self.names[(e.name, ())])
            return Num(_value(c, e, env))
        if isinstance(e, Index):
            key = _key([_value(c, i, env) for i in e.indices])
            if e.name in c.variables:
                return Name(self.names[(e.name, key)])
            return Num(_value(c, e, env))
        if isinstance(e, Add):
            return Add(tuple(self.expr(t, env) for t in e.terms), e.signs)
        if isinstance(e, BinOp):
            return BinOp(e.op, self.expr(e.left, env), self.expr(e.right, env))
        if isinstance(e, Neg):
            return Neg(self.expr(e.operand, env))
        if isinstance(e, Pow):
            return Pow(self.expr(e.base, env), self.expr(e.exponent, env))
        if isinstance(e, Sum):
            terms = tuple(self.expr(e.body, b) for b in _bindings(c, e.clauses, env))
            if not terms:
                return Num(0)
            return terms[0] if len(terms) == 1 else Add(terms, (1,) * len(terms))
        raise TypeError(f"cannot flatten {e!r}")


def _simplify(e: Expr) -> Expr:
    """Drop `0 * x` terms and write `1 * x` as `x`: what a person would write."""
    if isinstance(e, BinOp) and e.op == "*":
        left, right = _simplify(e.left), _simplify(e.right)
        if isinstance(left, Num) and left.value == 1:
            return right
        return BinOp("*", left, right)
    if isinstance(e, Add):
        kept = [
            (_simplify(t), s)
            for t, s in zip(e.terms, e.signs, strict=True)
            if not (isinstance(t, BinOp) and t.op == "*" and isinstance(t.left, Num) and t.left.value == 0)
        ]
        if not kept:
            return Num(0)
        if len(kept) == 1 and kept[0][1] == 1:
            return kept[0][0]
        return Add(tuple(t for t, _ in kept), tuple(s for _, s in kept))
    if isinstance(e, Neg):
        return Neg(_simplify(e.operand))
    return e


def flatten(text: str) -> str | None:
    """The scalar form of `text`, or None when it has more than MAX_SCALARS variable entries or
    uses something the flattener does not handle."""
    from optmodel import printer
    from optmodel.compiler import expand
    from optmodel.errors import OptModelError
    from optmodel.parser import parse

    try:
        form = parse(text)
        compiled = expand(form)
        fl = _Flattener(compiled)
    except (OptModelError, _TooBig, KeyError, TypeError):
        return None
    try:
        lines = ["## Variables"]
        for vdef in form.variables:
            var = compiled.variables[vdef.name]
            for (vname, key), flat in fl.names.items():
                if vname != vdef.name:
                    continue
                env = {}
                for b, k in zip(vdef.index, _split_key(var, key), strict=True):
                    if b.targets:
                        env.update(zip(b.targets, k if len(b.targets) > 1 else (k,), strict=True))
                items = [vdef.domain] if vdef.domain != "continuous" else []
                lo = None if vdef.lower is None else fl.expr(vdef.lower, env)
                hi = None if vdef.upper is None else fl.expr(vdef.upper, env)
                if lo is not None and hi is not None:
                    items.append(f"{printer.expr(lo)} <= {flat} <= {printer.expr(hi)}")
                else:
                    if lo is not None:
                        items.append(f">= {printer.expr(lo)}")
                    if hi is not None:
                        items.append(f"<= {printer.expr(hi)}")
                if not items:
                    items.append("free")
                lines.append(f"{flat} " + ", ".join(items))
        lines += [
            "## Objective",
            f"{form.objective.sense} {printer.expr(_simplify(fl.expr(form.objective.expr, {})))}",
        ]
        cons = []
        for cdef in form.constraints:
            clauses = [_as_clause(b) for b in cdef.index]
            if cdef.cond is not None:
                clauses.append(_If(cdef.cond))
            for env in _bindings(compiled, clauses, {}):
                lhs, rhs = (
                    printer.expr(_simplify(fl.expr(cdef.lhs, env))),
                    printer.expr(_simplify(fl.expr(cdef.rhs, env))),
                )
                if cdef.upper is not None:
                    body = f"{lhs} <= {rhs} <= {printer.expr(_simplify(fl.expr(cdef.upper, env)))}"
                else:
                    body = f"{lhs} {cdef.op} {rhs}"
                cons.append(f"c{len(cons) + 1}: {body}")
        if cons:
            lines += ["## Constraints", *cons]
    except (KeyError, TypeError, ValueError, ZeroDivisionError, AttributeError):
        return None
    return "\n".join(lines) + "\n"


class _For:
    def __init__(self, targets, set_ref) -> None:
        self.targets, self.set = targets, set_ref


class _If:
    def __init__(self, cond) -> None:
        self.cond = cond


def _as_clause(binding):
    targets = binding.targets or (f"_{id(binding)}",)
    return _For(targets, binding.set)


def _split_key(var, key: tuple) -> list:
    """Split a flattened index tuple back into one member per index set."""
    out, pos = [], 0
    for s in var.sets:
        part = key[pos : pos + s.dim]
        out.append(part[0] if s.dim == 1 else part)
        pos += s.dim
    return out
