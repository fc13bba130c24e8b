"""Online choice of solver configuration over a sequence of related instances.

Practitioners solve today's instance, then tomorrow's: after each solve the cost of the
configuration used is known, and the next choice can use it (a multi-armed bandit over a small
portfolio of configurations, in the spirit of "Learning to Relax", Khodak et al. 2024).
Learning happens on log-costs, so one slow instance does not swamp the others.

Regret is measured against the best fixed configuration in hindsight: with a full cost table
(every configuration solved on every instance, as the benchmark does), cumulative regret after t
instances is sum_{s<=t} cost[s, chosen_s] - cost[s, best], best = argmin_a sum_s cost[s, a].
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from optmodel.errors import OptModelError

POLICIES = ("thompson", "ucb", "greedy")


class OnlineTuner:
    """Pick a configuration for each next instance from the costs seen so far.

    `portfolio` is a list of HiGHS option dicts (e.g. defaults plus tuned profiles). Policies:
    "thompson" (Gaussian Thompson sampling on mean log-cost), "ucb" (lower confidence bound on
    mean log-cost, UCB1-style), "greedy" (best mean so far, every arm tried once first).
    """

    def __init__(
        self,
        portfolio: list[dict[str, Any]],
        *,
        policy: str = "thompson",
        seed: int = 0,
        names: list[str] | None = None,
        exploration: float = 1.0,
    ) -> None:
        if not portfolio:
            raise OptModelError("the online tuner needs at least one configuration in its portfolio")
        if policy not in POLICIES:
            raise OptModelError(
                f"unknown online policy {policy!r}", hint=f"choose one of {', '.join(POLICIES)}"
            )
        if names is not None and len(names) != len(portfolio):
            raise OptModelError(f"{len(names)} names given for {len(portfolio)} configurations")
        self.portfolio = [dict(p) for p in portfolio]
        self.names = list(names) if names else [f"config{i}" for i in range(len(portfolio))]
        self.policy = policy
        self.exploration = float(exploration)
        self.rng = np.random.default_rng(seed)
        self.counts = np.zeros(len(portfolio), dtype=int)
        self.sums = np.zeros(len(portfolio))  # of log-costs
        self.squares = np.zeros(len(portfolio))
        self.history: list[tuple[int, float]] = []  # (arm, cost) per instance, in order

    # -- the policy ----------------------------------------------------------------------------
    def _noise(self) -> float:
        """Pooled standard deviation of log-costs around their arm means (1.0 until known)."""
        n = int(self.counts.sum())
        if n <= len(self.portfolio):
            return 1.0
        means = self.sums / np.maximum(self.counts, 1)
        resid = self.squares - self.counts * means**2
        return float(max(math.sqrt(max(resid.sum(), 0.0) / (n - np.count_nonzero(self.counts))), 0.05))

    def choose(self) -> int:
        """Index of the configuration to use for the next instance."""
        untried = np.flatnonzero(self.counts == 0)
        if len(untried) and self.policy in ("ucb", "greedy"):
            return int(untried[0])
        means = self.sums / np.maximum(self.counts, 1)
        sigma = self._noise()
        if self.policy == "thompson":
            prior_mean = self.sums.sum() / max(self.counts.sum(), 1)
            # posterior of each arm's mean log-cost under a wide Gaussian prior (variance 4 sigma^2)
            precision = 1.0 / (4.0 * sigma**2) + self.counts / sigma**2
            post_mean = (prior_mean / (4.0 * sigma**2) + self.sums / sigma**2) / precision
            draws = self.rng.normal(post_mean, self.exploration / np.sqrt(precision))
            return int(np.argmin(draws))
        if self.policy == "ucb":
            t = max(int(self.counts.sum()), 1)
            bonus = self.exploration * sigma * np.sqrt(2.0 * math.log(t) / self.counts)
            return int(np.argmin(means - bonus))
        return int(np.argmin(means))

    def observe(self, arm: int, cost: float) -> None:
        """Record the cost (seconds, work units, ...; > 0) the chosen configuration had."""
        if not 0 <= arm < len(self.portfolio):
            raise OptModelError(
                f"configuration index {arm} is outside the portfolio of {len(self.portfolio)}"
            )
        if not (cost > 0 and math.isfinite(cost)):
            raise OptModelError(f"costs must be positive and finite, got {cost}")
        value = math.log(cost)
        self.counts[arm] += 1
        self.sums[arm] += value
        self.squares[arm] += value * value
        self.history.append((int(arm), float(cost)))

    # -- use -----------------------------------------------------------------------------------
    def solve(self, instance: Path | str, *, time_limit: float = 60.0, metric: str = "time"):
        """Choose a configuration, solve the instance (MPS/LP) with it, learn from its cost."""
        from optmodel.tune.runner import run_highs

        arm = self.choose()
        run = run_highs(instance, self.portfolio[arm], time_limit=time_limit)
        self.observe(arm, run.cost(metric))
        return arm, run

    def simulate(self, cost_table: np.ndarray) -> list[int]:
        """Run the policy over a full cost table (instances x configurations); return the choices."""
        table = _check_table(cost_table, len(self.portfolio))
        choices = []
        for row in table:
            arm = self.choose()
            self.observe(arm, float(row[arm]))
            choices.append(arm)
        return choices


def _check_table(cost_table: np.ndarray, arms: int | None = None) -> np.ndarray:
    table = np.asarray(cost_table, dtype=float)
    if table.ndim != 2 or table.shape[0] == 0 or (arms is not None and table.shape[1] != arms):
        raise OptModelError(
            f"the cost table must be instances x {arms or 'configurations'}, got shape {table.shape}"
        )
    if not np.all(np.isfinite(table)) or np.any(table <= 0):
        raise OptModelError("the cost table must hold positive finite costs")
    return table


def best_fixed(cost_table: np.ndarray) -> int:
    """The configuration with the least total cost over the whole sequence (hindsight)."""
    return int(np.argmin(_check_table(cost_table).sum(axis=0)))


def cumulative_regret(cost_table: np.ndarray, choices: list[int]) -> np.ndarray:
    """Cumulative regret after each instance against the best fixed configuration in hindsight."""
    table = _check_table(cost_table)
    if len(choices) != table.shape[0]:
        raise OptModelError(f"{len(choices)} choices for {table.shape[0]} instances")
    rows = np.arange(table.shape[0])
    return np.cumsum(table[rows, choices] - table[:, best_fixed(table)])


def plot_regret(
    curves: dict[str, np.ndarray] | dict[str, dict[str, np.ndarray]],
    path: Path | str,
    *,
    title: str = "",
    ylabel: str = "cumulative regret",
) -> Path:
    """Save cumulative-regret curves as a PNG: {label: curve} in one panel, or {panel: {label: curve}}."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = curves if all(isinstance(v, dict) for v in curves.values()) else {"": curves}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig, axes = plt.subplots(
        1, len(panels), figsize=(4.2 * len(panels) + 1.0, 3.6), squeeze=False, sharey=False
    )
    for ax, (panel, lines) in zip(axes[0], panels.items(), strict=True):
        for label, curve in lines.items():
            curve = np.asarray(curve)
            ax.plot(np.arange(1, len(curve) + 1), curve, label=label, marker="." if len(curve) < 40 else None)
        ax.axhline(0.0, color="grey", linewidth=0.8)
        ax.set_xlabel("instances solved")
        ax.set_title(panel)
        ax.legend(fontsize="small")
    axes[0][0].set_ylabel(ylabel)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    tmp = path.with_name(f".{path.stem}.tmp.png")
    fig.savefig(tmp, dpi=110)
    plt.close(fig)
    tmp.replace(path)
    return path
