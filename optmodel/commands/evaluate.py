"""`optmodel eval`: solving accuracy, execution rate and self-correction tries on benchmark files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from optmodel.errors import OptModelError


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def evaluate(
        files: Annotated[
            list[Path], typer.Argument(help="Benchmark files of {question, answer} lines (.jsonl)")
        ],
        limit: Annotated[
            int | None, typer.Option("--limit", help="Only the first N problems of each file")
        ] = None,
        workers: Annotated[
            int, typer.Option("--workers", help="Batches formulated and solved in parallel")
        ] = 1,
        batch_size: Annotated[int, typer.Option("--batch-size", help="Problems per batched generation")] = 8,
        model: Annotated[
            str | None, typer.Option("--model", help="Checkpoint folder (default: the embedded model)")
        ] = None,
        endpoint: Annotated[str | None, typer.Option("--endpoint", help="OpenAI-compatible base URL")] = None,
        out: Annotated[
            Path, typer.Option("--out", help="Folder for results (Parquet, journal, chart)")
        ] = Path("runs/eval"),
        tries: Annotated[int, typer.Option("--tries", help="Self-correction rounds")] = 3,
        samples: Annotated[int, typer.Option("--samples", help="Samples per round (self-consistency)")] = 1,
        time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds per solve")] = 30.0,
        json_out: Annotated[bool, typer.Option("--json", help="Print the summaries as JSON")] = False,
    ) -> None:
        """Evaluate a formulator; an interrupted run resumes from the journal in OUT."""
        from optmodel.evaluate import load_benchmark

        for f in files:  # every file checked before a model is loaded
            load_benchmark(f)
        if workers < 1 or batch_size < 1 or tries < 1 or samples < 1:
            raise OptModelError("--workers, --batch-size, --tries and --samples must be at least 1")
        from optmodel.evaluate import evaluate_file, plot_sa, print_table
        from optmodel.formulators import get_formulator

        formulator = get_formulator(model=model, endpoint=endpoint)
        summaries = []
        for f in files:
            summaries.append(
                evaluate_file(
                    f,
                    formulator,
                    out_dir=out,
                    limit=limit,
                    workers=workers,
                    batch_size=batch_size,
                    max_tries=tries,
                    samples=samples,
                    time_limit=time_limit,
                )
            )
        if json_out:
            typer.echo(json.dumps(summaries, indent=2))
        else:
            print_table(summaries)
        plot_sa(summaries, out / "sa.png", label=getattr(formulator, "name", "optmodel"))
        if not json_out:
            typer.echo(f"per-problem results: {out}/<data set>.parquet; chart: {out / 'sa.png'}")
