"""Reading a file handed to an import: a regular file only, and never more than its limit.

A pipe (FIFO) would block the open or the read until someone writes to it; a device such as
`/dev/zero` says its size is 0 and never ends; a folder cannot be read. So the path is looked at
before it is opened, opened without blocking, looked at again through the open handle (the path
may have been swapped in between), and read up to one byte past the limit: the size a file
claims is never trusted.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from storage.rules.errors import ValidationError

# Opening never blocks (a FIFO), never takes a terminal, never leaks into a child process.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def read_regular(path: Path, limit: int, field: str = "file") -> bytes:
    """The bytes of the regular file at `path`; ValidationError (on `field`) when it is not a
    regular file, cannot be read, or holds more than `limit` bytes."""
    try:
        _refuse_irregular(path, path.stat().st_mode, field)
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise ValidationError(field, f"{path} cannot be read ({exc.strerror or exc})") from None
    try:
        _refuse_irregular(path, os.fstat(fd).st_mode, field)
        data = _read_at_most(fd, limit + 1)
    except OSError as exc:
        raise ValidationError(field, f"{path} cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise ValidationError(field, f"{path.name} is larger than {_size(limit)}")
    return data


def _read_at_most(fd: int, count: int) -> bytes:
    """Up to `count` bytes; one read may return fewer than asked before the end."""
    chunks, left = [], count
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 24))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _refuse_irregular(path: Path, mode: int, field: str) -> None:
    if stat.S_ISREG(mode):
        return
    raise ValidationError(field, f"{path} is {_kind(mode)}, not a regular file")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _size(limit: int) -> str:
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if limit >= size and limit % size == 0:
            return f"{limit // size} {unit}"
    return f"{limit:,} bytes"
