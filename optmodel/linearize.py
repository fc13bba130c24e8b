"""Linearise `max`, `min`, `abs` and logical (`implies`) constraints into auxiliary variables and rows.

This is one step of the compiler's generic expansion, so every backend (Pyomo, the direct HiGHS
route, LP/MPS export) gets the same linear model:

- `max(a1, ..., an)` becomes a variable t. Where t only needs to be *at least* the maximum (it
  sits on the convex side: `max(...) <= b`, `minimize max(...)`), the rows `t >= a_k` suffice.
  Elsewhere t must equal the maximum: binaries z_k pick the largest argument,
  `t <= a_k + M_k (1 - z_k)`, `sum z_k == 1`, with M_k derived from the variables' bounds.
- `min` is the mirror image, `abs(e)` is `max(e, -e)`.
- `b == 1 implies lhs <= rhs` becomes `lhs - rhs <= M (1 - b)`, M the largest value `lhs - rhs`
  can take within the bounds (big-M; HiGHS has no indicator constraints).

A big-M needs finite bounds: a missing one is an error naming the variable. The compiler's own
variables and rows are named `_max_<element>`, `_min_...`, `_abs_...`, `_pick_...` (binaries),
`_implies_...`, never the name of a user's element, and `Compiled.auxiliary` lists them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from optmodel.formulation import ConstraintDef, Num, VarDef

if TYPE_CHECKING:
    from optmodel.compiler import Lin, _Context

Row = tuple  # (lower | None, Lin, upper | None)


class _Keys(dict):
    """An auxiliary variable's keys in column order, with `as_list` like a compiler.KeySpace."""

    def as_list(self) -> list[tuple]:
        return list(self)


@dataclass
class _Pending:
    kind: str  # max | min | abs
    var: tuple  # the aux variable's key (name, index)
    args: list  # Lin per argument (abs: [e, -e])


class Linearizer:
    """Auxiliary variables and rows for one formulation, created while its rows are expanded."""

    def __init__(self, ctx: _Context) -> None:
        self.ctx = ctx
        self.vars: dict = {}  # name -> ResolvedVar (aux)
        self.cons: dict = {}  # name -> CompiledConstraint (aux)
        self.pending: list[_Pending] = []
        self.element = "objective"
        self.definition: ConstraintDef | None = None
        self.key: tuple = ()
        self.counter = 0
        self._names: dict[tuple, str] = {}
        form = ctx.form
        self._taken = {x.name for g in (form.sets, form.params, form.variables, form.constraints) for x in g}

    # ------------------------------------------------------------ naming and registration

    def _name(self, kind: str) -> str:
        base = (kind, self.element)
        if base not in self._names:
            name = f"_{kind}_{self.element}"
            while name in self._taken:
                name += "_"
            self._taken.add(name)
            self._names[base] = name
        return self._names[base]

    def _variable(self, kind: str, key: tuple, domain: str, lo, hi) -> tuple:
        from optmodel.compiler import ResolvedVar

        name = self._name(kind)
        rv = self.vars.get(name)
        if rv is None:  # keys: a dict in column order; bounds: lists in the same order
            rv = ResolvedVar(name, (), VarDef(name, domain=domain), _Keys(), lower=[], upper=[], aux=True)
            rv._positions = {}
            self.vars[name] = rv
        rv.keys[key] = None
        rv._positions[key] = len(rv.lower)
        rv.lower.append(lo)
        rv.upper.append(hi)
        return (name, key)

    def _row(self, kind: str, key: tuple, row: Row) -> None:
        from optmodel.compiler import CompiledConstraint

        name = self._name(kind)
        cc = self.cons.get(name)
        if cc is None:
            cc = CompiledConstraint(name, self.definition or _objective_def(), {}, aux=True)
            self.cons[name] = cc
        cc.rows[key] = row
        cc.origins[key] = self.key

    def bound(self, var: tuple) -> tuple:
        name, key = var
        rv = self.ctx.variables.get(name) or self.vars[name]
        return rv.bound(key)

    # ------------------------------------------------------------ scope of one row

    def start(self, element: str, definition: ConstraintDef | None, key: tuple) -> None:
        """Begin a row (or the objective): aux names and keys derive from it."""
        self.element, self.definition, self.key, self.counter = element, definition, key, 0
        self.pending = []

    def finish(self, uses: list[Row]) -> None:
        """Define every aux variable created in this row; `uses` are the row(s) it went into.
        Outer functions first, so an inner one sees the rows that define the outer. Each row is
        indexed by the pending variables it holds, so this is linear in the rows made."""
        waiting = {p.var for p in self.pending}
        holding: dict[tuple, list[Row]] = {}

        def index(row: Row) -> None:
            lin = row[1]
            keys = list(lin.coefs)
            if lin.quad:
                keys += [k for pair in lin.quad for k in pair]
            for k in keys:
                if k in waiting:
                    rows = holding.setdefault(k, [])
                    if not rows or rows[-1] is not row:
                        rows.append(row)

        for row in uses:
            index(row)
        for p in reversed(self.pending):
            for row in self._define(p, holding.get(p.var, [])):
                index(row)
        self.pending = []

    # ------------------------------------------------------------ bounds

    def range_of(self, lin: Lin, what: str) -> tuple[float, float]:
        """The least and largest value of a linear form within the variables' bounds (maybe infinite)."""
        if lin.quad and any(lin.quad.values()):
            raise self.ctx.error(f"{what} cannot hold a product of variables")
        lo = hi = lin.const
        for var, c in lin.coefs.items():
            if c == 0:
                continue
            vlo, vhi = self.bound(var)
            small, large = (vlo, vhi) if c > 0 else (vhi, vlo)
            lo += c * small if small is not None else -math.inf
            hi += c * large if large is not None else math.inf
        return lo, hi

    def _missing(self, lin: Lin, side: str, what: str):
        """The error for an unbounded side of `lin`, naming the user's variable that lacks a bound."""
        from optmodel.compiler import _fmt_index

        for (name, key), c in lin.coefs.items():
            if name in self.vars:
                continue
            vlo, vhi = self.bound((name, key))
            upper = (c > 0) == (side == "upper")
            if (vhi if upper else vlo) is None:
                which = "upper" if upper else "lower"
                return self.ctx.error(
                    f"{what} needs a big-M, derived from bounds: variable '{name}{_fmt_index(key)}' "
                    f"has no {which} bound",
                    hint=f"give '{name}' {'an upper' if upper else 'a lower'} bound in ## Variables "
                    f"(e.g. `{name}{'[...]' if key else ''} >= 0, <= 1000`)",
                )
        return self.ctx.error(
            f"{what} needs a big-M, derived from bounds: an inner max/min/abs is unbounded",
            hint="give the variables inside it both bounds in ## Variables",
        )

    def _finite(self, lin: Lin, what: str) -> tuple[float, float]:
        lo, hi = self.range_of(lin, what)
        if lo == -math.inf:
            raise self._missing(lin, "lower", what)
        if hi == math.inf:
            raise self._missing(lin, "upper", what)
        return lo, hi

    # ------------------------------------------------------------ max, min, abs

    def function(self, kind: str, args: list) -> Lin:
        """An aux variable standing for kind(args); its rows come in `finish`."""
        from optmodel.compiler import Lin, _as_lin

        args = [_as_lin(a) for a in args]
        if kind == "abs":
            args = [args[0], args[0].scaled(-1.0)]
        # the rows to come repeat every argument (twice where binaries pick one): the budget
        self.ctx.spend(2 * sum(len(a.coefs) + 1 for a in args), f"{kind}(...)")
        ranges = [self.range_of(a, f"{kind}(...)") for a in args]
        if kind == "min":
            lo, hi = min(r[0] for r in ranges), min(r[1] for r in ranges)
        else:
            lo, hi = max(r[0] for r in ranges), max(r[1] for r in ranges)
            if kind == "abs":
                lo = max(lo, 0.0)
        self.counter += 1
        var = self._variable(
            kind,
            self.key + (self.counter,),
            "continuous",
            None if lo == -math.inf else lo,
            None if hi == math.inf else hi,
        )
        self.pending.append(_Pending(kind, var, args))
        return Lin(0.0, {var: 1.0})

    def _define(self, p: _Pending, uses: list[Row]) -> list[Row]:
        """The rows defining p's variable; `uses` are the rows that hold it."""
        from optmodel.compiler import Lin

        convex = p.kind in ("max", "abs")
        exact = not all(_safe(row, p.var, upward=convex) for row in uses)
        rows: list[Row] = []
        key = p.var[1]
        for a in p.args:  # t >= a_k (max) or t <= a_k (min)
            body, const = _minus(p.var, a)
            rows.append((const, body, None) if convex else (None, body, const))
        if exact:  # binaries pick the argument t equals
            what = f"{p.kind}(...) in {self._where()}"
            ranges = [self._finite(a, what) for a in p.args]
            top = max(r[1] for r in ranges) if convex else min(r[0] for r in ranges)
            picks = []
            for k, (a, (alo, ahi)) in enumerate(zip(p.args, ranges, strict=True), start=1):
                z = self._variable("pick", key + (k,), "binary", None, None)
                picks.append(z)
                body, const = _minus(p.var, a)
                if convex:  # t <= a_k + M (1 - z_k), M = max U - L(a_k)
                    m = max(top - alo, 0.0)
                    body.coefs[z] = m
                    rows.append((None, body, const + m))
                else:  # t >= a_k - M (1 - z_k), M = U(a_k) - min L
                    m = max(ahi - top, 0.0)
                    body.coefs[z] = -m
                    rows.append((const - m, body, None))
            rows.append((1.0, Lin(0.0, {z: 1.0 for z in picks}), 1.0))
        for i, row in enumerate(rows, start=1):
            self._row(p.kind, key + (i,), row)
        return rows

    def _where(self) -> str:
        from optmodel.compiler import _fmt_index

        return "the objective" if self.definition is None else f"{self.element}{_fmt_index(self.key)}"

    # ------------------------------------------------------------ implications

    def implication(self, when, env: dict, row: Row) -> list[Row]:
        """`row` (lo <= body <= hi) made to hold only when the binary in `when` takes its value."""
        from optmodel.compiler import _as_lin

        ctx = self.ctx
        cond = _as_lin(ctx.expr(when.left, env))
        cond.add(ctx.expr(when.right, env), -1.0)
        coefs = {k: c for k, c in cond.coefs.items() if c}
        var = next(iter(coefs)) if len(coefs) == 1 else None
        value = -cond.const / coefs[var] if var is not None else None
        rv = ctx.variables.get(var[0]) if var is not None else None
        if (
            rv is None
            or rv.definition.domain != "binary"
            or cond.quad
            or value not in (0.0, 1.0)
            or (when.op == ">=" and value != 1.0)
            or (when.op == "<=" and value != 0.0)
            or when.op not in ("==", ">=", "<=")
            or (when.op != "==" and coefs[var] < 0)
        ):
            raise ctx.error(
                "before `implies` comes one binary variable equal to 0 or 1, e.g. `open[s] == 1 implies ...`",
                hint="declare the variable `binary`; for other conditions add a binary and link it",
            )
        lo, body, hi = row
        what = f"the logical constraint {self._where()}"
        active = 1.0 if value == 1.0 else 0.0
        rows: list[Row] = []
        if hi is not None:
            m = self._finite_side(body, "upper", what) - hi
            rows.append(_relax(body, None, hi, var, m, active) if m > 0 else (None, body, hi))
        if lo is not None:
            m = lo - self._finite_side(body, "lower", what)
            rows.append(_relax(body, lo, None, var, m, active) if m > 0 else (lo, body, None))
        if len(rows) == 2:
            self._row("implies", self.key, rows[1])
        return rows

    def _finite_side(self, lin: Lin, side: str, what: str) -> float:
        lo, hi = self.range_of(lin, what)
        value = hi if side == "upper" else lo
        if not math.isfinite(value):
            raise self._missing(lin, side, what)
        return value


def _minus(var: tuple, a: Lin) -> tuple[Lin, float]:
    """(t - a without its constant, a's constant): the row `t - a_k >= 0` reads `body >= const`."""
    out = a.scaled(-1.0)
    out.coefs[var] = out.coefs.get(var, 0.0) + 1.0
    const, out.const = a.const, 0.0
    return out, const


def _relax(body: Lin, lo, hi, var: tuple, m: float, active: float) -> Row:
    """body <= hi + M (1 - b) (active at b = 1) or body <= hi + M b (active at 0); likewise >= lo."""
    from optmodel.compiler import Lin

    out = Lin(0.0, dict(body.coefs), body.quad)
    sign = 1.0 if hi is not None else -1.0  # push the bound outwards when inactive
    if active == 1.0:  # body - hi <= M (1 - b)  ->  body + M b <= hi + M
        out.coefs[var] = out.coefs.get(var, 0.0) + sign * m
        return (None, out, hi + m) if hi is not None else (lo - m, out, None)
    out.coefs[var] = out.coefs.get(var, 0.0) - sign * m  # body - M b <= hi
    return (None, out, hi) if hi is not None else (lo, out, None)


def _safe(row: Row, var: tuple, upward: bool) -> bool:
    """True when moving `var` up (upward) or down only makes `row` harder to satisfy, so a one-sided
    definition (t >= every argument, or t <= every argument) is exact at the optimum."""
    lo, lin, hi = row
    if lin.quad and any(var in pair for pair, c in lin.quad.items() if c):
        return False
    c = lin.coefs.get(var, 0.0)
    if c == 0:
        return True
    if not upward:
        c = -c
    return (c > 0 and lo is None) or (c < 0 and hi is None)


def _objective_def() -> ConstraintDef:
    return ConstraintDef("objective", Num(0), "==", Num(0))
