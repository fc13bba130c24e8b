"""`optmodel synth`: generate verified (text, formulation, optimum) data from the seed families."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from optmodel.errors import OptModelError


def parse_complexity(text: str) -> tuple[int, int]:
    """'2' -> (2, 2); '1..3' -> (1, 3)."""
    lo_s, sep, hi_s = text.partition("..")
    try:
        lo = int(lo_s)
        hi = int(hi_s) if sep else lo
    except ValueError:
        raise OptModelError(f"--complexity must be N or LO..HI (e.g. 1..3), got '{text}'") from None
    if not 1 <= lo <= hi <= 5:
        raise OptModelError(f"--complexity must lie within 1..5 with LO <= HI, got '{text}'")
    return lo, hi


def register(app: typer.Typer) -> None:
    @app.command()
    def synth(
        families: Annotated[
            str, typer.Option("--families", help="Comma-separated family names, or 'all'")
        ] = "all",
        per_family: Annotated[int, typer.Option("--per-family", help="Instances per family")] = 10,
        complexity: Annotated[
            str, typer.Option("--complexity", help="Complexity N or LO..HI (1..5)")
        ] = "1..3",
        out: Annotated[Path, typer.Option("--out", help="Output folder (a rerun resumes it)")] = Path(
            "data/synth"
        ),
        workers: Annotated[int, typer.Option("--workers", help="Worker processes")] = 1,
        seed: Annotated[int, typer.Option("--seed", help="Random seed: fixes every instance and text")] = 0,
        engine: Annotated[str, typer.Option("--engine", help="local (processes) or ray")] = "local",
        verify: Annotated[
            str, typer.Option("--verify", help="Forward model for rejection sampling: oracle or none")
        ] = "oracle",
        shard_size: Annotated[int, typer.Option("--shard-size", help="Instances per shard file")] = 50,
        list_families: Annotated[bool, typer.Option("--list", help="List the families and exit")] = False,
        llm_endpoint: Annotated[
            str | None,
            typer.Option("--llm-endpoint", help="OpenAI-compatible URL: rewrite the English with an LLM"),
        ] = None,
        llm_model: Annotated[
            str | None, typer.Option("--llm-model", help="Model name for --llm-endpoint")
        ] = None,
    ) -> None:
        """Synthesize word problems with ground-truth optima into OUT/dataset.parquet (+ splits,
        hard_cases.parquet, benchmark.jsonl, summary.json)."""
        from optmodel.synth.family import families as all_families

        if list_families:
            for name, fam in sorted(all_families().items()):
                typer.echo(f"{name}\t{','.join(fam.tags)}")
            return
        names = (
            None if families.strip() in ("", "all") else [n.strip() for n in families.split(",") if n.strip()]
        )
        if verify not in ("oracle", "none"):
            raise OptModelError(f"--verify must be 'oracle' or 'none', got '{verify}'")
        from optmodel.synth.pipeline import synthesize

        back_translator = None
        if llm_endpoint or llm_model:
            if not (llm_endpoint and llm_model):
                raise OptModelError("--llm-endpoint and --llm-model go together")
            from optmodel.synth.backtranslate import LLMBackTranslator

            back_translator = LLMBackTranslator.from_endpoint(llm_endpoint, llm_model)

        summary = synthesize(
            names,
            per_family=per_family,
            complexity=parse_complexity(complexity),
            out=out,
            workers=workers,
            seed=seed,
            engine=engine,
            formulator=None if verify == "none" else "oracle",
            shard_size=shard_size,
            back_translator=back_translator,
        )
        typer.echo(json.dumps(summary, indent=2, sort_keys=True))
