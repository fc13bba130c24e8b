"""Held-out evaluation of HiGHS tuning on generated MIP families.

For each family: generate tuning instances and a disjoint set of held-out instances (another
generator seed); tune with Bayesian optimisation (GP) and with random search at the same budget;
then solve every held-out instance with HiGHS defaults, the BO configuration and the random-search
configuration, interleaved, `--eval-repeats` times each (different HiGHS random seeds). Prints
geometric-mean speed-ups over the defaults with 95% bootstrap intervals, for wall time and for the
load-independent work measures (simplex iterations, branch-and-bound nodes).

The held-out cost table (instances x {default, BO, random}) also drives the online tuner: over
sequences drawn from the held-out instances, its cumulative regret against the best fixed
configuration in hindsight is averaged and plotted to docs/img/tune_regret.png.

Resumable: tuning histories and evaluation results are saved under --work-dir; rerunning the same
command picks up where it stopped. Example (about 15 minutes on 2 busy cores):

    nice .venv/bin/python benchmarks/tune_highs.py --budget 16 --train 4 --test 8 \\
        --write-profiles > /tmp/tune_highs.log 2>&1
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from optmodel.tune import (
    OnlineTuner,
    Tuner,
    cumulative_regret,
    geomean_ci,
    load_space,
    plot_regret,
    run_configs,
)
from optmodel.tune.evaluate import per_instance, speedups
from optmodel.tune.instances import generate
from optmodel.tune.profile import write_profile
from optmodel.tune.runner import Run

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = ("default", "bo", "random")


def atomic_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w") as handle:
        json.dump(data, handle, indent=1)
    os.replace(tmp, path)


def evaluate_family(family: str, args: argparse.Namespace, space) -> dict:
    work = Path(args.work_dir) / family
    train = generate(family, work / "instances", args.train, seed=args.seed * 1000 + 1, size=args.size)
    test = generate(family, work / "instances", args.test, seed=args.seed * 1000 + 2, size=args.size)
    tuned = {}
    for strategy in ("bo", "random"):
        tuner = Tuner(
            train, space, metric=args.metric, time_limit=args.time_limit, repeats=args.repeats, seed=args.seed,
            strategy=strategy, cap_factor=args.cap_factor, history=work / f"history-{strategy}.jsonl",
        )  # fmt: skip
        started = time.perf_counter()
        result = tuner.run(args.budget, progress=not args.quiet)
        tuned[strategy] = result
        print(f"[{family}] {strategy}: best tuning-set cost {result.best.cost:.3f} vs default {result.default.cost:.3f}"
              f" ({result.speedup:.2f}x on the tuning set), {time.perf_counter() - started:.0f} s", flush=True)  # fmt: skip
    configs = {"default": {}, "bo": tuned["bo"].best_options(), "random": tuned["random"].best_options()}
    eval_path = work / "heldout.json"
    saved = json.loads(eval_path.read_text()) if eval_path.exists() else None
    if saved and saved.get("configs") == configs and saved.get("repeats") == args.eval_repeats:
        runs = {k: [Run(**r) for r in v] for k, v in saved["runs"].items()}
    else:
        runs = run_configs(configs, test, time_limit=args.time_limit, repeats=args.eval_repeats,
                           progress=not args.quiet, desc=f"{family} held-out")  # fmt: skip
        atomic_json(eval_path, {"configs": configs, "repeats": args.eval_repeats,
                                "runs": {k: [r.to_dict() for r in v] for k, v in runs.items()}})  # fmt: skip
    return {
        "family": family,
        "configs": configs,
        "runs": runs,
        "tuned": tuned,
        "test": [str(p) for p in test],
    }


def summarise(result: dict, seed: int) -> dict:
    runs = result["runs"]
    row = {"family": result["family"]}
    for name in ("bo", "random"):
        for measure in ("time", "simplex_iterations", "nodes"):
            row[f"{name}_{measure}"] = geomean_ci(speedups(runs["default"], runs[name], measure), seed=seed)
    base = per_instance(runs["default"], "time")
    row["default_time_gm"] = float(np.exp(np.mean(np.log(list(base.values())))))
    row["timeouts"] = {k: sum(not r.solved for r in v) for k, v in runs.items()}
    row["tuning_speedup"] = {k: result["tuned"][k].speedup for k in ("bo", "random")}
    return row


def online_regret(result: dict, *, sequences: int, length: int, seed: int) -> dict[str, np.ndarray]:
    """Mean cumulative regret (seconds) of each policy against the best fixed configuration.

    A sequence of `length` instances is drawn with replacement from the held-out instances (the
    family's instance distribution, as far as we have measured it); every configuration's cost on
    each is the measured held-out time, so no solve is repeated.
    """
    runs = result["runs"]
    per = {name: per_instance(runs[name], "time") for name in CONFIGS}
    instances = list(per["default"])
    table = np.array([[per[name][inst] for name in CONFIGS] for inst in instances])
    rng = np.random.default_rng(seed)
    curves: dict[str, list[np.ndarray]] = {"thompson": [], "ucb": [], "greedy": [], "defaults only": []}
    for k in range(sequences):
        rows = table[rng.integers(0, len(instances), size=length)]
        curves["defaults only"].append(cumulative_regret(rows, [0] * length))
        for policy in ("thompson", "ucb", "greedy"):
            tuner = OnlineTuner([{} for _ in CONFIGS], policy=policy, seed=seed + k, names=list(CONFIGS))
            choices = tuner.simulate(rows)
            curves[policy].append(cumulative_regret(rows, choices))
    return {policy: np.mean(c, axis=0) for policy, c in curves.items()}


def fmt(ci: tuple[float, float, float]) -> str:
    return f"{ci[0]:.2f}x [{ci[1]:.2f}, {ci[2]:.2f}]"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--families", default="facility,setcover,auction")
    parser.add_argument("--size", default="bench", help="instance size preset (bench, tiny)")
    parser.add_argument("--train", type=int, default=4, help="tuning instances per family")
    parser.add_argument("--test", type=int, default=8, help="held-out instances per family")
    parser.add_argument("--budget", type=int, default=16, help="configurations evaluated per strategy")
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--metric", default="time")
    parser.add_argument("--repeats", type=int, default=1, help="solves per tuning instance")
    parser.add_argument(
        "--eval-repeats", type=int, default=2, help="solves per held-out instance and configuration"
    )
    parser.add_argument("--cap-factor", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sequences", type=int, default=200, help="random sequences for the online regret")
    parser.add_argument("--length", type=int, default=100, help="instances per online sequence")
    parser.add_argument("--work-dir", default=str(Path(tempfile.gettempdir()) / "optmodel-tune-bench"))
    parser.add_argument("--plot", default=str(ROOT / "docs" / "img" / "tune_regret.png"))
    parser.add_argument(
        "--write-profiles", action="store_true", help="write solvers/profiles/FAMILY.toml from BO"
    )
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()

    started = time.perf_counter()
    space = load_space(problem_class="mip")
    rows, curves = [], {}
    for family in args.families.split(","):
        result = evaluate_family(family.strip(), args, space)
        rows.append(summarise(result, args.seed))
        regret = online_regret(result, sequences=args.sequences, length=args.length, seed=args.seed)
        curves[family] = {policy: regret[policy] for policy in ("thompson", "ucb", "greedy")}
        rows[-1]["online_final_regret"] = {p: float(c[-1]) for p, c in regret.items()}
        if args.write_profiles:
            row = rows[-1]
            out = ROOT / "solvers" / "profiles" / f"{family}.toml"
            extra = {
                "generator": f"optmodel.tune.instances.{family} size={args.size}",
                "heldout_speedup": round(row["bo_time"][0], 3),
                "heldout_speedup_ci95": [round(row["bo_time"][1], 3), round(row["bo_time"][2], 3)],
                "heldout_note": (
                    f"geometric-mean wall-time speed-up over HiGHS defaults on {args.test} held-out instances, "
                    f"{args.eval_repeats} solves each; benchmarks/tune_highs.py, see docs/tuning.md"
                ),
            }
            write_profile(result["tuned"]["bo"], out, family=family, budget=args.budget, extra=extra)
            print(f"[{family}] wrote {out.relative_to(ROOT)}", flush=True)

    print()
    print(f"held-out speed-up over HiGHS defaults (geometric mean [95% bootstrap CI]); budget {args.budget} "
          f"per strategy, {args.train} tuning / {args.test} held-out instances, {args.eval_repeats} repeats")  # fmt: skip
    head = f"{'family':<10} {'default s':>9} | {'BO time':>22} {'BO iters':>22} {'BO nodes':>22} | {'random time':>22} {'random iters':>22}"
    print(head)
    print("-" * len(head))
    for r in rows:
        print(f"{r['family']:<10} {r['default_time_gm']:>9.2f} | {fmt(r['bo_time']):>22} {fmt(r['bo_simplex_iterations']):>22} "
              f"{fmt(r['bo_nodes']):>22} | {fmt(r['random_time']):>22} {fmt(r['random_simplex_iterations']):>22}")  # fmt: skip
    print()
    print(f"{'family':<10} {'tuning-set BO':>13} {'tuning-set RS':>13} {'time-outs d/bo/rs':>18} | "
          f"cumulative regret (s) after {args.length} instances: thompson / ucb / greedy / defaults only")  # fmt: skip
    for r in rows:
        t = r["timeouts"]
        o = r["online_final_regret"]
        print(f"{r['family']:<10} {r['tuning_speedup']['bo']:>12.2f}x {r['tuning_speedup']['random']:>12.2f}x "
              f"{t['default']:>6}/{t['bo']}/{t['random']:<9} | {o['thompson']:>8.1f} / {o['ucb']:.1f} / {o['greedy']:.1f}"
              f" / {o['defaults only']:.1f}")  # fmt: skip
    wins = sum(r["bo_time"][0] >= 1.5 for r in rows)
    bo_vs_rs = sum(r["bo_time"][0] >= r["random_time"][0] for r in rows)
    print()
    print(
        f"families with >= 1.5x held-out time speed-up (BO): {wins}/{len(rows)}; BO >= random search: {bo_vs_rs}/{len(rows)}"
    )
    plot_regret(curves, args.plot, title=f"Online choice among defaults / BO / random-search configs ({args.sequences} sequences)",
                ylabel="cumulative regret vs best fixed config (s)")  # fmt: skip
    print(f"plot: {args.plot}")
    atomic_json(Path(args.work_dir) / "summary.json", {"args": vars(args), "rows": rows})
    print(f"total {time.perf_counter() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
