"""Does the linearisation of max/min/abs scale linearly? Expands an objective with n absolute
values and n maxima (3n auxiliary variables) for growing n, and prints the time per auxiliary
variable against the smallest size, measured in this process.

    .venv/bin/python benchmarks/linearize_scaling.py            # n = 2,000 .. 32,000
    .venv/bin/python benchmarks/linearize_scaling.py --quick    # n = 500, 2,000
"""

from __future__ import annotations

import argparse
import time

import optmodel
from optmodel.compiler import expand


def model(n: int) -> optmodel.Formulation:
    return optmodel.parse(
        f"## Sets\nP = 1..{n}\n## Variables\nm free\ny[P] >= 0, <= 10\n"
        "## Objective\nminimize sum(abs(m - p) + max(abs(y[p] - 1), 2 * y[p]) for p in P)\n"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="two small sizes")
    ap.add_argument("--repeat", type=int, default=3, help="runs per size, best kept")
    args = ap.parse_args(argv)
    sizes = [500, 2000] if args.quick else [2000, 8000, 32000]
    base = None
    print(f"{'n':>7} {'aux vars':>9} {'seconds':>8} {'us per aux':>11} {'ratio':>6}")
    for n in sizes:
        form = model(n)
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            compiled = expand(form)
            best = min(best, time.perf_counter() - t0)
        aux = sum(len(v.keys) for v in compiled.variables.values() if v.aux)
        per = best / aux * 1e6
        base = base or per
        print(f"{n:>7} {aux:>9} {best:>8.3f} {per:>11.1f} {per / base:>6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
