"""One verified instance: sample -> formulation -> ground-truth solve -> English -> number check.

Infeasible or unbounded draws are resampled (with the next draw of the same seeded stream), so
the result depends only on (family, seed, complexity, knobs).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Any

from optmodel.errors import OptModelError
from optmodel.synth.family import Family, get_family

MAX_TRIES = 25
SOLVE_TIME_LIMIT = 20.0


@dataclass
class Instance:
    family: str
    seed: str
    complexity: int
    formulation: str
    nl: str
    optimum: float
    solver_status: str
    knobs: dict[str, Any] = field(default_factory=dict)
    tries: int = 1
    is_mip: bool = False
    parsed: Any = field(default=None, repr=False, compare=False)


def ground_truth(text, time_limit: float = SOLVE_TIME_LIMIT):
    """Solve a formulation (text or parsed) the way the pipeline does (no duals/IIS: they cost
    time and are not needed here)."""
    from optmodel.solver import solve

    return solve(text, time_limit=time_limit, duals=False, iis=False)


def make_instance(
    family: Family | str,
    seed: str | int,
    complexity: int,
    knobs: dict[str, Any] | None = None,
    *,
    max_tries: int = MAX_TRIES,
) -> Instance:
    """A feasible, bounded instance of `family` whose text states all its numbers."""
    from optmodel.parser import parse
    from optmodel.synth.numbers import missing_numbers

    fam = get_family(family) if isinstance(family, str) else family
    rng = random.Random(f"{fam.name}|{seed}|{complexity}")
    last = "no draw"
    for attempt in range(1, max_tries + 1):
        spec = fam.sample(rng, complexity, knobs)
        text = fam.formulation(spec)
        form = parse(text)  # once: the solve and the number check share it
        sol = ground_truth(form)
        if sol.status != "optimal" or sol.objective is None or not math.isfinite(sol.objective):
            last = f"draw {attempt} was {sol.status}"
            continue
        if sol.objective == 0 and not fam.allow_zero_optimum:
            last = f"draw {attempt} had a trivial optimum of 0"
            continue
        nl_text = fam.describe(spec, rng)
        missing = missing_numbers(form, nl_text)
        if missing:
            last = f"draw {attempt}: the text omits {missing[:5]}"
            continue
        inst = Instance(
            family=fam.name,
            seed=str(seed),
            complexity=complexity,
            formulation=text,
            nl=nl_text,
            optimum=float(sol.objective),
            solver_status=sol.status,
            knobs=dict(spec.knobs),
            tries=attempt,
            is_mip=bool(sol.is_mip),
        )
        inst.parsed = form  # not a field: kept in memory for forward-model checks, never stored
        return inst
    raise OptModelError(f"family '{fam.name}' gave no usable instance in {max_tries} draws ({last})")
