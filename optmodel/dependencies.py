"""The order in which sets and parameters are resolved: each after the definitions it names.

Resolving on demand recursed once per link, so a chain of 300 parameters (`p1 = p2 + 1`, ...,
`p300 = 1`) ended in RecursionError. This orders the definitions with an explicit stack
(depth-first, post-order) and names a cycle with its whole path.
"""

from __future__ import annotations

from optmodel.errors import FormulationError
from optmodel.formulation import DictData, Formulation, Index, ListData, Name


def names_in(node: object) -> set[str]:
    """Every name a definition mentions (loop names and members too; callers keep the defined ones)."""
    out: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, (Name, Index)):
            out.add(item.name)
        if isinstance(item, (tuple, list)):
            stack.extend(item)
        elif hasattr(item, "__dataclass_fields__") and not isinstance(item, (DictData, ListData)):
            stack.extend(getattr(item, f) for f in item.__dataclass_fields__)
    return out


def definition_order(form: Formulation) -> list[tuple[str, str]]:
    """("set" | "parameter", name) for every set and parameter, each after those it depends on."""
    defs: dict[str, tuple[str, object]] = {s.name: ("set", s) for s in form.sets}
    defs.update({p.name: ("parameter", p) for p in form.params})
    deps: dict[str, list[str]] = {}
    for name, (kind, d) in defs.items():
        parts = (d.members, d.range, d.comprehension) if kind == "set" else (d.index, d.value, d.default)
        deps[name] = sorted(n for n in names_in(parts) if n in defs)
    order: list[tuple[str, str]] = []
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    for root in defs:
        if state.get(root):
            continue
        path = [root]
        todo = [iter(deps[root])]
        state[root] = 1
        while todo:
            child = next(todo[-1], None)
            if child is None:
                done = path.pop()
                todo.pop()
                state[done] = 2
                order.append((defs[done][0], done))
            elif state.get(child) == 1:
                cycle = path[path.index(child) :] + [child]
                kind, d = defs[child]
                raise FormulationError(
                    f"{kind} '{child}' is defined in terms of itself"
                    + (f" ({' -> '.join(cycle)})" if len(cycle) > 2 else ""),
                    file=form.source,
                    line=d.line,
                    element=f"{kind} '{child}'",
                )
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                todo.append(iter(deps[child]))
    return order
