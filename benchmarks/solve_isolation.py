"""What running HiGHS in a forked child costs per solve, against solving in the process.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/solve_isolation.py [--repeat 30] [--with-model]

Why: optmodel.solver forks a child for every solve so that a HiGHS crash cannot kill the caller
(see solve_compiled). The fork's price grows with the caller's memory, so `--with-model` loads
the embedded formulation model first (what `optmodel solve problem.txt` and evaluations hold).
Modes run round-robin in one process; each keeps its median. Ratios are against in-process.
The last column is a forked child in a process that never loaded HiGHS itself (measured in a
fresh subprocess, with the solver's own preload turned off): each child then imports it, which
the solver avoids from a process's second solve on.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

EXAMPLES = ["product_mix.fe", "knapsack.fe", "transportation.fe"]
ROOT = Path(__file__).resolve().parent.parent / "examples"


def _load_model(with_model: bool) -> None:
    if with_model:
        from optmodel.model.pointer_formulator import PointerFormulator

        PointerFormulator("models/default", threads=1)


def _not_preloaded(repeat: int, with_model: bool) -> None:
    """Median ms per example of forked solves, HiGHS never imported here (run in a subprocess)."""
    import optmodel.solver
    from optmodel.solver import solve

    optmodel.solver._preload = lambda: None  # what every forked solve cost before the solver preloaded

    _load_model(with_model)
    out = {}
    for name in EXAMPLES:
        text = (ROOT / name).read_text()
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            solve(text, iis=False)
            times.append(1000 * (time.perf_counter() - t))
        out[name] = statistics.median(times)
    print(json.dumps(out))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--with-model", action="store_true")
    ap.add_argument("--not-preloaded", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.not_preloaded:
        return _not_preloaded(a.repeat, a.with_model)

    cold = json.loads(subprocess.run(
        [sys.executable, __file__, "--not-preloaded", "--repeat", str(a.repeat)] + ["--with-model"] * a.with_model,
        capture_output=True, text=True, check=True, env={k: v for k, v in os.environ.items()
                                                         if k != "OPTMODEL_SOLVE_IN_PROCESS"}).stdout)
    from optmodel.solver import solve

    _load_model(a.with_model)
    print("| model | in-process ms | forked child ms | child / in-process | child, HiGHS not preloaded ms |")
    print("|---|---|---|---|---|")
    for name in EXAMPLES:
        text = (ROOT / name).read_text()
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
        print(f"| {name} | {base:.1f} | {child:.1f} | {child / base:.2f} | {cold[name]:.1f} |")


if __name__ == "__main__":
    main()
