"""uvicorn settings that a slow client cannot exploit.

uvicorn has a keep-alive timeout but no limit on how long a client may take to send a request's
headers, and its keep-alive timer restarts on every byte: 40 sockets sending a byte every 3 s
stayed open for 45 s and more. `HeaderTimeoutProtocol` closes a connection whose next request's
headers are not complete `header_timeout` seconds after the connection opened or the previous
response ended. (The body has its own timeout in the app, `optmodel.server._BodyLimit`.)
"""

from __future__ import annotations

from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

GRACEFUL_SHUTDOWN_SECONDS = 5  # uvicorn waits this long for in-flight requests, then exits


class HeaderTimeoutProtocol(H11Protocol):
    header_timeout = 10.0

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_timer = None
        self._arm()

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_late)

    def _disarm(self) -> None:
        timer = getattr(self, "_header_timer", None)
        if timer is not None:
            timer.cancel()
            self._header_timer = None

    def _headers_late(self) -> None:
        self._header_timer = None
        if self.cycle is not None and not self.cycle.response_complete:
            return  # a request is being served: its headers arrived in time
        if not self.transport.is_closing():
            self.transport.close()

    def handle_events(self) -> None:
        before = self.cycle
        super().handle_events()
        if self.cycle is not before and self.cycle is not None:
            self._disarm()  # a request's headers are complete

    def on_response_complete(self) -> None:
        self._arm()  # before super(): a pipelined request handled there disarms it again
        super().on_response_complete()

    def connection_lost(self, exc) -> None:
        self._disarm()
        super().connection_lost(exc)


class Server(uvicorn.Server):
    """uvicorn's server, but a shutdown signal kills the compile-and-solve workers at once: the
    requests waiting on them answer straight away instead of holding the graceful shutdown."""

    def handle_exit(self, sig: int, frame: Any) -> None:
        from optmodel import worker

        worker.stop_all()
        super().handle_exit(sig, frame)


def config(
    app: Any,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    header_timeout: float = 10.0,
    log_level: str = "info",
    **options: Any,
):
    """A `uvicorn.Config` for `app` with the header timeout and a bounded graceful shutdown."""
    protocol = type("HeaderTimeout", (HeaderTimeoutProtocol,), {"header_timeout": float(header_timeout)})
    options.setdefault("timeout_graceful_shutdown", GRACEFUL_SHUTDOWN_SECONDS)
    options.setdefault("timeout_keep_alive", 5)
    return uvicorn.Config(app, host=host, port=port, http=protocol, log_level=log_level, **options)
