"""`optmodel serve`: the formulation service over HTTP (FastAPI + uvicorn)."""

from __future__ import annotations

import typer

from optmodel.errors import OptModelError

LOG_LEVELS = ("critical", "error", "warning", "info", "debug", "trace")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    host: str = typer.Option("127.0.0.1", help="address to listen on (0.0.0.0 exposes it to the network)"),
    port: int = typer.Option(8000, min=1, max=65535, help="port to listen on"),
    model: str = typer.Option(
        None,
        "--model",
        help="a Hugging Face causal LM folder or hub id; with --endpoint, the remote model name",
    ),
    endpoint: str = typer.Option(None, "--endpoint", help="an OpenAI-compatible base URL to forward to"),
    api_key_env: str = typer.Option(
        "OPTMODEL_API_KEY", help="environment variable holding the endpoint's API key"
    ),
    device: str = typer.Option("auto", help="auto, cpu or cuda[:N] for a local model"),
    max_request_bytes: int = typer.Option(1_000_000, min=1, help="largest request body accepted"),
    solve_time_limit: float = typer.Option(30.0, min=0.001, help="most seconds one solve may take"),
    concurrency: int = typer.Option(
        1, min=1, help="generations at once (keep 1 for a local model; more for an endpoint)"
    ),
    memory_limit: int = typer.Option(
        2048,
        min=64,
        help="MB of memory one compile-and-solve worker may add to the server's (it stops beyond)",
    ),
    header_timeout: float = typer.Option(10.0, min=0.1, help="seconds a client may take to send its headers"),
    body_timeout: float = typer.Option(30.0, min=0.1, help="seconds a client may take to send a body"),
    log_level: str = typer.Option("info", help="uvicorn log level"),
) -> None:
    """Serve /v1/chat/completions (OpenAI-compatible), /v1/formulate, /v1/solve and /health;
    the schema is at /openapi.json and the docs at /docs. The embedded model is the default."""
    if endpoint and not model:
        raise OptModelError("--endpoint needs --model NAME (the model name the endpoint serves)")
    if log_level not in LOG_LEVELS:
        raise OptModelError(f"unknown log level {log_level!r}", hint=f"use one of {', '.join(LOG_LEVELS)}")
    from optmodel.server import create_app

    options: dict[str, object] = {}
    if model:
        options["model"] = model
    if endpoint:
        options["endpoint"] = endpoint
        options["api_key_env"] = api_key_env
        options["concurrency"] = concurrency
    elif model and device != "auto":
        options["device"] = device
    from optmodel.formulators import get_formulator

    # Load now, so a bad --model or --endpoint is reported here rather than on the first request.
    formulator = get_formulator(**options)
    app = create_app(
        formulator,
        max_request_bytes=max_request_bytes,
        solve_time_limit=solve_time_limit,
        max_concurrent_generations=concurrency,
        worker_memory_mb=memory_limit,
        body_timeout=body_timeout,
    )
    typer.echo(
        f"optmodel serve: {formulator.name} on http://{host}:{port} (schema at /openapi.json)", err=True
    )
    from optmodel.serving import Server, config

    Server(config(app, host=host, port=port, header_timeout=header_timeout, log_level=log_level)).run()
