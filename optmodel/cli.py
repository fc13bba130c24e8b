"""The `optmodel` command line. Each group of commands lives in `optmodel/commands/` and
registers itself here; command modules import only light modules at the top so that
`optmodel solve FILE.fe` never loads torch."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="optmodel",
    help="Plain-English optimization problems -> five-element formulation -> Pyomo -> HiGHS.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# core first (solve, check, show), then the pipelines; a missing module just means no command.
COMMAND_MODULES = ["core", "synth", "tune", "train", "evaluate", "serve"]

for _name in COMMAND_MODULES:
    try:
        _module = importlib.import_module(f"optmodel.commands.{_name}")
    except ModuleNotFoundError as _exc:  # a command group not written yet
        if _exc.name != f"optmodel.commands.{_name}":
            raise
        continue
    _module.register(app)


def main() -> None:
    """Entry point: user errors become one paragraph on stderr and exit status 2."""
    import os
    import sys

    from optmodel.errors import OptModelError

    try:  # typer >= 0.2x ships its own copy of click
        from typer._click import exceptions as click
    except ImportError:
        import click.exceptions as click

    try:
        code = app(standalone_mode=False)  # usage errors come back here, not as typer's box
    except OptModelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
    except click.UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # plain `optmodel`: the help, as before
            exc.show()
            sys.exit(2)
        command = exc.ctx.command_path if exc.ctx is not None else "optmodel"
        print(f"error: {exc.format_message()} (see `{command} --help`)", file=sys.stderr)
        sys.exit(2)
    except click.ClickException as exc:
        print(f"error: {exc.format_message()}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # a bug of ours: one line, the traceback only on request
        if os.environ.get("OPTMODEL_DEBUG"):
            raise
        print(
            f"internal error: {type(exc).__name__}: {exc} (set OPTMODEL_DEBUG=1 for the traceback; please report it)",
            file=sys.stderr,
        )
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
