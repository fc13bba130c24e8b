"""One HiGHS run of one instance under one configuration, and the costs the tuner minimises.

Metrics:
- ``time``: HiGHS run time in seconds; a run that hits the time limit costs 10x the limit (PAR10).
- ``work``: deterministic work units, simplex iterations + ``NODE_WEIGHT`` x branch-and-bound
  nodes; a run that hits the time limit costs 10x the work it did. Independent of machine load.
- ``gap``: HiGHS's primal-dual integral (how fast the gap closed over the run), for families
  that do not solve to optimality within the limit; no penalty is needed.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from optmodel.errors import OptModelError

METRICS = ("time", "work", "gap")
PAR = 10.0  # penalty factor for runs that hit their limit
NODE_WEIGHT = 100.0  # one branch-and-bound node counted as this many simplex iterations
TIME_FLOOR = 0.01  # seconds; keeps log-costs of trivial solves from dominating


@dataclass
class Run:
    """What one solve produced: wall time, status and the deterministic work measures."""

    instance: str
    seed: int
    limit: float
    time: float
    status: str
    solved: bool
    simplex_iterations: int
    nodes: int
    mip_gap: float | None
    primal_dual_integral: float | None
    objective: float | None

    @property
    def work(self) -> float:
        return float(self.simplex_iterations) + NODE_WEIGHT * float(self.nodes)

    def cost(self, metric: str) -> float:
        """Cost of this run under a metric (lower is better), penalised when it hit its limit."""
        if metric == "time":
            return max(self.time, TIME_FLOOR) if self.solved else PAR * self.limit
        if metric == "work":
            return max(self.work, 1.0) * (1.0 if self.solved else PAR)
        if metric == "gap":
            return (
                max(self.primal_dual_integral or 0.0, 1e-6)
                if self.solved or self.primal_dual_integral
                else PAR * self.limit
            )
        raise OptModelError(f"unknown metric {metric!r}", hint=f"choose one of {', '.join(METRICS)}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def run_highs(instance: Path | str, options: dict[str, Any], *, time_limit: float, seed: int = 0) -> Run:
    """Solve an MPS/LP file with HiGHS under `options`, single-threaded, with a time limit."""
    import highspy

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    if h.readModel(str(instance)) == highspy.HighsStatus.kError:
        raise OptModelError("HiGHS could not read the instance", file=str(instance))
    for name, value in options.items():
        if h.setOptionValue(name, value) == highspy.HighsStatus.kError:
            raise OptModelError(f"HiGHS rejected option {name} = {value!r}", file=str(instance))
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("random_seed", int(seed))
    h.run()
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus())
    model_status = h.getModelStatus()
    solved = model_status in (
        highspy.HighsModelStatus.kOptimal,
        highspy.HighsModelStatus.kInfeasible,
        highspy.HighsModelStatus.kUnbounded,
        highspy.HighsModelStatus.kUnboundedOrInfeasible,
    )
    gap = float(info.mip_gap) if math.isfinite(info.mip_gap) else None
    pdi = float(info.primal_dual_integral) if math.isfinite(info.primal_dual_integral) else None
    objective = (
        float(info.objective_function_value) if model_status == highspy.HighsModelStatus.kOptimal else None
    )
    return Run(
        instance=str(instance),
        seed=int(seed),
        limit=float(time_limit),
        time=float(h.getRunTime()),
        status=status,
        solved=bool(solved),
        simplex_iterations=max(int(info.simplex_iteration_count), 0),
        nodes=max(int(info.mip_node_count), 0),
        mip_gap=gap,
        primal_dual_integral=pdi,
        objective=objective,
    )
