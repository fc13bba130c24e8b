"""Compile a `Formulation`: resolve sets and parameters, expand rows and bounds.

The chain: resolve sets -> resolve parameter tables -> evaluate variable bounds -> expand every
expression into a linear (or, in the objective, quadratic) form over variable keys. From there
`optmodel.matrix` builds the arrays HiGHS takes (the default route) and `build_pyomo` builds a
Pyomo `ConcreteModel` (`Formulation.to_pyomo()`, `backend="pyomo"`). Expanding ourselves keeps
errors precise (which element, which index, which term). With `expand(..., vectorise=True)`
large indexed rows of the common shape (sums of products over products of sets) are expanded
by numpy in `optmodel.vectorise` instead; anything else, and anything wrong, takes the scalar
path here, so messages stay the same.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from optmodel.errors import FormulationError, LimitError
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
    ParamDef,
    Pow,
    Range,
    SetDef,
    Sum,
    Tuple,
    VarDef,
)
from optmodel.limits import MAX_NUMBER, hint, limit

if TYPE_CHECKING:
    import numpy as np

MAX_SET_SIZE = 5_000_000  # the default of limit("set_members")

VarKey = tuple  # (var name, index tuple)


class Lin:
    """A linear (optionally quadratic) form: const + sum coef*var + sum coef*var*var."""

    __slots__ = ("const", "coefs", "quad")

    def __init__(self, const: float = 0.0, coefs: dict | None = None, quad: dict | None = None) -> None:
        self.const = const
        self.coefs = coefs if coefs is not None else {}
        self.quad = quad

    def add(self, other: float | Lin, scale: float = 1.0) -> None:
        if isinstance(other, Lin):
            self.const += scale * other.const
            coefs = self.coefs
            for k, v in other.coefs.items():
                coefs[k] = coefs.get(k, 0.0) + scale * v
            if other.quad:
                quad = self.quad if self.quad is not None else {}
                for k, v in other.quad.items():
                    quad[k] = quad.get(k, 0.0) + scale * v
                self.quad = quad
        else:
            self.const += scale * other

    def scaled(self, factor: float) -> Lin:
        return Lin(
            self.const * factor,
            {k: v * factor for k, v in self.coefs.items()},
            {k: v * factor for k, v in self.quad.items()} if self.quad else None,
        )

    def is_constant(self) -> bool:
        return not any(self.coefs.values()) and not (self.quad and any(self.quad.values()))


def _multiply(a: float | Lin, b: float | Lin) -> float | Lin:
    if not isinstance(a, Lin):
        if isinstance(b, Lin):
            return b.scaled(a)
        product = b * a
        # keep integers float-sized: a huge exact product would raise OverflowError when it
        # meets a float later; as a float it becomes inf, which the compiler refuses by name
        return float(a) * float(b) if type(product) is int and abs(product) > 2**53 else product
    if not isinstance(b, Lin):
        return a.scaled(b)
    if a.quad or b.quad:
        raise _Nonlinear("a product with a quadratic term (degree above 2)")
    if a.is_constant():
        return b.scaled(a.const)
    if b.is_constant():
        return a.scaled(b.const)
    out = Lin(a.const * b.const)
    for k, v in a.coefs.items():
        out.coefs[k] = out.coefs.get(k, 0.0) + v * b.const
    for k, v in b.coefs.items():
        out.coefs[k] = out.coefs.get(k, 0.0) + v * a.const
    quad: dict = {}
    for k1, v1 in a.coefs.items():
        for k2, v2 in b.coefs.items():
            key = (k1, k2) if repr(k1) <= repr(k2) else (k2, k1)
            quad[key] = quad.get(key, 0.0) + v1 * v2
    out.quad = quad
    return out


class _Nonlinear(Exception):
    pass


class _Unknown(Exception):
    pass


def _fmt_member(m) -> str:
    if isinstance(m, tuple):
        return "(" + ", ".join(_fmt_member(x) for x in m) + ")"
    return str(m)


def _fmt_index(idx: tuple) -> str:
    return "[" + ", ".join(_fmt_member(m) for m in idx) + "]" if idx else ""


@dataclass
class ResolvedSet:
    name: str
    members: list
    dim: int
    lookup: set = field(repr=False, default_factory=set)


@dataclass
class ResolvedParam:
    name: str
    sets: tuple[ResolvedSet, ...]
    _values: dict | Callable[[], dict] = field(repr=False)  # see `values`
    default: float | None
    # the values as a float array over the sets (default or NaN where none), when they came
    # as a numpy grid (optmodel.tablescan) and were checked finite and in range by numpy
    dense: np.ndarray | None = field(default=None, repr=False, compare=False)

    @property
    def values(self) -> dict:
        """Flattened index tuple -> number; () for scalars. For a table that came as a grid, built
        on first use: the vectorised route reads `dense` and never needs the 90,000 tuples."""
        if not isinstance(self._values, dict):
            self._values = self._values()
        return self._values

    @property
    def dim(self) -> int:
        return sum(s.dim for s in self.sets)


class KeySpace:
    """The index keys of a variable: the product of its sets, in product order. Behaves like
    the set of keys (`in`, `len`, iteration) without building a million tuples up front."""

    __slots__ = ("sets", "_size", "_list")

    def __init__(self, sets: tuple[ResolvedSet, ...]) -> None:
        self.sets = sets
        self._size = math.prod(len(s.members) for s in sets)
        self._list: list[tuple] | None = None

    def as_list(self) -> list[tuple]:
        """The keys as a list, built once (by itertools at C speed where members are plain)."""
        if self._list is None:
            if self.sets and all(s.dim == 1 for s in self.sets):
                self._list = list(itertools.product(*(s.members for s in self.sets)))
            else:
                self._list = list(iter(self))
        return self._list

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[tuple]:
        if not self.sets:
            yield ()
            return
        if all(s.dim == 1 for s in self.sets):
            yield from itertools.product(*(s.members for s in self.sets))
            return
        for combo in itertools.product(*(s.members for s in self.sets)):
            key: tuple = ()
            for m in combo:
                key += m if isinstance(m, tuple) else (m,)
            yield key

    def __contains__(self, key) -> bool:
        if not isinstance(key, tuple):
            return False
        pos = 0
        for s in self.sets:
            if s.dim == 1:
                if pos >= len(key) or key[pos] not in s.lookup:
                    return False
            elif key[pos : pos + s.dim] not in s.lookup:
                return False
            pos += s.dim
        return pos == len(key)


@dataclass
class ResolvedVar:
    """A variable with its index keys and evaluated bounds. `aux` marks the compiler's own
    variables (from max/min/abs and logical constraints): not the user's, hidden from solutions."""

    name: str
    sets: tuple[ResolvedSet, ...]
    definition: VarDef
    keys: KeySpace  # valid flattened index tuples, in column order (the compiler's own: a dict)
    # bounds: a number (or None) for all keys alike, else one value per key in `keys` order
    lower: float | list | None = None
    upper: float | list | None = None
    aux: bool = False
    _positions: dict | None = field(default=None, repr=False)

    @property
    def dim(self) -> int:
        return sum(s.dim for s in self.sets)

    def bounds(self, i: int) -> tuple[float | None, float | None]:
        """(lower, upper) of the i-th key, as declared (before the domain's own bounds)."""
        lo = self.lower[i] if isinstance(self.lower, list) else self.lower
        hi = self.upper[i] if isinstance(self.upper, list) else self.upper
        return lo, hi

    def bound(self, key: tuple) -> tuple[float | None, float | None]:
        """(lower, upper) of one key, None for no bound; a binary's are within [0, 1]."""
        if isinstance(self.lower, list) or isinstance(self.upper, list):
            if self._positions is None:
                self._positions = {k: i for i, k in enumerate(self.keys)}
            lo, hi = self.bounds(self._positions[key])
        else:
            lo, hi = self.lower, self.upper
        if self.definition.domain == "binary":
            lo = 0.0 if lo is None else max(lo, 0.0)
            hi = 1.0 if hi is None else min(hi, 1.0)
        return lo, hi


MAX_CONVEXITY_CHECK = 3000  # variables in quadratic terms; above this the check is left to HiGHS


def _convex(quad: dict, sense: str) -> bool:
    """Whether the quadratic part is convex (minimize) or concave (maximize): the eigenvalues of
    its symmetric matrix; True when it is too large to check here (HiGHS then says so)."""
    import numpy as np

    keys = sorted({k for pair, c in quad.items() if c for k in pair}, key=repr)
    if not keys or len(keys) > MAX_CONVEXITY_CHECK:
        return True
    pos = {k: i for i, k in enumerate(keys)}
    q = np.zeros((len(keys), len(keys)))
    for (a, b), c in quad.items():
        q[pos[a], pos[b]] += c / 2
        q[pos[b], pos[a]] += c / 2
    eig = np.linalg.eigvalsh(q)
    tol = 1e-9 * max(1.0, float(np.abs(eig).max()))
    return bool(eig.min() >= -tol) if sense == "minimize" else bool(eig.max() <= tol)


@dataclass
class CompiledConstraint:
    name: str
    definition: ConstraintDef  # for an auxiliary family: the user's constraint it came from
    rows: dict  # index tuple -> (lower, Lin, upper)
    block: object = None  # optmodel.vectorise.Block when expanded by numpy (then `rows` is empty)

    def __len__(self) -> int:
        return self.block.num_rows if self.block is not None else len(self.rows)

    def materialise(self) -> None:
        """Turn a numpy-expanded block back into `rows` (for the Pyomo builder)."""
        if self.block is not None:
            self.rows = self.block.to_rows()
            self.block = None

    aux: bool = False
    origins: dict = field(default_factory=dict)  # aux only: row key -> key of the user's row it serves

    def label(self, key: tuple) -> str:
        """How a row is named to people: an auxiliary row by the user's row it linearises."""
        if not self.aux:
            return self.name + _fmt_index(key)
        origin = self.definition.name
        return origin + _fmt_index(self.origins.get(key, ())) if origin != "objective" else "the objective"


@dataclass
class Compiled:
    """The result of compilation: the Pyomo model and the expanded forms it was built from."""

    formulation: Formulation
    sets: dict[str, ResolvedSet]
    params: dict[str, ResolvedParam]
    variables: dict[str, ResolvedVar]
    objective: Lin
    constraints: dict[str, CompiledConstraint]
    objective_block: object = None  # optmodel.vectorise.Block (one row) added to `objective`
    model: object = None  # pyomo.environ.ConcreteModel
    pyomo_vars: dict = field(default_factory=dict)  # (name, index) -> pyomo VarData
    pyomo_cons: dict = field(default_factory=dict)  # (name, index) -> pyomo ConstraintData
    row_order: list = field(default_factory=list)  # (name, index) in the order rows reach the solver

    @property
    def is_mip(self) -> bool:
        return any(v.definition.domain != "continuous" for v in self.variables.values())

    @property
    def auxiliary(self) -> set[str]:
        """Names of the compiler's own variables and rows (hidden from a Solution's values and duals)."""
        return {n for n, v in self.variables.items() if v.aux} | {
            n for n, c in self.constraints.items() if c.aux
        }

    def highs_refusal(self) -> str | None:
        """Why HiGHS cannot solve this model, or None: it solves LPs, MIPs and continuous convex QPs."""
        if not self.is_quadratic:
            return None
        if self.is_mip:
            ints = [n for n, v in self.variables.items() if v.definition.domain != "continuous" and not v.aux]
            if len(ints) < sum(v.definition.domain != "continuous" for v in self.variables.values()):
                ints.append("the binaries of a max/min/abs off its convex side")
            return (
                f"a quadratic objective with integer or binary variables ({', '.join(ints[:6])}) is a "
                "mixed-integer QP, which HiGHS does not solve (it solves LPs, MIPs and continuous convex QPs); "
                "make the variables continuous, make the objective linear, or export the model "
                "(optmodel export) for a MIQP solver"
            )
        sense = self.formulation.objective.sense
        if not _convex(self.objective.quad, sense):
            shape = "convex" if sense == "minimize" else "concave"
            return (
                f"the quadratic objective is not {shape}, so HiGHS cannot {sense} it (it solves convex QPs: "
                "a minimised objective whose quadratic part is a sum of squares, or a maximised negative one)"
            )
        return None

    @property
    def is_quadratic(self) -> bool:
        return bool(self.objective.quad)

    @property
    def num_rows(self) -> int:
        return sum(len(c) for c in self.constraints.values())

    def materialise(self) -> None:
        """Scalar forms everywhere (what the Pyomo builder and callers of `rows` expect)."""
        for cc in self.constraints.values():
            cc.materialise()
        if self.objective_block is not None:
            rows = self.objective_block.to_rows()
            if rows:
                self.objective.add(rows[()][1])
            self.objective_block = None


class _Context:
    """Name resolution and evaluation for one formulation."""

    def __init__(self, form: Formulation) -> None:
        self.form = form
        self.file = form.source
        self.sets: dict[str, ResolvedSet] = {}
        self.params: dict[str, ResolvedParam] = {}
        self.variables: dict[str, ResolvedVar] = {}
        self.set_defs = {s.name: s for s in form.sets}
        self.param_defs = {p.name: p for p in form.params}
        self.var_defs = {v.name: v for v in form.variables}
        self.resolving: list[str] = []
        self.all_members: set = set()
        self.element = ""
        self.line: int | None = None
        self.text: str | None = None
        self.range_sets: dict[tuple, ResolvedSet] = {}
        self.linearizer = None  # optmodel.linearize.Linearizer while rows are expanded
        self.frames: dict = {}  # table files read so far (path -> polars frame), each read once
        self._index_cache: dict[int, tuple] = {}  # id(Index node) -> its loop names, or ()
        # the expansion budget: loop steps, entries and terms of this compile (optmodel.limits)
        self.steps = 0
        self.max_steps = int(limit("terms"))
        self.max_members = int(limit("set_members"))

    # -------------------------------------------------------------- errors

    def error(self, message: str, hint: str | None = None, text: str | None = None) -> FormulationError:
        return FormulationError(
            message, file=self.file, line=self.line, element=self.element, hint=hint, text=text
        )

    def at(self, element: str, line: int | None) -> None:
        self.element, self.line = element, line

    # -------------------------------------------------------------- budgets and numbers

    def spend(self, count: int, what: str) -> None:
        """Count `count` more steps of expansion; past the budget, stop before doing them."""
        self.steps += count
        if self.steps > self.max_steps:
            raise self._over(f"{what} would make this compile exceed {self.max_steps:,} terms", "terms")

    def precheck(self, count: int, what: str, filtered: bool = False) -> None:
        """Refuse, before iterating, work whose size is known up front and would exceed the budget."""
        if self.steps + count > self.max_steps:
            raise self._over(f"{what} would expand to {count:,} terms", "terms", filtered)

    def _over(self, message: str, name: str, filtered: bool = False) -> LimitError:
        advice = hint(name)
        if filtered:
            advice += (
                "; an `if` only filters after every combination is visited: loop over the set of "
                "combinations you keep instead (e.g. `for (i, j) in Arcs`)"
            )
        return LimitError(message, file=self.file, line=self.line, element=self.element, hint=advice)

    def static_size(self, clauses) -> int:
        """The number of environments `clauses` can produce, known without iterating: the product
        of the sizes of its named sets and constant ranges (`if` clauses can only remove some)."""
        total = 1
        for c in clauses:
            if not isinstance(c, For):
                continue
            ref = c.set
            if isinstance(ref, Name) and ref.name in self.set_defs:
                total *= len(self.set(ref).members)
            elif isinstance(ref, Range) and all(self._constant(x) for x in (ref.lo, ref.hi)):
                total *= len(self.set(ref).members)
        return total

    def expr_size(self, e) -> int:
        """Terms an expression expands to, as far as its sums' sizes are known up front (nested
        sums multiply); what cannot be known here is counted while expanding."""
        t = type(e)
        if t is Sum:
            return self.static_size(e.clauses) * self.expr_size(e.body)
        if t is Add:
            return sum(self.expr_size(x) for x in e.terms)
        if t is BinOp:
            a, b = self.expr_size(e.left), self.expr_size(e.right)
            return a * b if e.op == "*" else a + b
        if t is Neg:
            return self.expr_size(e.operand)
        if t is Pow:
            return self.expr_size(e.base) ** 2
        if t is Func:  # each argument also lands in one or two auxiliary rows
            if e.clauses:
                return 3 * self.static_size(e.clauses) * self.expr_size(e.args[0])
            return 3 * sum(self.expr_size(a) for a in e.args)
        return 1

    def _constant(self, e) -> bool:
        return isinstance(e, Num) or (
            isinstance(e, Name) and e.name in self.param_defs and not self.param_defs[e.name].index
        )

    def finite(self, value, where: str) -> None:
        """Refuse NaN, infinities and magnitudes HiGHS would read as infinite, naming where."""
        if isinstance(value, (int, float)) and not (abs(value) < MAX_NUMBER):  # NaN fails too
            shown = "NaN" if value != value else f"{value:g}"
            raise self.error(
                f"{where} is {shown}; numbers must be finite and below {MAX_NUMBER:g} in magnitude",
                hint="HiGHS treats larger values as infinite; rescale the data",
            )

    def finite_lin(self, lin: Lin, where: str) -> None:
        for k, v in lin.coefs.items():
            if not abs(v) < MAX_NUMBER:
                self.finite(v, f"the coefficient of {k[0]}{_fmt_index(k[1])} in {where}")
        for (a, b), v in (lin.quad or {}).items():
            if not abs(v) < MAX_NUMBER:
                self.finite(
                    v, f"the coefficient of {a[0]}{_fmt_index(a[1])}*{b[0]}{_fmt_index(b[1])} in {where}"
                )
        self.finite(lin.const, f"the constant term of {where}")

    def multiply(self, a, b, node):
        """a * b, with the size of a product of two sums checked before it is built."""
        if isinstance(a, Lin) and isinstance(b, Lin) and not a.is_constant() and not b.is_constant():
            self.spend(len(a.coefs) * len(b.coefs), "a product of two sums")
        try:
            return _multiply(a, b)
        except _Nonlinear as exc:
            raise self.error(f"nonlinear term: {exc.args[0]}", text=_show(node)) from None

    # -------------------------------------------------------------- sets

    def set(self, ref, env: dict | None = None) -> ResolvedSet:
        if isinstance(ref, Range):
            env = env if env is not None else {}
            lo, hi = self.int_value(ref.lo, env), self.int_value(ref.hi, env)
            key = (lo, hi)
            if key not in self.range_sets:
                if hi - lo + 1 > self.max_members:
                    raise self._over(
                        f"the range {lo}..{hi} has more than {self.max_members:,} members", "set_members"
                    )
                members = list(range(lo, hi + 1))
                self.range_sets[key] = ResolvedSet(f"{lo}..{hi}", members, 1, set(members))
            return self.range_sets[key]
        name = ref.name
        if name in self.sets:
            return self.sets[name]
        if name not in self.set_defs:
            if name in self.param_defs or name in self.var_defs:
                raise self.error(
                    f"'{name}' is used as a set but it is a {'parameter' if name in self.param_defs else 'variable'}"
                )
            raise self.error(f"unknown set '{name}'", hint=self._suggest(name, self.set_defs))
        return self._resolve_set(self.set_defs[name])

    def _resolve_set(self, sdef: SetDef) -> ResolvedSet:
        if sdef.name in self.resolving:
            raise FormulationError(
                f"set '{sdef.name}' is defined in terms of itself",
                file=self.file,
                line=sdef.line,
                element=f"set '{sdef.name}'",
            )
        saved = (self.element, self.line)
        self.at(f"set '{sdef.name}'", sdef.line)
        self.resolving.append(sdef.name)
        try:
            if sdef.members is not None:
                members = list(sdef.members)
            elif isinstance(sdef.source, FileData):
                from optmodel.tables import read_set

                members = read_set(self._path(sdef.source.path), sdef, self)
            elif sdef.source is not None:
                from optmodel.tables import set_from_data

                members = set_from_data(sdef, self)
            elif sdef.range is not None:
                members = list(self.set(sdef.range).members)
            else:
                targets, clauses = sdef.comprehension
                size = self.static_size(clauses)
                if size > self.max_members and not any(isinstance(c, If) for c in clauses):
                    raise self._over(f"the set would have {size:,} members", "set_members")
                self.precheck(size, "the set comprehension", any(isinstance(c, If) for c in clauses))
                members = []
                for env in self.iterate(clauses, {}):
                    values = tuple(env[t] for t in targets)
                    members.append(values[0] if len(values) == 1 else values)
                    if len(members) > self.max_members:
                        raise self._over(f"the set has more than {self.max_members:,} members", "set_members")
            if sdef.source is not None and len(members) > self.max_members:
                raise self._over(
                    f"the set has {len(members):,} members, more than {self.max_members:,}", "set_members"
                )
            seen = set()
            dims = set()
            for m in members:
                if m in seen:
                    raise self.error(f"member {_fmt_member(m)} appears twice")
                seen.add(m)
                dims.add(len(m) if isinstance(m, tuple) else 1)
            if len(dims) > 1:
                raise self.error(
                    "members have different numbers of components (mixing single members and tuples)"
                )
            dim = dims.pop() if dims else 1
            for m in members:
                if isinstance(m, tuple):
                    self.all_members.update(m)
                else:
                    self.all_members.add(m)
            rs = ResolvedSet(sdef.name, members, dim, seen)
            self.sets[sdef.name] = rs
            return rs
        finally:
            self.resolving.pop()
            self.element, self.line = saved

    # -------------------------------------------------------------- parameters

    def param(self, name: str) -> ResolvedParam:
        if name in self.params:
            return self.params[name]
        pdef = self.param_defs[name]
        if name in self.resolving:
            raise FormulationError(
                f"parameter '{name}' is defined in terms of itself",
                file=self.file,
                line=pdef.line,
                element=f"parameter '{name}'",
            )
        saved = (self.element, self.line)
        self.at(f"parameter '{name}'", pdef.line)
        self.resolving.append(name)
        try:
            rp = self._resolve_param(pdef)
        finally:
            self.resolving.pop()
            self.element, self.line = saved
        self.params[name] = rp
        return rp

    def _resolve_param(self, pdef: ParamDef) -> ResolvedParam:
        rp = self._resolve_param_values(pdef)
        for key, v in rp.values.items() if rp.dense is None else ():
            if not (isinstance(v, (int, float)) and abs(v) < MAX_NUMBER):
                self.finite(v, f"the value of {pdef.name}{_fmt_index(key)}")
        if rp.default is not None:
            self.finite(rp.default, f"the default of {pdef.name}")
        return rp

    def _resolve_param_values(self, pdef: ParamDef) -> ResolvedParam:
        sets = tuple(self.set(b.set) for b in pdef.index)
        if sets:
            self.spend(self._size(sets), f"the table of {pdef.name}")
        value = pdef.value
        values: dict = {}
        dense = None
        if isinstance(value, BoundData):
            from optmodel.tables import param_from_data

            values = param_from_data(pdef, sets, self)
        elif not sets:
            if isinstance(value, (DictData, ListData)):
                raise self.error("a table of values needs an index, e.g. `cost[Foods] = {...}`")
            if isinstance(value, FileData):
                raise self.error(
                    'file(...) needs an indexed parameter, e.g. `cost[Plants, Markets] = file("cost.csv")`'
                )
            v = value if isinstance(value, (int, float)) else self.number(value, {})
            values[()] = v
            return ResolvedParam(pdef.name, (), values, None)
        elif isinstance(value, FileData):
            from optmodel.tables import read_table

            values = read_table(self._path(value.path), pdef, sets, self)
        elif (grid := self._from_grid(value, sets, pdef.default)) is not None:
            build, dense, count = grid
            if pdef.default is not None or count == self._size(sets):
                return ResolvedParam(pdef.name, sets, build, pdef.default, dense)
            values = build()  # values missing: the check below names the first
        elif isinstance(value, DictData):
            self._fill_dict(value, sets, (), values)
        elif isinstance(value, ListData):
            self._fill_list(value, sets, (), values)
        elif isinstance(value, (int, float)):
            for key in self._product(sets):
                values[key] = value
        else:  # an expression, evaluated per index
            targets = [b.targets for b in pdef.index]
            for combo in itertools.product(*(s.members for s in sets)):
                env: dict = {}
                key: tuple = ()
                for t, m, s in zip(targets, combo, sets, strict=True):
                    key += m if isinstance(m, tuple) else (m,)
                    self._bind(t, m, env, s)
                values[key] = self.number(value, env)
        if pdef.default is None and len(values) < self._size(sets):
            for key in self._product(sets):
                if key not in values:
                    raise self.error(
                        f"missing value for {pdef.name}{_fmt_index(key)}",
                        hint="give every member a value, or add `default 0` after the table",
                    )
        return ResolvedParam(pdef.name, sets, values, pdef.default, dense)

    def _from_grid(self, value, sets, default) -> tuple[Callable[[], dict], np.ndarray, int] | None:
        """A table read as a numpy grid (optmodel.tablescan): a builder of its values dict (by
        C-speed zips), its dense array and its number of values, without walking the items.
        None where the items must be walked (keys not members as written, a list of the wrong
        length, tuple sets, numbers out of range), and the walk reports any error as ever."""
        from optmodel.tablescan import grid_of

        grid = grid_of(value) if isinstance(value, (DictData, ListData)) else None
        if grid is None or len(grid.keys) != len(sets) or any(s.dim != 1 for s in sets):
            return None
        import numpy as np

        if not (np.abs(grid.values) < MAX_NUMBER).all():
            return None
        members, positions = [], []
        for keys, s in zip(grid.keys, sets, strict=True):
            if keys is None:
                if len(s.members) != grid.values.shape[len(members)]:
                    return None
                members.append(s.members)
                positions.append(slice(None))
                continue
            if not all(k in s.lookup for k in keys):
                return None
            members.append(keys)
            where = {m: i for i, m in enumerate(s.members)}
            positions.append(np.array([where[k] for k in keys], dtype=np.int64))

        def build() -> dict:
            return dict(zip(itertools.product(*members), grid.numbers, strict=True))

        shape = tuple(len(s.members) for s in sets)
        axes = [np.arange(n) if isinstance(p, slice) else p for p, n in zip(positions, shape, strict=True)]
        if all(len(a) == n and (a == np.arange(n)).all() for a, n in zip(axes, shape, strict=True)):
            return build, grid.values.reshape(shape), grid.values.size  # every key, in the sets' order
        dense = np.full(shape, np.nan if default is None else float(default))
        dense[np.ix_(*axes)] = grid.values
        return build, dense, grid.values.size

    def _path(self, rel: str) -> Path:
        path = Path(rel)
        if not path.is_absolute():
            path = Path(self.form.base_dir or ".") / path
        return path

    def _size(self, sets) -> int:
        return math.prod(len(s.members) for s in sets)

    def _product(self, sets) -> Iterator[tuple]:
        for combo in itertools.product(*(s.members for s in sets)):
            key: tuple = ()
            for m in combo:
                key += m if isinstance(m, tuple) else (m,)
            yield key

    def _member(self, key, s: ResolvedSet):
        if key in s.lookup:
            return key
        # integers written as names or vice versa: "1" vs 1
        if isinstance(key, str) and key.lstrip("-").isdigit() and int(key) in s.lookup:
            return int(key)
        if isinstance(key, int) and str(key) in s.lookup:
            return str(key)
        raise self.error(
            f"{_fmt_member(key)} is not a member of set '{s.name}'",
            hint=self._suggest(str(key), [str(m) for m in s.members]),
        )

    def _fill_dict(self, data: DictData, sets, prefix: tuple, out: dict) -> None:
        s = sets[0]
        for key, value in data.items:
            if (
                len(sets) > 1
                and s.dim == 1
                and isinstance(key, tuple)
                and not isinstance(value, (DictData, ListData))
            ):
                # flat tuple keys: {(a, x): 1, ...} for a two-set table
                if len(key) != sum(t.dim for t in sets):
                    raise self.error(
                        f"key {_fmt_member(key)} has {len(key)} components; expected {sum(t.dim for t in sets)}"
                    )
                full: tuple = ()
                pos = 0
                for t in sets:
                    part = key[pos : pos + t.dim]
                    pos += t.dim
                    m = self._member(part[0] if t.dim == 1 else part, t)
                    full += m if isinstance(m, tuple) else (m,)
                self._store(out, prefix + full, value)
                continue
            m = self._member(key, s)
            k = prefix + (m if isinstance(m, tuple) else (m,))
            if len(sets) == 1:
                if isinstance(value, (DictData, ListData)):
                    raise self.error(f"too many levels of nesting at {self.element}{_fmt_index(k)}")
                self._store(out, k, value)
            elif isinstance(value, DictData):
                self._fill_dict(value, sets[1:], k, out)
            elif isinstance(value, ListData):
                self._fill_list(value, sets[1:], k, out)
            else:
                raise self.error(
                    f"expected a nested table for {self.element}{_fmt_index(k)}, found the number {value}"
                )

    def _fill_list(self, data: ListData, sets, prefix: tuple, out: dict) -> None:
        s = sets[0]
        if len(data.items) != len(s.members):
            raise self.error(
                f"the list has {len(data.items)} values but set '{s.name}' has {len(s.members)} members",
                hint=f"a list gives one value per member of '{s.name}', in its declared order",
            )
        for m, value in zip(s.members, data.items, strict=True):
            k = prefix + (m if isinstance(m, tuple) else (m,))
            if len(sets) == 1:
                if isinstance(value, (DictData, ListData)):
                    raise self.error(f"too many levels of nesting at {self.element}{_fmt_index(k)}")
                self._store(out, k, value)
            elif isinstance(value, ListData):
                self._fill_list(value, sets[1:], k, out)
            elif isinstance(value, DictData):
                self._fill_dict(value, sets[1:], k, out)
            else:
                raise self.error(
                    f"expected a nested list for {self.element}{_fmt_index(k)}, found the number {value}"
                )

    def _store(self, out: dict, key: tuple, value) -> None:
        if key in out:
            raise self.error(f"two values for the index {_fmt_index(key)}")
        out[key] = value

    # -------------------------------------------------------------- iteration

    def _bind(self, targets: tuple, member, env: dict, s: ResolvedSet) -> None:
        if not targets:
            return
        if len(targets) == 1:
            env[targets[0]] = member
            return
        if not isinstance(member, tuple) or len(member) != len(targets):
            raise self.error(
                f"cannot unpack {_fmt_member(member)} of set '{s.name}' into ({', '.join(targets)})"
            )
        for t, v in zip(targets, member, strict=True):
            env[t] = v

    def iterate(self, clauses, env: dict) -> Iterator[dict]:
        """All environments produced by `for`/`if` clauses, in order."""
        if not clauses:
            yield env
            return
        first, rest = clauses[0], clauses[1:]
        if isinstance(first, If):
            if self.truth(first.cond, env):
                yield from self.iterate(rest, env)
            return
        s = self.set(first.set, env)
        self.spend(len(s.members), "this sum or index")
        for t in first.targets:
            if t in self.param_defs or t in self.var_defs or t in self.set_defs:
                raise self.error(
                    f"the loop name '{t}' hides the {self._kind(t)} of the same name",
                    hint="choose another loop name",
                )
        # Bind in place and restore afterwards: consumers use each environment before the
        # next one is produced, and copying a dict per member dominated large sums.
        targets = first.targets
        saved = {t: env[t] for t in targets if t in env}
        try:
            if len(targets) == 1:
                name = targets[0]
                if rest:
                    for m in s.members:
                        env[name] = m
                        yield from self.iterate(rest, env)
                else:
                    for m in s.members:
                        env[name] = m
                        yield env
            else:
                for m in s.members:
                    self._bind(targets, m, env, s)
                    yield from self.iterate(rest, env)
        finally:
            for t in targets:
                env.pop(t, None)
            env.update(saved)

    def bindings(self, index: tuple[Binding, ...], cond, env: dict) -> Iterator[tuple[tuple, dict]]:
        """(index key, environment) for a constraint's or variable's index bindings."""
        clauses: list = []
        for b in index:
            targets = b.targets or (f"_{id(b)}",)
            clauses.append(For(targets, b.set))
        if cond is not None:
            clauses.append(If(cond))
        self.precheck(self.static_size(clauses), "the index")
        for e in self.iterate(tuple(clauses), env):
            key: tuple = ()
            for b in index:
                targets = b.targets or (f"_{id(b)}",)
                for t in targets:
                    v = e[t]
                    key += v if isinstance(v, tuple) else (v,)
            yield key, e

    def _kind(self, name: str) -> str:
        if name in self.param_defs:
            return "parameter"
        if name in self.var_defs:
            return "variable"
        return "set"

    # -------------------------------------------------------------- evaluation

    def _suggest(self, name: str, choices) -> str | None:
        import difflib

        close = difflib.get_close_matches(name, [str(c) for c in choices], n=1)
        return f"did you mean '{close[0]}'?" if close else None

    def index_value(self, e, env: dict, s: ResolvedSet | None):
        """Evaluate one index position: a loop name, a member literal, or integer arithmetic."""
        if isinstance(e, Name):
            n = e.name
            if n in env:
                return env[n]
            if s is not None and n in s.lookup:
                return n
            if n in self.param_defs and not self.param_defs[n].index:
                v = self.param(n).values[()]
                return int(v) if float(v).is_integer() else v
            if n in self.all_members or any(n in rs.lookup for rs in self.sets.values()):
                return n
            raise _Unknown(n)
        if isinstance(e, Num):
            v = e.value
            return int(v) if isinstance(v, float) and v.is_integer() else v
        if isinstance(e, Tuple):
            return tuple(self.index_value(x, env, None) for x in e.items)
        v = self.number(e, env)
        return int(v) if isinstance(v, float) and v.is_integer() else v

    def number(self, e, env: dict) -> float:
        """Evaluate an expression that must not involve variables."""
        v = self.expr(e, env)
        if isinstance(v, Lin):
            raise self.error("a variable appears where only numbers are allowed")
        if not isinstance(v, (int, float)):
            raise self.error(f"'{_fmt_member(v)}' is a set member, not a number")
        return v

    def int_value(self, e, env: dict) -> int:
        v = self.number(e, env)
        if not float(v).is_integer():
            raise self.error(f"a range bound must be an integer, got {v}")
        return int(v)

    def truth(self, e, env: dict) -> bool:
        if isinstance(e, Compare):
            a, b = self._cmp_value(e.left, env), self._cmp_value(e.right, env)
            if e.op == "==":
                return a == b
            if e.op == "!=":
                return a != b
            if not (isinstance(a, (int, float)) and isinstance(b, (int, float))):
                raise self.error(
                    f"'{e.op}' compares numbers, not the members {_fmt_member(a)} and {_fmt_member(b)}"
                )
            return {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[e.op]
        if isinstance(e, BoolOp):
            if e.op == "and":
                return all(self.truth(x, env) for x in e.items)
            return any(self.truth(x, env) for x in e.items)
        if isinstance(e, Not):
            return not self.truth(e.operand, env)
        if isinstance(e, InSet):
            item = self._cmp_value(e.item, env)
            s = self.set(e.set, env)
            inside = item in s.lookup
            return inside != e.negated
        raise self.error("a condition must be a comparison such as `i != j` or `(i, j) in Arcs`")

    def _cmp_value(self, e, env: dict):
        try:
            v = self.index_value(e, env, None) if isinstance(e, (Name, Tuple)) else self.expr(e, env)
        except _Unknown as u:
            raise self.error(f"unknown name '{u.args[0]}' in a condition") from None
        if isinstance(v, Lin):
            raise self.error("a condition cannot depend on a variable")
        return v

    def expr(self, e, env: dict):
        """Evaluate to a number, a set member (for names that denote members) or a Lin."""
        t = type(e)
        if t is Num:
            return e.value
        if t is Index:
            return self._index(e, env)
        if t is Name:
            return self._name(e.name, env)
        if t is Add:
            acc: float | Lin = 0.0
            for term, sign in zip(e.terms, e.signs, strict=True):
                v = self.expr(term, env)
                self._check_numeric(v, term)
                if isinstance(v, Lin):
                    if not isinstance(acc, Lin):
                        acc = Lin(acc)
                    acc.add(v, sign)
                elif isinstance(acc, Lin):
                    acc.const += sign * v
                else:
                    acc += sign * v
            return acc
        if t is BinOp:
            a = self.expr(e.left, env)
            b = self.expr(e.right, env)
            self._check_numeric(a, e.left)
            self._check_numeric(b, e.right)
            if e.op == "*":
                return self.multiply(a, b, e)
            if isinstance(b, Lin):
                if b.is_constant():
                    b = b.const
                else:
                    raise self.error("division by an expression with variables is not linear", text=_show(e))
            if b == 0:
                raise self.error("division by zero")
            return a.scaled(1.0 / b) if isinstance(a, Lin) else a / b
        if t is Neg:
            v = self.expr(e.operand, env)
            self._check_numeric(v, e.operand)
            return v.scaled(-1.0) if isinstance(v, Lin) else -v
        if t is Pow:
            base = self.expr(e.base, env)
            exp = self.expr(e.exponent, env)
            self._check_numeric(base, e.base)
            if isinstance(exp, Lin):
                raise self.error("an exponent must be a number, not an expression with variables")
            if isinstance(base, Lin):
                if exp == 1:
                    return base
                if exp == 2:
                    return self.multiply(base, base, e)
                if exp == 0:
                    return 1.0
                raise self.error(f"nonlinear term: a variable raised to the power {exp}", text=_show(e))
            try:
                return float(base) ** exp
            except (OverflowError, ZeroDivisionError):
                raise self.error(f"cannot compute {base} ** {exp}") from None
        if t is Sum:
            acc = Lin()
            self.accumulate(e, env, acc, 1.0)
            if not acc.coefs and not acc.quad:
                return acc.const
            return acc
        if t is Func:
            return self.func(e, env)
        if t is Tuple:
            raise self.error("a tuple is only allowed as an index or in `(i, j) in Set`")
        raise self.error("a comparison or condition is not allowed inside an expression")

    def func(self, e: Func, env: dict):
        """max/min/abs: a number when every argument is one, else an auxiliary variable."""
        if e.clauses:
            args = [self.expr(e.args[0], inner) for inner in self.iterate(e.clauses, env)]
            if not args:
                raise self.error(f"{e.name}(...) over an empty set", text=_show(e))
        else:
            args = [self.expr(a, env) for a in e.args]
        for a, node in zip(args, e.args * len(args) if e.clauses else e.args, strict=False):
            self._check_numeric(a, node)
        if not any(isinstance(a, Lin) and not a.is_constant() for a in args):
            nums = [a.const if isinstance(a, Lin) else a for a in args]
            return abs(nums[0]) if e.name == "abs" else (max(nums) if e.name == "max" else min(nums))
        if self.linearizer is None:
            raise self.error(f"{e.name}(...) of variables is only allowed in the objective and constraints")
        return self.linearizer.function(e.name, args)

    def accumulate(self, e, env: dict, acc: Lin, scale: float) -> None:
        """Add scale * e into acc without building intermediate forms (the hot path of sums)."""
        t = type(e)
        if t is Index and e.name in self.var_defs:
            key = self._loop_key(e, env)
            if key is not None and key in self.variables[e.name].keys:
                k = (e.name, key)
                acc.coefs[k] = acc.coefs.get(k, 0.0) + scale
                return
            v = self._index_slow(e, env)
            for k, c in v.coefs.items():
                acc.coefs[k] = acc.coefs.get(k, 0.0) + scale * c
            return
        if t is Num:
            acc.const += scale * e.value
            return
        if t is Add:
            for term, sign in zip(e.terms, e.signs, strict=True):
                self.accumulate(term, env, acc, scale * sign)
            return
        if t is Sum:
            body = e.body
            for inner in self.iterate(e.clauses, env):
                self.accumulate(body, inner, acc, scale)
            return
        if t is BinOp and e.op == "*":
            left = e.left
            if type(left) is not Index or left.name not in self.var_defs:
                a = self.expr(left, env)
                if type(a) in (int, float):
                    self.accumulate(e.right, env, acc, scale * a)
                    return
                b = self.expr(e.right, env)
                self._check_numeric(a, left)
                self._check_numeric(b, e.right)
                acc.add(self.multiply(a, b, e), scale)
                return
        if t is Neg:
            self.accumulate(e.operand, env, acc, -scale)
            return
        v = self.expr(e, env)
        if isinstance(v, Lin):
            acc.add(v, scale)
        elif type(v) in (int, float):
            acc.const += scale * v
        else:
            raise self.error(f"'{_fmt_member(v)}' is a set member, not a number")

    def _check_numeric(self, v, node) -> None:
        if not isinstance(v, (int, float, Lin)):
            raise self.error(f"'{_fmt_member(v)}' is a set member, not a number")

    def _name(self, n: str, env: dict):
        if n in env:
            return env[n]
        if n in self.param_defs:
            rp = self.param(n)
            if rp.sets:
                raise self.error(f"parameter '{n}' is indexed by {len(rp.sets)} set(s); write {n}[...]")
            return rp.values[()]
        if n in self.var_defs:
            rv = self.variables[n]
            if rv.sets:
                raise self.error(f"variable '{n}' is indexed; write {n}[...]")
            return Lin(0.0, {(n, ()): 1.0})
        if n in self.set_defs:
            raise self.error(f"'{n}' is a set; use it as `for x in {n}` or in an index")
        if n in self.all_members:
            return n
        known = list(self.param_defs) + list(self.var_defs) + list(self.set_defs) + list(env)
        raise self.error(f"unknown name '{n}'", hint=self._suggest(n, known))

    def _loop_key(self, e: Index, env: dict) -> tuple | None:
        """The index key when every index is a loop name bound to a plain member (the common
        case inside sums), else None and the general path resolves it."""
        names = self._index_cache.get(id(e))
        if names is None:
            names = tuple(i.name for i in e.indices) if all(type(i) is Name for i in e.indices) else ()
            self._index_cache[id(e)] = names
        if not names:
            return None
        try:
            key = tuple([env[x] for x in names])
        except KeyError:
            return None
        return None if any(type(k) is tuple for k in key) else key

    def _index(self, e: Index, env: dict):
        key = self._loop_key(e, env)
        if key is not None:
            rp = self.params.get(e.name)
            if rp is not None:
                v = rp.values.get(key)
                if v is not None:
                    return v
            else:
                rv = self.variables.get(e.name)
                if rv is not None and key in rv.keys:
                    return Lin(0.0, {(e.name, key): 1.0})
        return self._index_slow(e, env)

    def _index_slow(self, e: Index, env: dict):
        n = e.name
        if n in self.param_defs:
            target = self.param(n)
            kind = "parameter"
        elif n in self.var_defs:
            target = self.variables[n]
            kind = "variable"
        elif n in self.set_defs:
            raise self.error(f"'{n}' is a set and cannot be indexed")
        else:
            known = list(self.param_defs) + list(self.var_defs)
            raise self.error(f"unknown name '{n}'", hint=self._suggest(n, known))
        sets = target.sets
        if not sets:
            raise self.error(f"{kind} '{n}' has no index, but is used as {n}[...]")
        key: tuple = ()
        positions = [(s, p) for s in sets for p in range(s.dim)]
        raw = []
        for i, ie in enumerate(e.indices):
            s = positions[i][0] if i < len(positions) else None
            try:
                v = self.index_value(ie, env, s if (s is not None and s.dim == 1) else None)
            except _Unknown as u:
                raise self.error(
                    f"unknown name '{u.args[0]}' in the index of {n}",
                    hint=self._suggest(u.args[0], list(env) + ([str(m) for m in s.members] if s else [])),
                ) from None
            raw.append(v)
        for v in raw:
            key += v if isinstance(v, tuple) else (v,)
        if len(key) != len(positions):
            raise self.error(
                f"{kind} '{n}' takes {len(positions)} index value(s), got {len(key)}",
                hint=f"declared as {n}[{', '.join(s.name for s in sets)}]",
            )
        if kind == "parameter":
            vals = target.values
            if key in vals:
                return vals[key]
            key = self._coerce_key(key, sets, n)
            if key in vals:
                return vals[key]
            if target.default is not None:
                return target.default
            raise self.error(f"no value for {n}{_fmt_index(key)}")
        if key not in target.keys:
            key = self._coerce_key(key, sets, n)
        return Lin(0.0, {(n, key): 1.0})

    def _coerce_key(self, key: tuple, sets, n: str) -> tuple:
        out: tuple = ()
        pos = 0
        for s in sets:
            part = key[pos : pos + s.dim]
            pos += s.dim
            m = part[0] if s.dim == 1 else part
            try:
                m = self._member(m, s)
            except FormulationError:
                raise self.error(
                    f"{_fmt_member(m)} is not a member of set '{s.name}' (in {n}{_fmt_index(key)})"
                ) from None
            out += m if isinstance(m, tuple) else (m,)
        return out


def expand(form: Formulation, vectorise: bool = False) -> Compiled:
    """Resolve everything and expand objective and constraints into linear/quadratic forms;
    max/min/abs and logical constraints become auxiliary variables and rows (optmodel.linearize).

    `vectorise=True` lets numpy expand large rows of the common shape (`optmodel.vectorise`);
    those constraints then carry a `block` instead of `rows` (see `Compiled.materialise`)."""
    from optmodel.dependencies import definition_order
    from optmodel.linearize import Linearizer

    ctx = _Context(form)
    for kind, name in definition_order(form):  # each after what it names: no deep recursion
        if kind == "set":
            ctx.set(Name(name))
        else:
            ctx.param(name)
    for vdef in form.variables:
        ctx.at(f"variable '{vdef.name}'", vdef.line)
        sets = tuple(ctx.set(b.set) for b in vdef.index)
        if sets:
            ctx.spend(ctx._size(sets), f"variable '{vdef.name}'")
        rv = ResolvedVar(vdef.name, sets, vdef, KeySpace(sets))
        ctx.variables[vdef.name] = rv
    for rv in ctx.variables.values():
        _variable_bounds(ctx, rv)
    fast = None
    if vectorise:
        from optmodel.vectorise import Vectoriser

        fast = Vectoriser(ctx)
    lin = ctx.linearizer = Linearizer(ctx)
    obj = form.objective
    ctx.at("objective", obj.line)
    ctx.precheck(ctx.expr_size(obj.expr), "the objective")
    lin.start("objective", None, ())
    # max/min/abs raise Unsupported in the vectoriser, so such an objective takes the scalar path
    objective_block = fast.objective(obj) if fast is not None else None
    if objective_block is not None:
        value = Lin(0.0)
    else:
        value = ctx.expr(obj.expr, {})
    if not isinstance(value, Lin):
        if not isinstance(value, (int, float)):
            raise ctx.error("the objective must be a number expression")
        value = Lin(float(value))
    ctx.finite_lin(value, "the objective")
    if lin.pending:  # minimising: larger is worse, as in a row `objective <= ...`
        lin.finish([(None, value, 0.0) if obj.sense == "minimize" else (0.0, value, None)])
    constraints: dict[str, CompiledConstraint] = {}
    for cdef in form.constraints:
        ctx.at(f"constraint '{cdef.name}'", cdef.line)
        # a logical constraint is linearised here, never by numpy (which would drop `implies`)
        block = fast.constraint(cdef) if fast is not None and cdef.when is None else None
        if block is not None:
            constraints[cdef.name] = CompiledConstraint(cdef.name, cdef, {}, block)
        else:
            constraints[cdef.name] = CompiledConstraint(cdef.name, cdef, _expand_constraint(ctx, cdef))
    ctx.linearizer = None
    variables = {**ctx.variables, **lin.vars}
    return Compiled(
        form, ctx.sets, ctx.params, variables, value, {**constraints, **lin.cons}, objective_block
    )


def _variable_bounds(ctx: _Context, rv: ResolvedVar) -> None:
    """Numbers for a variable's bounds: once when they are numbers, else per key in `keys` order.
    A lower bound above the upper is an error naming the variable and the index."""
    vdef = rv.definition
    ctx.at(f"variable '{vdef.name}'", vdef.line)
    constant = all(b is None or isinstance(b, Num) for b in (vdef.lower, vdef.upper))
    pairs = [((), {})] if (constant or not rv.sets) else ctx.bindings(vdef.index, None, {})
    lows, highs = [], []
    for key, env in pairs:
        lo = ctx.number(vdef.lower, env) if vdef.lower is not None else None
        hi = ctx.number(vdef.upper, env) if vdef.upper is not None else None
        for value, which in ((lo, "lower"), (hi, "upper")):  # NaN, infinite or 1e20 and beyond
            if value is not None:
                ctx.finite(value, f"the {which} bound of {vdef.name}{_fmt_index(key)}")
        lows.append(lo)
        highs.append(hi)
        if vdef.domain == "binary":
            lo = 0 if lo is None else max(lo, 0)
            hi = 1 if hi is None else min(hi, 1)
        if lo is not None and hi is not None and lo > hi + 1e-12:
            where = f"{vdef.name}{_fmt_index(key)}" if key else vdef.name
            binary = " (a binary is within 0..1)" if vdef.domain == "binary" else ""
            raise ctx.error(
                f"{where} has lower bound {lo:g} above its upper bound {hi:g}{binary}",
                hint="no value can satisfy both; check the bounds in ## Variables",
            )
    if len(lows) == 1 and (constant or not rv.sets):
        rv.lower, rv.upper = lows[0], highs[0]
    else:
        rv.lower, rv.upper = lows, highs


def _as_lin(v) -> Lin:
    return v if isinstance(v, Lin) else Lin(float(v))


def precheck_constraint(ctx: _Context, cdef: ConstraintDef) -> None:
    """Refuse, before expanding it, a constraint whose known size exceeds the budget."""
    per_row = sum(ctx.expr_size(e) for e in (cdef.lhs, cdef.rhs, cdef.upper) if e is not None)
    index = tuple(For(b.targets or ("_",), b.set) for b in cdef.index)
    ctx.precheck(ctx.static_size(index) * per_row, f"constraint '{cdef.name}'", cdef.cond is not None)


def _expand_constraint(ctx: _Context, cdef: ConstraintDef) -> dict:
    rows: dict = {}
    precheck_constraint(ctx, cdef)
    lin = ctx.linearizer
    for key, env in ctx.bindings(cdef.index, cdef.cond, {}):
        where = f"{cdef.name}{_fmt_index(key)}"
        lin.start(cdef.name, cdef, key)
        lhs = ctx.expr(cdef.lhs, env)
        rhs = ctx.expr(cdef.rhs, env)
        for side in (lhs, rhs):
            ctx._check_numeric(side, None)
        if cdef.upper is not None:
            upper = ctx.expr(cdef.upper, env)
            lo, body, hi = lhs, rhs, upper
            if isinstance(lo, Lin) or isinstance(hi, Lin):
                raise ctx.error(f"in {where}: the outer parts of a range constraint must be numbers")
            body = _as_lin(body)
            lo, hi = lo - body.const, hi - body.const
            body.const = 0.0
        else:
            body = _as_lin(lhs)
            body.add(rhs, -1.0)
            shift = -body.const
            body.const = 0.0
            lo, hi = {"<=": (None, shift), ">=": (shift, None), "==": (shift, shift)}[cdef.op]
        if body.quad and any(body.quad.values()):
            raise ctx.error(
                f"in {where}: quadratic constraint (a product of variables); only the objective may be quadratic",
                text=_show(cdef),
                hint="HiGHS solves linear constraints with a linear or convex quadratic objective",
            )
        uses = [(lo, body, hi)]
        if cdef.when is not None:
            uses = lin.implication(cdef.when, env, uses[0])
            lo, body, hi = uses[0]
        if lin.pending:
            lin.finish(uses)
        if body.is_constant():
            ok = (lo is None or lo <= 1e-9) and (hi is None or hi >= -1e-9)
            if not ok:
                raise ctx.error(
                    f"in {where}: the constraint has no variables and can never hold ({_describe(lo, hi)})"
                )
            continue
        body.coefs = {k: v for k, v in body.coefs.items() if v != 0.0}
        ctx.finite_lin(body, where)
        for side, value in (("lower side", lo), ("upper side", hi)):
            if value is not None:
                ctx.finite(value, f"the {side} of {where}")
        rows[key] = (lo, body, hi)
    return rows


def _show(node) -> str:
    """The source-like text of an expression or constraint, for error messages."""
    from optmodel import printer

    try:
        return printer.constraint(node) if isinstance(node, ConstraintDef) else printer.expr(node)
    except (TypeError, AttributeError):
        return ""


def _describe(lo, hi) -> str:
    if lo is not None and hi is not None and lo == hi:
        return f"0 == {-lo:g}" if lo else "0 == 0"
    if lo is not None:
        return f"0 >= {lo:g}"
    return f"0 <= {hi:g}"


# ------------------------------------------------------------------ to Pyomo


def compile_formulation(form: Formulation) -> Compiled:
    """Expand the formulation and build the Pyomo model (`Compiled.model`): the Pyomo route.
    The default (direct HiGHS) route is `optmodel.matrix.compile_arrays`."""
    compiled = expand(form)
    build_pyomo(compiled)
    return compiled


def _pyomo():
    """The Pyomo modelling components, imported from their modules: `pyomo.environ` also loads
    every plugin (DAE, GDP, solver wrappers...), which doubles the start-up time of a solve."""
    from types import SimpleNamespace

    from pyomo.common.enums import maximize, minimize
    from pyomo.core.base.constraint import Constraint
    from pyomo.core.base.objective import Objective
    from pyomo.core.base.param import Param
    from pyomo.core.base.PyomoModel import ConcreteModel
    from pyomo.core.base.set import Any, Binary, Integers, Reals, Set
    from pyomo.core.base.var import Var

    return SimpleNamespace(
        ConcreteModel=ConcreteModel,
        Set=Set,
        Param=Param,
        Var=Var,
        Objective=Objective,
        Constraint=Constraint,
        Any=Any,
        Reals=Reals,
        Integers=Integers,
        Binary=Binary,
        minimize=minimize,
        maximize=maximize,
    )


def build_pyomo(compiled: Compiled):
    from pyomo.core.expr.numeric_expr import LinearExpression, MonomialTermExpression

    pyo = _pyomo()
    compiled.materialise()
    form = compiled.formulation
    m = pyo.ConcreteModel(name=form.title or "optmodel")
    pyo_sets: dict[str, object] = {}

    def pyomo_set(rs: ResolvedSet):
        if rs.name in pyo_sets:
            return pyo_sets[rs.name]
        if rs.name in compiled.sets:
            comp = pyo.Set(initialize=rs.members, ordered=True, dimen=rs.dim, doc=_doc(form.element(rs.name)))
            m.add_component(_unique(m, rs.name), comp)
        else:  # an anonymous range such as 1..T
            comp = pyo.Set(initialize=rs.members, ordered=True, dimen=1)
            m.add_component(_unique(m, "range_" + rs.name.replace("..", "_to_").replace("-", "m")), comp)
        pyo_sets[rs.name] = comp
        return comp

    for rs in compiled.sets.values():
        pyomo_set(rs)
    for rp in compiled.params.values():
        pdef = form.element(rp.name)
        if rp.sets:
            index = [pyomo_set(s) for s in rp.sets]
            comp = pyo.Param(*index, initialize=rp.values, default=rp.default, within=pyo.Any, doc=_doc(pdef))
        else:
            comp = pyo.Param(initialize=rp.values[()], within=pyo.Any, doc=_doc(pdef))
        m.add_component(_unique(m, rp.name), comp)

    pyomo_vars: dict = {}
    for rv in compiled.variables.values():
        vdef = rv.definition
        domain = {"continuous": pyo.Reals, "integer": pyo.Integers, "binary": pyo.Binary}[vdef.domain]
        constant = not isinstance(rv.lower, list)
        bounds = (
            {(): (rv.lower, rv.upper)}
            if constant
            else dict(zip(rv.keys, zip(rv.lower, rv.upper, strict=True), strict=True))
        )
        if rv.aux:  # the compiler's own: indexed by the keys it made
            keys = list(rv.keys)
            index_set = pyo.Set(initialize=keys, ordered=True, dimen=len(keys[0]) if keys else 1)
            m.add_component(_unique(m, rv.name + "_index"), index_set)
            comp = pyo.Var(index_set, domain=domain, bounds=lambda _m, *k, _b=bounds: _b[k])
            m.add_component(_unique(m, rv.name), comp)
            for k in keys:
                pyomo_vars[(rv.name, k)] = comp[k]
        elif rv.sets:
            index = [pyomo_set(s) for s in rv.sets]
            rule = bounds[()] if constant else (lambda _m, *k, _b=bounds: _b[k])
            comp = pyo.Var(*index, domain=domain, bounds=rule, doc=_doc(vdef))
            m.add_component(_unique(m, vdef.name), comp)
            for k, vd in comp.items():
                pyomo_vars[(vdef.name, k if isinstance(k, tuple) else (k,))] = vd
        else:
            comp = pyo.Var(domain=domain, bounds=bounds[()], doc=_doc(vdef))
            m.add_component(_unique(m, vdef.name), comp)
            pyomo_vars[(vdef.name, ())] = comp
    compiled.pyomo_vars = pyomo_vars

    def to_expr(lin: Lin):
        args: list = [lin.const] if lin.const else []
        args += [
            pyomo_vars[k] if c == 1.0 else MonomialTermExpression((c, pyomo_vars[k]))
            for k, c in lin.coefs.items()
        ]
        expr = LinearExpression(args)
        if lin.quad:
            expr = expr + sum(c * pyomo_vars[a] * pyomo_vars[b] for (a, b), c in lin.quad.items() if c)
        return expr

    obj = form.objective
    sense = pyo.minimize if obj.sense == "minimize" else pyo.maximize
    m.add_component(
        _unique(m, obj.name), pyo.Objective(expr=to_expr(compiled.objective), sense=sense, doc=_doc(obj))
    )

    for cc in compiled.constraints.values():
        cdef = cc.definition
        rows = cc.rows
        if cdef.index or (cc.aux and list(rows) != [()]):
            keys = list(rows)
            dim = len(keys[0]) if keys else 1
            index_set = pyo.Set(initialize=keys, ordered=True, dimen=dim)
            m.add_component(_unique(m, cc.name + "_index"), index_set)
            exprs = {k: (lo, to_expr(body), hi) for k, (lo, body, hi) in rows.items()}
            comp = pyo.Constraint(index_set, rule=lambda _m, *k, _e=exprs: _e[k], doc=_doc(cdef))
            m.add_component(_unique(m, cc.name), comp)
            for k in keys:
                compiled.pyomo_cons[(cc.name, k)] = comp[k]
        elif rows:
            lo, body, hi = rows[()]
            comp = pyo.Constraint(expr=(lo, to_expr(body), hi), doc=_doc(cdef))
            m.add_component(_unique(m, cc.name), comp)
            compiled.pyomo_cons[(cc.name, ())] = comp
        else:  # every row was trivially satisfied
            m.add_component(_unique(m, cc.name), pyo.Constraint(pyo.Any, doc=_doc(cdef)))
    compiled.row_order = list(compiled.pyomo_cons)
    compiled.model = m
    return m


def _unique(m, name: str) -> str:
    """The component name for `name`: itself, unless Pyomo already uses it (a component or a
    Block attribute such as `load` or `name`); then `name_`, `name_2`, ..."""

    def free(candidate: str) -> bool:
        return m.component(candidate) is None and not hasattr(m, candidate)

    if free(name):
        return name
    if free(name + "_"):
        return name + "_"
    i = 2
    while not free(f"{name}_{i}"):
        i += 1
    return f"{name}_{i}"


def _doc(element) -> str | None:
    return getattr(element, "description", None) if element is not None else None
