"""`optmodel tune`: Bayesian optimisation of HiGHS options for a family of instances."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from optmodel.errors import OptModelError


def register(app: typer.Typer) -> None:
    @app.command()
    def tune(
        instances: Annotated[
            list[Path], typer.Argument(help="Instances of one family: five-element (.fe), MPS or LP files")
        ],
        out: Annotated[Path, typer.Option("--out", help="Profile to write, e.g. solvers/profiles/NAME.toml")],
        budget: Annotated[
            int, typer.Option("--budget", help="Configurations to evaluate (HiGHS defaults first)")
        ] = 30,
        time_limit: Annotated[
            float, typer.Option("--time-limit", help="Seconds per solve; time-outs cost 10x (PAR10)")
        ] = 10.0,
        metric: Annotated[
            str, typer.Option("--metric", help="time | work (iterations + nodes, load-independent) | gap")
        ] = "time",
        seed: Annotated[int, typer.Option("--seed", help="Seed of the search")] = 0,
        repeats: Annotated[
            int, typer.Option("--repeats", help="Solves per instance, each with another HiGHS random_seed")
        ] = 1,
        strategy: Annotated[
            str, typer.Option("--strategy", help="bo (Gaussian process) or random (baseline)")
        ] = "bo",
        cap_factor: Annotated[
            float,
            typer.Option(
                "--cap-factor",
                help="Abandon a configuration slower than this x the best on an instance (0: never)",
            ),
        ] = 3.0,
        family: Annotated[
            str | None, typer.Option("--family", help="Family name recorded in the profile")
        ] = None,
        history: Annotated[
            Path | None,
            typer.Option("--history", help="History file (JSON lines) to save to and resume from"),
        ] = None,
        space: Annotated[
            Path | None, typer.Option("--space", help="Option space TOML (default: solvers/highs.toml)")
        ] = None,
        quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar")] = False,
    ) -> None:
        """Tune HiGHS options on INSTANCES and write the best configuration as a solver profile.

        Interrupt at any time: running the same command again resumes from the saved history.
        """
        from optmodel.tune import default_history
        from optmodel.tune import tune as run_tune

        try:
            if out.suffix != ".toml":
                raise OptModelError("the profile to write must be a .toml file", file=str(out))
            history_path = history or default_history(out)
            typer.echo(f"history: {history_path}", err=True)
            result = run_tune(
                instances, budget=budget, time_limit=time_limit, metric=metric, repeats=repeats, seed=seed,
                strategy=strategy, cap_factor=cap_factor or None, space=space, history=history_path, out=out,
                family=family, progress=not quiet,
            )  # fmt: skip
        except OptModelError as exc:
            print(f"error: {exc}", file=sys.stderr)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            print("interrupted; run the same command again to resume from the saved history", file=sys.stderr)
            raise typer.Exit(130) from None
        default, best = result.default, result.best
        typer.echo(
            f"evaluated {len(result.evaluations)} configurations on {len(result.instances)} instances ({metric})"
        )
        typer.echo(f"default cost {default.cost:.4f}, best cost {best.cost:.4f} (evaluation {best.index})")
        typer.echo(f"speed-up on the tuning instances: {result.speedup:.2f}x (geometric mean)")
        typer.echo(f"wrote {out}")
