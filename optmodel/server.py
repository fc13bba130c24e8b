"""One formulation service that many clients can call: an OpenAI-compatible chat endpoint backed by
any formulator, plus `/v1/formulate` and `/v1/solve`. Requests are parsed, never executed:
formulations go through the five-element parser, `file(...)` tables are refused (a request must
not read the server's files), and solver profiles are looked up by name only.

No request can hold the server: compile and solve run in a killable worker process
(optmodel.worker) under the request's time limit and a memory limit, and are killed when the
client goes; headers and bodies must arrive within their timeouts (slow clients are cut off);
every text field has the same length limit; shutdown kills abandoned workers.
"""

from __future__ import annotations

import asyncio
import math
import re
import threading
import time
import uuid
from collections.abc import Sequence
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from optmodel.errors import OptModelError
from optmodel.formulators.base import FormulationRequest, Formulator, as_candidate

DEFAULT_MAX_REQUEST_BYTES = 1_000_000
DEFAULT_SOLVE_TIME_LIMIT = 30.0
DEFAULT_WORKER_MEMORY_MB = 2048  # address space one compile-and-solve worker may add to the server's
DEFAULT_HEADER_TIMEOUT = 10.0  # seconds for a client to send a request's headers
DEFAULT_BODY_TIMEOUT = 30.0  # seconds for a client to send a request's body
MAX_TEXT = 200_000  # characters in any one text field: problem, formulation, chat message
_FILE_CALL = re.compile(r"\bfile\s*\(")

Text = Annotated[str, Field(max_length=MAX_TEXT)]


# ---------------------------------------------------------------- errors


class APIError(Exception):
    """An error answered as OpenAI-style JSON: {"error": {"message", "type", "code"}}."""

    def __init__(self, status: int, message: str, kind: str = "invalid_request_error") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.kind = kind

    def __reduce__(self):  # raised in a worker process, re-raised here
        return (APIError, (self.status, self.message, self.kind))


def _error(status: int, message: str, kind: str = "invalid_request_error") -> JSONResponse:
    return JSONResponse({"error": {"message": message, "type": kind, "code": status}}, status_code=status)


class _BodyLimit:
    """Refuse bodies over `limit` bytes, by Content-Length or while streaming (chunked uploads),
    and bodies that do not arrive within `timeout` seconds (a client trickling bytes)."""

    def __init__(self, app, limit: int, timeout: float = DEFAULT_BODY_TIMEOUT) -> None:
        self.app = app
        self.limit = limit
        self.timeout = timeout

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
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                message = await asyncio.wait_for(receive(), max(deadline - time.monotonic(), 0.001))
            except TimeoutError:
                await _error(408, f"the request body did not arrive within {self.timeout:g} s")(
                    scope, receive, send
                )
                return
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
    content: Text | list[dict[str, Any]] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):  # content parts: keep the text ones
            text = "\n".join(str(p.get("text", "")) for p in self.content if p.get("type") == "text")
        else:
            text = self.content or ""
        if len(text) > MAX_TEXT:  # the same limit as every other text field
            raise APIError(
                422, f"invalid request: a message has {len(text):,} characters; the limit is {MAX_TEXT:,}"
            )
        return text


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="allow")  # other OpenAI parameters are accepted and ignored
    model: Text | None = None
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
            [
                as_candidate(t).with_text(_FILE_CALL.sub("file_tables_are_not_allowed_on_the_server(", t))
                for t in c
            ]
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


# ---------------------------------------------------------------- work in a killable worker


def _solve_text(text: str, options: dict[str, Any]) -> dict[str, Any]:
    """Parse (refusing file tables), compile and solve one formulation: the worker's job."""
    from optmodel.solver import solve as run_solve

    form = _check_formulation(text)
    solution = run_solve(form, **options)
    return {"formulation": form.to_text(), "solution": _json_safe(solution.to_dict())}


def _stopped_solution(status: str, message: str) -> dict[str, Any]:
    from optmodel.solver import Solution

    return _json_safe(Solution(status, message=message).to_dict())


class _Isolation:
    """How this server runs compile and solve: in a worker process under a deadline and a memory
    limit (the default where the OS can fork), or in the request thread (`isolate=False`)."""

    def __init__(self, isolate: bool, memory_mb: int) -> None:
        from optmodel import worker

        self.isolate = isolate and worker.available()
        if self.isolate:
            worker.preload()  # once, so that no request's fork has to import the solver
        self.memory_bytes = memory_mb * 2**20
        self.memory_mb = memory_mb

    def deadline(self, time_limit: float) -> float:
        """The worker's wall-clock allowance: the request's limit, plus a little for the transfer."""
        return time_limit * 1.1 + 1.0

    def _why(self, outcome, time_limit: float) -> tuple[str, str]:
        if outcome.kind == "timeout":
            return (
                "time_limit",
                f"compile and solve did not finish within the time limit ({time_limit:g} s); stopped",
            )
        if outcome.kind == "cancelled":
            return "error", f"{outcome.detail or 'the client disconnected'}; the work was stopped"
        return "error", (
            f"compile and solve stopped ({outcome.detail}); the server allows {self.memory_mb} MB per request"
        )

    def solve(self, text: str, options: dict[str, Any], gone: threading.Event) -> dict[str, Any]:
        """`_solve_text` for one request (from a pool thread); the worker is killed at the
        deadline or when `gone` is set (the client disconnected)."""
        if not self.isolate:
            return _solve_text(text, options)
        from optmodel import worker

        limit = options["time_limit"]
        outcome = worker.run(
            _solve_text,
            (text, options),
            timeout=self.deadline(limit),
            memory_bytes=self.memory_bytes,
            cancelled=gone.is_set,
        )
        if outcome.kind == "ok":
            return outcome.value
        if outcome.kind == "error":
            raise outcome.value
        return {"formulation": None, "solution": _stopped_solution(*self._why(outcome, limit))}

    def checker(self, gone: threading.Event):
        """A `check` for the self-correction loop that runs each candidate in a worker."""
        from optmodel.formulate import check

        if not self.isolate:
            return check

        def isolated_check(text: str, *, time_limit: float | None = None) -> tuple:
            from optmodel import worker

            limit = time_limit or DEFAULT_SOLVE_TIME_LIMIT
            outcome = (
                worker.run(
                    check,
                    (text,),
                    timeout=self.deadline(limit),
                    memory_bytes=self.memory_bytes,
                    cancelled=gone.is_set,
                )
                if not gone.is_set()
                else worker.Outcome("cancelled")
            )
            if outcome.kind == "ok":
                return outcome.value
            if outcome.kind == "error":
                return None, None, f"the formulation could not be checked: {outcome.value}"
            return None, None, self._why(outcome, limit)[1]

        return isolated_check


async def _watch(request: Request, gone: threading.Event) -> None:
    """Set `gone` when the client disconnects (polled; cancelled when the request ends)."""
    while not gone.is_set():
        if await request.is_disconnected():
            gone.set()
            return
        await asyncio.sleep(0.1)


# ---------------------------------------------------------------- the app


def create_app(
    formulator: Formulator | None = None,
    *,
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
    solve_time_limit: float = DEFAULT_SOLVE_TIME_LIMIT,
    max_concurrent_generations: int = 1,
    formulator_options: dict[str, Any] | None = None,
    isolate: bool = True,
    worker_memory_mb: int = DEFAULT_WORKER_MEMORY_MB,
    body_timeout: float = DEFAULT_BODY_TIMEOUT,
) -> FastAPI:
    """The service; without a formulator, `optmodel.formulators.get_formulator(**formulator_options)`
    is loaded on the first request that needs one (so `/health` and solving a given formulation
    never load a model). `isolate` runs compile and solve in killable workers of at most
    `worker_memory_mb` MB; `body_timeout` bounds the time a client may take to send a body."""
    if (
        max_request_bytes < 1
        or solve_time_limit <= 0
        or max_concurrent_generations < 1
        or worker_memory_mb < 64
        or body_timeout <= 0
    ):
        raise OptModelError(
            "max_request_bytes, solve_time_limit, max_concurrent_generations and body_timeout must be "
            "positive, and worker_memory_mb at least 64"
        )
    isolation = _Isolation(isolate, worker_memory_mb)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        from optmodel import worker

        worker.stop_all()  # shutdown does not wait on abandoned work

    app = FastAPI(
        title="optmodel",
        summary="Plain-English optimization problems -> five-element formulation -> Pyomo -> HiGHS.",
        version=_version(),
        lifespan=lifespan,
    )
    app.add_middleware(_BodyLimit, limit=max_request_bytes, timeout=body_timeout)
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

    def formulated(problem: str, samples: int, max_tries: int, time_limit: float, gone: threading.Event):
        """The self-correction loop for one request, each candidate checked in a worker."""
        from optmodel.formulate import formulate_and_solve

        return formulate_and_solve(
            problem,
            _NoFiles(get()),
            max_tries=max_tries,
            samples=samples,
            time_limit=time_limit,
            check_fn=isolation.checker(gone),
        )

    async def in_thread(request: Request, fn, *args):
        """fn(*args, gone) in the thread pool; `gone` is set when the client disconnects."""
        from starlette.concurrency import run_in_threadpool

        gone = threading.Event()
        watcher = asyncio.create_task(_watch(request, gone))
        try:
            return await run_in_threadpool(fn, *args, gone)
        finally:
            gone.set()
            watcher.cancel()

    @app.post("/v1/formulate")
    async def formulate(body: FormulateRequest, request: Request) -> dict[str, Any]:
        """Problem text -> a five-element formulation checked by parsing, compiling and solving it
        (with self-correction and, when samples > 1, self-consistency)."""
        result = await in_thread(
            request, formulated, body.problem, body.samples, body.max_tries, limit_of(None)
        )
        return _result_dict(result)

    @app.post("/v1/solve")
    async def solve(body: SolveRequest, request: Request) -> dict[str, Any]:
        """A formulation (or a problem, formulated first) -> formulation + solution."""
        if (body.problem is None) == (body.formulation is None):
            raise APIError(422, "give exactly one of `problem` and `formulation`")
        options: dict[str, Any] = {"time_limit": limit_of(body.time_limit)}
        if body.profile:
            options["profile"] = body.profile
        if body.formulation is not None:
            return await in_thread(request, isolation.solve, body.formulation, options)
        result = await in_thread(
            request, formulated, body.problem, body.samples, body.max_tries, options["time_limit"]
        )
        out = _result_dict(result)
        if body.profile and result.formulation_text is not None and result.formulation is not None:
            # re-solve the chosen model with the profile
            solved = await in_thread(request, isolation.solve, result.formulation_text, options)
            out["solution"] = solved["solution"]
            out["status"] = solved["solution"]["status"]
            out["objective"] = solved["solution"]["objective"]
        return out

    return app


def _generate(formulator: _Guarded, request: FormulationRequest, n: int) -> list[str]:
    out = formulator.generate([request], num_samples=n)
    if len(out) != 1 or not out[0]:
        raise APIError(502, "the formulator returned no answer", "upstream_error")
    return [str(t) for t in out[0]]


def _version() -> str:
    from optmodel import __version__

    return __version__
