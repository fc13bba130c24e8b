"""Where the data that ships with optmodel lives: a folder of the checkout, or its copy inside an
installed wheel (`optmodel/_data/`, see `force-include` in pyproject.toml)."""

from __future__ import annotations

from pathlib import Path

from optmodel.errors import OptModelError

_PACKAGE = Path(__file__).resolve().parent


def shipped_dir(checkout: str, wheel: str, what: str | None = None) -> Path | None:
    """The first of `<repository>/<checkout>` and `optmodel/_data/<wheel>` that exists. When neither
    does: an error saying that `what` is missing, or None where the caller has a fallback."""
    for candidate in (_PACKAGE.parent / checkout, _PACKAGE / "_data" / wheel):
        if candidate.is_dir():
            return candidate
    if what is None:
        return None
    raise OptModelError(f"{what} ({checkout}) are missing from this installation")
