"""Evaluation of any formulator on `{question, answer}` jsonl benchmark files.

Metrics (as in LLMOPT): solving accuracy SA (the objective found is within
max(0.01, 1e-4 * |answer|) of the answer), execution rate ER (the formulation parses, compiles
and solves to a status), and average self-correction tries AST. Per-problem results go to a
jsonl journal as they finish (so an interrupted run resumes where it stopped) and to Parquet at
the end; a PNG chart puts SA next to the published anchors.
"""

from __future__ import annotations

import json
import math
import multiprocessing
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from optmodel.atomic import atomic_path, write_json
from optmodel.errors import OptModelError

# Published solving accuracies (%) on the same benchmarks, from the LLMOPT and ORLM papers.
ANCHORS: dict[str, dict[str, float]] = {
    "nl4opt": {"tag-BART": 47.9, "GPT-4": 47.3, "ORLM-LLaMA-3-8B": 85.7, "LLMOPT-Qwen2.5-14B": 97.3},
    "mamo_easy": {"GPT-4": 66.5, "ORLM": 82.3, "LLMOPT": 95.3},
    "mamo_complex": {"ORLM": 37.4, "LLMOPT": 85.8},
    "industryor": {"ORLM": 38.0, "LLMOPT": 44.0},
}


def parse_answer(answer: object) -> float | None:
    """A benchmark answer as a float; answers may be numbers or numeric strings."""
    if answer is None or isinstance(answer, bool):
        return None
    if isinstance(answer, int | float):
        return float(answer) if math.isfinite(float(answer)) else None
    text = str(answer).strip().replace(",", "").replace("$", "")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def is_correct(objective: float | None, answer: object) -> bool:
    """|objective - answer| <= max(0.01, 1e-4 * |answer|)."""
    target = parse_answer(answer)
    if objective is None or target is None:
        return False
    try:
        value = float(objective)
    except (TypeError, ValueError):
        return False
    return math.isfinite(value) and abs(value - target) <= max(0.01, 1e-4 * abs(target))


def load_benchmark(path: str | Path) -> list[dict]:
    """Rows of a `{question, answer}` jsonl file, each with a stable `id` (its line number)."""
    from optmodel.parser import read_source

    path = Path(path)
    rows = []
    for n, line in enumerate(read_source(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise OptModelError(f"{path}, line {n}: not valid JSON ({exc.msg})") from None
        if not isinstance(row, dict) or "question" not in row or "answer" not in row:
            raise OptModelError(f"{path}, line {n}: each line needs `question` and `answer`")
        rows.append({"id": n, "question": str(row["question"]), "answer": row["answer"]})
    return rows


def _record(row: dict, result, max_tries: int, seconds: float) -> dict:
    sol = result.solution if result is not None else None
    status = sol.status if sol is not None else "error"
    objective = sol.objective if sol is not None else None
    if objective is not None:
        try:
            objective = float(objective)
        except (TypeError, ValueError):
            objective = None
        if objective is not None and not math.isfinite(objective):
            objective = None
    errors = [a.error for a in (result.attempts if result is not None else []) if a.error]
    return {
        "id": row["id"],
        "question": row["question"],
        "answer": str(row["answer"]),
        "formulation": result.formulation_text if result is not None else None,
        "status": status,
        "objective": objective,
        "tries": int(result.tries) if result is not None else max_tries,
        "executed": sol is not None and status != "error",
        "correct": status == "optimal" and is_correct(objective, row["answer"]),
        "error": errors[-1] if errors and status != "optimal" else None,
        "seconds": round(seconds, 3),
    }


def evaluate_rows(
    rows: Sequence[dict],
    formulator,
    *,
    max_tries: int = 3,
    samples: int = 1,
    time_limit: float | None = 30.0,
    on_done: Callable[[int], None] | None = None,
) -> list[dict]:
    """Formulate and solve a batch of benchmark problems (one batched generation per round);
    `on_done(i)` as each problem's result is final."""
    from optmodel.formulate import formulate_batch

    start = time.perf_counter()
    results = formulate_batch(
        [r["question"] for r in rows],
        formulator,
        max_tries=max_tries,
        samples=samples,
        time_limit=time_limit,
        on_done=on_done,
    )
    each = (time.perf_counter() - start) / max(1, len(rows))
    return [_record(row, res, max_tries, each) for row, res in zip(rows, results, strict=True)]


_WORKER_FORMULATOR = None
_WORKER_TICKS = None  # a queue to the parent: one item per finished problem


def _set_worker(formulator, ticks=None) -> None:
    global _WORKER_FORMULATOR, _WORKER_TICKS
    _WORKER_FORMULATOR, _WORKER_TICKS = formulator, ticks


def _worker_rows(rows: Sequence[dict], kwargs: dict) -> list[dict]:
    ticks = _WORKER_TICKS
    return evaluate_rows(
        rows, _WORKER_FORMULATOR, on_done=(lambda _i: ticks.put(1)) if ticks else None, **kwargs
    )


def summarize(results: Sequence[dict]) -> dict:
    n = len(results)
    if n == 0:
        return {"n": 0, "sa": None, "er": None, "ast": None}
    return {
        "n": n,
        "sa": 100.0 * sum(r["correct"] for r in results) / n,
        "er": 100.0 * sum(r["executed"] for r in results) / n,
        "ast": sum(r["tries"] for r in results) / n,
    }


def _write_parquet(results: Sequence[dict], path: Path) -> None:
    import polars as pl

    with atomic_path(path) as tmp:
        pl.DataFrame(sorted(results, key=lambda r: r["id"]), infer_schema_length=None).write_parquet(tmp)


def evaluate_file(
    path: str | Path,
    formulator,
    *,
    out_dir: str | Path = "runs/eval",
    limit: int | None = None,
    workers: int = 1,
    batch_size: int = 8,
    max_tries: int = 3,
    samples: int = 1,
    time_limit: float | None = 30.0,
    progress: bool = True,
) -> dict:
    """Evaluate `formulator` on one benchmark file; resumes from `out_dir/<name>.jsonl`."""
    from tqdm import tqdm

    path = Path(path)
    name = path.stem
    rows = load_benchmark(path)[: limit or None]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    journal = out / f"{name}.jsonl"
    done: dict[int, dict] = {}
    if journal.exists():
        for line in journal.read_text().splitlines():
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:  # a line cut short by an interrupt
                continue
            done[rec["id"]] = rec
    todo = [r for r in rows if r["id"] not in done]
    lock = threading.Lock()
    bar = tqdm(
        total=len(rows), initial=len(rows) - len(todo), desc=name, disable=not progress, unit="problem"
    )

    def tick(_i: int = 0) -> None:  # one problem finished (its record is written with its batch)
        with lock:
            bar.update(1)

    def record(rec: dict) -> None:
        with lock:
            done[rec["id"]] = rec
            with open(journal, "a", encoding="utf-8") as f:
                f.write(json.dumps(rec) + "\n")
            part = summarize([done[r["id"]] for r in rows if r["id"] in done])
            bar.set_postfix(SA=f"{part['sa']:.1f}", ER=f"{part['er']:.1f}")

    chunks = [todo[i : i + batch_size] for i in range(0, len(todo), max(1, batch_size))]
    kwargs = {"max_tries": max_tries, "samples": samples, "time_limit": time_limit}
    try:
        if workers <= 1:
            for chunk in chunks:
                for rec in evaluate_rows(chunk, formulator, on_done=tick, **kwargs):
                    record(rec)
        else:
            # processes, not threads: Pyomo's solver-output capture is not thread-safe. Forked
            # workers inherit the formulator (a loaded model is not pickled); they report each
            # finished problem through a queue that a thread here turns into progress.
            ctx = multiprocessing.get_context("fork")
            ticks = ctx.SimpleQueue()
            drain = threading.Thread(target=_drain, args=(ticks, tick), daemon=True)
            drain.start()
            with ProcessPoolExecutor(
                max_workers=workers, mp_context=ctx, initializer=_set_worker, initargs=(formulator, ticks)
            ) as pool:
                futures = [pool.submit(_worker_rows, chunk, kwargs) for chunk in chunks]
                try:
                    for fut in as_completed(futures):
                        for rec in fut.result():
                            record(rec)
                except KeyboardInterrupt:
                    for fut in futures:
                        fut.cancel()
                    raise
                finally:
                    ticks.put(None)
                    drain.join(timeout=5)
    finally:
        bar.close()
    results = [done[r["id"]] for r in rows]
    _write_parquet(results, out / f"{name}.parquet")
    summary = {
        "dataset": name,
        "file": str(path),
        "formulator": getattr(formulator, "name", "?"),
    } | summarize(results)
    write_json(out / f"{name}.summary.json", summary)
    return summary


def _drain(queue, tick: Callable[[int], None]) -> None:
    while queue.get() is not None:
        tick()


def print_table(summaries: Sequence[dict]) -> None:
    """One row per data set, next to the published anchors."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="Formulation accuracy")
    for col in ("data set", "n", "SA %", "ER %", "AST", "published SA %"):
        table.add_column(col, justify="left" if col in ("data set", "published SA %") else "right")
    for s in summaries:
        anchors = ", ".join(f"{k} {v:.1f}" for k, v in ANCHORS.get(s["dataset"], {}).items()) or "-"
        fmt = lambda v, d=1: "-" if v is None else f"{v:.{d}f}"  # noqa: E731
        table.add_row(
            escape(str(s["dataset"])), str(s["n"]), fmt(s["sa"]), fmt(s["er"]), fmt(s["ast"], 2), anchors
        )
    Console().print(table)


def plot_sa(summaries: Sequence[dict], path: str | Path, *, label: str = "optmodel") -> None:
    """A grouped bar chart of SA per data set: ours next to each published anchor."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [f"{s['dataset']}\n({s.get('n', '?')} problems)" for s in summaries]
    series: dict[str, list[float | None]] = {label: [s["sa"] for s in summaries]}
    for i, s in enumerate(summaries):
        for model, value in ANCHORS.get(s["dataset"], {}).items():
            series.setdefault(model, [None] * len(summaries))[i] = value
    width = 0.8 / len(series)
    fig, ax = plt.subplots(figsize=(max(6, 1.4 * len(names) + 2), 4.5))
    for k, (model, values) in enumerate(series.items()):
        xs = [i + k * width for i, v in enumerate(values) if v is not None]
        ys = [v for v in values if v is not None]
        bars = ax.bar(xs, ys, width, label=model if k else f"{model} (n = problems evaluated)")
        if k == 0:  # ours: the number of problems each bar is over
            counts = [s.get("n", "?") for s, v in zip(summaries, values, strict=True) if v is not None]
            ax.bar_label(
                bars, labels=[f"{v:.1f}\nn={n}" for v, n in zip(ys, counts, strict=True)], fontsize=6
            )
        else:
            ax.bar_label(bars, fmt="%.1f", fontsize=6)
    ax.set_xticks([i + 0.4 - width / 2 for i in range(len(names))], names, rotation=0, fontsize=8)
    ax.set_title("Solving accuracy; published figures are on each full test set", fontsize=9)
    ax.set_ylabel("solving accuracy (%)")
    ax.set_ylim(0, 100)
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    path = Path(path)
    with atomic_path(path) as tmp:
        fig.savefig(tmp, dpi=120)
    plt.close(fig)
