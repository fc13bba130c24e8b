"""Solver option profiles: TOML files with an `[options]` table of HiGHS options.

A profile is named (`solvers/profiles/NAME.toml`, shipped with the package) or given by path.
Other keys in the file (family, budget, measured speed-up...) are metadata for people.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from optmodel.errors import OptModelError


def solvers_dir() -> Path:
    """The `solvers/` folder: next to the package in a checkout, inside it in a wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "solvers", here / "_data" / "solvers"):
        if candidate.is_dir():
            return candidate
    return here.parent / "solvers"


def available_profiles() -> list[str]:
    folder = solvers_dir() / "profiles"
    return sorted(p.stem for p in folder.glob("*.toml")) if folder.is_dir() else []


def profile_path(name_or_path: str | Path) -> Path:
    text = str(name_or_path)
    path = Path(text)
    if path.suffix == ".toml" or "/" in text or "\\" in text:
        if not path.exists():
            raise OptModelError("profile file not found", file=text)
        return path
    path = solvers_dir() / "profiles" / f"{text}.toml"
    if not path.exists():
        names = ", ".join(available_profiles()) or "none"
        raise OptModelError(
            f"unknown solver profile '{text}'",
            hint=f"shipped profiles: {names}; or give a path to a .toml file",
        )
    return path


def load_profile_file(name_or_path: str | Path) -> dict:
    """The whole profile (options and metadata)."""
    from optmodel.safeio import read_regular_file

    path = profile_path(name_or_path)
    try:
        data = tomllib.loads(read_regular_file(path, 2**20, what="profile").decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise OptModelError(f"not a valid TOML profile: {exc}", file=str(path)) from None
    options = data.get("options", {})
    if not isinstance(options, dict):
        raise OptModelError("`options` must be a table of HiGHS options", file=str(path))
    return data


def load_profile(name_or_path: str | Path) -> dict:
    """The HiGHS options of a profile."""
    return dict(load_profile_file(name_or_path).get("options", {}))


def parse_option(text: str) -> tuple[str, object]:
    """`key=value` from the command line; value typed as bool, int, float or string."""
    if "=" not in text:
        raise OptModelError(
            f"option '{text}' must be written key=value", hint="e.g. --option mip_rel_gap=0.01"
        )
    key, value = text.split("=", 1)
    key, value = key.strip(), value.strip()
    if not key:
        raise OptModelError(f"option '{text}' has no name")
    low = value.lower()
    if low in ("true", "false"):
        return key, low == "true"
    for cast in (int, float):
        try:
            return key, cast(value)
        except ValueError:
            pass
    return key, value
