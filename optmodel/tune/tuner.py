"""Bayesian optimisation of HiGHS options over a set of instances (scikit-optimize ask/tell).

One evaluation = one configuration solved on every tuning instance `repeats` times (each repeat
with a different HiGHS `random_seed`, the same seeds for every configuration, so configurations
are compared on equal terms). Its cost is the mean over instances of the log of the per-instance
cost (geometric mean over repeats); time-outs cost 10x the limit (PAR10). The first evaluation is
always HiGHS's defaults, so the result is never worse than the defaults on the tuning set.

Hopeless configurations are capped: a run may take at most `cap_factor` x the incumbent's time on
that instance; when it hits that cap the configuration is abandoned and every instance it did not
finish is charged PAR10 of its cap. The history (JSON lines, rewritten atomically after every
evaluation) lets an interrupted run resume exactly where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import math
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from optmodel.atomic import write_text as _atomic_write_text
from optmodel.errors import OptModelError
from optmodel.tune.runner import METRICS, PAR, Run, run_highs
from optmodel.tune.space import OptionSpace

STRATEGIES = ("bo", "random")
HISTORY_VERSION = 1
DEFAULT_INITIAL_POINTS = 5  # random configurations before the GP takes over
CAP_FLOOR = 0.2  # seconds: never cap a run below this (timer noise dominates under it)


@dataclass
class Evaluation:
    """One configuration evaluated on the tuning set."""

    index: int
    point: list
    options: dict[str, Any]
    cost: float  # mean log cost over instances (lower is better)
    capped: bool
    runs: list[Run]

    def instance_costs(self, metric: str, instances: list[str]) -> dict[str, float]:
        """Geometric mean cost per instance over its repeats (only instances that were run)."""
        out: dict[str, list[float]] = {}
        for run in self.runs:
            out.setdefault(run.instance, []).append(math.log(run.cost(metric)))
        return {k: math.exp(sum(v) / len(v)) for k, v in out.items() if k in instances}

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "eval", "index": self.index, "point": self.point, "options": self.options,
            "cost": self.cost, "capped": self.capped, "runs": [r.to_dict() for r in self.runs],
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Evaluation:
        return cls(
            index=int(data["index"]), point=list(data["point"]), options=dict(data["options"]),
            cost=float(data["cost"]), capped=bool(data["capped"]), runs=[Run(**r) for r in data["runs"]],
        )  # fmt: skip


@dataclass
class TuneResult:
    """The evaluations made, the best one, and its speed-up over the defaults on the tuning set."""

    evaluations: list[Evaluation]
    metric: str
    space: OptionSpace
    instances: list[str]
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def default(self) -> Evaluation:
        return self.evaluations[0]

    @property
    def best(self) -> Evaluation:
        return min(self.evaluations, key=lambda e: e.cost)

    @property
    def speedup(self) -> float:
        """Geometric-mean ratio default cost / tuned cost on the tuning instances."""
        return math.exp(self.default.cost - self.best.cost)

    def best_options(self, non_default_only: bool = True) -> dict[str, Any]:
        options = self.best.options
        return self.space.non_default(options) if non_default_only else dict(options)


def file_digest(path: Path | str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class Tuner:
    """Tune HiGHS options for a set of MPS/LP instances; see the module docstring for the method."""

    def __init__(
        self,
        instances: list[Path | str],
        space: OptionSpace,
        *,
        metric: str = "time",
        time_limit: float = 10.0,
        repeats: int = 1,
        seed: int = 0,
        strategy: str = "bo",
        cap_factor: float | None = 3.0,
        n_initial_points: int | None = None,
        history: Path | str | None = None,
    ) -> None:
        if metric not in METRICS:
            raise OptModelError(f"unknown metric {metric!r}", hint=f"choose one of {', '.join(METRICS)}")
        if strategy not in STRATEGIES:
            raise OptModelError(
                f"unknown search strategy {strategy!r}", hint=f"choose one of {', '.join(STRATEGIES)}"
            )
        if not time_limit > 0:
            raise OptModelError(f"the time limit must be positive, got {time_limit}")
        if repeats < 1:
            raise OptModelError(f"repeats must be at least 1, got {repeats}")
        if cap_factor is not None and cap_factor <= 1.0:
            raise OptModelError(
                f"the cap factor must be above 1 (or None to disable capping), got {cap_factor}"
            )
        self.instances = [str(p) for p in instances]
        self.space = space
        self.metric = metric
        self.time_limit = float(time_limit)
        self.repeats = int(repeats)
        self.seed = int(seed)
        self.strategy = strategy
        # capping charges a fixed penalty that says nothing about the primal-dual integral
        self.cap_factor = None if metric == "gap" else cap_factor
        self.n_initial_points = n_initial_points
        self.history = Path(history) if history else None
        self.evaluations: list[Evaluation] = []
        self._optimizer = None

    # -- bookkeeping ---------------------------------------------------------------------------
    def header(self) -> dict[str, Any]:
        return {
            "kind": "header",
            "version": HISTORY_VERSION,
            "metric": self.metric,
            "time_limit": self.time_limit,
            "repeats": self.repeats,
            "seed": self.seed,
            "strategy": self.strategy,
            "cap_factor": self.cap_factor,
            "n_initial_points": self.n_initial_points,
            "space": {"problem_class": self.space.problem_class, "options": self.space.names},
            "instances": [{"path": p, "sha256": file_digest(p)} for p in self.instances],
        }

    def _save(self) -> None:
        if self.history is None:
            return
        lines = [json.dumps(self.header())] + [json.dumps(e.to_json()) for e in self.evaluations]
        _atomic_write_text(self.history, "\n".join(lines) + "\n")

    def _load(self) -> list[Evaluation]:
        if self.history is None or not self.history.exists():
            return []
        try:
            records = [json.loads(line) for line in self.history.read_text().splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise OptModelError(
                f"tuning history is not valid JSON lines ({exc})", file=str(self.history)
            ) from None
        if not records or records[0].get("kind") != "header":
            raise OptModelError("tuning history has no header line", file=str(self.history))
        saved, current = dict(records[0]), self.header()
        for key in current:
            if key == "instances":
                same = [r["sha256"] for r in saved.get(key, [])] == [r["sha256"] for r in current[key]]
            else:
                same = saved.get(key) == current[key]
            if not same:
                raise OptModelError(
                    f"tuning history was made with a different {key} ({saved.get(key)!r}, now {current[key]!r})",
                    file=str(self.history),
                    hint="use the same settings to resume, or pass a new history file to start afresh",
                )
        return [Evaluation.from_json(r) for r in records[1:]]

    def _make_optimizer(self):
        from skopt import Optimizer

        # independent of the budget, so that resuming with a larger budget replays the same proposals
        n_init = self.n_initial_points or DEFAULT_INITIAL_POINTS
        if self.strategy == "random":  # never leave the random initial design: plain random search
            n_init = 1 << 30
        return Optimizer(
            self.space.dimensions(),
            base_estimator="GP",
            n_initial_points=n_init,
            initial_point_generator="random",
            acq_func="EI",
            acq_optimizer="sampling",
            random_state=self.seed,
        )

    # -- evaluation ----------------------------------------------------------------------------
    def _incumbent_times(self) -> dict[tuple[str, int], float]:
        """Per (instance, random_seed), the wall time of the current best configuration."""
        if not self.evaluations:
            return {}
        best = min(self.evaluations, key=lambda e: e.cost)
        return {(r.instance, r.seed): r.time for r in best.runs if r.solved}

    def evaluate(self, point: list) -> Evaluation:
        """Solve every tuning instance under the configuration `point`, with capping."""
        options = self.space.to_options(point)
        incumbent = self._incumbent_times()
        runs: list[Run] = []
        capped = False
        log_costs: list[float] = []
        for instance in self.instances:
            per_repeat: list[float] = []
            for repeat in range(self.repeats):
                limit = self.time_limit
                key = (instance, repeat)
                if self.cap_factor is not None and key in incumbent:
                    limit = min(self.time_limit, max(self.cap_factor * incumbent[key], CAP_FLOOR))
                if capped:  # abandoned: charge PAR10 of the cap without solving
                    per_repeat.append(
                        math.log(PAR * limit) if self.metric == "time" else math.log(self._penalty(key))
                    )
                    continue
                run = run_highs(instance, options, time_limit=limit, seed=repeat)
                runs.append(run)
                per_repeat.append(math.log(run.cost(self.metric)))
                if not run.solved and limit < self.time_limit:
                    capped = True
            log_costs.append(sum(per_repeat) / len(per_repeat))
        cost = sum(log_costs) / len(log_costs)
        return Evaluation(len(self.evaluations), self.space.plain_point(point), options, cost, capped, runs)

    def _penalty(self, key: tuple[str, int]) -> float:
        """Cost charged for an instance a capped configuration did not run (work/gap metrics)."""
        best = min(self.evaluations, key=lambda e: e.cost)
        for run in best.runs:
            if (run.instance, run.seed) == key:
                return PAR * (self.cap_factor or 1.0) * run.cost(self.metric)
        return PAR * self.time_limit

    def _propose(self, optimizer, retries: int = 5) -> list:
        """Next point to evaluate; points already evaluated are told their known cost, not re-solved.

        Depends only on the evaluations so far, so replaying a history reproduces it exactly.
        """
        import numpy as np

        seen = {json.dumps(e.point): e.cost for e in self.evaluations}
        for _ in range(retries):
            point = self.space.plain_point(optimizer.ask())
            key = json.dumps(point)
            if key not in seen:
                return point
            optimizer.tell(point, seen[key])
        rng = np.random.RandomState(self.seed + len(self.evaluations))
        return self.space.plain_point(optimizer.space.rvs(n_samples=1, random_state=rng)[0])

    # -- the loop ------------------------------------------------------------------------------
    def run(self, budget: int, *, progress: bool = True) -> TuneResult:
        """Evaluate up to `budget` configurations (the defaults first), resuming from the history."""
        from tqdm.auto import tqdm

        if budget < 1:
            raise OptModelError(f"the budget must be at least 1 evaluation, got {budget}")
        previous = self._load()
        optimizer = self._make_optimizer()
        default = self.space.default_point()
        self.evaluations = []
        with warnings.catch_warnings():
            # skopt warns when the GP proposes a point already evaluated; harmless here
            warnings.filterwarnings("ignore", message="The objective has been evaluated")
            # replay the saved history through the optimizer, asking exactly as the original run did
            for record in previous[:budget]:
                if record.index > 0:
                    self._propose(optimizer)
                optimizer.tell(record.point, record.cost)
                self.evaluations.append(record)
            bar = tqdm(total=budget, initial=len(self.evaluations), desc=f"tune ({self.strategy}, {self.metric})",
                       disable=not progress, unit="config")  # fmt: skip
            try:
                while len(self.evaluations) < budget:
                    point = default if not self.evaluations else self._propose(optimizer)
                    evaluation = self.evaluate(point)
                    optimizer.tell(point, evaluation.cost)
                    self.evaluations.append(evaluation)
                    self._save()
                    best = min(self.evaluations, key=lambda e: e.cost)
                    bar.set_postfix(
                        best=f"{best.cost:.3f}",
                        speedup=f"{math.exp(self.evaluations[0].cost - best.cost):.2f}x",
                    )
                    bar.update(1)
            finally:
                bar.close()
        return TuneResult(self.evaluations, self.metric, self.space, self.instances, settings=self.header())
