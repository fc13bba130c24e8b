"""Salvage a decoded formulation: a small model's typical failures are a repetition loop at
the end, a duplicated line, or one constraint that does not read. Dropping such lines (and only
such lines) gives a formulation that runs, which the self-correction loop and the voting can
then work with; an intact output passes through unchanged."""

from __future__ import annotations

import re

_CONSTRAINT = re.compile(r"^\w+(\[[^\]]*\])?:\s*[^:]+(<=|>=|==)[^:]+$")
_MAX_LINE = 400
_MAX_DROPS = 8


def _clean_lines(text: str) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    section = ""
    headings: set[str] = set()
    objective_seen = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or len(line) > _MAX_LINE:
            continue
        if line.startswith("##"):
            key = line.lower()
            if key in headings:
                continue
            headings.add(key)
            section = key
            out.append(line)
            continue
        if "objective" in section:
            if objective_seen:
                continue  # one objective line
            objective_seen = True
        elif "constraint" in section:
            if not _CONSTRAINT.match(line) or re.search(r"[-+*/<>=]\s*$", line):
                continue
            body = line.split(":", 1)[1].strip()
            if body in seen:
                continue
            seen.add(body)
            line = f"c{sum(1 for x in out if _CONSTRAINT.match(x)) + 1}: {body}"
        elif "variable" in section:
            name = line.split()[0].split("[")[0]
            if name in seen:
                continue
            seen.add(name)
        out.append(line)
    return out


def salvage(text: str) -> str:
    """`text` with unreadable and repeated lines dropped (see the module docstring)."""
    from optmodel.compiler import expand
    from optmodel.errors import OptModelError
    from optmodel.parser import parse

    lines = _clean_lines(text)
    for _ in range(_MAX_DROPS):
        candidate = "\n".join(lines) + "\n"
        try:
            expand(parse(candidate))
            return candidate
        except OptModelError as exc:
            line = getattr(exc, "line", None)
            if line is None or not (1 <= line <= len(lines)) or lines[line - 1].startswith("##"):
                return candidate
            if not _CONSTRAINT.match(lines[line - 1]):
                return candidate  # only constraints are dropped: the rest carries the meaning
            del lines[line - 1]
        except (RecursionError, ValueError, ZeroDivisionError, OverflowError):
            return candidate
    return "\n".join(lines) + "\n"
