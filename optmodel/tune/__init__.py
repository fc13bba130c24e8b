"""Solver tuning: Bayesian optimisation of HiGHS options for a family of instances, held-out
evaluation, and online configuration choice over a sequence of instances.

    from optmodel.tune import tune
    result = tune(["a.mps", "b.mps"], budget=30, time_limit=10, out="solvers/profiles/mine.toml")
    optmodel.solve(model, profile="mine")
"""

from __future__ import annotations

from pathlib import Path

from optmodel.errors import OptModelError
from optmodel.tune.evaluate import geomean_ci, run_configs, speedups
from optmodel.tune.online import OnlineTuner, best_fixed, cumulative_regret, plot_regret
from optmodel.tune.profile import write_profile
from optmodel.tune.runner import METRICS, Run, run_highs
from optmodel.tune.space import OptionSpace, load_space, problem_class_of
from optmodel.tune.tuner import Tuner, TuneResult

__all__ = [
    "METRICS", "OnlineTuner", "OptionSpace", "Run", "TuneResult", "Tuner", "best_fixed", "cumulative_regret",
    "default_history", "geomean_ci", "load_space", "plot_regret", "run_configs", "run_highs", "speedups", "tune", "write_profile",
]  # fmt: skip


def tune(
    instances: list[Path | str],
    *,
    budget: int = 30,
    time_limit: float = 10.0,
    metric: str = "time",
    repeats: int = 1,
    seed: int = 0,
    strategy: str = "bo",
    cap_factor: float | None = 3.0,
    space: Path | str | None = None,
    history: Path | str | None = None,
    out: Path | str | None = None,
    family: str | None = None,
    progress: bool = True,
) -> TuneResult:
    """Tune HiGHS options over instance files (.fe, .mps, .lp); optionally write a profile to `out`.

    With `history` (a JSON-lines file; by default next to `out`), an interrupted run resumes.
    """
    from optmodel.tune.instances import prepare_instances

    paths = prepare_instances(list(instances))
    classes = {problem_class_of(p) for p in paths}
    problem_class = "mip" if "mip" in classes else "lp"
    if len(classes) > 1:
        raise OptModelError(
            "the instances mix MIPs and LPs",
            hint="tune each problem class separately; they use different option spaces",
        )
    option_space = load_space(space, problem_class)
    if history is None and out is not None:
        history = default_history(out)
    tuner = Tuner(
        paths, option_space, metric=metric, time_limit=time_limit, repeats=repeats, seed=seed,
        strategy=strategy, cap_factor=cap_factor, history=history,
    )  # fmt: skip
    result = tuner.run(budget, progress=progress)
    if out is not None:
        write_profile(result, out, family=family or _family_name(paths), budget=budget)
    return result


def default_history(out: Path | str) -> Path:
    """Where the history of a run writing profile `out` lives (outside the repository, in the user cache)."""
    import hashlib
    import os

    out = Path(out).resolve()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "optmodel" / "tune"
    return cache / f"{out.stem}-{hashlib.sha256(str(out).encode()).hexdigest()[:8]}.history.jsonl"


def _family_name(paths: list[Path]) -> str:
    """A family label from the name parts all instances share (e.g. 'setcover' from setcover_001.mps)."""
    import re

    parts = [re.split(r"[_\-. ]+", p.stem) for p in paths]
    common = []
    for tokens in zip(*parts, strict=False):
        if len(set(tokens)) > 1 or any(ch.isdigit() for ch in tokens[0]):
            break
        common.append(tokens[0])
    return "_".join(common) or "custom"
