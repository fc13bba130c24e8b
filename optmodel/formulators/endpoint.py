"""A formulator backed by an OpenAI-compatible chat-completions endpoint (vLLM, Ollama, hosted
services, or another `optmodel serve`), with timeouts, retries with exponential backoff on
429/5xx/timeouts, and a limit on requests in flight."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from optmodel.errors import OptModelError
from optmodel.formulators.base import FormulationRequest
from optmodel.formulators.prompting import build_messages

RETRY_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})


def chat_url(base_url: str) -> str:
    """`http://h:8000`, `http://h:8000/v1` and the full `.../v1/chat/completions` all work."""
    url = base_url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise OptModelError(f"endpoint URL {base_url!r} must start with http:// or https://")
    if url.endswith("/chat/completions"):
        return url
    if url.endswith("/v1"):
        return url + "/chat/completions"
    return url + "/v1/chat/completions"


def _error_text(response: httpx.Response) -> str:
    """The message of an OpenAI-style error body, else the start of the body."""
    try:
        body = response.json()
        error = body.get("error") if isinstance(body, dict) else None
        if isinstance(error, dict) and error.get("message"):
            return str(error["message"])
        if isinstance(body, dict) and body.get("detail"):
            return str(body["detail"])
    except ValueError:
        pass
    return response.text[:300].strip() or response.reason_phrase


class EndpointFormulator:
    """Formulations from a remote chat model; the API key is read from an environment variable."""

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key_env: str = "OPTMODEL_API_KEY",
        timeout: float = 60,
        max_retries: int = 3,
        concurrency: int = 4,
        few_shot: int = 1,
        temperature: float = 0.7,
        max_tokens: int = 1024,
        backoff: float = 1.0,
        max_backoff: float = 30.0,
        seed: int | None = 0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if concurrency < 1 or max_retries < 0 or timeout <= 0:
            raise OptModelError("concurrency must be >= 1, max_retries >= 0 and timeout > 0")
        if not model:
            raise OptModelError(
                "an endpoint needs a model name", hint="pass --model NAME with --endpoint URL"
            )
        self.url = chat_url(base_url)
        self.model = model
        self.name = f"endpoint:{model}@{self.url}"
        self.max_retries = max_retries
        self.concurrency = concurrency
        self.few_shot = few_shot
        self.temperature = temperature
        self.max_tokens = max_tokens
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.seed = seed
        self._random = random.Random(seed)
        headers = {"Content-Type": "application/json"}
        key = os.environ.get(api_key_env)
        if key:
            headers["Authorization"] = f"Bearer {key}"
        self._client = httpx.Client(
            headers=headers,
            timeout=httpx.Timeout(timeout),
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
            transport=transport,
        )
        build_messages(FormulationRequest("check"), few_shot=few_shot)  # validates few_shot early

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> EndpointFormulator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _delay(self, attempt: int, response: httpx.Response | None) -> float:
        """Retry-After when the server gives one, else exponential backoff with jitter."""
        if response is not None:
            after = response.headers.get("retry-after", "")
            try:
                return min(max(float(after), 0.0), self.max_backoff)
            except ValueError:
                pass
        base = self.backoff * (2**attempt)
        return min(base * (0.5 + self._random.random() / 2), self.max_backoff)

    def post(self, payload: dict[str, Any]) -> dict[str, Any]:
        """POST one chat-completions request, retrying what is worth retrying."""
        last = ""
        for attempt in range(self.max_retries + 1):
            response = None
            try:
                response = self._client.post(self.url, json=payload)
            except httpx.TimeoutException:
                last = "timed out"
            except httpx.TransportError as exc:
                last = f"connection failed ({type(exc).__name__}: {exc})"
            else:
                if response.status_code == 200:
                    try:
                        body = response.json()
                    except ValueError as exc:
                        raise OptModelError(f"{self.url} answered with a body that is not JSON") from exc
                    if not isinstance(body, dict) or not isinstance(body.get("choices"), list):
                        raise OptModelError(f"{self.url} answered without a `choices` list")
                    return body
                last = f"HTTP {response.status_code}: {_error_text(response)}"
                if response.status_code not in RETRY_STATUS:
                    raise OptModelError(f"the endpoint {self.url} refused the request: {last}")
            if attempt < self.max_retries:
                time.sleep(self._delay(attempt, response))
        raise OptModelError(
            f"the endpoint {self.url} failed after {self.max_retries + 1} attempts: {last}",
            hint="check the URL, that the server is up, and the API key variable",
        )

    def complete(self, messages: list[dict[str, str]], n: int) -> list[str]:
        """`n` answers to one chat; asks again when a server ignores `n` (Ollama does)."""
        answers: list[str] = []
        for _ in range(n):  # bounded: each round yields at least one answer or raises
            payload: dict[str, Any] = {
                "model": self.model,
                "messages": messages,
                "n": n - len(answers),
                "temperature": self.temperature,
                "max_tokens": self.max_tokens,
            }
            if self.seed is not None:
                payload["seed"] = self.seed + len(answers)
            choices = self.post(payload)["choices"]
            got = [((c.get("message") or {}).get("content") or "") for c in choices if isinstance(c, dict)]
            if not got:
                raise OptModelError(f"{self.url} answered with no choices")
            answers.extend(got)
            if len(answers) >= n:
                break
        return answers[:n]

    def generate(self, requests: Sequence[FormulationRequest], *, num_samples: int = 1) -> list[list[str]]:
        """`num_samples` five-element texts per request, at most `concurrency` requests in flight."""
        from optmodel.formulate import extract_formulation

        if num_samples < 1:
            raise OptModelError(f"num_samples must be at least 1, got {num_samples}")
        chats = [build_messages(r, few_shot=self.few_shot) for r in requests]
        if not chats:
            return []
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(chats))) as pool:
            results = list(pool.map(lambda m: self.complete(m, num_samples), chats))
        return [[extract_formulation(a) for a in answers] for answers in results]
