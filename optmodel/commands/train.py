"""`optmodel train`: train the embedded formulation model, or fine-tune a causal LM (--base)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from optmodel.errors import OptModelError


def register(app: typer.Typer) -> None:
    @app.command()
    def train(
        data: Annotated[
            Path,
            typer.Option("--data", help="Synthesised rows: a folder of Parquet files (optmodel synth --out)"),
        ],
        out: Annotated[Path, typer.Option("--out", help="Checkpoint folder, e.g. models/NAME")],
        base: Annotated[
            str | None, typer.Option("--base", help="Fine-tune this causal-LM checkpoint instead")
        ] = None,
        lora: Annotated[
            bool, typer.Option("--lora/--full", help="With --base: LoRA adapters or full fine-tuning")
        ] = True,
        warm_start: Annotated[
            bool, typer.Option("--warm-start/--scratch", help="pointer: start the encoder from MiniLM or at random")
        ] = True,
        train_layers: Annotated[
            int, typer.Option("--train-layers", help="pointer: how many top MiniLM layers are fine-tuned")
        ] = 2,
        epochs: Annotated[
            int | None, typer.Option("--epochs", help="--base: passes over the data (default 1)")
        ] = None,
        batch_size: Annotated[
            int | None, typer.Option("--batch-size", help="Default 32 (embedded) or 4 (--base)")
        ] = None,
        device: Annotated[str, typer.Option("--device", help="auto, cpu or cuda (pointer and --base)")] = "auto",
        lr: Annotated[
            float | None, typer.Option("--lr", help="Learning rate (default 5e-4 embedded)")
        ] = None,
        max_steps: Annotated[
            int | None, typer.Option("--max-steps", help="Stop after this many optimizer steps")
        ] = None,
        time_limit: Annotated[
            float | None, typer.Option("--time-limit", help="Stop after this many training seconds")
        ] = None,
        seed: Annotated[int, typer.Option("--seed")] = 0,
        repair_fraction: Annotated[
            float, typer.Option("--repair-fraction", help="--base: share of rows that also give a repair pair")
        ] = 0.3,
        threads: Annotated[
            int | None,
            typer.Option("--threads", help="CPU threads for torch (default: all)"),
        ] = None,
        eval_every: Annotated[
            int, typer.Option("--eval-every", help="Steps between validation solving-accuracy checks")
        ] = 1000,
        init_from: Annotated[
            Path | None, typer.Option("--init-from", help="pointer: start from this trained pointer checkpoint")
        ] = None,
        fresh: Annotated[
            bool, typer.Option("--fresh", help="Ignore checkpoints in OUT and start over")
        ] = False,
        name_tagger: Annotated[
            bool, typer.Option("--name-tagger", help="pointer: add the head that names the variables")
        ] = False,
        names_only: Annotated[
            bool,
            typer.Option("--names-only", help="pointer: train only the naming head on --init-from's frozen weights"),
        ] = False,
    ) -> None:
        """Train a formulation model on synthesised (text, formulation, optimum) rows; resumes from OUT."""
        if not data.exists():
            raise OptModelError(f"training data not found: {data}")
        if base:
            from optmodel.lm_train import train_causal_lm

            summary = train_causal_lm(
                data,
                out,
                base=base,
                lora=lora,
                epochs=epochs or 1,
                batch_size=batch_size or 4,
                lr=lr,
                max_steps=max_steps,
                seed=seed,
                resume=not fresh,
                device=device,
                repair_fraction=repair_fraction,
            )
        else:
            from optmodel.model.ptrain import train_pointer

            summary = train_pointer(
                data,
                out,
                batch_size=batch_size or 32,
                lr=lr or 5e-4,
                max_steps=max_steps or 6000,
                time_limit=time_limit,
                seed=seed,
                threads=threads,
                warm_start=warm_start,
                trainable_encoder_layers=train_layers,
                device=device,
                eval_every=eval_every,
                fresh=fresh,
                init_from=init_from,
                name_tagger=name_tagger,
                names_only=names_only,
                log=lambda m: typer.echo(m, err=True),
            )
        typer.echo(json.dumps(summary, indent=2, default=str))
