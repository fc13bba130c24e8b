"""Atomic, durable file writes: the one place that writes a file or folder into place.

A reader (a resumed run, another process) sees the old content or the new, never half a file:
everything is written to a temporary name in the same folder (so the rename cannot cross file
systems), flushed to disk with fsync, renamed over the target with `os.replace`, and the folder
is fsynced so that the rename itself survives a power loss. Datasets, checkpoints, profiles and
results all go through here. (The `atomicwrites` package did this, but is archived; these few
lines have no dependency.)
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def _temp_name(path: Path, kind: str = "tmp") -> Path:
    # same folder, hidden, unique per writer, and ending in the target's suffix (matplotlib and
    # HiGHS choose the format from it)
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.{kind}{path.suffix}")


def fsync_file(path: str | Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: str | Path) -> None:
    """Make a rename in `path` durable (a no-op where folders cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def replace(src: str | Path, dst: str | Path, *, durable: bool = True) -> None:
    """Move a finished file `src` over `dst` (same folder or file system), durably."""
    if durable:
        fsync_file(src)
    os.replace(src, dst)
    if durable:
        fsync_dir(Path(dst).parent)


@contextmanager
def atomic_path(path: str | Path, *, durable: bool = True) -> Iterator[Path]:
    """A temporary path next to `path` for any writer (polars, HiGHS, matplotlib) to write to;
    moved into place when the block ends without an error, removed otherwise."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_name(path)
    try:
        yield tmp
        replace(tmp, path, durable=durable)
    finally:
        tmp.unlink(missing_ok=True)


def write_bytes(path: str | Path, data: bytes, *, durable: bool = True) -> None:
    with atomic_path(path, durable=durable) as tmp:
        tmp.write_bytes(data)


def write_text(path: str | Path, text: str, *, durable: bool = True) -> None:
    write_bytes(path, text.encode("utf-8"), durable=durable)


def write_json(path: str | Path, data: Any, *, durable: bool = True, **dumps: Any) -> None:
    write_text(path, json.dumps(data, **({"indent": 2} | dumps)), durable=durable)


def write_dir(target: str | Path, write: Callable[[Path], None], *, durable: bool = True) -> None:
    """Fill a fresh folder next to `target` with `write(folder)`, then swap it into place: the
    old folder is moved aside first and removed after, so `target` is always whole."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_name(target, "tmpdir")
    try:
        tmp.mkdir()
        write(tmp)
        if durable:
            for root, _dirs, files in os.walk(tmp):
                for name in files:
                    fsync_file(Path(root) / name)
                fsync_dir(root)
        old = _temp_name(target, "old") if target.exists() else None
        if old is not None:
            os.replace(target, old)
        try:
            os.replace(tmp, target)
        except OSError:
            if old is not None:
                os.replace(old, target)  # put the old folder back
            raise
        if durable:
            fsync_dir(target.parent)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
