"""Held-out comparison of configurations: geometric-mean speed-up with a bootstrap interval.

Configurations are run interleaved (instance by instance, repeat by repeat, rotating which
configuration goes first) so that a burst of load on a shared machine hits them alike.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from optmodel.tune.runner import TIME_FLOOR, Run, run_highs

MEASURES = ("time", "work", "simplex_iterations", "nodes")


def run_configs(
    configs: dict[str, dict[str, Any]],
    instances: list[Path | str],
    *,
    time_limit: float,
    repeats: int = 1,
    progress: bool = True,
    desc: str = "evaluate",
) -> dict[str, list[Run]]:
    """Solve every instance (.fe, .mps, .lp) with every configuration `repeats` times (random_seed 0..repeats-1)."""
    from tqdm.auto import tqdm

    from optmodel.tune.instances import prepare_instances

    solver_files = prepare_instances(list(instances))  # .fe files compiled to MPS once
    names = list(configs)
    out: dict[str, list[Run]] = {name: [] for name in names}
    total = len(instances) * repeats * len(names)
    with tqdm(total=total, desc=desc, disable=not progress, unit="solve") as bar:
        turn = 0
        for instance, solver_file in zip(instances, solver_files, strict=True):
            for repeat in range(repeats):
                order = names[turn % len(names) :] + names[: turn % len(names)]
                turn += 1
                for name in order:
                    run = run_highs(solver_file, configs[name], time_limit=time_limit, seed=repeat)
                    run.instance = str(instance)  # the user's file, not the compiled MPS
                    out[name].append(run)
                    bar.update(1)
    return out


def measure_value(run: Run, measure: str) -> float:
    """The value of a run under a measure. Unlike the tuning cost there is no PAR10 penalty: a
    time-out counts at the limit (and its work as done so far), so speed-ups involving time-outs
    are conservative rather than inflated by the penalty factor."""
    if measure == "time":
        return max(run.time if run.solved else run.limit, TIME_FLOOR)
    if measure == "work":
        return max(run.work, 1.0)
    if measure == "simplex_iterations":
        return max(float(run.simplex_iterations), 1.0)
    if measure == "nodes":
        return max(float(run.nodes), 1.0)
    raise ValueError(f"unknown measure {measure!r}")


def per_instance(runs: list[Run], measure: str) -> dict[str, float]:
    """Geometric mean over repeats of a measure, per instance."""
    logs: dict[str, list[float]] = {}
    for run in runs:
        logs.setdefault(run.instance, []).append(math.log(measure_value(run, measure)))
    return {k: math.exp(sum(v) / len(v)) for k, v in logs.items()}


def speedups(baseline: list[Run], candidate: list[Run], measure: str = "time") -> np.ndarray:
    """Per-instance ratio baseline / candidate (> 1: the candidate is faster)."""
    base, cand = per_instance(baseline, measure), per_instance(candidate, measure)
    return np.array([base[k] / cand[k] for k in base if k in cand])


def geomean_ci(
    ratios: np.ndarray, *, resamples: int = 2000, level: float = 0.95, seed: int = 0
) -> tuple[float, float, float]:
    """Geometric mean of ratios and a percentile-bootstrap confidence interval over instances."""
    logs = np.log(np.asarray(ratios, dtype=float))
    if logs.size == 0:
        return float("nan"), float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    boot = logs[rng.integers(0, logs.size, size=(resamples, logs.size))].mean(axis=1)
    lo, hi = np.quantile(boot, [(1 - level) / 2, (1 + level) / 2])
    return float(np.exp(logs.mean())), float(np.exp(lo)), float(np.exp(hi))
