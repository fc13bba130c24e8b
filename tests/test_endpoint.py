"""EndpointFormulator against a small fake OpenAI-compatible upstream on 127.0.0.1: answers,
API key, retries with backoff on 503/429/timeouts, no retry on 400, servers that ignore `n`,
and the concurrency limit."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from optmodel.errors import OptModelError
from optmodel.formulators.base import FormulationRequest
from optmodel.formulators.endpoint import EndpointFormulator, chat_url
from optmodel.parser import parse

pytestmark = pytest.mark.timeout(60)

# A formulation written for these tests.
ANSWER = """\
## Sets
Lines = {alpha, beta}

## Parameters
rate[Lines] = {alpha: 3, beta: 5}
hours = 40

## Variables
run[Lines] >= 0

## Objective
maximize sum(rate[l] * run[l] for l in Lines)

## Constraints
time: sum(run[l] for l in Lines) <= hours
"""


class Upstream:
    """Behaviour by path: /ok, /flaky (503 twice), /busy (429 once), /bad (400), /slow (sleeps),
    /single (ignores n), /wait (sleeps a little, to observe concurrency)."""

    def __init__(self) -> None:
        self.calls: dict[str, int] = {}
        self.payloads: list[dict] = []
        self.auth: list[str | None] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.lock = threading.Lock()
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                kind = self.path.split("/")[1]
                with upstream.lock:
                    upstream.calls[kind] = upstream.calls.get(kind, 0) + 1
                    count = upstream.calls[kind]
                    upstream.payloads.append(body)
                    upstream.auth.append(self.headers.get("Authorization"))
                self.respond(kind, count, body)

            def respond(self, kind: str, count: int, body: dict) -> None:
                if kind == "flaky" and count <= 2:
                    return self.send(503, {"error": {"message": "overloaded"}})
                if kind == "busy" and count == 1:
                    return self.send(429, {"error": {"message": "slow down"}}, {"Retry-After": "0"})
                if kind == "bad":
                    return self.send(400, {"error": {"message": "model 'nope' does not exist"}})
                if kind == "down":
                    return self.send(503, {"error": {"message": "maintenance"}})
                if kind == "slow":
                    time.sleep(1.0)
                if kind == "wait":  # counted until just before answering, so the client cannot overlap
                    with upstream.lock:
                        upstream.in_flight += 1
                        upstream.max_in_flight = max(upstream.max_in_flight, upstream.in_flight)
                    time.sleep(0.15)
                    with upstream.lock:
                        upstream.in_flight -= 1
                n = 1 if kind == "single" else int(body.get("n", 1))
                content = f"Here is the model.\n```text\n{ANSWER}```\nDone."
                choices = [
                    {"index": i, "message": {"role": "assistant", "content": content}} for i in range(n)
                ]
                return self.send(200, {"choices": choices})

            def send(self, status: int, data: dict, headers: dict | None = None) -> None:
                raw = json.dumps(data).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(raw)))
                    for k, v in (headers or {}).items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(raw)
                except (BrokenPipeError, ConnectionResetError):  # the client timed out first
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, kind: str) -> str:
        return f"http://127.0.0.1:{self.port}/{kind}/v1"


@pytest.fixture()
def upstream():
    up = Upstream()
    up.thread.start()
    yield up
    up.server.shutdown()
    up.server.server_close()


def make(up: Upstream, kind: str, **kw) -> EndpointFormulator:
    kw.setdefault("backoff", 0.01)
    return EndpointFormulator(up.url(kind), "test-model", **kw)


def test_chat_url_forms():
    assert chat_url("http://h:1") == "http://h:1/v1/chat/completions"
    assert chat_url("http://h:1/v1/") == "http://h:1/v1/chat/completions"
    assert chat_url("https://h/x/v1/chat/completions") == "https://h/x/v1/chat/completions"
    with pytest.raises(OptModelError, match="http"):
        chat_url("ftp://h")


def test_answer_is_extracted_and_key_sent(upstream, monkeypatch):
    monkeypatch.setenv("MY_KEY", "sekret")
    with make(upstream, "ok", api_key_env="MY_KEY", few_shot=2) as f:
        out = f.generate([FormulationRequest("p1"), FormulationRequest("p2")], num_samples=2)
    assert [len(x) for x in out] == [2, 2]
    assert parse(out[0][0]) == parse(ANSWER)
    assert upstream.auth == ["Bearer sekret", "Bearer sekret"]
    payload = upstream.payloads[0]
    assert payload["model"] == "test-model" and payload["n"] == 2
    roles = [m["role"] for m in payload["messages"]]
    assert roles == ["system", "user", "assistant", "user", "assistant", "user"]


def test_no_key_no_header(upstream, monkeypatch):
    monkeypatch.delenv("OPTMODEL_API_KEY", raising=False)
    with make(upstream, "ok") as f:
        f.generate([FormulationRequest("p")])
    assert upstream.auth == [None]


def test_retries_503_then_succeeds(upstream):
    with make(upstream, "flaky", max_retries=3) as f:
        out = f.generate([FormulationRequest("p")])
    assert upstream.calls["flaky"] == 3
    assert parse(out[0][0]) == parse(ANSWER)


def test_retries_429_with_retry_after(upstream):
    with make(upstream, "busy", max_retries=1, backoff=5.0) as f:  # Retry-After: 0 wins over backoff
        f.generate([FormulationRequest("p")])
    assert upstream.calls["busy"] == 2


def test_gives_up_after_retries(upstream):
    with (
        make(upstream, "down", max_retries=2) as f,
        pytest.raises(OptModelError, match="3 attempts.*maintenance"),
    ):
        f.generate([FormulationRequest("p")])
    assert upstream.calls["down"] == 3


def test_client_error_is_not_retried(upstream):
    with make(upstream, "bad", max_retries=3) as f, pytest.raises(OptModelError, match="does not exist"):
        f.generate([FormulationRequest("p")])
    assert upstream.calls["bad"] == 1


def test_timeout_is_retried_then_reported(upstream):
    with (
        make(upstream, "slow", timeout=0.2, max_retries=1) as f,
        pytest.raises(OptModelError, match="timed out"),
    ):
        f.generate([FormulationRequest("p")])
    assert upstream.calls["slow"] == 2


def test_connection_refused_is_reported():
    f = EndpointFormulator("http://127.0.0.1:9/v1", "m", max_retries=1, backoff=0.01, timeout=2)
    with pytest.raises(OptModelError, match="connection failed"):
        f.generate([FormulationRequest("p")])


def test_server_ignoring_n_is_asked_again(upstream):
    with make(upstream, "single") as f:
        out = f.generate([FormulationRequest("p")], num_samples=3)
    assert len(out[0]) == 3
    assert upstream.calls["single"] == 3
    assert [p["n"] for p in upstream.payloads] == [3, 2, 1]


def test_concurrency_limit(upstream):
    with make(upstream, "wait", concurrency=3) as f:
        out = f.generate([FormulationRequest(f"p{i}") for i in range(9)])
    assert len(out) == 9
    assert upstream.calls["wait"] == 9
    assert 2 <= upstream.max_in_flight <= 3


def test_bad_arguments():
    with pytest.raises(OptModelError):
        EndpointFormulator("http://127.0.0.1:1", "m", concurrency=0)
    with pytest.raises(OptModelError, match="model name"):
        EndpointFormulator("http://127.0.0.1:1", "")
    with (
        EndpointFormulator("http://127.0.0.1:1", "m") as f,
        pytest.raises(OptModelError, match="num_samples"),
    ):
        f.generate([FormulationRequest("p")], num_samples=0)
