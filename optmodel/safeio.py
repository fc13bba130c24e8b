"""Reading files a user names: regular files only, with a size cap, never blocking.

`stat` reports 0 bytes for /dev/zero and a FIFO blocks an ordinary open, so the file is opened
with O_NONBLOCK and checked with fstat on the open descriptor (no race between check and read);
the read itself stops one byte past the cap.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from optmodel.errors import FileReadError


def read_regular_file(path: str | Path, max_bytes: int, *, what: str = "file") -> bytes:
    """The bytes of `path`, refusing anything that is not a regular file or is over `max_bytes`."""
    name = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileReadError(f"{what} not found", file=name) from None
    except IsADirectoryError:
        raise FileReadError("this is a folder, not a file", file=name) from None
    except OSError as exc:
        raise FileReadError(f"cannot read the {what} ({exc.strerror})", file=name) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileReadError("this is a folder, not a file", file=name)
        if not stat.S_ISREG(info.st_mode):
            raise FileReadError(
                f"this is not a regular file ({_kind(info.st_mode)}); only regular files are read", file=name
            )
        if info.st_size > max_bytes:
            raise FileReadError(
                f"the {what} is {_size(info.st_size)}; the limit is {_size(max_bytes)}", file=name
            )
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        seen = 0
        while True:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - seen))
            if not chunk:
                break
            chunks.append(chunk)
            seen += len(chunk)
            if seen > max_bytes:  # a file growing while we read it
                raise FileReadError(f"the {what} is larger than {_size(max_bytes)}", file=name)
        return b"".join(chunks)
    except OSError as exc:
        raise FileReadError(f"cannot read the {what} ({exc.strerror})", file=name) from None
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _size(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n:,} bytes"
