"""What running HiGHS in a forked child costs per solve, against solving in the process.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/solve_isolation.py [--repeat 30] [--with-model]

Why: optmodel.solver forks a child for every solve so that a HiGHS crash cannot kill the caller
(see solve_compiled). The fork's price grows with the caller's memory, so `--with-model` loads
the embedded formulation model first (what `optmodel solve problem.txt` and evaluations hold).
Modes run round-robin in one process; each keeps its median. Ratios are against in-process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

EXAMPLES = ["product_mix.fe", "knapsack.fe", "transportation.fe"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--with-model", action="store_true")
    a = ap.parse_args()

    from optmodel.solver import solve

    if a.with_model:
        from optmodel.model.pointer_formulator import PointerFormulator

        PointerFormulator("models/default", threads=1)
    root = Path(__file__).resolve().parent.parent / "examples"
    print("| model | in-process ms | forked child ms | child / in-process |")
    print("|---|---|---|---|")
    for name in EXAMPLES:
        text = (root / name).read_text()
        times: dict[str, list[float]] = {"in-process": [], "child": []}
        solve(text)
        for _ in range(a.repeat):
            for mode in times:
                if mode == "in-process":
                    os.environ["OPTMODEL_SOLVE_IN_PROCESS"] = "1"
                else:
                    os.environ.pop("OPTMODEL_SOLVE_IN_PROCESS", None)
                t = time.perf_counter()
                solve(text, iis=False)
                times[mode].append(1000 * (time.perf_counter() - t))
        base, child = statistics.median(times["in-process"]), statistics.median(times["child"])
        print(f"| {name} | {base:.1f} | {child:.1f} | {child / base:.2f} |")


if __name__ == "__main__":
    main()
