"""Run one piece of a request (compile and solve) in a worker process that can be killed.

A thread cannot be stopped, so a request whose compile or solve runs long, grows large or whose
client has gone would hold the server. Here each job runs in its own process, started from a
forkserver that has the compiler and HiGHS loaded (benchmarks/server_load.py measures the cost),
under an address-space limit (RLIMIT_AS) and a wall-clock deadline; the caller polls, and kills
the process when the deadline passes, the client disconnects or the server shuts down.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import pickle
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

PRELOAD = ["optmodel._preload"]
_lock = threading.Lock()
_context: Any = None
_live: set[Job] = set()


def available() -> bool:
    """Worker processes need fork (Linux, macOS); elsewhere the caller runs the job itself."""
    return hasattr(os, "fork") and "forkserver" in multiprocessing.get_all_start_methods()


def _ctx():
    global _context
    with _lock:
        if _context is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(PRELOAD)
            _context = ctx
        return _context


@dataclass
class Outcome:
    """How a job ended: "ok" (value), "error" (the exception it raised), "timeout", "cancelled",
    or "crashed" (killed from outside, e.g. by the memory limit; `detail` says how)."""

    kind: str
    value: Any = None
    detail: str = ""


def _main(send, fn: Callable, args: tuple, memory_bytes: int | None) -> None:
    """The worker: limit memory, run fn(*args) in this process, send back the outcome."""
    if memory_bytes:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    os.environ["OPTMODEL_SOLVE_IN_PROCESS"] = "1"  # this process is the isolation already
    try:
        payload: tuple = ("ok", fn(*args))
    except MemoryError:
        payload = ("crashed", None)
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the caller
        payload = ("error", exc)
    try:
        send.send(payload)
    except (pickle.PicklingError, TypeError, AttributeError, MemoryError):
        kind, value = payload
        send.send(("error", RuntimeError(f"{type(value).__name__}: {value}")))
    finally:
        send.close()


class Job:
    """One running worker."""

    def __init__(self, fn: Callable, args: tuple, memory_bytes: int | None) -> None:
        ctx = _ctx()
        self.recv, send = ctx.Pipe(duplex=False)
        self.proc = ctx.Process(target=_main, args=(send, fn, args, memory_bytes), daemon=True)
        self.proc.start()
        send.close()
        self.started = time.monotonic()
        with _lock:
            _live.add(self)

    def ready(self) -> bool:
        return self.recv.poll() or not self.proc.is_alive()

    def outcome(self) -> Outcome:
        try:
            kind, value = self.recv.recv()
        except (EOFError, OSError):
            self.proc.join(1)
            code = self.proc.exitcode
            return Outcome(
                "crashed", detail=f"exit code {code}" if code and code > 0 else f"signal {-(code or 0)}"
            )
        if kind == "crashed":
            return Outcome("crashed", detail="it ran out of memory")
        return Outcome(kind, value)

    def stop(self) -> None:
        """Kill the worker if it still runs and release it; safe to call twice."""
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.recv.close()
        with _lock:
            _live.discard(self)


def run(
    fn: Callable,
    args: tuple,
    *,
    timeout: float,
    memory_bytes: int | None,
    cancelled: Callable[[], bool] | None = None,
) -> Outcome:
    """fn(*args) in a worker, waited for from a thread; killed at `timeout` or when `cancelled()`."""
    job = Job(fn, args, memory_bytes)
    try:
        while not job.recv.poll(0.02):
            if not job.proc.is_alive() and not job.recv.poll():
                break
            if time.monotonic() - job.started > timeout:
                return Outcome("timeout")
            if cancelled is not None and cancelled():
                return Outcome("cancelled")
        return job.outcome()
    finally:
        job.stop()


async def run_async(
    fn: Callable,
    args: tuple,
    *,
    timeout: float,
    memory_bytes: int | None,
    disconnected: Callable[[], Awaitable[bool]] | None = None,
) -> Outcome:
    """Like `run`, awaited on the event loop (no thread held while the worker runs)."""
    loop = asyncio.get_running_loop()
    job = await loop.run_in_executor(None, Job, fn, args, memory_bytes)
    try:
        delay = 0.002
        while not job.ready():
            if time.monotonic() - job.started > timeout:
                return Outcome("timeout")
            if disconnected is not None and await disconnected():
                return Outcome("cancelled")
            await asyncio.sleep(delay)
            delay = min(delay * 2, 0.05)
        return job.outcome()
    finally:
        job.stop()


def stop_all() -> int:
    """Kill every running worker (server shutdown: abandoned work is not waited for)."""
    with _lock:
        jobs = list(_live)
    for job in jobs:
        job.stop()
    return len(jobs)
