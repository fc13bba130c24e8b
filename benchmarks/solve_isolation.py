"""What isolating HiGHS from the caller costs per solve, against solving in the process.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/solve_isolation.py [--repeat 30] [--with-model]

Why: a HiGHS crash must not kill the caller (see optmodel.isolation). The direct route sends
each solve to a long-lived worker process (one per thread, forked on the first solve); the
Pyomo route forks a child per solve. Both are compared with the same route run in the process
(`OPTMODEL_SOLVE_IN_PROCESS=1`). A fork's price grows with the caller's memory, so
`--with-model` loads the embedded formulation model first (what `optmodel solve problem.txt`
and evaluations hold). Modes run round-robin in one process; each keeps its median (ms, the
whole `optmodel.solve` of the text: parse, compile, solve, results).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

EXAMPLES = ["product_mix.fe", "knapsack.fe", "transportation.fe"]
ROOT = Path(__file__).resolve().parent.parent / "examples"
MODES = {  # name -> (backend, isolated)
    "direct in-process": ("highs", False),
    "direct worker": ("highs", True),
    "pyomo in-process": ("pyomo", False),
    "pyomo forked child": ("pyomo", True),
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--with-model", action="store_true")
    a = ap.parse_args()
    from optmodel.solver import solve

    if a.with_model:
        from optmodel.model.pointer_formulator import PointerFormulator

        PointerFormulator("models/default", threads=1)
    print(
        "| model | " + " | ".join(f"{m} ms" for m in MODES) + " | worker / in-process | child / in-process |"
    )
    print("|---" * (len(MODES) + 3) + "|")
    for name in EXAMPLES:
        text = (ROOT / name).read_text()
        times: dict[str, list[float]] = {m: [] for m in MODES}
        for backend in ("highs", "pyomo"):  # warm-up: imports and the worker's start are paid once
            solve(text, backend=backend)
        for _ in range(a.repeat):
            for mode, (backend, isolated) in MODES.items():
                if isolated:
                    os.environ.pop("OPTMODEL_SOLVE_IN_PROCESS", None)
                else:
                    os.environ["OPTMODEL_SOLVE_IN_PROCESS"] = "1"
                t = time.perf_counter()
                solve(text, iis=False, backend=backend)
                times[mode].append(1000 * (time.perf_counter() - t))
        med = {m: statistics.median(v) for m, v in times.items()}
        cells = " | ".join(f"{med[m]:.1f}" for m in MODES)
        print(
            f"| {name} | {cells} | {med['direct worker'] / med['direct in-process']:.2f} "
            f"| {med['pyomo forked child'] / med['pyomo in-process']:.2f} |"
        )


if __name__ == "__main__":
    main()
