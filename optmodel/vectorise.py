"""Vectorised expansion: large indexed rows of the common shape built by numpy.

The shape: a constraint indexed over sets (optionally with a condition), or the objective,
whose sides are sums of products of numbers, parameter entries and single variable entries,
summed over products of sets with optional conditions, indexed by loop names or fixed
members (`sum(cost[p, m] * ship[p, m] for p in Plants for m in Markets)`). Every loop is an
array axis; a parameter entry is a gather from the parameter's dense table, a variable entry a
gather of column numbers; a condition is a mask; a sum keeps its axes (duplicates are added up
when the CSR matrix is built), so 90,000 terms are a few array operations, not 90,000 Python
objects.

The same semantics as the scalar expansion in `optmodel.compiler`, of which this is only an
optimisation: anything outside the shape (quadratic terms, index arithmetic with a loop
name the arrays cannot map, ranges that depend on a loop name...) and anything wrong (a
missing value, a non-member, a row that can never hold) raises `Unsupported`, and the scalar
path expands that element again and reports it exactly as before. Small elements take the
scalar path too: below `MIN_TERMS` numpy's per-call cost is larger than the Python it saves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from optmodel.errors import FormulationError
from optmodel.formulation import (
    Add,
    BinOp,
    BoolOp,
    Compare,
    ConstraintDef,
    For,
    If,
    Index,
    InSet,
    Name,
    Neg,
    Not,
    Num,
    Objective,
    Pow,
    Sum,
    Tuple,
)
from optmodel.limits import MAX_NUMBER

MIN_TERMS = 2000


class Unsupported(Exception):
    """Not for the vectorised path: the scalar expansion takes this element."""


@dataclass
class Block:
    """The expanded rows of one constraint (or the objective, one row), CSR over global columns."""

    keys: list[tuple]
    start: np.ndarray  # int64, len(keys) + 1
    cols: np.ndarray  # int64 global column numbers
    vals: np.ndarray
    lower: np.ndarray  # +-inf where there is no bound
    upper: np.ndarray
    const: np.ndarray  # the body's constant per row (kept for the objective; 0 for rows)
    layout: tuple  # ((variable name, first column, KeySpace), ...) the columns refer to

    @property
    def num_rows(self) -> int:
        return len(self.keys)

    def to_rows(self) -> dict:
        """{key: (lower, Lin, upper)} as the scalar expansion writes them."""
        from optmodel.compiler import Lin

        labels = []
        for name, _first, keys in self.layout:
            labels.extend((name, k) for k in keys)
        out = {}
        for r, key in enumerate(self.keys):
            a, b = int(self.start[r]), int(self.start[r + 1])
            coefs = {
                labels[c]: v for c, v in zip(self.cols[a:b].tolist(), self.vals[a:b].tolist(), strict=True)
            }
            lo, hi = float(self.lower[r]), float(self.upper[r])
            out[key] = (
                None if lo == -math.inf else lo,
                Lin(float(self.const[r]), coefs),
                None if hi == math.inf else hi,
            )
        return out


@dataclass(frozen=True)
class _Loop:
    """A loop name: bound to the members of `axis` (component `comp` of tuple members)."""

    axis: int
    comp: int | None


class _Aff:
    """An affine form over the axes: terms (coef, col, mask, scope) plus a constant array."""

    __slots__ = ("terms", "const")

    def __init__(self, terms: list, const) -> None:
        self.terms = terms
        self.const = const


class Vectoriser:
    """Expands constraints and the objective of one formulation (the compiler's `_Context`
    supplies sets, parameters and variables)."""

    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self.layout = []
        n = 0
        for rv in ctx.variables.values():
            self.layout.append((rv.name, n, rv.keys))
            n += len(rv.keys)
        self.first = {name: first for name, first, _ in self.layout}
        self._dense: dict[str, np.ndarray] = {}
        self._positions: dict[tuple, np.ndarray] = {}
        self.taken: list[str] = []  # elements expanded here
        self.declined: list[tuple[str, str]] = []  # (element, why) left to the scalar path

    # ------------------------------------------------------------------ entry points

    def objective(self, obj: Objective) -> Block | None:
        return self._try(lambda: self._block((), None, obj.expr, None, None, objective=True))

    def constraint(self, cdef: ConstraintDef) -> Block | None:
        return self._try(lambda: self._constraint(cdef))

    def _try(self, fn):
        saved = (self.ctx.element, self.ctx.line)
        try:
            block = fn()
        except (
            Unsupported,
            FormulationError,
            ZeroDivisionError,
            OverflowError,
            TypeError,
            ValueError,
        ) as exc:
            self.declined.append((saved[0], f"{type(exc).__name__}: {exc}"))
            return None
        finally:
            self.ctx.element, self.ctx.line = saved
        self.taken.append(saved[0])
        return block

    def _constraint(self, cdef: ConstraintDef) -> Block:
        from optmodel.compiler import precheck_constraint

        precheck_constraint(self.ctx, cdef)  # the scalar path's budget check, before any array exists
        if cdef.upper is not None:
            return self._block(
                cdef.index, cdef.cond, cdef.rhs, cdef.lhs, cdef.upper, objective=False, ranged=True
            )
        return self._block(cdef.index, cdef.cond, cdef.lhs, cdef.rhs, None, objective=False, op=cdef.op)

    # ------------------------------------------------------------------ one element

    def _block(self, index, cond, first, second, third, objective: bool, op: str = "", ranged: bool = False):
        ctx = self.ctx
        self.sizes: list[int] = []
        self.sets: list = []
        self.scope: list[int] = []
        self.mask = None
        self._members: dict[tuple, np.ndarray] = {}
        self._positions = {}
        env: dict = {}
        outer_sets = []
        for b in index:
            s = ctx.set(b.set, {})
            outer_sets.append(s)
            targets = b.targets or (f"_{id(b)}",)
            self._bind(targets, s, env)
        outer = len(self.sizes)
        rows = math.prod(self.sizes)
        if rows * self._estimate((first, second, third)) < MIN_TERMS:
            raise Unsupported("small")
        row_mask = self._truth(cond, env) if cond is not None else None
        self.mask = row_mask
        if ranged:  # lo <= body <= hi: `first` is the body, `second` lo, `third` hi
            body = self._aff(self._value(first, env))
            lo, hi = self._value(second, env), self._value(third, env)
            if isinstance(lo, _Aff) or isinstance(hi, _Aff):
                raise Unsupported("variables in the outer parts of a range")
            const = body.const
            lower, upper = self._arr(lo) - const, self._arr(hi) - const
        else:
            body = self._aff(self._value(first, env))
            if second is not None:
                rhs = self._value(second, env)
                body = self._combine(body, self._aff(rhs), -1.0)
            const = body.const
            shift = -self._arr(const)
            if objective:
                lower = upper = None
            else:
                lower = shift if op in (">=", "==") else -np.inf
                upper = shift if op in ("<=", "==") else np.inf
        outer_shape = tuple(self.sizes[:outer])
        n_axes = len(self.sizes)
        pos = np.arange(rows, dtype=np.int64).reshape(outer_shape) if outer else np.zeros((), dtype=np.int64)
        r_parts, c_parts, v_parts = [], [], []
        for coef, col, mask, scope in body.terms:
            shape = tuple(self.sizes[a] if a in scope else 1 for a in range(n_axes))
            r = np.broadcast_to(_lift(pos, n_axes), shape)
            c = np.broadcast_to(_lift(col, n_axes), shape)
            v = np.broadcast_to(_lift(np.asarray(coef, dtype=float), n_axes), shape)
            m = mask
            if row_mask is not None:
                m = (
                    _lift(row_mask, n_axes)
                    if m is None
                    else np.logical_and(_lift(m, n_axes), _lift(row_mask, n_axes))
                )
            if m is not None:
                m = np.broadcast_to(_lift(m, n_axes), shape)
                r, c, v = r[m], c[m], v[m]
            else:
                r, c, v = r.ravel(), c.ravel(), v.ravel()
            if np.isnan(v).any():
                raise Unsupported("a missing value")
            r_parts.append(r)
            c_parts.append(c)
            v_parts.append(v)
        from optmodel.matrix import canonical_csr

        rr = np.concatenate(r_parts) if r_parts else np.zeros(0, dtype=np.int64)
        cc = np.concatenate(c_parts) if c_parts else np.zeros(0, dtype=np.int64)
        vv = np.concatenate(v_parts) if v_parts else np.zeros(0)
        ctx.spend(len(vv), ctx.element or "this element")  # the terms, as the scalar path counts them
        start, cols, vals = canonical_csr(rr, cc, vv, rows)
        if not (np.abs(vals) < MAX_NUMBER).all():
            raise Unsupported("a coefficient that is not finite")  # the scalar path names it
        if row_mask is None:
            keep = np.ones(rows, dtype=bool)
        else:
            keep = np.broadcast_to(_lift(np.asarray(row_mask, dtype=bool), outer), outer_shape).ravel().copy()

        def per_row(x):
            a = np.asarray(x, dtype=float)
            if a.ndim > outer:  # size-1 axes of sums that have ended
                a = a.reshape(a.shape[:outer])
            return np.broadcast_to(_lift(a, outer), outer_shape).ravel().astype(float, copy=True)

        const_rows = per_row(const if objective else 0.0)
        if objective:
            lower_rows = np.full(rows, -np.inf)
            upper_rows = np.full(rows, np.inf)
            if not (np.abs(const_rows) < MAX_NUMBER).all():
                raise Unsupported("a constant that is missing or not finite")
        else:
            lower_rows, upper_rows = per_row(lower), per_row(upper)
            if np.isnan(lower_rows[keep]).any() or np.isnan(upper_rows[keep]).any():
                raise Unsupported("a missing value")
            for side, has in (
                (lower_rows, op in (">=", "==") or ranged),
                (upper_rows, op in ("<=", "==") or ranged),
            ):
                if has and not (np.abs(side[keep]) < MAX_NUMBER).all():
                    raise Unsupported("a side that is not finite")
            counts = np.diff(start)
            empty = keep & (counts == 0)
            if empty.any():  # rows without variables: fine when they hold, dropped like the scalar path
                if (lower_rows[empty] > 1e-9).any() or (upper_rows[empty] < -1e-9).any():
                    raise Unsupported("a row that can never hold")
                keep = keep & (counts > 0)
        if objective:
            keys = [()]
        else:
            from optmodel.compiler import KeySpace

            every = KeySpace(tuple(outer_sets)).as_list()
            keys = every if keep.all() else [k for k, kept in zip(every, keep.tolist(), strict=True) if kept]
            if not keep.all():
                counts = np.diff(start)[keep]
                sel = np.repeat(keep, np.diff(start))
                cols, vals = cols[sel], vals[sel]
                start = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
                lower_rows, upper_rows, const_rows = lower_rows[keep], upper_rows[keep], const_rows[keep]
        return Block(keys, start, cols, vals, lower_rows, upper_rows, const_rows, tuple(self.layout))

    # ------------------------------------------------------------------ axes and loops

    def _bind(self, targets: tuple, s, env: dict) -> None:
        ctx = self.ctx
        for t in targets:
            if t in ctx.param_defs or t in ctx.var_defs or t in ctx.set_defs:
                raise Unsupported("a loop name hides an element")
        axis = len(self.sizes)
        self.sizes.append(len(s.members))
        self.sets.append(s)
        self.scope.append(axis)
        if len(targets) == 1:
            env[targets[0]] = _Loop(axis, None)
        elif s.dim == len(targets):
            for k, t in enumerate(targets):
                env[t] = _Loop(axis, k)
        else:
            raise Unsupported("unpacking")

    def _estimate(self, exprs) -> int:
        """Terms per row, roughly: the largest product of loop sizes of the sums inside."""
        best = 1

        def walk(e, factor: int) -> None:
            nonlocal best
            if isinstance(e, Sum):
                for c in e.clauses:
                    if isinstance(c, For):
                        s = self.ctx.set(c.set, {})
                        factor *= max(1, len(s.members))
                best = max(best, factor)
                walk(e.body, factor)
            elif isinstance(e, Add):
                for t in e.terms:
                    walk(t, factor)
            elif isinstance(e, (BinOp, Pow)):
                walk(e.left if isinstance(e, BinOp) else e.base, factor)
                walk(e.right if isinstance(e, BinOp) else e.exponent, factor)
            elif isinstance(e, Neg):
                walk(e.operand, factor)

        for e in exprs:
            if e is not None:
                walk(e, 1)
        return best

    def _member_array(self, loop: _Loop) -> np.ndarray:
        """The members (or member components) along the loop's axis, as an object array."""
        key = (loop.axis, loop.comp)
        arr = self._members.get(key)
        if arr is None:
            members = self.sets[loop.axis].members
            vals = members if loop.comp is None else [m[loop.comp] for m in members]
            arr = np.empty(len(vals), dtype=object)
            arr[:] = list(vals)
            arr = arr.reshape((1,) * loop.axis + (len(vals),))
            self._members[key] = arr
        return arr

    # ------------------------------------------------------------------ values

    def _arr(self, x):
        return x if isinstance(x, np.ndarray) else np.asarray(float(x))

    def _aff(self, v) -> _Aff:
        if isinstance(v, _Aff):
            return v
        return _Aff([], self._numeric(v))

    def _numeric(self, v):
        """A number or a float array; members are refused like the scalar path does."""
        if isinstance(v, _Loop):
            arr = self._member_array(v)
            try:
                return arr.astype(float)
            except (TypeError, ValueError):
                raise Unsupported("a member used as a number") from None
        if isinstance(v, bool) or not isinstance(v, (int, float, np.ndarray)):
            raise Unsupported("not a number")
        if isinstance(v, np.ndarray) and v.dtype == object:
            if any(isinstance(x, (str, tuple, bool)) for x in v.flat):
                raise Unsupported("a member used as a number")
            return v.astype(float)
        return v

    def _combine(self, a: _Aff, b: _Aff, sign: float) -> _Aff:
        terms = list(a.terms)
        for coef, col, mask, scope in b.terms:
            terms.append((coef * sign if sign != 1.0 else coef, col, mask, scope))
        return _Aff(terms, _add(a.const, b.const, sign))

    def _value(self, e, env: dict):
        """Evaluate to a number / float array (numeric), a `_Loop` (a loop name), or an `_Aff`."""
        t = type(e)
        ctx = self.ctx
        if t is Num:
            return e.value
        if t is Name:
            n = e.name
            if n in env:
                return env[n]
            if n in ctx.param_defs:
                rp = ctx.param(n)
                if rp.sets:
                    raise Unsupported("indexed parameter without index")
                return rp.values[()]
            if n in ctx.var_defs:
                rv = ctx.variables[n]
                if rv.sets:
                    raise Unsupported("indexed variable without index")
                return _Aff(
                    [(1.0, np.asarray(self.first[n], dtype=np.int64), self.mask, tuple(self.scope))], 0.0
                )
            raise Unsupported("a name that is not a number")
        if t is Index:
            return self._index(e, env)
        if t is Add:
            acc = None
            for term, sign in zip(e.terms, e.signs, strict=True):
                v = self._value(term, env)
                if isinstance(v, _Aff) or isinstance(acc, _Aff):
                    acc = self._combine(self._aff(acc if acc is not None else 0.0), self._aff(v), float(sign))
                else:
                    v = self._numeric(v)
                    acc = sign * v if acc is None else _add(acc, v, float(sign))
            return acc
        if t is BinOp:
            a, b = self._value(e.left, env), self._value(e.right, env)
            if e.op == "*":
                if isinstance(a, _Aff) and isinstance(b, _Aff):
                    if a.terms and b.terms:
                        raise Unsupported("quadratic")
                    a, b = (a, b.const) if not b.terms else (b, a.const)
                if isinstance(b, _Aff):
                    a, b = b, a
                if isinstance(a, _Aff):
                    return self._scale(a, self._numeric(b))
                return _mul(self._numeric(a), self._numeric(b))
            if isinstance(b, _Aff):
                if b.terms:
                    raise Unsupported("division by variables")
                b = b.const
            b = self._numeric(b)
            if np.any(np.asarray(b) == 0):
                raise Unsupported("division by zero")
            if isinstance(a, _Aff):
                return self._scale(
                    a, 1.0 / np.asarray(b, dtype=float) if isinstance(b, np.ndarray) else 1.0 / b
                )
            return _div(self._numeric(a), b)
        if t is Neg:
            v = self._value(e.operand, env)
            return self._scale(v, -1.0) if isinstance(v, _Aff) else -self._numeric(v)
        if t is Pow:
            base, exp = self._value(e.base, env), self._value(e.exponent, env)
            if isinstance(base, _Aff) or isinstance(exp, _Aff) or isinstance(exp, np.ndarray):
                raise Unsupported("power of variables")
            base, exp = self._numeric(base), self._numeric(exp)
            with np.errstate(all="raise"):
                try:
                    return (
                        np.power(np.asarray(base, dtype=float), exp)
                        if isinstance(base, np.ndarray)
                        else float(base) ** exp
                    )
                except FloatingPointError:
                    raise Unsupported("overflow") from None
        if t is Sum:
            return self._sum(e, env)
        raise Unsupported(type(e).__name__)

    def _scale(self, a: _Aff, f) -> _Aff:
        return _Aff(
            [(_mul(coef, f), col, mask, scope) for coef, col, mask, scope in a.terms], _mul(a.const, f)
        )

    def _sum(self, e: Sum, env: dict):
        saved_mask, saved_scope = self.mask, len(self.scope)
        inner = dict(env)
        first_axis = len(self.sizes)
        try:
            for c in e.clauses:
                if isinstance(c, For):
                    self._bind(c.targets, self.ctx.set(c.set, {}), inner)
                elif isinstance(c, If):
                    m = self._truth(c.cond, inner)
                    self.mask = m if self.mask is None else _and(self.mask, m)
            mask = self.mask
            scope_axes = tuple(self.scope)
            v = self._value(e.body, inner)
        finally:
            self.mask = saved_mask
            del self.scope[saved_scope:]
        if isinstance(v, _Loop):
            v = self._numeric(v)
        shape = tuple(self.sizes[a] if a in scope_axes else 1 for a in range(len(self.sizes)))
        axes = tuple(range(first_axis, len(self.sizes)))

        def reduce(x):
            x = np.broadcast_to(_lift(np.asarray(x, dtype=float), len(self.sizes)), shape)
            if mask is not None:
                x = np.where(np.broadcast_to(_lift(mask, len(self.sizes)), shape), x, 0.0)
            return x.sum(axis=axes, keepdims=True).reshape(x.shape[:first_axis])

        if isinstance(v, _Aff):
            terms = []
            for coef, col, tmask, scope in v.terms:
                terms.append((coef, col, tmask if tmask is not None else mask, scope))
            const = reduce(v.const)
            return _Aff(terms, const) if terms else const
        return reduce(self._numeric(v))

    def _index(self, e: Index, env: dict):
        ctx = self.ctx
        n = e.name
        if n in ctx.param_defs:
            rp = ctx.param(n)
            sets, kind = rp.sets, "param"
        elif n in ctx.var_defs:
            sets, kind = ctx.variables[n].sets, "var"
        else:
            raise Unsupported("not a parameter or variable")
        if not sets:
            raise Unsupported("index on a scalar")
        comps = []
        for ie in e.indices:
            comps.extend(self._components(ie, env))
        if len(comps) != sum(s.dim for s in sets):
            raise Unsupported("arity")
        positions = []
        i = 0
        for s in sets:
            part = comps[i : i + s.dim]
            i += s.dim
            positions.append(self._positions_in(part, s))
        if kind == "param":
            table = self._dense_table(rp)
            idx = _broadcast_index(positions)
            return table[idx]
        strides = []
        size = 1
        for s in reversed(sets):
            strides.append(size)
            size *= len(s.members)
        strides.reverse()
        col = np.asarray(self.first[n], dtype=np.int64)
        positions = list(_broadcast_index(positions))
        for p, stride in zip(positions, strides, strict=True):
            col = col + p.astype(np.int64) * stride if isinstance(p, np.ndarray) else col + int(p) * stride
        return _Aff([(1.0, col, self.mask, tuple(self.scope))], 0.0)

    def _components(self, ie, env: dict) -> list:
        """One index expression as index components: a loop over a tuple set gives several."""
        if isinstance(ie, Name) and ie.name in env:
            loop = env[ie.name]
            s = self.sets[loop.axis]
            if loop.comp is None and s.dim > 1:
                return [_Loop(loop.axis, k) for k in range(s.dim)]
            return [loop]
        if isinstance(ie, Tuple):
            out = []
            for x in ie.items:
                out.extend(self._components(x, env))
            return out
        if isinstance(ie, (Name, Num)) and not (isinstance(ie, Name) and ie.name in env):
            try:
                v = self.ctx.index_value(ie, env, None)
            except Exception:  # noqa: BLE001 - any failure: the scalar path reports it
                raise Unsupported("index") from None
            return list(v) if isinstance(v, tuple) else [v]
        v = self._value(ie, env)  # arithmetic on loop names, e.g. t - 1
        if isinstance(v, _Aff):
            raise Unsupported("variable in an index")
        v = self._numeric(v)
        if isinstance(v, np.ndarray):
            return [_Values(v)]
        return [int(v) if float(v).is_integer() else v]

    def _positions_in(self, part: list, s):
        """Positions in set `s` of index components (an int, or an int array along axes)."""
        if len(part) == 1 and isinstance(part[0], _Loop) and part[0].comp is None:
            loop = part[0]
            if self.sets[loop.axis] is s:
                key = ("same", loop.axis)
                arr = self._positions.get(key)
                if arr is None:
                    arr = np.arange(len(s.members), dtype=np.int64).reshape((1,) * loop.axis + (-1,))
                    self._positions[key] = arr
                return arr
        if (
            s.dim > 1
            and len(part) == s.dim
            and all(isinstance(p, _Loop) for p in part)
            and len({p.axis for p in part}) == 1
            and [p.comp for p in part] == list(range(s.dim))
            and self.sets[part[0].axis] is s
        ):
            axis = part[0].axis
            return np.arange(len(s.members), dtype=np.int64).reshape((1,) * axis + (-1,))
        lookup = _position_table(s)
        if all(not isinstance(p, (_Loop, _Values)) for p in part):
            member = part[0] if s.dim == 1 else tuple(part)
            pos = _find(lookup, member)
            if pos < 0:
                raise Unsupported("not a member")
            return pos
        arrays = []
        for p in part:
            if isinstance(p, _Loop):
                arrays.append(self._member_array(p))
            elif isinstance(p, _Values):
                arrays.append(np.vectorize(_as_member, otypes=[object])(p.values))
            else:
                a = np.empty((), dtype=object)
                a[()] = p
                arrays.append(a)
        n = max(a.ndim for a in arrays)
        arrays = [_lift(a, n) for a in arrays]
        if s.dim == 1:
            pos = np.vectorize(lambda m: _find(lookup, m), otypes=[np.int64])(arrays[0])
        else:
            pos = np.vectorize(lambda *ms: _find(lookup, tuple(ms)), otypes=[np.int64])(*arrays)
        bad = pos < 0
        if self.mask is not None:
            bad = _and(bad, self.mask)
        if np.any(bad):
            raise Unsupported("not a member")
        return np.where(pos < 0, 0, pos)

    def _dense_table(self, rp) -> np.ndarray:
        """The parameter as a dense array over its sets (NaN where no value and no default)."""
        table = self._dense.get(rp.name)
        if table is not None:
            return table
        if rp.dense is not None:  # read as a numpy grid: already this array
            self._dense[rp.name] = rp.dense
            return rp.dense
        from optmodel.compiler import KeySpace

        shape = tuple(len(s.members) for s in rp.sets)
        size = math.prod(shape)
        values = rp.values
        fill = np.nan if rp.default is None else float(rp.default)
        if len(values) == size and list(values) == KeySpace(rp.sets).as_list():
            table = np.fromiter(values.values(), dtype=float, count=size).reshape(shape)
        else:
            table = np.full(shape, fill)
            lookups = [_position_table(s) for s in rp.sets]
            for key, v in values.items():
                idx, i = [], 0
                for s, lk in zip(rp.sets, lookups, strict=True):
                    part = key[i] if s.dim == 1 else key[i : i + s.dim]
                    i += s.dim
                    idx.append(lk[part])
                table[tuple(idx)] = v
        self._dense[rp.name] = table
        return table

    # ------------------------------------------------------------------ conditions

    def _truth(self, e, env: dict):
        if isinstance(e, Compare):
            a, b = self._cmp_value(e.left, env), self._cmp_value(e.right, env)
            if e.op in ("==", "!="):
                eq = _equal(a, b)
                return eq if e.op == "==" else np.logical_not(eq)
            a, b = _align(self._numeric(a), self._numeric(b))
            return {"<": np.less, ">": np.greater, "<=": np.less_equal, ">=": np.greater_equal}[e.op](a, b)
        if isinstance(e, BoolOp):
            parts = [self._truth(x, env) for x in e.items]
            out = parts[0]
            for p in parts[1:]:
                out = _and(out, p) if e.op == "and" else _or(out, p)
            return out
        if isinstance(e, Not):
            return np.logical_not(self._truth(e.operand, env))
        if isinstance(e, InSet):
            s = self.ctx.set(e.set, {})
            items = e.item.items if isinstance(e.item, Tuple) else (e.item,)
            arrays = [self._cmp_value(x, env) for x in items]
            arrays = [a if isinstance(a, np.ndarray) else _obj_scalar(a) for a in arrays]
            n = max(a.ndim for a in arrays)
            arrays = [_lift(a, n) for a in arrays]
            look = s.lookup
            if len(arrays) == 1:
                inside = np.vectorize(lambda m: m in look, otypes=[bool])(arrays[0])
            else:
                inside = np.vectorize(lambda *ms: tuple(ms) in look, otypes=[bool])(*arrays)
            return np.logical_not(inside) if e.negated else inside
        raise Unsupported("condition")

    def _cmp_value(self, e, env: dict):
        if isinstance(e, Name):
            if e.name in env:
                return self._member_array(env[e.name])
            try:
                return self.ctx.index_value(e, env, None)
            except Exception:  # noqa: BLE001
                raise Unsupported("condition value") from None
        if isinstance(e, Tuple):
            raise Unsupported("tuple comparison")
        v = self._value(e, env)
        if isinstance(v, _Aff):
            raise Unsupported("variable in a condition")
        return self._numeric(v)


@dataclass(frozen=True)
class _Values:
    """Index values computed by arithmetic on loop names (an array along their axes)."""

    values: np.ndarray


def _as_member(v):
    return int(v) if float(v).is_integer() else v


def _lift(a, n: int):
    a = np.asarray(a)
    return a.reshape(a.shape + (1,) * (n - a.ndim)) if a.ndim < n else a


def _align(a, b):
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        n = max(a.ndim, b.ndim)
        return _lift(a, n), _lift(b, n)
    return a, b


def _add(a, b, sign: float):
    a, b = _align(a, b)
    return a + sign * b


def _mul(a, b):
    a, b = _align(a, b)
    return a * b


def _div(a, b):
    a, b = _align(a, b)
    return a / b


def _and(a, b):
    a, b = _align(np.asarray(a), np.asarray(b))
    return np.logical_and(a, b)


def _or(a, b):
    a, b = _align(np.asarray(a), np.asarray(b))
    return np.logical_or(a, b)


def _obj_scalar(v):
    a = np.empty((), dtype=object)
    a[()] = v
    return a


def _equal(a, b):
    a = a if isinstance(a, np.ndarray) else _obj_scalar(a)
    b = b if isinstance(b, np.ndarray) else _obj_scalar(b)
    a, b = _align(a, b)
    return np.asarray(a == b, dtype=bool)


def _broadcast_index(positions: list):
    arrays = [p if isinstance(p, np.ndarray) else np.asarray(p) for p in positions]
    n = max(a.ndim for a in arrays)
    return tuple(_lift(a, n) for a in arrays)


_TABLES: dict[int, tuple] = {}


def _position_table(s) -> dict:
    """member -> position in set `s` (cached on the set object's identity for this expansion)."""
    cached = _TABLES.get(id(s))
    if cached is not None and cached[0] is s:
        return cached[1]
    table = {m: i for i, m in enumerate(s.members)}
    _TABLES[id(s)] = (s, table)
    if len(_TABLES) > 256:
        _TABLES.clear()
        _TABLES[id(s)] = (s, table)
    return table


def _find(table: dict, member) -> int:
    """Position of `member`, with the scalar path's coercion between "1" and 1."""
    pos = table.get(member)
    if pos is not None:
        return pos
    if isinstance(member, str) and member.lstrip("-").isdigit():
        return table.get(int(member), -1)
    if isinstance(member, int) and not isinstance(member, bool):
        return table.get(str(member), -1)
    if isinstance(member, float) and member.is_integer():
        return table.get(int(member), -1)
    return -1
