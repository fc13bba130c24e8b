"""One formulation service that many clients can call: an OpenAI-compatible chat endpoint backed by
any formulator, plus `/v1/formulate` and `/v1/solve`. Requests are parsed, never executed:
formulations go through the five-element parser, `file(...)` tables are refused (a request must
not read the server's files), and solver profiles are looked up by name only.
"""

from __future__ import annotations

import math
import re
import threading
import time
import uuid
from collections.abc import Sequence
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from optmodel.errors import OptModelError
from optmodel.formulators.base import FormulationRequest, Formulator, as_candidate

DEFAULT_MAX_REQUEST_BYTES = 1_000_000
DEFAULT_SOLVE_TIME_LIMIT = 30.0
MAX_TEXT = 200_000  # characters in one problem or formulation
_FILE_CALL = re.compile(r"\bfile\s*\(")


# ---------------------------------------------------------------- errors


class APIError(Exception):
    """An error answered as OpenAI-style JSON: {"error": {"message", "type", "code"}}."""

    def __init__(self, status: int, message: str, kind: str = "invalid_request_error") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.kind = kind


def _error(status: int, message: str, kind: str = "invalid_request_error") -> JSONResponse:
    return JSONResponse({"error": {"message": message, "type": kind, "code": status}}, status_code=status)


class _BodyLimit:
    """Refuse bodies over `limit` bytes, by Content-Length or while streaming (chunked uploads)."""

    def __init__(self, app, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await _error(413, f"the request body is larger than {self.limit} bytes")(scope, receive, send)
            return
        # Read the whole (bounded) body first, then replay it: a limit enforced here cannot be
        # turned into a generic 400 by the framework's body parsing.
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.limit:
                await _error(413, f"the request body is larger than {self.limit} bytes")(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


# ---------------------------------------------------------------- request and response bodies


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str | list[dict[str, Any]] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):  # content parts: keep the text ones
            return "\n".join(str(p.get("text", "")) for p in self.content if p.get("type") == "text")
        return self.content or ""


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="allow")  # other OpenAI parameters are accepted and ignored
    model: str | None = None
    messages: list[ChatMessage] = Field(min_length=1, max_length=200)
    n: int = Field(1, ge=1, le=16)
    stream: bool = False


class FormulateRequest(BaseModel):
    problem: str = Field(min_length=1, max_length=MAX_TEXT)
    samples: int = Field(1, ge=1, le=16, description="self-consistency samples (vote on the objective)")
    max_tries: int = Field(3, ge=1, le=8, description="self-correction rounds")


class SolveRequest(BaseModel):
    problem: str | None = Field(None, min_length=1, max_length=MAX_TEXT)
    formulation: str | None = Field(None, min_length=1, max_length=MAX_TEXT)
    time_limit: float | None = Field(None, gt=0, description="seconds; capped by the server's limit")
    profile: str | None = Field(None, pattern=r"^[A-Za-z0-9_-]{1,64}$", description="a solver profile name")
    samples: int = Field(1, ge=1, le=16)
    max_tries: int = Field(3, ge=1, le=8)


# ---------------------------------------------------------------- helpers


class _Guarded:
    """A formulator shared by request threads: at most `limit` generate() calls at once
    (local models are not thread-safe; remote ones are limited by their own concurrency)."""

    def __init__(self, inner: Formulator, limit: int) -> None:
        self.inner = inner
        self.name = inner.name
        self.needs_numbers = getattr(inner, "needs_numbers", False)
        self._slots = threading.BoundedSemaphore(limit)

    def generate(self, requests: Sequence[FormulationRequest], *, num_samples: int = 1) -> list[list[str]]:
        with self._slots:
            try:
                return self.inner.generate(requests, num_samples=num_samples)
            except OptModelError as exc:  # e.g. an upstream endpoint that stays down
                raise APIError(502, f"the formulator failed: {exc}", "upstream_error") from exc


class _NoFiles:
    """For formulations the server compiles itself."""

    def __init__(self, inner: _Guarded) -> None:
        self.inner = inner
        self.name = inner.name
        self.needs_numbers = inner.needs_numbers

    def generate(self, requests: Sequence[FormulationRequest], *, num_samples: int = 1) -> list[list[str]]:
        out = self.inner.generate(requests, num_samples=num_samples)
        # A generated `file(...)` table would make the compiler read a server file; rename the
        # call so it fails to parse and the self-correction loop asks for inline data instead.
        # Each candidate keeps its score, so the server selects exactly as the CLI does.
        return [
            [as_candidate(t).with_text(_FILE_CALL.sub("file_tables_are_not_allowed_on_the_server(", t)) for t in c]
            for c in out
        ]


def _check_formulation(text: str):
    """Parse a formulation from a request, refusing `file(...)` tables."""
    from optmodel.formulation import FileData
    from optmodel.parser import parse

    form = parse(text, file="<request>")
    for param in form.params:
        if isinstance(param.value, FileData):
            raise APIError(400, f"parameter {param.name!r} reads a file; the server accepts inline data only")
    return form


def _json_safe(value: Any) -> Any:
    """NaN/inf become null, tuples lists, unknown objects strings: responses are strict JSON."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if value is None or isinstance(value, str | int | bool):
        return value
    return str(value)


def _result_dict(result: Any) -> dict[str, Any]:
    """A `FormulateResult` as JSON: the chosen formulation, its solution, and every attempt."""
    solution = result.solution
    return _json_safe(
        {
            "problem": result.problem,
            "formulation": result.formulation_text,
            "status": solution.status if solution is not None else "no_formulation",
            "objective": solution.objective if solution is not None else None,
            "solution": solution.to_dict() if solution is not None else None,
            "tries": result.tries,
            "attempts": [
                {"formulation": a.text, "error": a.error, "status": a.status, "objective": a.objective}
                for a in result.attempts
            ],
        }
    )


# ---------------------------------------------------------------- the app


def create_app(
    formulator: Formulator | None = None,
    *,
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
    solve_time_limit: float = DEFAULT_SOLVE_TIME_LIMIT,
    max_concurrent_generations: int = 1,
    formulator_options: dict[str, Any] | None = None,
) -> FastAPI:
    """The service; without a formulator, `optmodel.formulators.get_formulator(**formulator_options)`
    is loaded on the first request that needs one (so `/health` and solving a given formulation
    never load a model)."""
    if max_request_bytes < 1 or solve_time_limit <= 0 or max_concurrent_generations < 1:
        raise OptModelError(
            "max_request_bytes, solve_time_limit and max_concurrent_generations must be positive"
        )
    app = FastAPI(
        title="optmodel",
        summary="Plain-English optimization problems -> five-element formulation -> Pyomo -> HiGHS.",
        version=_version(),
    )
    app.add_middleware(_BodyLimit, limit=max_request_bytes)
    state: dict[str, Any] = {
        "formulator": _Guarded(formulator, max_concurrent_generations) if formulator else None
    }
    load_lock = threading.Lock()

    def get() -> _Guarded:
        with load_lock:
            if state["formulator"] is None:
                from optmodel.formulators import get_formulator

                state["formulator"] = _Guarded(
                    get_formulator(**(formulator_options or {})), max_concurrent_generations
                )
            return state["formulator"]

    def limit_of(requested: float | None) -> float:
        return min(requested, solve_time_limit) if requested else solve_time_limit

    # -- errors: always JSON, never a traceback

    @app.exception_handler(APIError)
    async def _api_error(_: Request, exc: APIError) -> JSONResponse:
        return _error(exc.status, exc.message, exc.kind)

    @app.exception_handler(OptModelError)
    async def _user_error(_: Request, exc: OptModelError) -> JSONResponse:
        return _error(422, str(exc), "formulation_error")

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for err in exc.errors()[:5]:
            where = (
                ""
                if err.get("type") == "json_invalid"
                else ".".join(str(p) for p in err.get("loc", ()) if p != "body")
            )
            parts.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
        return _error(422, "invalid request: " + "; ".join(parts))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def _crash(_: Request, exc: Exception) -> JSONResponse:
        return _error(500, f"internal error ({type(exc).__name__})", "server_error")

    # -- routes (plain `def`: they run in the thread pool, so requests are served concurrently)

    @app.get("/health")
    def health() -> dict[str, Any]:
        """Liveness; says which formulator is loaded (none until the first request needs one)."""
        loaded = state["formulator"]
        return {"status": "ok", "formulator": loaded.name if loaded else None, "version": _version()}

    @app.post("/v1/chat/completions")
    def chat_completions(body: ChatRequest) -> dict[str, Any]:
        """OpenAI-compatible: the last user turn is the problem (or an optmodel repair prompt);
        each choice is a five-element formulation in a ``` block."""
        from optmodel.formulators.prompting import fence, parse_messages

        if body.stream:
            raise APIError(400, "stream=true is not supported; ask without streaming")
        try:
            request = parse_messages([{"role": m.role, "content": m.text()} for m in body.messages])
        except ValueError as exc:
            raise APIError(400, str(exc)) from exc
        formulator = get()
        texts = _generate(formulator, request, body.n)
        return {
            "id": f"chatcmpl-{uuid.uuid4().hex}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.model or formulator.name,
            "choices": [
                {"index": i, "message": {"role": "assistant", "content": fence(t)}, "finish_reason": "stop"}
                for i, t in enumerate(texts)
            ],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        }

    @app.post("/v1/formulate")
    def formulate(body: FormulateRequest) -> dict[str, Any]:
        """Problem text -> a five-element formulation checked by parsing, compiling and solving it
        (with self-correction and, when samples > 1, self-consistency)."""
        from optmodel.formulate import formulate_and_solve

        result = formulate_and_solve(
            body.problem,
            _NoFiles(get()),
            max_tries=body.max_tries,
            samples=body.samples,
            time_limit=limit_of(None),
        )
        return _result_dict(result)

    @app.post("/v1/solve")
    def solve(body: SolveRequest) -> dict[str, Any]:
        """A formulation (or a problem, formulated first) -> formulation + solution."""
        if (body.problem is None) == (body.formulation is None):
            raise APIError(422, "give exactly one of `problem` and `formulation`")
        options: dict[str, Any] = {"time_limit": limit_of(body.time_limit)}
        if body.profile:
            options["profile"] = body.profile
        if body.formulation is not None:
            from optmodel.solver import solve as run_solve

            form = _check_formulation(body.formulation)
            solution = run_solve(form, **options)
            return {"formulation": form.to_text(), "solution": _json_safe(solution.to_dict())}
        from optmodel.formulate import formulate_and_solve

        result = formulate_and_solve(
            body.problem,
            _NoFiles(get()),
            max_tries=body.max_tries,
            samples=body.samples,
            time_limit=options["time_limit"],
        )
        if body.profile and result.formulation is not None:  # re-solve the chosen model with the profile
            from optmodel.solver import solve as run_solve

            result.solution = run_solve(result.formulation, **options)
        return _result_dict(result)

    return app


def _generate(formulator: _Guarded, request: FormulationRequest, n: int) -> list[str]:
    out = formulator.generate([request], num_samples=n)
    if len(out) != 1 or not out[0]:
        raise APIError(502, "the formulator returned no answer", "upstream_error")
    return [str(t) for t in out[0]]


def _version() -> str:
    from optmodel import __version__

    return __version__
