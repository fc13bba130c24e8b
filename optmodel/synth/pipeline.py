"""The synthesis pipeline: families x instances -> verified (text, formulation, optimum) rows.

Work is cut into shards (one family, a fixed range of instance numbers). Each shard is generated,
forward-modelled and written atomically to `OUT/shards/<family>/<start>-<stop>.parquet`; a rerun skips the
shards that exist, so an interrupted run resumes without duplicates or loss. Instance `i` of a
family is seeded by (seed, family, i), so results do not depend on workers, engine or order.
The merge step assigns splits by a hash of the formulation (one instance never straddles two
splits), drops repeated texts, and writes the data set, the hard-case pool and the benchmark.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from optmodel.atomic import atomic_path, write_json
from optmodel.errors import OptModelError

SPLITS = (("train", 0.8), ("validation", 0.1), ("test", 0.1))
ROW_COLUMNS = [
    "id", "family", "complexity", "nl", "formulation", "optimum", "status", "split", "solver_status",
    "knobs", "is_mip", "tries", "seed", "reason", "candidate", "nl_source",
]  # fmt: skip


@dataclass
class SynthConfig:
    families: list[str]
    per_family: int
    complexity: tuple[int, int] = (1, 3)
    seed: int = 0
    formulator: str | None = "oracle"  # "oracle", None (no forward modelling); objects via `synthesize`
    shard_size: int = 50
    reuse_identical: bool = True
    back_translator: str | None = None

    def key(self) -> dict[str, Any]:
        d = asdict(self)
        d["complexity"] = list(self.complexity)
        return d


@dataclass
class ShardTask:
    family: str
    index: int
    start: int
    stop: int
    out: str
    config: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- one shard


def _complexity(i: int, lo: int, hi: int) -> int:
    return lo + i % (hi - lo + 1)


def _write_parquet(rows: list[dict[str, Any]], path: Path) -> None:
    import polars as pl

    frame = pl.DataFrame(rows, schema=_schema(), orient="row") if rows else pl.DataFrame(schema=_schema())
    with atomic_path(path) as tmp:
        frame.write_parquet(tmp)


def _schema():
    import polars as pl

    return {
        "id": pl.Utf8, "family": pl.Utf8, "complexity": pl.Int64, "nl": pl.Utf8, "formulation": pl.Utf8,
        "optimum": pl.Float64, "status": pl.Utf8, "split": pl.Utf8, "solver_status": pl.Utf8,
        "knobs": pl.Utf8, "is_mip": pl.Boolean, "tries": pl.Int64, "seed": pl.Utf8, "reason": pl.Utf8,
        "candidate": pl.Utf8, "nl_source": pl.Utf8,
    }  # fmt: skip


def shard_path(out: str | Path, task: ShardTask) -> Path:
    """One file per (family, instance range): a rerun with a larger --per-family recomputes a
    previously partial last shard under its new range instead of keeping it short."""
    return Path(out) / "shards" / task.family / f"{task.start:07d}-{task.stop:07d}.parquet"


def run_shard(task: ShardTask, formulator=None, back_translator=None) -> tuple[str, int]:
    """Generate, verify and write one shard; returns (path, rows)."""
    from optmodel.synth.instance import make_instance
    from optmodel.synth.verify import forward_model

    cfg = task.config
    lo, hi = cfg["complexity"]
    rows: list[dict[str, Any]] = []
    for i in range(task.start, task.stop):
        row_id = f"{task.family}-s{cfg['seed']}-{i:06d}"
        seed = f"{cfg['seed']}:{i}"
        cx = _complexity(i, lo, hi)
        try:
            inst = make_instance(task.family, seed, cx)
        except Exception as exc:  # a family bug or a draw it cannot make: recorded, not fatal
            reason = (
                str(exc) if isinstance(exc, OptModelError) else f"family error {type(exc).__name__}: {exc}"
            )
            rows.append({**dict.fromkeys(ROW_COLUMNS), "id": row_id, "family": task.family, "complexity": cx,
                         "nl": "", "formulation": "", "status": "failed", "seed": seed, "reason": reason})  # fmt: skip
            continue
        rows.append({
            "id": row_id, "family": inst.family, "complexity": inst.complexity, "nl": inst.nl,
            "formulation": inst.formulation, "optimum": inst.optimum, "status": "unverified", "split": None,
            "solver_status": inst.solver_status, "knobs": json.dumps(inst.knobs, sort_keys=True),
            "is_mip": inst.is_mip, "tries": inst.tries, "seed": seed, "reason": "", "candidate": None,
            "_parsed": inst.parsed, "nl_source": "template",
        })  # fmt: skip
        if back_translator is not None:
            rows[-1]["nl"], rows[-1]["nl_source"] = back_translator.rewrite(inst.nl, inst.formulation)
    live = [r for r in rows if r["status"] == "unverified"]
    if formulator is None and cfg.get("formulator") == "oracle":
        from optmodel.formulators.oracle import InstanceOracle

        formulator = InstanceOracle((r["nl"], r["formulation"]) for r in live)
    if formulator is not None and live:
        for row, verdict in zip(
            live, forward_model(formulator, live, reuse_identical=cfg["reuse_identical"]), strict=True
        ):
            row["status"] = "verified" if verdict.accepted else "rejected"
            row["reason"] = verdict.reason
            if not verdict.accepted:
                row["candidate"] = verdict.candidate
    for row in rows:
        row.pop("_parsed", None)
    path = shard_path(task.out, task)
    _write_parquet(rows, path)
    return str(path), len(rows)


def _run_shard_args(args: tuple) -> tuple[str, int]:
    return run_shard(*args)


# ---------------------------------------------------------------- the whole run


def plan(config: SynthConfig, out: Path) -> list[ShardTask]:
    tasks = []
    for family in config.families:
        for k, start in enumerate(range(0, config.per_family, config.shard_size)):
            stop = min(start + config.shard_size, config.per_family)
            tasks.append(ShardTask(family, k, start, stop, str(out), config.key()))
    return tasks


def _check_config(config: SynthConfig, out: Path) -> None:
    """A resumed run must be the same run: refuse to mix shards of different settings."""
    path = out / "config.json"
    key = config.key()
    if path.exists():
        old = json.loads(path.read_text(encoding="utf-8"))
        same = {k: v for k, v in old.items() if k not in ("per_family", "families")}
        now = {k: v for k, v in key.items() if k not in ("per_family", "families")}
        if same != now:
            raise OptModelError(
                f"{out} holds a run with different settings ({old}); use a new --out folder or the same settings"
            )
    write_json(path, key)


def synthesize(
    families: Sequence[str] | None = None,
    *,
    per_family: int = 10,
    complexity: tuple[int, int] = (1, 3),
    out: str | Path = "data/synth",
    workers: int = 1,
    seed: int = 0,
    engine: str = "local",
    formulator: Any = "oracle",
    shard_size: int = 50,
    reuse_identical: bool = True,
    progress: bool = True,
    back_translator: Any = None,
) -> dict[str, Any]:
    """Run the pipeline and merge: returns the summary (also written to OUT/summary.json).

    `formulator`: "oracle" (the instance's own formulation, rebuilt in each worker), None (no
    forward modelling: rows stay "unverified"), or a `Formulator` object (pickled to workers).
    `back_translator`: None (the families' template English) or an object with
    `rewrite(text, formulation) -> (text, source)`, e.g. `LLMBackTranslator.from_endpoint(...)`.
    """
    from optmodel.synth.family import COMPLEXITY_LEVELS
    from optmodel.synth.family import families as all_families

    table = all_families()
    names = list(dict.fromkeys(families)) if families else sorted(table)
    unknown = [n for n in names if n not in table]
    if unknown:
        raise OptModelError(
            f"unknown families: {', '.join(unknown)}", hint="known: " + ", ".join(sorted(table))
        )
    lo, hi = complexity
    if not (min(COMPLEXITY_LEVELS) <= lo <= hi <= max(COMPLEXITY_LEVELS)):
        raise OptModelError(f"complexity must be LO..HI within 1..5, got {lo}..{hi}")
    if per_family < 1 or workers < 1 or shard_size < 1:
        raise OptModelError("--per-family, --workers and the shard size must be at least 1")
    if engine not in ("local", "ray"):
        raise OptModelError(f"unknown engine '{engine}' (use local or ray)")
    form_key = (
        formulator
        if (formulator is None or isinstance(formulator, str))
        else getattr(formulator, "name", "custom")
    )
    if isinstance(formulator, str) and formulator != "oracle":
        raise OptModelError(f"unknown formulator '{formulator}'; pass 'oracle', None or a Formulator object")
    bt_key = None if back_translator is None else getattr(back_translator, "name", "custom")
    config = SynthConfig(names, per_family, (lo, hi), seed, form_key, shard_size, reuse_identical, bt_key)
    out = Path(out)
    _check_config(config, out)
    tasks = plan(config, out)
    todo = [t for t in tasks if not shard_path(out, t).exists()]
    obj = None if isinstance(formulator, str) or formulator is None else formulator
    t0 = time.perf_counter()
    _execute(todo, obj, back_translator, workers=workers, engine=engine, progress=progress, total=sum(t.stop - t.start for t in tasks),
             done=sum(t.stop - t.start for t in tasks if t not in todo))  # fmt: skip
    elapsed = time.perf_counter() - t0
    summary = merge(out, tasks)
    summary.update(
        seconds=round(elapsed, 3),
        shards_run=len(todo),
        shards_total=len(tasks),
        workers=workers,
        engine=engine,
    )
    _write_json(out / "summary.json", summary)
    return summary


def _execute(
    todo: list[ShardTask],
    formulator,
    back_translator,
    *,
    workers: int,
    engine: str,
    progress: bool,
    total: int,
    done: int,
) -> None:
    from tqdm import tqdm

    bar = tqdm(total=total, initial=done, unit="inst", desc="synth", disable=not progress)
    try:
        if engine == "ray":
            _execute_ray(todo, formulator, back_translator, bar)
        elif workers == 1:
            for task in todo:
                _, n = run_shard(task, formulator, back_translator)
                bar.update(n)
        else:
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor, as_completed

            with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn")) as pool:
                futures = [pool.submit(_run_shard_args, (task, formulator, back_translator)) for task in todo]
                try:
                    for fut in as_completed(futures):
                        _, n = fut.result()
                        bar.update(n)
                except BaseException:
                    for fut in futures:
                        fut.cancel()
                    raise
    finally:
        bar.close()


def _execute_ray(todo: list[ShardTask], formulator, back_translator, bar) -> None:
    try:
        import ray
    except ImportError as exc:
        raise OptModelError("--engine ray needs Ray: pip install 'optmodel[ray]'") from exc
    if not ray.is_initialized():
        ray.init(address=os.environ.get("RAY_ADDRESS") or None)  # a cluster if RAY_ADDRESS is set, else local
    remote = ray.remote(run_shard)
    pending = [remote.remote(task, formulator, back_translator) for task in todo]
    try:
        while pending:
            ready, pending = ray.wait(pending, num_returns=1)
            for ref in ready:
                _, n = ray.get(ref)
                bar.update(n)
    except BaseException:
        for ref in pending:
            ray.cancel(ref)
        raise


# ---------------------------------------------------------------- merge


def split_of(formulation: str, seed: int) -> str:
    """The split of an instance: a hash of its formulation, so equal instances share a split."""
    digest = hashlib.sha256(f"{seed}\0{formulation}".encode()).digest()
    u = int.from_bytes(digest[:8], "big") / 2**64
    acc = 0.0
    for name, frac in SPLITS:
        acc += frac
        if u < acc:
            return name
    return SPLITS[-1][0]


def _write_json(path: Path, data: Any) -> None:
    write_json(path, data, sort_keys=True)


def merge(out: Path, tasks: Sequence[ShardTask]) -> dict[str, Any]:
    """Combine the shards into dataset.parquet (+ one file per split), hard_cases.parquet and
    benchmark.jsonl."""
    import polars as pl

    from optmodel.synth.verify import build_benchmark

    frames = [pl.read_parquet(shard_path(out, t)) for t in tasks]
    allrows = pl.concat(frames, how="vertical") if frames else pl.DataFrame(schema=_schema())
    allrows = allrows.sort("id")
    seed = int(tasks[0].config["seed"]) if tasks else 0
    good = allrows.filter(pl.col("status").is_in(["verified", "unverified"]))
    good = good.unique(subset=["nl"], keep="first", maintain_order=True)
    good = good.with_columns(
        pl.col("formulation").map_elements(lambda f: split_of(f, seed), return_dtype=pl.Utf8).alias("split")
    )
    hard = allrows.filter(pl.col("status") == "rejected")
    failed = allrows.filter(pl.col("status") == "failed")
    _atomic_parquet(good, out / "dataset.parquet")
    for name, _ in SPLITS:
        _atomic_parquet(good.filter(pl.col("split") == name), out / f"{name}.parquet")
    _atomic_parquet(hard, out / "hard_cases.parquet")
    n_bench = build_benchmark(hard.to_dicts(), out / "benchmark.jsonl")
    checked = good.filter(pl.col("status") == "verified").height + hard.height
    return {
        "instances": allrows.height,
        "dataset_rows": good.height,
        "verified": good.filter(pl.col("status") == "verified").height,
        "rejected": hard.height,
        "failed": failed.height,
        "failed_examples": sorted(set(failed["reason"].to_list()))[:5],
        "duplicates_dropped": allrows.height - hard.height - failed.height - good.height,
        "acceptance_rate": round(good.filter(pl.col("status") == "verified").height / checked, 6)
        if checked
        else None,
        "benchmark_rows": n_bench,
        "splits": {name: good.filter(pl.col("split") == name).height for name, _ in SPLITS},
        "families": sorted(set(allrows["family"].to_list())),
    }


def _atomic_parquet(frame, path: Path) -> None:
    with atomic_path(path) as tmp:
        frame.write_parquet(tmp)
