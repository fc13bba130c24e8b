"""The five-element formulation as typed data: Sets, Parameters, Variables, Objective, Constraints.

Expressions are small immutable trees. Source lines and descriptions are kept for error
messages and printing but ignored by equality, so parse -> print -> parse compares equal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

# ---------------------------------------------------------------- expressions


@dataclass(frozen=True)
class Num:
    value: float | int


@dataclass(frozen=True)
class Name:
    """A bare name: a loop variable, a scalar parameter or variable, or a set member."""

    name: str


@dataclass(frozen=True)
class Index:
    """An indexed reference `name[e1, e2, ...]`."""

    name: str
    indices: tuple[Expr, ...]


@dataclass(frozen=True)
class Add:
    """An n-ary sum `t0 +/- t1 +/- ...`; kept flat so long sums do not nest deeply."""

    terms: tuple[Expr, ...]
    signs: tuple[int, ...]  # +1 or -1 per term


@dataclass(frozen=True)
class BinOp:
    op: Literal["*", "/"]
    left: Expr
    right: Expr


@dataclass(frozen=True)
class Neg:
    operand: Expr


@dataclass(frozen=True)
class Pow:
    base: Expr
    exponent: Expr


@dataclass(frozen=True)
class Tuple:
    items: tuple[Expr, ...]


@dataclass(frozen=True)
class Range:
    """`lo..hi`: the integers from lo to hi, both included."""

    lo: Expr
    hi: Expr


SetRef = Union[Name, Range]


@dataclass(frozen=True)
class For:
    targets: tuple[str, ...]
    set: SetRef


@dataclass(frozen=True)
class If:
    cond: Expr


Clause = Union[For, If]


@dataclass(frozen=True)
class Sum:
    body: Expr
    clauses: tuple[Clause, ...]


@dataclass(frozen=True)
class Compare:
    op: Literal["<=", ">=", "==", "!=", "<", ">"]
    left: Expr
    right: Expr


@dataclass(frozen=True)
class InSet:
    item: Expr
    set: SetRef
    negated: bool = False


@dataclass(frozen=True)
class BoolOp:
    op: Literal["and", "or"]
    items: tuple[Expr, ...]


@dataclass(frozen=True)
class Not:
    operand: Expr


@dataclass(frozen=True)
class Func:
    """`max(a, b, ...)`, `min(...)`, `abs(e)`, or `max(E for i in S ...)` (then `clauses` is set).

    The compiler linearises them with auxiliary variables (and binaries with big-M where the
    convex side does not suffice)."""

    name: Literal["max", "min", "abs"]
    args: tuple[Expr, ...]
    clauses: tuple[Clause, ...] = ()


Expr = Union[Num, Name, Index, Add, BinOp, Neg, Pow, Tuple, Sum, Func, Compare, InSet, BoolOp, Not]

# ---------------------------------------------------------------- data literals

Member = Union[str, int, tuple]


@dataclass(frozen=True)
class DictData:
    items: tuple[tuple[Member, Data], ...]


@dataclass(frozen=True)
class ListData:
    items: tuple[Data, ...]


@dataclass(frozen=True)
class FileData:
    """`file("cost.csv")`: a table read with polars, relative to the formulation's folder."""

    path: str


@dataclass(frozen=True)
class BoundData:
    """`data()` or `data("key")`: the values come from Python, `optmodel.load(..., data={key: ...})`."""

    key: str | None = None  # None: the element's own name


Data = Union[float, int, DictData, ListData]

# ---------------------------------------------------------------- the five elements


@dataclass(frozen=True)
class Binding:
    """One index position: `Foods`, `f in Foods`, or `(i, j) in Arcs`."""

    targets: tuple[str, ...]  # empty when only the set is named
    set: SetRef


@dataclass
class SetDef:
    name: str
    members: tuple[Member, ...] | None = None  # an explicit list
    range: Range | None = None  # lo..hi
    comprehension: tuple[tuple[str, ...], tuple[Clause, ...]] | None = None  # {(i, j) for ...}
    source: FileData | BoundData | None = None  # file("sites.csv") or data()
    line: int | None = field(default=None, compare=False)
    description: str | None = field(default=None, compare=False)


@dataclass
class ParamDef:
    name: str
    index: tuple[Binding, ...] = ()
    value: Data | FileData | BoundData | Expr | None = None
    default: float | int | None = None
    line: int | None = field(default=None, compare=False)
    description: str | None = field(default=None, compare=False)

    @property
    def index_sets(self) -> tuple[SetRef, ...]:
        return tuple(b.set for b in self.index)


Domain = Literal["continuous", "integer", "binary"]


@dataclass
class VarDef:
    name: str
    index: tuple[Binding, ...] = ()
    domain: Domain = "continuous"
    lower: Expr | None = None
    upper: Expr | None = None
    line: int | None = field(default=None, compare=False)
    description: str | None = field(default=None, compare=False)


@dataclass
class Objective:
    sense: Literal["minimize", "maximize"]
    expr: Expr
    name: str = "objective"
    line: int | None = field(default=None, compare=False)
    description: str | None = field(default=None, compare=False)


@dataclass
class ConstraintDef:
    """`name[bindings if cond]: lhs op rhs`, or a range `lo <= body <= hi` (then `upper` is set),
    or a logical constraint `b == 1 implies lhs op rhs` (then `when` is set)."""

    name: str
    lhs: Expr
    op: Literal["<=", ">=", "=="]
    rhs: Expr
    index: tuple[Binding, ...] = ()
    cond: Expr | None = None
    upper: Expr | None = None  # for ranges: lhs <= rhs <= upper
    when: Compare | None = None  # `b == 1 implies lhs op rhs`: holds only when the binary b is 1 (or 0)
    line: int | None = field(default=None, compare=False)
    description: str | None = field(default=None, compare=False)


@dataclass
class Formulation:
    """A parsed five-element formulation; `source` is where it came from (for messages and file())."""

    sets: list[SetDef] = field(default_factory=list)
    params: list[ParamDef] = field(default_factory=list)
    variables: list[VarDef] = field(default_factory=list)
    objective: Objective | None = None
    constraints: list[ConstraintDef] = field(default_factory=list)
    title: str | None = field(default=None, compare=False)
    source: str | None = field(default=None, compare=False)
    base_dir: str | None = field(default=None, compare=False)
    data: dict = field(default_factory=dict, compare=False, repr=False)  # values for `data()` elements

    # -- conveniences that keep heavy modules off the import path until needed

    def to_text(self) -> str:
        from optmodel.printer import to_text

        return to_text(self)

    def to_dict(self) -> dict:
        from optmodel.jsonio import to_dict

        return to_dict(self)

    def to_json(self, indent: int | None = 2) -> str:
        import json

        return json.dumps(self.to_dict(), indent=indent)

    def to_pyomo(self):  # -> pyomo.environ.ConcreteModel
        """The Pyomo model; `pyomo.environ` is imported so that `model.write("m.lp")` finds its writers."""
        import pyomo.environ  # noqa: F401  (registers Pyomo's LP/MPS/NL writers)

        from optmodel.compiler import compile_formulation

        return compile_formulation(self).model

    def solve(self, **kwargs):
        from optmodel.solver import solve

        return solve(self, **kwargs)

    def to_latex(self) -> str:
        from optmodel.latex import to_latex

        return to_latex(self)

    def element(self, name: str):
        """The set, parameter, variable or constraint called `name`, or None."""
        for group in (self.sets, self.params, self.variables, self.constraints):
            for item in group:
                if item.name == name:
                    return item
        return None
