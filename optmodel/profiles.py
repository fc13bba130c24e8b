"""Solver option profiles: TOML files with an `[options]` table of HiGHS options.

A profile is named (NAME.toml in `./solvers/profiles`, `$OPTMODEL_PROFILES` or the package's own
`solvers/profiles`, searched in that order) or given by path.
Other keys in the file (family, budget, measured speed-up...) are metadata for people.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from optmodel.datafiles import shipped_dir
from optmodel.errors import OptModelError


def solvers_dir() -> Path:
    """The `solvers/` folder: next to the package in a checkout, inside it in a wheel."""
    return shipped_dir("solvers", "solvers") or Path(__file__).resolve().parent.parent / "solvers"


def profile_dirs() -> list[Path]:
    """Where `--profile NAME` looks, in order: `./solvers/profiles` (the project you are in), each
    folder of `$OPTMODEL_PROFILES` (separated like PATH), then the profiles shipped with optmodel."""
    dirs = [Path.cwd() / "solvers" / "profiles"]
    extra = os.environ.get("OPTMODEL_PROFILES", "")
    dirs += [Path(p) for p in extra.split(os.pathsep) if p]
    dirs.append(solvers_dir() / "profiles")
    seen: list[Path] = []
    for d in dirs:
        if d.resolve() not in [x.resolve() for x in seen]:
            seen.append(d)
    return seen


def available_profiles() -> list[str]:
    """Every profile name found on the search path (the first of a name wins)."""
    return sorted({p.stem for d in profile_dirs() if d.is_dir() for p in d.glob("*.toml")})


def profile_path(name_or_path: str | Path) -> Path:
    text = str(name_or_path)
    path = Path(text)
    if path.suffix == ".toml" or "/" in text or "\\" in text:
        if not path.exists():
            raise OptModelError("profile file not found", file=text)
        return path
    for folder in profile_dirs():
        path = folder / f"{text}.toml"
        if path.is_file():
            return path
    names = ", ".join(available_profiles()) or "none"
    raise OptModelError(
        f"unknown solver profile '{text}'",
        hint=f"looked in {', '.join(str(d) for d in profile_dirs())}; profiles there: {names}; "
        "or give a path to a .toml file",
    )


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
