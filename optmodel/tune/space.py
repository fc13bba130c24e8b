"""The tunable HiGHS option space (solvers/highs.toml), validated against highspy's option list.

HiGHS documents every option (type, range, default) in the file `Highs.writeOptions` writes;
that record is the reference each entry of the space is checked against, so a typo or a range
HiGHS would reject is an error at load time rather than a silently ignored option mid-tuning.
"""

from __future__ import annotations

import functools
import os
import re
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from optmodel.errors import OptModelError

PROBLEM_CLASSES = ("mip", "lp")
TYPES = ("real", "integer", "bool", "categorical")
_HIGHS_TYPE = {"real": "double", "integer": "integer", "bool": "bool"}


def default_space_path() -> Path:
    """solvers/highs.toml from the source tree, or the copy packaged inside the wheel."""
    here = Path(__file__).resolve()
    for candidate in (
        here.parents[2] / "solvers" / "highs.toml",
        here.parents[1] / "_data" / "solvers" / "highs.toml",
    ):
        if candidate.is_file():
            return candidate
    raise OptModelError("the HiGHS option space solvers/highs.toml is missing from this installation")


@dataclass(frozen=True)
class HighsOption:
    """HiGHS's own record of one option."""

    name: str
    type: str  # "bool" | "integer" | "double" | "string"
    low: float | None
    high: float | None
    default: Any


_RECORD = re.compile(r"^# \[type: (\w+), advanced: \w+(?:, range: [\[{](.*?), (.*?)[\]}])?, default: (.*)\]$")


def _parse_value(kind: str, text: str) -> Any:
    text = text.strip()
    if kind == "bool":
        return text == "true"
    if kind == "integer":
        return int(text)
    if kind == "double":
        return float(text)
    return text.strip('"')


@functools.cache
def highs_options() -> dict[str, HighsOption]:
    """Every HiGHS option with its type, range and default, read from highspy itself."""
    import highspy

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    fd, tmp = tempfile.mkstemp(suffix=".txt")
    os.close(fd)
    try:
        h.writeOptions(tmp)
        lines = Path(tmp).read_text().splitlines()
    finally:
        os.unlink(tmp)
    options: dict[str, HighsOption] = {}
    for record, assignment in zip(lines, lines[1:], strict=False):
        match = _RECORD.match(record)
        if not match or " = " not in assignment:
            continue
        kind, low, high, default = match.groups()
        name = assignment.split(" = ", 1)[0].strip()
        bounds = (None, None)
        if low is not None and kind in ("integer", "double"):
            bounds = (float(low), float(high))
        options[name] = HighsOption(name, kind, bounds[0], bounds[1], _parse_value(kind, default))
    return options


def highs_option(name: str) -> HighsOption | None:
    """HiGHS's record of one option; advanced options missing from the written list are asked directly."""
    import highspy

    if name in highs_options():
        return highs_options()[name]
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    status, kind = h.getOptionType(name)
    if status != highspy.HighsStatus.kOk:
        return None
    names = {
        highspy.HighsOptionType.kBool: "bool",
        highspy.HighsOptionType.kInt: "integer",
        highspy.HighsOptionType.kDouble: "double",
        highspy.HighsOptionType.kString: "string",
    }
    return HighsOption(name, names[kind], None, None, h.getOptionValue(name)[1])


def _accepts(name: str, value: Any) -> bool:
    """Whether HiGHS accepts `value` for option `name` (strings are checked this way)."""
    import highspy

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    return h.setOptionValue(name, value) == highspy.HighsStatus.kOk


@dataclass(frozen=True)
class OptionSpec:
    """One tunable option: its search range and, optionally, the condition under which it matters."""

    name: str
    type: str
    default: Any  # HiGHS's default, which must lie in the searched range
    low: float | None = None
    high: float | None = None
    log: bool = False
    choices: tuple[Any, ...] = ()
    when_option: str | None = None
    when_in: tuple[Any, ...] = ()
    doc: str = ""

    def dimension(self):
        """The scikit-optimize dimension searched for this option."""
        from skopt.space import Categorical, Integer, Real

        prior = "log-uniform" if self.log else "uniform"
        if self.type == "real":
            return Real(self.low, self.high, prior=prior, name=self.name)
        if self.type == "integer":
            return Integer(int(self.low), int(self.high), prior=prior, name=self.name)
        if self.type == "bool":
            return Categorical([False, True], name=self.name)
        return Categorical(list(self.choices), name=self.name)


@dataclass
class OptionSpace:
    """The options tuned for one problem class (mip or lp)."""

    problem_class: str
    specs: list[OptionSpec]
    source: str = ""
    names: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.names = [spec.name for spec in self.specs]

    def dimensions(self) -> list:
        return [spec.dimension() for spec in self.specs]

    def default_point(self) -> list:
        """HiGHS's defaults as a point of the space (the baseline every tuning run starts from)."""
        return [spec.default for spec in self.specs]

    def to_options(self, point: list | dict[str, Any]) -> dict[str, Any]:
        """HiGHS options for a point, as plain Python values, leaving out inactive conditional ones."""
        values = dict(zip(self.names, point, strict=True)) if not isinstance(point, dict) else dict(point)
        out: dict[str, Any] = {}
        for spec in self.specs:
            if spec.when_option is not None and values.get(spec.when_option) not in spec.when_in:
                continue
            out[spec.name] = _plain(values[spec.name], spec.type)
        return out

    def from_options(self, options: dict[str, Any]) -> list:
        """The point for a dict of options; options not given take HiGHS's default."""
        return [_plain(options.get(spec.name, spec.default), spec.type) for spec in self.specs]

    def plain_point(self, point: list) -> list:
        """A point with numpy scalars replaced by plain Python values (JSON-safe)."""
        return [_plain(value, spec.type) for value, spec in zip(point, self.specs, strict=True)]

    def non_default(self, options: dict[str, Any]) -> dict[str, Any]:
        """The subset of options that differ from HiGHS's defaults (what a profile needs to store)."""
        defaults = {spec.name: spec.default for spec in self.specs}
        return {k: v for k, v in options.items() if defaults.get(k) != v}


def _plain(value: Any, kind: str) -> Any:
    """numpy scalars -> Python values HiGHS and TOML accept."""
    if kind == "bool":
        return bool(value)
    if kind == "integer":
        return int(value)
    if kind == "real":
        return float(value)
    if hasattr(value, "item"):
        return value.item()
    return value


def _spec_from_table(name: str, table: dict[str, Any], where: str, file: str) -> OptionSpec:
    def fail(message: str, hint: str | None = None) -> OptModelError:
        return OptModelError(message, file=file, element=where, hint=hint)

    if not isinstance(table, dict):
        raise fail(f"option {name} must be a table with at least `type`")
    record = highs_option(name)
    if record is None:
        known = highs_options()
        close = [n for n in known if n.startswith(name.split("_")[0])][:5]
        raise fail(
            f"unknown HiGHS option {name!r}",
            hint=f"similar HiGHS options: {', '.join(close)}" if close else None,
        )
    kind = table.get("type")
    if kind not in TYPES:
        raise fail(f"option {name} has type {kind!r}", hint=f"use one of {', '.join(TYPES)}")
    unknown_keys = set(table) - {"type", "low", "high", "log", "choices", "when", "doc"}
    if unknown_keys:
        raise fail(f"option {name} has unknown keys {sorted(unknown_keys)}")
    if kind != "categorical" and record.type != _HIGHS_TYPE[kind]:
        raise fail(f"option {name} is a HiGHS {record.type} option, not {kind}")
    low = high = None
    choices: tuple[Any, ...] = ()
    log = bool(table.get("log", False))
    if kind in ("real", "integer"):
        if "low" not in table or "high" not in table:
            raise fail(f"option {name} needs `low` and `high`")
        low, high = table["low"], table["high"]
        if (
            not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (low, high))
            or not low < high
        ):
            raise fail(f"option {name} needs numbers low < high, got low={low!r} high={high!r}")
        if kind == "integer" and not (float(low).is_integer() and float(high).is_integer()):
            raise fail(f"integer option {name} needs integer bounds, got low={low!r} high={high!r}")
        if (record.low is not None and low < record.low) or (record.high is not None and high > record.high):
            raise fail(
                f"range [{low}, {high}] of option {name} is outside HiGHS's range [{record.low}, {record.high}]"
            )
        for bound in (low, high):
            if not _accepts(name, int(bound) if kind == "integer" else float(bound)):
                raise fail(f"HiGHS does not accept {bound!r} for option {name}")
        if log and low <= 0:
            raise fail(f"option {name} is searched on a log scale, so `low` must be > 0 (got {low})")
        if not low <= record.default <= high:
            raise fail(
                f"HiGHS's default {record.default} for option {name} is outside the searched range [{low}, {high}]",
                hint="widen the range so that the untuned configuration is part of the space",
            )
    elif kind == "categorical":
        raw = table.get("choices")
        if not isinstance(raw, list) or len(raw) < 2:
            raise fail(f"categorical option {name} needs a `choices` list with at least two values")
        for value in raw:
            ok_type = {"string": str, "integer": int, "double": int | float, "bool": bool}[record.type]
            if not isinstance(value, ok_type) or (record.type == "integer" and isinstance(value, bool)):
                raise fail(f"choice {value!r} of option {name} is not a HiGHS {record.type}")
            if record.type in ("integer", "double") and (
                (record.low is not None and value < record.low)
                or (record.high is not None and value > record.high)
            ):
                raise fail(
                    f"choice {value!r} of option {name} is outside HiGHS's range [{record.low}, {record.high}]"
                )
            if not _accepts(name, value):
                raise fail(f"HiGHS does not accept {value!r} for option {name}")
        if record.default not in raw:
            raise fail(
                f"HiGHS's default {record.default!r} for option {name} is not among its choices {raw}",
                hint="add it so that the untuned configuration is part of the space",
            )
        choices = tuple(raw)
    when_option = None
    when_in: tuple[Any, ...] = ()
    if "when" in table:
        when = table["when"]
        if not isinstance(when, dict) or set(when) != {"option", "in"} or not isinstance(when["in"], list):
            raise fail(f'`when` of option {name} must look like {{ option = "OTHER", in = [values] }}')
        when_option, when_in = str(when["option"]), tuple(when["in"])
    return OptionSpec(
        name=name, type=kind, default=record.default, low=low, high=high, log=log,
        choices=choices, when_option=when_option, when_in=when_in, doc=str(table.get("doc", "")),
    )  # fmt: skip


def load_space(path: Path | str | None = None, problem_class: str = "mip") -> OptionSpace:
    """Load and validate the option space for `problem_class` ("mip" or "lp")."""
    if problem_class not in PROBLEM_CLASSES:
        raise OptModelError(f"unknown problem class {problem_class!r}", hint="use 'mip' or 'lp'")
    path = Path(path) if path else default_space_path()
    if not path.is_file():
        raise OptModelError("option space file not found", file=str(path))
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise OptModelError(f"not valid TOML: {exc}", file=str(path)) from None
    unknown = set(data) - set(PROBLEM_CLASSES)
    if unknown:
        raise OptModelError(
            f"unknown top-level tables {sorted(unknown)}", file=str(path), hint="use [mip.NAME] and [lp.NAME]"
        )
    tables = data.get(problem_class)
    if not tables:
        raise OptModelError(f"no [{problem_class}.NAME] options defined", file=str(path))
    specs = [
        _spec_from_table(name, table, f"[{problem_class}.{name}]", str(path))
        for name, table in tables.items()
    ]
    names = {spec.name for spec in specs}
    for spec in specs:
        if spec.when_option is None:
            continue
        parent = next((s for s in specs if s.name == spec.when_option), None)
        where = f"[{problem_class}.{spec.name}]"
        if parent is None or parent.name == spec.name:
            raise OptModelError(
                f"`when` of option {spec.name} refers to {spec.when_option!r}, which is not tuned in [{problem_class}]",
                file=str(path), element=where, hint=f"tuned options: {', '.join(sorted(names))}",
            )  # fmt: skip
        allowed = [False, True] if parent.type == "bool" else list(parent.choices)
        bad = [v for v in spec.when_in if v not in allowed] if allowed else []
        if bad or not spec.when_in:
            raise OptModelError(
                f"`when` of option {spec.name} lists values {bad or '[]'} that {parent.name} never takes",
                file=str(path), element=where,
            )  # fmt: skip
    return OptionSpace(problem_class, specs, source=str(path))


def problem_class_of(instance: Path | str) -> str:
    """'mip' if the instance has integer variables, else 'lp'."""
    import highspy

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    if h.readModel(str(instance)) == highspy.HighsStatus.kError:
        raise OptModelError("HiGHS could not read the instance", file=str(instance))
    integrality = h.getLp().integrality_
    return "mip" if any(int(v) != 0 for v in integrality) else "lp"
