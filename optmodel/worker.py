"""Run one piece of a request (compile and solve) in a worker process that can be killed.

A thread cannot be stopped, so a request whose compile or solve runs long, grows large or whose
client has gone would hold the server. Here each job runs in a forked child (as optmodel.solver
already does for HiGHS), under an address-space limit (RLIMIT_AS) and a wall-clock deadline; the
caller polls, and kills the child when the deadline passes, the client disconnects or the server
shuts down. `preload()` imports the compiler and HiGHS once in the parent, so children find them
loaded (benchmarks/server_load.py measures the cost against solving in the request thread).
"""

from __future__ import annotations

import functools
import gc
import os
import pickle
import select
import signal
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_lock = threading.Lock()
_live: set[Job] = set()
# Workers running at once: more than the cores only makes them thrash (and copy the parent's
# pages); the rest wait their turn, within their deadline.
MAX_WORKERS = (
    4 * len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 4 * (os.cpu_count() or 1)
)


class _FairSlots:
    """A semaphore that serves waiters in arrival order (threading's does not: under load some
    requests would wait far longer than others)."""

    def __init__(self, n: int) -> None:
        self.free = n
        self.cv = threading.Condition()
        self.queue: deque[object] = deque()

    def acquire(self, give_up: Callable[[], bool]) -> bool:
        me = object()
        with self.cv:
            self.queue.append(me)
            while not (self.free > 0 and self.queue[0] is me):
                self.cv.wait(0.05)
                if give_up():
                    self.queue.remove(me)
                    self.cv.notify_all()
                    return False
            self.queue.popleft()
            self.free -= 1
            self.cv.notify_all()
            return True

    def release(self) -> None:
        with self.cv:
            self.free += 1
            self.cv.notify_all()


_slots = _FairSlots(MAX_WORKERS)


def available() -> bool:
    """Worker processes need fork (Linux, macOS); elsewhere the caller runs the job itself."""
    return hasattr(os, "fork")


@functools.cache
def preload() -> None:
    """Load the parser, compiler, Pyomo and HiGHS here, once, before the first fork."""
    import highspy  # noqa: F401  (the direct route's solver)

    from optmodel import compiler, highs_direct, matrix, parser, solver, vectorise  # noqa: F401

    parser._parser()
    solver._preload()


@dataclass
class Outcome:
    """How a job ended: "ok" (value), "error" (the exception it raised), "timeout", "cancelled",
    or "crashed" (killed from outside or out of memory; `detail` says how)."""

    kind: str
    value: Any = None
    detail: str = ""


def _child(write: int, fn: Callable, args: tuple, memory_bytes: int | None) -> None:
    """The worker: limit memory, run fn(*args) in this process, write the pickled outcome."""
    if memory_bytes:
        import resource

        # the limit is on what the job adds: the child starts with the server's whole address
        # space (a loaded model can be gigabytes of it)
        limit = _address_space() + memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    os.environ["OPTMODEL_SOLVE_IN_PROCESS"] = "1"  # this process is the isolation already
    try:
        payload: tuple = ("ok", fn(*args))
    except MemoryError:
        payload = ("crashed", "it ran out of memory")
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the caller
        payload = ("error", exc)
    try:
        data = pickle.dumps(payload)
    except Exception:  # noqa: BLE001 - an unpicklable result or exception
        kind, value = payload
        data = pickle.dumps(("error", RuntimeError(f"{type(value).__name__}: {value}")))
    with os.fdopen(write, "wb") as out:
        out.write(data)


def _address_space() -> int:
    """This process's virtual memory size in bytes (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


class Job:
    """One running worker: a forked child and the pipe its outcome comes back through."""

    def __init__(self, fn: Callable, args: tuple, memory_bytes: int | None) -> None:
        preload()
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child never returns into the caller's code
            code = 0
            gc.disable()  # a collection would touch, and so copy, every page of the parent's heap
            try:
                os.close(read)
                _child(write, fn, args, memory_bytes)
            except BaseException:  # noqa: BLE001
                code = 1
            finally:
                os._exit(code)
        os.close(write)
        os.set_blocking(read, False)
        self.pid, self.fd = pid, read
        self.data = bytearray()
        self.eof = False
        self.status: int | None = None
        self._stopping = threading.Lock()
        self.shut_down = False
        self.started = time.monotonic()
        with _lock:
            _live.add(self)

    def ready(self, wait: float = 0.0) -> bool:
        """Drain what the child wrote (it blocks on a full pipe otherwise); True at end of file."""
        if self.eof or self.fd < 0:
            return True
        if not select.select([self.fd], [], [], wait)[0]:
            return False
        while True:
            try:
                chunk = os.read(self.fd, 1 << 20)
            except BlockingIOError:
                return False
            if not chunk:
                self.eof = True
                return True
            self.data += chunk

    def outcome(self) -> Outcome:
        self._reap(block=True)
        if self.shut_down:
            return Outcome("cancelled", detail="the server is shutting down")
        try:
            kind, value = pickle.loads(bytes(self.data)) if self.data else (None, None)
        except Exception:  # noqa: BLE001 - a child killed while writing
            kind, value = None, None
        if kind in ("ok", "error"):
            return Outcome(kind, value)
        if kind == "crashed":
            return Outcome("crashed", detail=value)
        status = self.status or 0
        how = (
            f"signal {os.WTERMSIG(status)}"
            if os.WIFSIGNALED(status)
            else f"exit code {os.WEXITSTATUS(status)}"
        )
        return Outcome("crashed", detail=f"the worker ended with {how}")

    def _reap(self, block: bool) -> None:
        with self._stopping:
            if self.status is None:
                try:
                    pid, status = os.waitpid(self.pid, 0 if block else os.WNOHANG)
                except ChildProcessError:  # reaped elsewhere
                    pid, status = self.pid, 0
                if pid:
                    self.status = status

    def stop(self) -> None:
        """Kill the worker if it still runs and release it; safe to call twice, from two threads."""
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._reap(block=True)
        with self._stopping:
            if self.fd >= 0:
                os.close(self.fd)
                self.fd = -1
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
    """fn(*args) in a worker, waited for from a thread; killed at `timeout` (counted from the call,
    the wait for a free worker included) or when `cancelled()`."""
    started = time.monotonic()

    def late() -> bool:
        return time.monotonic() - started > timeout or (cancelled is not None and cancelled())

    if not _slots.acquire(late):
        return Outcome("cancelled" if cancelled is not None and cancelled() else "timeout")
    try:
        job = Job(fn, args, memory_bytes)
        try:
            while not job.ready(0.02):
                if time.monotonic() - started > timeout:
                    return Outcome("timeout")
                if cancelled is not None and cancelled():
                    return Outcome("cancelled")
            return job.outcome()
        finally:
            job.stop()
    finally:
        _slots.release()


def stop_all() -> int:
    """Kill every running worker (server shutdown: abandoned work is not waited for)."""
    with _lock:
        jobs = list(_live)
    for job in jobs:  # kill only: the thread that waits on the job sees it end and releases it
        job.shut_down = True
        with job._stopping:  # not once reaped: the pid could belong to another process by then
            if job.status is None:
                try:
                    os.kill(job.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
    return len(jobs)
