"""The formulation service over real HTTP on 127.0.0.1: uvicorn in a thread (and `optmodel serve`
in a subprocess), driven by EndpointFormulator and httpx, including errors and concurrency."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

import httpx
import pytest
import uvicorn

from optmodel.errors import OptModelError
from optmodel.formulate import formulate_and_solve
from optmodel.formulators.base import FormulationRequest
from optmodel.formulators.endpoint import EndpointFormulator
from optmodel.parser import parse
from optmodel.server import create_app
from optmodel.solver import solve

pytestmark = pytest.mark.timeout(120)

# Formulations written for these tests.
PLAN = """\
## Sets
Crops = {wheat, corn}

## Parameters
yield_[Crops] = {wheat: 4, corn: 6}
water[Crops] = {wheat: 1, corn: 2}
land = 50
water_cap = 70

## Variables
area[Crops] >= 0

## Objective
maximize sum(yield_[c] * area[c] for c in Crops)

## Constraints
fields: sum(area[c] for c in Crops) <= land
irrigation: sum(water[c] * area[c] for c in Crops) <= water_cap
"""

BROKEN = PLAN.replace("<= land", "<= lnd")  # an unknown name: parses, fails to compile


class Fixed:
    """Always answers PLAN; records what it was asked; can be slowed to observe concurrency."""

    name = "fixed"

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.requests: list[FormulationRequest] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.lock = threading.Lock()

    def generate(self, requests, *, num_samples=1):
        with self.lock:
            self.requests.extend(requests)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        time.sleep(self.delay)
        with self.lock:
            self.in_flight -= 1
        return [[PLAN] * num_samples for _ in requests]


class Failing:
    name = "failing"

    def generate(self, requests, *, num_samples=1):
        raise OptModelError("the model is not available")


@contextmanager
def running(app, header_timeout: float = 10.0):
    """Serve `app` with uvicorn in a thread on a free 127.0.0.1 port; yields the base URL."""
    from optmodel.serving import config

    server = uvicorn.Server(config(app, port=0, log_level="warning", header_timeout=header_timeout))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture()
def fixed():
    return Fixed()


@pytest.fixture()
def url(fixed):
    with running(create_app(fixed, max_request_bytes=20_000, solve_time_limit=5.0)) as base:
        yield base


def post(url: str, path: str, **kw) -> httpx.Response:
    return httpx.post(url + path, timeout=30, **kw)


def test_endpoint_formulator_against_server(url, fixed):
    with EndpointFormulator(url, "anything", backoff=0.01) as f:
        out = f.generate([FormulationRequest("plan crops"), FormulationRequest("again")], num_samples=2)
    assert [len(x) for x in out] == [2, 2]
    assert parse(out[1][1]) == parse(PLAN)
    assert sorted(r.problem for r in fixed.requests) == ["again", "plan crops"]


def test_repair_prompt_reaches_the_formulator_as_a_repair(url, fixed):
    with EndpointFormulator(url, "m") as f:
        f.generate([FormulationRequest("plan crops", faulty=BROKEN, error="line 4: unknown name 'area'")])
    (request,) = fixed.requests
    assert request.problem == "plan crops"
    assert request.faulty.strip() == BROKEN.strip()
    assert request.error == "line 4: unknown name 'area'"


def test_self_correction_loop_over_http(url):
    with EndpointFormulator(url, "m") as f:
        result = formulate_and_solve("plan crops", f, max_tries=2)
    assert result.tries == 1
    assert result.solution.status == "optimal"
    assert result.objective == pytest.approx(solve(PLAN).objective)


def test_solve_formulation(url):
    r = post(url, "/v1/solve", json={"formulation": PLAN, "time_limit": 100})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["solution"]["status"] == "optimal"
    assert body["solution"]["objective"] == pytest.approx(solve(PLAN).objective)
    assert parse(body["formulation"]) == parse(PLAN)


def test_solve_and_formulate_problem(url, fixed):
    for path in ("/v1/solve", "/v1/formulate"):
        r = post(url, path, json={"problem": "plan crops", "samples": 2})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["status"] == "optimal" and body["tries"] == 1 and len(body["attempts"]) == 2
        assert body["objective"] == pytest.approx(solve(PLAN).objective)
        assert parse(body["formulation"]) == parse(PLAN)


def test_solve_with_a_profile(url):
    for body in ({"formulation": PLAN}, {"problem": "plan crops"}):
        r = post(url, "/v1/solve", json={**body, "profile": "quick"})
        assert r.status_code == 200, r.text
        assert r.json()["solution"]["objective"] == pytest.approx(solve(PLAN).objective)
    r = post(url, "/v1/solve", json={"formulation": PLAN, "profile": "no_such_profile"})
    assert r.status_code == 422 and "no_such_profile" in r.json()["error"]["message"]


def test_solve_time_limit_is_capped(fixed, monkeypatch):
    import optmodel.solver

    seen = {}
    real = optmodel.solver.solve

    def spy(form, **kw):
        seen.update(kw)
        return real(form, **kw)

    monkeypatch.setattr(optmodel.solver, "solve", spy)
    # in the request thread, where the spy sees the call (workers run in other processes)
    with running(create_app(fixed, solve_time_limit=5.0, isolate=False)) as url:
        assert post(url, "/v1/solve", json={"formulation": PLAN, "time_limit": 1000}).status_code == 200
        assert seen["time_limit"] == 5.0
        assert post(url, "/v1/solve", json={"formulation": PLAN, "time_limit": 0.5}).status_code == 200
        assert seen["time_limit"] == 0.5


@pytest.mark.parametrize(
    ("path", "kwargs", "status", "needle"),
    [
        (
            "/v1/solve",
            {"content": b"{not json", "headers": {"content-type": "application/json"}},
            422,
            "JSON",
        ),
        ("/v1/solve", {"json": {}}, 422, "exactly one"),
        ("/v1/solve", {"json": {"problem": "p", "formulation": PLAN}}, 422, "exactly one"),
        ("/v1/solve", {"json": {"formulation": "nonsense"}}, 422, "line 1"),
        ("/v1/solve", {"json": {"formulation": PLAN, "profile": "../../etc/passwd"}}, 422, "profile"),
        ("/v1/solve", {"json": {"formulation": PLAN, "time_limit": -1}}, 422, "time_limit"),
        ("/v1/chat/completions", {"json": {"model": "m"}}, 422, "messages"),
        (
            "/v1/chat/completions",
            {"json": {"messages": [{"role": "user", "content": "p"}], "stream": True}},
            400,
            "stream",
        ),
        ("/v1/chat/completions", {"json": {"messages": [{"role": "system", "content": "s"}]}}, 400, "user"),
        (
            "/v1/chat/completions",
            {"json": {"messages": [{"role": "user", "content": "p"}], "n": 99}},
            422,
            "n",
        ),
        ("/v1/formulate", {"json": {"problem": ""}}, 422, "problem"),
        ("/v1/nothing", {"json": {}}, 404, "Not Found"),
    ],
)
def test_bad_requests_get_json_errors(url, path, kwargs, status, needle):
    r = post(url, path, **kwargs)
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert needle in error["message"] and error["code"] == status


def test_file_tables_are_refused(url, tmp_path):
    secret = tmp_path / "cost.csv"
    secret.write_text("Crops,value\nwheat,1\ncorn,2\n")
    text = PLAN.replace("yield_[Crops] = {wheat: 4, corn: 6}", f'yield_[Crops] = file("{secret}")')
    r = post(url, "/v1/solve", json={"formulation": text})
    assert r.status_code == 400
    assert "inline data" in r.json()["error"]["message"]


def test_too_large_requests(url):
    big = {"formulation": PLAN + "#" * 30_000}
    r = post(url, "/v1/solve", json=big)
    assert r.status_code == 413 and "20000 bytes" in r.json()["error"]["message"]

    def chunks():  # no Content-Length: the limit is enforced while reading
        for _ in range(30):
            yield b"x" * 1000

    r = post(url, "/v1/solve", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_upstream_failure_is_502_and_retried():
    with running(create_app(Failing())) as base:
        r = post(base, "/v1/chat/completions", json={"messages": [{"role": "user", "content": "p"}]})
        assert r.status_code == 502 and "not available" in r.json()["error"]["message"]
        with (
            EndpointFormulator(base, "m", max_retries=1, backoff=0.01) as f,
            pytest.raises(OptModelError, match="2 attempts"),
        ):
            f.generate([FormulationRequest("p")])


@pytest.mark.parametrize("limit", [1, 4])
def test_concurrent_requests(limit):
    slow = Fixed(delay=0.2)
    with running(create_app(slow, max_concurrent_generations=limit)) as base:
        with EndpointFormulator(base, "m", concurrency=4) as f:
            out = f.generate([FormulationRequest(f"p{i}") for i in range(8)])
        health = httpx.get(base + "/health", timeout=5).json()
    assert len(out) == 8 and all(parse(x[0]) == parse(PLAN) for x in out)
    assert sorted(r.problem for r in slow.requests) == sorted(f"p{i}" for i in range(8))
    assert 2 <= slow.max_in_flight <= 4 if limit == 4 else slow.max_in_flight == 1
    assert health == {"status": "ok", "formulator": "fixed", "version": health["version"]}


def test_openapi_schema(url):
    schema = httpx.get(url + "/openapi.json", timeout=10).json()
    assert {"/v1/chat/completions", "/v1/formulate", "/v1/solve", "/health"} <= set(schema["paths"])
    assert "ChatRequest" in schema["components"]["schemas"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_optmodel_serve_cli_forwarding_to_an_endpoint(url, fixed):
    """`optmodel serve --endpoint URL --model NAME` in a subprocess, in front of the test server."""
    port = _free_port()
    cmd = [
        sys.executable,
        "-m",
        "optmodel.cli",
        "serve",
        "--port",
        str(port),
        "--endpoint",
        url,
        "--model",
        "up",
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"}
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
            assert proc.poll() is None, proc.stdout.read().decode()
        with EndpointFormulator(base, "m") as f:
            out = f.generate([FormulationRequest("via the proxy")])
        assert parse(out[0][0]) == parse(PLAN)
        assert fixed.requests[-1].problem == "via the proxy"
        assert httpx.get(base + "/health", timeout=5).json()["formulator"].startswith("endpoint:up@")
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_optmodel_serve_cli_errors():
    r = subprocess.run(
        [sys.executable, "-m", "optmodel.cli", "serve", "--endpoint", "http://127.0.0.1:9"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2
    assert "--model" in r.stdout + r.stderr and "Traceback" not in r.stderr


# ---------------------------------------------------------------- a server that cannot be held (issue 16)

SLOW = """## Variables
x >= 0
## Objective
minimize sum(x for i in 1..4000 for j in 1..i)
"""  # 8 million loop steps: within the expansion budget; a range that depends on a loop
# name keeps it off the vectorised path, so it takes seconds of compile (7 s here, idle)


def _live_workers() -> int:
    from optmodel import worker

    return len(worker._live)


def test_a_slow_compile_is_stopped_at_the_request_time_limit(url):
    started = time.monotonic()
    r = post(url, "/v1/solve", json={"formulation": SLOW, "time_limit": 0.5})
    assert r.status_code == 200
    sol = r.json()["solution"]
    assert sol["status"] == "time_limit" and "did not finish" in sol["message"] and sol["objective"] is None
    assert time.monotonic() - started < 10
    assert _live_workers() == 0


def test_a_worker_over_its_memory_limit_is_an_error_with_a_reason(fixed):
    big = "## Sets\nI = 1..4000000\n## Variables\nx[I] >= 0\n## Objective\nminimize x[1]\n"
    with running(create_app(fixed, worker_memory_mb=256)) as base:
        r = post(base, "/v1/solve", json={"formulation": big})
    sol = r.json()["solution"]
    assert r.status_code == 200 and sol["status"] == "error" and "256 MB" in sol["message"], sol


def test_the_worker_is_killed_when_the_client_goes(url):
    with pytest.raises(httpx.TimeoutException):
        httpx.post(url + "/v1/solve", json={"formulation": SLOW, "time_limit": 60}, timeout=1.0)
    for _ in range(60):
        if _live_workers() == 0:
            break
        time.sleep(0.1)
    assert _live_workers() == 0


def test_shutdown_does_not_wait_on_abandoned_work(fixed):
    import signal

    app = create_app(fixed, solve_time_limit=120)
    from optmodel.serving import Server, config

    server = Server(config(app, port=0, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    client = threading.Thread(
        target=lambda: httpx.post(
            base + "/v1/solve", json={"formulation": SLOW, "time_limit": 120}, timeout=60
        ),
        daemon=True,
    )
    client.start()
    time.sleep(1.0)
    started = time.monotonic()
    server.handle_exit(signal.SIGINT, None)  # what Ctrl-C or SIGTERM does
    thread.join(30)
    assert not thread.is_alive() and time.monotonic() - started < 4  # not the 5 s graceful wait
    assert _live_workers() == 0


def _raw(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    return sock


def _closed_within(sock: socket.socket, trickle: bytes, seconds: float) -> float:
    """Send `trickle` one byte every 0.2 s; the time until the server closes the socket."""
    started = time.monotonic()
    sock.settimeout(0.2)
    for byte in trickle:
        try:
            sock.send(bytes([byte]))
            data = sock.recv(4096)
            if data == b"" or b"408" in data:
                return time.monotonic() - started
        except TimeoutError:
            pass
        except OSError:
            return time.monotonic() - started
        if time.monotonic() - started > seconds:
            break
    return float("inf")


def test_slow_headers_and_slow_bodies_are_cut_off(fixed):
    app = create_app(fixed, body_timeout=1.0)
    with running(app, header_timeout=1.0) as base:
        port = int(base.rsplit(":", 1)[1])
        headers = (
            b"POST /v1/solve HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Pad: " + b"a" * 200
        )
        assert _closed_within(_raw(port), headers, 8) < 5
        body = b'{"formulation": "' + b"a" * 200
        sock = _raw(port)
        sock.sendall(
            b"POST /v1/solve HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
        )
        assert _closed_within(sock, body, 8) < 5
        assert post(base, "/health").status_code in (200, 405)  # a well-behaved client is still served


def test_every_text_field_has_the_same_length_limit():
    from optmodel.server import MAX_TEXT

    fixed = Fixed()
    with running(create_app(fixed, max_request_bytes=2_000_000)) as base:
        long = "x" * (MAX_TEXT + 2)
        started = time.monotonic()
        chat = post(base, "/v1/chat/completions", json={"messages": [{"role": "user", "content": long}]})
        parts = post(
            base,
            "/v1/chat/completions",
            json={"messages": [{"role": "user", "content": [{"type": "text", "text": long}]}]},
        )
        solve = post(base, "/v1/solve", json={"formulation": long})
        formulate = post(base, "/v1/formulate", json={"problem": long})
        assert time.monotonic() - started < 10
    for r in (chat, parts, solve, formulate):
        assert r.status_code == 422 and str(MAX_TEXT)[:3] in r.json()["error"]["message"].replace(",", ""), (
            r.text
        )
    assert not fixed.requests  # nothing reached the formulator


class Scored:
    """Three solvable candidates: two agree on the objective (4), the best-scored one says 7."""

    name = "scored"
    TEXTS = [
        "## Variables\nx >= 0\n## Objective\nmaximize x\n## Constraints\nc1: x <= 4\n",
        "## Variables\nx >= 0\n## Objective\nmaximize x\n## Constraints\nc1: x <= 4\nc2: x >= 1\n",
        "## Variables\nx >= 0\n## Objective\nmaximize x\n## Constraints\nc1: x <= 7\n",
    ]

    def generate(self, requests, *, num_samples=1):
        from optmodel.formulators.base import Candidate

        return [[Candidate(t, 3.0 if "x <= 7" in t else 0.0, "test") for t in self.TEXTS] for _ in requests]


def test_the_server_and_the_cli_pick_the_same_candidate():
    problem = "Make at most 7 units; maximise the units made."
    direct = formulate_and_solve(problem, Scored())
    assert direct.solution.objective == pytest.approx(7)  # ranked, not voted (the vote says 4)
    with running(create_app(Scored())) as base:
        for path in ("/v1/formulate", "/v1/solve"):
            r = post(base, path, json={"problem": problem})
            assert r.status_code == 200, r.text
            assert r.json()["formulation"] == direct.formulation_text
            assert r.json()["objective"] == pytest.approx(7)
