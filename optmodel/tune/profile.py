"""Write a tuning result as a solver profile (solvers/profiles/NAME.toml) that `solve(profile=...)` reads.

The `[options]` table holds only the options that differ from HiGHS's defaults; the other keys
record what produced it (family, budget, metric, instances, date) and the speed-up measured on
the tuning instances, so a shipped profile says where its numbers come from.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from optmodel.tune.tuner import TuneResult, _atomic_write_text


def profile_document(
    result: TuneResult, *, family: str, budget: int, description: str | None = None
) -> dict[str, Any]:
    """The TOML document (as a dict) for a tuning result."""
    import highspy

    settings = result.settings
    version = (
        f"{highspy.Highs().versionMajor()}.{highspy.Highs().versionMinor()}.{highspy.Highs().versionPatch()}"
    )
    return {
        "description": description or f"HiGHS options tuned for the {family} family by `optmodel tune`",
        "family": family,
        "problem_class": result.space.problem_class,
        "budget": int(budget),
        "evaluations": len(result.evaluations),
        "metric": result.metric,
        "strategy": settings.get("strategy", "bo"),
        "time_limit": settings.get("time_limit"),
        "repeats": settings.get("repeats"),
        "seed": settings.get("seed"),
        "date": _dt.date.today().isoformat(),
        "highs_version": version,
        "instances": [Path(p).name for p in result.instances],
        "speedup": round(result.speedup, 3),
        "speedup_note": (
            f"geometric-mean ratio of the {result.metric} cost of HiGHS defaults to this profile on the "
            f"{len(result.instances)} tuning instances (selection-biased; see docs/tuning.md for held-out numbers)"
        ),
        "options": result.best_options(non_default_only=True),
    }


def write_profile(
    result: TuneResult, path: Path | str, *, family: str, budget: int, extra: dict[str, Any] | None = None
) -> Path:
    """Write the profile TOML atomically and return its path."""
    import tomli_w

    document = profile_document(result, family=family, budget=budget)
    if extra:
        options = document.pop("options")
        document.update(extra)
        document["options"] = options  # keep [options] last so the metadata stays at the top
    path = Path(path)
    header = "# Written by `optmodel tune`; [options] is passed to HiGHS by solve(profile=...).\n"
    _atomic_write_text(path, header + tomli_w.dumps(document))
    return path
