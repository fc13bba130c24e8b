"""The problem-family API: one family = one module in `optmodel/synth/families/` + one
five-element template in `datasets/seeds/<name>.fe`.

A family samples an instance `Spec` (sets, parameters, variety knobs, story words), renders the
template into a five-element formulation with all data inline, and describes the same instance
in English. See `optmodel/synth/families/README.md` for the contract and a worked example.
"""

from __future__ import annotations

import importlib
import pkgutil
import random
import re
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from optmodel.datafiles import shipped_dir
from optmodel.errors import OptModelError

COMPLEXITY_LEVELS = (1, 2, 3, 4, 5)  # 1: a textbook problem with 2-3 items ... 5: dozens of items


@dataclass
class Spec:
    """One instance: data for the template and words for the story (JSON-serialisable)."""

    sets: dict[str, Any] = field(default_factory=dict)  # name -> list of members, or "1..n"
    params: dict[str, Any] = field(default_factory=dict)  # name -> number | {member: ...}
    knobs: dict[str, Any] = field(default_factory=dict)  # variety switches; gate template lines
    story: dict[str, Any] = field(default_factory=dict)  # display names, context, units

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Family:
    """Base class. Subclasses set `name`, `tags`, `knobs`, and write `sample` and `describe`."""

    name: str = ""
    tags: tuple[str, ...] = ()
    # knob name -> the values it may take; `sample` draws them with `self.choose_knobs`
    knobs: dict[str, tuple] = {}
    # an optimum of exactly 0 usually means a degenerate draw (nothing worth doing); resample it
    allow_zero_optimum: bool = False

    def choose_knobs(self, rng: random.Random, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
        """One value per knob (uniformly), with `overrides` fixed by the caller."""
        chosen = {k: rng.choice(list(values)) for k, values in sorted(self.knobs.items())}
        for key, value in (overrides or {}).items():
            if key in self.knobs:
                chosen[key] = value
        return chosen

    def sample(self, rng: random.Random, complexity: int, knobs: dict[str, Any] | None = None) -> Spec:
        raise NotImplementedError

    def formulation(self, spec: Spec) -> str:
        """The five-element text of the instance; by default the seed template, rendered."""
        return render_template(load_template(self.name), spec)

    def describe(self, spec: Spec, rng: random.Random) -> str:
        raise NotImplementedError


# ---------------------------------------------------------------- templates


def seeds_dir() -> Path:
    """`datasets/seeds` in a checkout, `optmodel/_data/seeds` in an installed wheel."""
    return shipped_dir("datasets/seeds", "seeds", what="the seed templates")


@cache
def load_template(name: str) -> str:
    path = seeds_dir() / f"{name}.fe"
    if not path.is_file():
        raise OptModelError(f"family '{name}' has no seed template {path}")
    return path.read_text(encoding="utf-8")


_PLACEHOLDER = re.compile(r"\$([A-Za-z_]\w*)")
_GATE = re.compile(r"\s*#\?\s*(.*)$")


def _member(m: Any) -> str:
    if isinstance(m, (tuple, list)):
        return "(" + ", ".join(_member(x) for x in m) + ")"
    return str(m)


def fe_number(x: Any) -> str:
    if isinstance(x, bool):
        return "1" if x else "0"
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    if isinstance(x, float):
        return f"{x:.10g}"
    return str(x)


def fe_value(value: Any, indent: int = 0) -> str:
    """Render a number, {member: value} or {member: {member: value}} as five-element data."""
    if isinstance(value, dict):
        items = list(value.items())
        if items and isinstance(items[0][1], dict):
            pad = "  " * (indent + 1)
            lines = [f"{pad}{_member(k)}: {fe_value(v, indent + 1)}," for k, v in items]
            return "{\n" + "\n".join(lines) + "\n" + "  " * indent + "}"
        return "{" + ", ".join(f"{_member(k)}: {fe_value(v)}" for k, v in items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(fe_value(v) for v in value) + "]"
    return fe_number(value)


def fe_set(members: Any) -> str:
    if isinstance(members, str):  # "1..6"
        return members
    return "{" + ", ".join(_member(m) for m in members) + "}"


def _gate_ok(cond: str, knobs: dict[str, Any]) -> bool:
    """`#? knob`, `#? !knob`, `#? knob=value`, `#? !knob=value`; several terms separated by
    spaces must all hold."""
    for term in cond.split():
        if "=" in term:
            negate = term.startswith("!")
            key, _, want = term.lstrip("!").partition("=")
            if (str(knobs.get(key)) == want) == negate:
                return False
        elif term.startswith("!"):
            if knobs.get(term[1:]):
                return False
        elif not knobs.get(term):
            return False
    return True


def render_template(template: str, spec: Spec) -> str:
    """Fill `$name` from spec.sets / spec.params / spec.knobs; keep `#? cond` lines whose
    condition holds on spec.knobs (and drop the `#?` marker)."""
    out = []
    for line in template.splitlines():
        gate = _GATE.search(line)
        if gate:
            if not _gate_ok(gate.group(1), spec.knobs):
                continue
            line = line[: gate.start()]

        def fill(m: re.Match, line: str = line) -> str:
            key = m.group(1)
            if key in spec.sets:
                return fe_set(spec.sets[key])
            if key in spec.params:
                return fe_value(spec.params[key])
            if key in spec.knobs:
                return str(spec.knobs[key])
            raise OptModelError(f"template placeholder ${key} has no value in the spec", text=line)

        line = _PLACEHOLDER.sub(fill, line).rstrip()
        out.append(re.sub(r"(?<=\S)\s{2,}# ", "  # ", line))
    return "\n".join(out).strip() + "\n"


# ---------------------------------------------------------------- the registry


@cache
def families() -> dict[str, Family]:
    """Every family module in optmodel/synth/families (module `x` defines `FAMILY`, named `x`)."""
    package = importlib.import_module("optmodel.synth.families")

    found: dict[str, Family] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        family = getattr(module, "FAMILY", None)
        if not isinstance(family, Family):
            raise OptModelError(f"family module {info.name} defines no FAMILY = <Family instance>")
        if family.name != info.name:
            raise OptModelError(f"family module {info.name} names its family '{family.name}'")
        found[family.name] = family
    return found


def get_family(name: str) -> Family:
    table = families()
    if name not in table:
        raise OptModelError(f"unknown family '{name}'", hint="known: " + ", ".join(sorted(table)))
    return table[name]
