"""Solver calls in a long-lived worker process: a crash of HiGHS cannot kill the caller.

Some small MIPs make HiGHS die with a segmentation fault (seen with highspy 1.11-1.15, see
tests/test_solve.py); a long evaluation or synthesis run must survive that. Forking a child per
solve did it, at 7-17 ms a solve (benchmarks/solve_isolation.py). Here a process forks a
worker the first time it solves and sends it every later call over a socket pair: a call then
costs two small pickles. Workers are pooled: a call takes an idle one (or forks one when all are
busy, so concurrent threads each get their own) and hands it back after. A worker that dies is
reported (status "error") and replaced on the next call. HiGHS's log lines come back over the
same socket while it runs, so `--log` and `log=` stream live.

`fn` must be picklable by reference (a module-level function): the worker looks it up in its
own copy of the modules. Where the OS cannot fork, or with OPTMODEL_SOLVE_IN_PROCESS=1, calls
run in the caller.
"""

from __future__ import annotations

import atexit
import os
import pickle
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


class WorkerDied(Exception):
    """The worker process ended during a call: `how` says by which signal or exit code."""

    def __init__(self, how: str) -> None:
        super().__init__(how)
        self.how = how


class WorkerTimeout(Exception):
    """The worker did not answer within the wall-clock limit and was killed."""


def enabled() -> bool:
    return hasattr(os, "fork") and not os.environ.get("OPTMODEL_SOLVE_IN_PROCESS")


def call(
    fn: Callable, args: tuple, *, timeout: float | None = None, on_log: Callable[[str], None] | None = None
):
    """fn(*args, log=...) in this thread's worker (or here, when isolation is off). `log` is a
    function the worker uses to send a line of solver output, handed to `on_log` as it comes."""
    if not enabled():
        return fn(*args, log=on_log)
    worker = _take()
    try:
        result = worker.call(fn, args, timeout, on_log)
    except _Remote as remote:  # fn raised in the worker: the worker is fine
        _give_back(worker)
        raise remote.exc from None
    except (WorkerDied, WorkerTimeout):
        _forget(worker)
        raise
    except BaseException:  # interrupted here (Ctrl-C, an error in on_log): the worker's state is unknown
        worker.kill()
        _forget(worker)
        raise
    _give_back(worker)
    return result


class _Remote(Exception):
    """An exception fn raised in the worker, carried back to the caller."""

    def __init__(self, exc: BaseException) -> None:
        super().__init__(exc)
        self.exc = exc


@dataclass
class _Worker:
    pid: int
    conn: object  # multiprocessing.connection.Connection
    owner: int  # the pid that forked it

    def call(self, fn: Callable, args: tuple, timeout: float | None, on_log):
        self.conn.send((fn, args, on_log is not None))
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                ready = self.conn.poll(wait)
            except (OSError, EOFError):
                ready = True
            if not ready:
                self.kill()
                raise WorkerTimeout()
            try:
                kind, value = self.conn.recv()
            except (EOFError, OSError, pickle.UnpicklingError):
                raise WorkerDied(self.reap()) from None
            if kind == "log":
                if on_log is not None:
                    on_log(value)
                continue
            if kind == "error":
                raise _Remote(value)
            return value

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.reap()

    def reap(self) -> str:
        """Wait for the ended worker; how it ended, in words."""
        try:
            self.conn.close()
        except OSError:
            pass
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            return "an unknown cause"
        if os.WIFSIGNALED(status):
            return f"signal {os.WTERMSIG(status)}"
        return f"exit code {os.WEXITSTATUS(status)}"


_lock = threading.Lock()
_idle: list[_Worker] = []
_all: list[_Worker] = []


def prestart(warm: str | None = None) -> None:
    """Make sure an idle worker exists, importing module `warm` in it at once: the caller
    compiles while the worker loads the solver (a cold `optmodel solve` gains that import)."""
    if not enabled():
        return
    with _lock:
        if any(w.owner == os.getpid() for w in _idle):
            return
    _give_back(_start(warm))


def _take() -> _Worker:
    """An idle worker of this process, or a new one. Workers inherited through a fork of the
    caller belong to the parent and are never used here."""
    with _lock:
        while _idle:
            w = _idle.pop()
            if w.owner == os.getpid():
                return w
    return _start()


def _give_back(w: _Worker) -> None:
    with _lock:
        _idle.append(w)


def _forget(w: _Worker) -> None:
    with _lock:
        if w in _all:
            _all.remove(w)


def _start(warm: str | None = None) -> _Worker:
    from multiprocessing import Pipe

    parent, child = Pipe(duplex=True)
    pid = os.fork()
    if pid == 0:  # the worker: never returns into the caller's code
        code = 0
        try:
            parent.close()
            _drop_inherited_highs_threads()
            if warm:
                import importlib

                try:
                    importlib.import_module(warm)
                except ImportError:
                    pass  # reported by the call that needs it
            _serve(child)
        except BaseException:  # noqa: BLE001
            code = 1
        finally:
            os._exit(code)
    child.close()
    w = _Worker(pid, parent, os.getpid())
    with _lock:
        _all.append(w)
    return w


def _drop_inherited_highs_threads() -> None:
    """HiGHS keeps a thread pool per calling thread in a global. A fork copies the caller's pool
    but none of its threads, so the worker's first parallel solve waits for threads that do not
    exist (it hung or crashed where the caller had solved in-process with several threads, as the
    Pyomo route does). Dropping the copy, without waiting for its threads, lets the next solve
    start a pool of its own (tests/test_solve.py)."""
    import sys

    highspy = sys.modules.get("highspy")
    if highspy is not None:
        highspy.Highs.resetGlobalScheduler(False)


def _serve(conn) -> None:
    def send_log(line: str) -> None:
        conn.send(("log", line))

    while True:
        try:
            fn, args, wants_log = conn.recv()
        except (EOFError, OSError):
            return
        try:
            payload = ("ok", fn(*args, log=send_log if wants_log else None))
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the caller
            payload = ("error", exc if _picklable(exc) else RuntimeError(f"{type(exc).__name__}: {exc}"))
        conn.send(payload)


def _picklable(obj) -> bool:
    try:
        pickle.loads(pickle.dumps(obj))
    except Exception:  # noqa: BLE001
        return False
    return True


@atexit.register
def _close_all() -> None:
    """Close the sockets (each worker then sees end-of-file and exits) and reap the workers."""
    mine = [w for w in _all if w.owner == os.getpid()]
    _idle.clear()
    for w in mine:
        try:
            w.conn.close()
        except OSError:
            pass
    deadline = time.monotonic() + 0.5
    for w in mine:
        try:
            while os.waitpid(w.pid, os.WNOHANG)[0] == 0:
                if time.monotonic() > deadline:  # busy with a long solve nobody waits for
                    os.kill(w.pid, signal.SIGKILL)
                    os.waitpid(w.pid, 0)
                    break
                time.sleep(0.005)
        except (ChildProcessError, ProcessLookupError):
            pass
    _all.clear()
