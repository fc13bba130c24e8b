"""Cold-start latency of `optmodel solve`, each run a fresh subprocess (imports included).

    .venv/bin/python benchmarks/latency.py [--runs 3] [--model models/default] [--no-text]

Cases: `optmodel solve examples/diet.fe` on the default direct HiGHS route (target <= 0.5 s) and
with `--backend pyomo`, a small inline five-element file, an NL4Opt-size plain-English problem
through the embedded model (target <= 4 s) and a medium one with a table (five products, three
resources; target <= 10 s). Prints median / min seconds per case, the ratio to the target, peak
memory (the run plus its largest worker) and whether torch and Pyomo were imported (the direct
route must import neither; this is reported, not asserted: tests/test_solve.py asserts it).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FE = """## Sets
Foods = {bread, milk, cheese}
## Parameters
cost[Foods] = {bread: 2.0, milk: 3.5, cheese: 8}
protein[Foods] = {bread: 4, milk: 8, cheese: 7}
## Variables
buy[Foods] >= 0
## Objective
minimize sum(cost[f] * buy[f] for f in Foods)
## Constraints
need: sum(protein[f] * buy[f] for f in Foods) >= 50
limit[f in Foods]: buy[f] <= 10
"""

# written for this benchmark (about 100 words, the size of an NL4Opt problem)
TEXT = (
    "A bakery makes two kinds of cakes, chocolate and vanilla. Each chocolate cake needs 3 eggs "
    "and 2 cups of flour, and each vanilla cake needs 2 eggs and 3 cups of flour. The bakery has "
    "120 eggs and 150 cups of flour available each day. Because of oven space, at most 45 cakes "
    "can be baked per day, and at least 10 vanilla cakes must be made to satisfy regular "
    "customers. The profit is $12 per chocolate cake and $10 per vanilla cake. How many cakes of "
    "each kind should the bakery make to maximize its daily profit?\n"
)

# written for this benchmark: a medium-size problem with a table (five products, three resources)
MEDIUM = (
    "A furniture workshop plans next month's output of five products: stools, chairs, benches, "
    "tables and cabinets. The profit per unit is $25 for a stool, $40 for a chair, $55 for a bench, "
    "$90 for a table and $120 for a cabinet. Each product uses three resources:\n\n"
    "| product | wood (board feet) | labour (hours) | finishing (hours) |\n"
    "|---|---|---|---|\n"
    "| stool | 4 | 1.5 | 0.5 |\n| chair | 6 | 2 | 1 |\n| bench | 10 | 3 | 1.5 |\n"
    "| table | 18 | 5 | 2 |\n| cabinet | 24 | 8 | 3 |\n\n"
    "The workshop has 2,400 board feet of wood, 800 labour hours and 300 finishing hours for the month. "
    "A hotel has ordered 20 chairs, so at least that many must be made, and the showroom can hold at "
    "most 30 cabinets. Products are made in whole units. How many of each product should the workshop "
    "make to earn the most profit?\n"
)

PROBE = (
    "import sys, runpy; sys.argv = ['optmodel', 'solve', {path!r}] + {extra!r}; "
    "from optmodel.cli import app\n"
    "try:\n    app()\nexcept SystemExit:\n    pass\n"
    "print('TORCH_LOADED' if 'torch' in sys.modules else 'TORCH_ABSENT')\n"
    "print('PYOMO_LOADED' if 'pyomo' in sys.modules else 'PYOMO_ABSENT')\n"
    "import resource\n"
    "peak = [resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]\n"
    "print('PEAK_KB=' + str(peak[0] + peak[1]))"
)
DIET = Path(__file__).resolve().parent.parent / "examples" / "diet.fe"


CPU: dict[str, list[float]] = {}  # case path + flags -> CPU seconds (user + system) per run
PEAK: dict[str, list[float]] = {}  # case path + flags -> peak MB per run (the run + its largest worker)


def _cpu() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)  # waited-for descendants: the run and its worker
    return r.ru_utime + r.ru_stime


def run_case(path: Path, extra: list[str], runs: int) -> tuple[list[float], str, str]:
    """Seconds per fresh run, the last output, and which of torch / pyomo the run imported.
    CPU seconds per run go to CPU (less sensitive to a loaded machine than wall time)."""
    times, out, loaded = [], "", ""
    cpu = CPU.setdefault(f"{path} {' '.join(extra)}", [])
    peak = PEAK.setdefault(f"{path} {' '.join(extra)}", [])
    for _ in range(runs):
        c0 = _cpu()
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", PROBE.format(path=str(path), extra=extra)],
            capture_output=True,
            text=True,
            check=False,
        )
        times.append(time.perf_counter() - start)
        cpu.append(_cpu() - c0)
        out = proc.stdout + proc.stderr
        peak += [int(line[8:]) / 1024 for line in proc.stdout.splitlines() if line.startswith("PEAK_KB=")]
        names = [n for n in ("torch", "pyomo") if f"{n.upper()}_LOADED" in proc.stdout]
        loaded = ", ".join(names) or "neither"
    return times, out, loaded


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--model", default=None, help="checkpoint for the text case (default: models/default)")
    ap.add_argument("--no-text", action="store_true", help="skip the plain-English case (needs a model)")
    args = ap.parse_args()
    from rich.console import Console
    from rich.table import Table

    with tempfile.TemporaryDirectory() as tmp:
        fe, txt, medium = Path(tmp) / "diet.fe", Path(tmp) / "bakery.txt", Path(tmp) / "workshop.txt"
        fe.write_text(FE)
        txt.write_text(TEXT)
        medium.write_text(MEDIUM)
        # baseline, measured in the same process: a bare interpreter start
        t0 = []
        for _ in range(args.runs):
            s = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], check=True)
            t0.append(time.perf_counter() - s)
        extra = ["--model", args.model] if args.model else []
        cases = [("python -c pass (baseline)", t0, None, "", "", [], [])]
        for name, path, flags, target in (
            ("examples/diet.fe (direct HiGHS)", DIET, [], 0.5),
            ("examples/diet.fe --backend pyomo", DIET, ["--backend", "pyomo"], None),
            ("inline five-element solve (.fe)", fe, [], 0.5),
        ):
            times, out, loaded = run_case(path, flags, args.runs)
            key = f"{path} {' '.join(flags)}"
            cases.append((name, times, target, out, loaded, CPU[key], PEAK[key]))
        if not args.no_text:
            for name, path, target in (
                ("text solve, ~100 words (.txt)", txt, 4.0),
                ("text solve, medium with a table (.txt)", medium, 10.0),
            ):
                times, out, loaded = run_case(path, extra, args.runs)
                key = f"{path} {' '.join(extra)}"
                cases.append((name, times, target, out, loaded, CPU[key], PEAK[key]))
    table = Table(title=f"cold latency, {args.runs} fresh subprocesses each")
    for col in (
        "case",
        "median s",
        "min s",
        "median CPU s",
        "target s",
        "median / target",
        "x baseline",
        "peak MB",
        "imported",
    ):
        table.add_column(col)
    for name, times, target, _, loaded, cpu, peak in cases:
        med = statistics.median(times)
        table.add_row(
            name,
            f"{med:.2f}",
            f"{min(times):.2f}",
            f"{statistics.median(cpu):.2f}" if cpu else "-",
            "-" if target is None else f"{target:.1f}",
            "-" if target is None else f"{med / target:.2f}",
            f"{med / statistics.median(t0):.1f}",
            f"{max(peak):.0f}" if peak else "-",
            loaded or "-",
        )
    Console().print(table)
    for name, _, _target, out, *_ in cases[1:]:
        print(f"--- last output of: {name}\n{out.strip()[-1500:]}\n")


if __name__ == "__main__":
    main()
