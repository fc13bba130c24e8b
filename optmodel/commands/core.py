"""`optmodel solve`, `optmodel check`, `optmodel show`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from optmodel.errors import OptModelError
from optmodel.parser import read_source


def _is_formulation(path: Path, text: str) -> bool:
    from optmodel.parser import looks_like_formulation

    return path.suffix == ".fe" or looks_like_formulation(text)


def _load(path: Path, text: str):
    from optmodel.parser import parse

    return parse(text, file=str(path), base_dir=str(path.parent))


def register(app: typer.Typer) -> None:
    @app.command()
    def solve(
        file: Annotated[
            Path, typer.Argument(help="A five-element file (.fe) or a plain-English problem (.txt)")
        ],
        json_out: Annotated[bool, typer.Option("--json", help="Print the result as JSON")] = False,
        time_limit: Annotated[float | None, typer.Option("--time-limit", help="Seconds for HiGHS")] = None,
        option: Annotated[
            list[str] | None, typer.Option("--option", "-o", help="HiGHS option key=value (repeatable)")
        ] = None,
        profile: Annotated[
            str | None, typer.Option("--profile", help="Solver profile name or path to a .toml")
        ] = None,
        model: Annotated[
            str | None,
            typer.Option("--model", help="Formulation model: checkpoint folder or endpoint model name"),
        ] = None,
        endpoint: Annotated[str | None, typer.Option("--endpoint", help="OpenAI-compatible base URL")] = None,
        tries: Annotated[int, typer.Option("--tries", help="Self-correction rounds for text problems")] = 3,
        samples: Annotated[int, typer.Option("--samples", help="Samples per round (self-consistency)")] = 1,
        all_values: Annotated[bool, typer.Option("--all", help="Also print variables at zero")] = False,
        backend: Annotated[
            str,
            typer.Option(
                "--backend", help="highs (arrays straight to HiGHS) or pyomo (through a Pyomo model)"
            ),
        ] = "highs",
        log: Annotated[
            bool, typer.Option("--log", help="Stream the HiGHS log to stderr while it solves")
        ] = False,
        out: Annotated[
            Path | None,
            typer.Option("--out", help="Also write the solution to this .parquet, .csv or .json file"),
        ] = None,
    ) -> None:
        """Solve a five-element formulation, or formulate and solve a plain-English problem."""
        from optmodel.profiles import parse_option

        text = read_source(file)
        options = dict(parse_option(o) for o in option or [])
        if out is not None and out.suffix.lower() not in (".parquet", ".csv", ".json"):
            raise OptModelError(f"--out {out}: the result file must end in .parquet, .csv or .json")
        if backend not in ("highs", "pyomo"):
            raise OptModelError(f"unknown backend '{backend}'", hint="use --backend highs (default) or pyomo")
        # HiGHS's own output (`--option output_flag=true`) comes back like --log: on stderr, so
        # that it never mixes into --json on stdout
        stream = _stderr_line if log or options.get("output_flag") in (True, "on") else None

        def run(form):
            from optmodel.solver import solve as run_solve

            return run_solve(
                form,
                time_limit=time_limit,
                options=options,
                profile=profile,
                backend=backend,
                ranging=True,
                log=stream,
            )

        def finish(form, sol, **report) -> None:
            _report(form, sol, json_out, all_values, **report)
            if out is not None:
                sol.write(out)
            raise typer.Exit(0 if sol.status != "error" else 1)

        if _is_formulation(file, text):
            form = _load(file, text)
            finish(form, run(form), formulation_text=None)
        from optmodel.errors import LimitError
        from optmodel.formulate import formulate_and_solve, problem_error
        from optmodel.formulators import get_formulator
        from optmodel.solver import solver_options

        solver_options(options, profile, time_limit)  # fail early on bad options
        refused = problem_error(text)  # and on text no formulator could take, before loading one
        if refused is not None:
            raise LimitError(refused, file=str(file))
        formulator = get_formulator(model=model, endpoint=endpoint)
        result = formulate_and_solve(
            text, formulator, max_tries=tries, samples=samples, time_limit=time_limit or 30.0
        )
        if result.solution is None or result.formulation is None:
            last = result.attempts[-1].error if result.attempts else "no output"
            if json_out:
                typer.echo(
                    json.dumps(
                        {
                            "status": "error",
                            "formulation": result.formulation_text,
                            "tries": result.tries,
                            "error": last,
                        },
                        indent=2,
                    )
                )
            else:
                typer.echo(result.formulation_text or "")
            stopped = f" ({result.stopped})" if result.stopped else ""
            raise OptModelError(
                f"could not write a working formulation in {result.tries} tries{stopped}; last error: {last}",
                file=str(file),
            )
        # the formulation loop solved with the defaults; solve again the way the options ask
        again = options or profile or log or backend != "highs"
        sol = run(result.formulation) if again else result.solution
        finish(result.formulation, sol, formulation_text=result.formulation_text, tries=result.tries)

    @app.command()
    def check(file: Annotated[Path, typer.Argument(help="A five-element file")]) -> None:
        """Validate a formulation (parse and compile, no solve) and print its canonical text."""
        from rich.console import Console

        from optmodel.compiler import expand

        text = read_source(file)
        form = _load(file, text)
        compiled = expand(form)
        refusal = compiled.highs_refusal()
        if refusal:
            raise OptModelError(refusal, file=str(file), element="objective")
        console = Console(highlight=False)
        canonical = form.to_text()
        if console.is_terminal:  # colours, and long lines run on rather than wrap, so a copy parses
            from rich.syntax import Syntax

            console.print(
                Syntax(canonical, "python", theme="ansi_dark", background_color="default"), soft_wrap=True
            )
        else:  # a pipe or a file: the text exactly, parseable again
            typer.echo(canonical)
        user = [v for v in compiled.variables.values() if not v.aux]
        n_vars = sum(len(v.keys) for v in user)
        n_rows = sum(len(c.rows) for c in compiled.constraints.values() if not c.aux)
        kind = "MIP" if compiled.is_mip else "LP"
        if compiled.is_quadratic:
            kind = "QP"
        extra = ""
        n_aux = sum(len(v.keys) for v in compiled.variables.values() if v.aux)
        if n_aux:
            n_aux_rows = sum(len(c.rows) for c in compiled.constraints.values() if c.aux)
            extra = f" (linearised with {n_aux} auxiliary variables and {n_aux_rows} auxiliary rows)"
        line = f"ok: {file} is a valid {kind} with {n_vars} variables and {n_rows} constraints{extra}"
        typer.echo(("# " if not console.is_terminal else "") + line)

    @app.command()
    def export(
        file: Annotated[Path, typer.Argument(help="A five-element file")],
        to: Annotated[str, typer.Option("--to", help="lp or mps")] = "lp",
        out: Annotated[
            Path | None, typer.Option("--out", "-o", help="Output file (default: FILE with the new suffix)")
        ] = None,
    ) -> None:
        """Write a formulation as an LP or MPS file, for other solvers and tools."""
        from optmodel.export import FORMATS
        from optmodel.export import export as write

        fmt = to.lower()
        if fmt not in FORMATS:
            raise OptModelError(f"unknown export format '{to}'", hint="use --to lp or --to mps")
        text = read_source(file)
        form = _load(file, text)
        path = write(form, out or file.with_suffix("." + fmt), fmt)
        typer.echo(f"wrote {path}")

    @app.command()
    def show(
        file: Annotated[Path, typer.Argument(help="A five-element file")],
        latex: Annotated[bool, typer.Option("--latex", help="Render the model in LaTeX")] = False,
        json_out: Annotated[bool, typer.Option("--json", help="The formulation as JSON")] = False,
        yaml_out: Annotated[bool, typer.Option("--yaml", help="The formulation as YAML")] = False,
    ) -> None:
        """Print a formulation: canonical text (default), LaTeX, JSON or YAML."""
        text = read_source(file)
        form = _load(file, text)
        if latex:
            from optmodel.latex import to_latex

            typer.echo(to_latex(form))
        elif json_out:
            typer.echo(form.to_json())
        elif yaml_out:
            from optmodel.jsonio import to_yaml

            typer.echo(to_yaml(form))
        else:
            typer.echo(form.to_text())


def _fmt_index(key: tuple) -> str:
    return ", ".join(str(k) for k in key)


def _stderr_line(line: str) -> None:
    """One piece of HiGHS log, written as it arrives (HiGHS ends its own lines)."""
    import sys

    sys.stderr.write(line)
    sys.stderr.flush()


def _report(
    form, sol, json_out: bool, all_values: bool, formulation_text: str | None, tries: int | None = None
) -> None:
    if json_out:
        out = sol.to_dict()
        if formulation_text is not None:
            out = {"formulation": formulation_text, "tries": tries, **out}
        typer.echo(json.dumps(out, indent=2, default=str))
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    if formulation_text is not None:
        console.rule("formulation")
        console.print(formulation_text, markup=False, highlight=False)
        console.rule(f"solution (after {tries} tr{'y' if tries == 1 else 'ies'})")
    color = {"optimal": "green", "time_limit": "yellow"}.get(sol.status, "red")
    console.print(f"status: [{color}]{sol.status}[/{color}]  ({escape(sol.message)})", highlight=False)
    if sol.objective is not None:
        sense = form.objective.sense if form.objective else ""
        console.print(f"objective ({sense}): [bold]{sol.objective:.10g}[/bold]", highlight=False)
    if sol.is_mip and (sol.bound is not None or sol.gap is not None):
        parts = [f"incumbent {sol.objective:.10g}" if sol.objective is not None else "no incumbent"]
        if sol.bound is not None:
            parts.append(f"bound {sol.bound:.10g}")
        if sol.gap is not None and sol.objective is not None:
            parts.append(f"gap {100 * sol.gap:.4g}%")
        console.print("MIP: " + ", ".join(parts), highlight=False)
    console.print(f"time: build {sol.build_time:.3f} s, solve {sol.solve_time:.3f} s", highlight=False)
    if sol.iis:
        console.print("conflicting constraints (IIS): " + ", ".join(sol.iis), markup=False, highlight=False)
    if sol.iis_bounds:
        console.print(
            "conflicting variable bounds (IIS): " + ", ".join(sol.iis_bounds), markup=False, highlight=False
        )
    for name, rows in sol.values.items():
        shown = [(k, v) for k, v in rows.items() if all_values or abs(v) > 1e-9]
        if not shown:
            continue
        if list(rows) == [()]:
            console.print(f"{name} = {rows[()]:.10g}", markup=False, highlight=False)
            continue
        table = Table(title=escape(name), title_justify="left", show_edge=False)
        table.add_column("index")
        table.add_column("value", justify="right")
        # a reduced cost says something only for a non-basic variable (at a bound, non-zero cost);
        # basic ones are 0 by definition, so their cells stay empty
        costs = {k: c for k, c in sol.reduced_costs.get(name, {}).items() if abs(c) > 1e-9}
        shown_costs = any(k in costs for k, _ in shown[:200])
        if shown_costs:
            table.add_column("reduced cost", justify="right")
        for k, v in shown[:200]:
            row = [escape(_fmt_index(k)), f"{v:.10g}"]
            if shown_costs:
                row.append(f"{costs[k]:.6g}" if k in costs else "")
            table.add_row(*row)
        if len(shown) > 200:
            table.add_row("...", f"{len(shown) - 200} more (use --json)")
        console.print(table)
        hidden = sum(1 for k in costs if abs(rows.get(k, 0.0)) <= 1e-9) if not all_values else 0
        if hidden:
            console.print(
                f"  ({hidden} more at zero with a non-zero reduced cost: --all shows them)",
                highlight=False,
            )
    if sol.duals:
        table = Table(title="constraint duals (shadow prices)", title_justify="left", show_edge=False)
        table.add_column("constraint")
        table.add_column("activity", justify="right")
        table.add_column("slack", justify="right")
        table.add_column("dual", justify="right")
        count = 0
        for name, rows in sol.duals.items():
            acts, slacks = sol.activities.get(name, {}), sol.slacks.get(name, {})
            for k, v in rows.items():
                if abs(v) > 1e-9 and count < 50:
                    cells = [f"{acts[k]:.6g}" if k in acts else "", f"{slacks[k]:.6g}" if k in slacks else ""]
                    table.add_row(escape(name + (f"[{_fmt_index(k)}]" if k else "")), *cells, f"{v:.6g}")
                    count += 1
        if count:
            console.print(table)
