"""Write a file so that it is either complete or not there at all.

The document is written to a temporary file in the target folder, flushed to disk, then renamed
over the target in one step (os.replace). If anything fails, the temporary file is removed and
the old file, if any, is left as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from exporters.errors import ExportError

Writer = Callable[[BinaryIO], None]


def write_atomic(target: Path, write: Writer, *, private: bool = False) -> Path:
    """Call `write` with a binary file, then put the result at `target`; ExportError on failure.
    A `private` file (the whole practice) keeps the owner-only mode of the temporary file."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path()
    if target.is_dir():
        raise ExportError(f"“{target}” is a folder. Choose a file name to save the document as.")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(_explain(exc, target)) from exc
    temp = Path(temp_name)
    try:
        if not private:
            _as_a_new_file(temp)
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        temp.replace(target)
    except OSError as exc:
        _remove(temp)
        raise ExportError(_explain(exc, target)) from exc
    except BaseException:
        _remove(temp)
        raise
    _sync_folder(folder)
    return target


def write_bytes(target: Path, data: bytes, *, private: bool = False) -> Path:
    def write(stream: BinaryIO) -> None:
        stream.write(data)

    return write_atomic(target, write, private=private)


def _as_a_new_file(temp: Path) -> None:
    """A document is meant to be shared: give it the mode any new file gets (the umask), not
    the owner-only mode of a temporary file."""
    if os.name != "posix":
        return
    umask = os.umask(0o077)
    os.umask(umask)
    temp.chmod(0o666 & ~umask)


def _remove(temp: Path) -> None:
    with contextlib.suppress(OSError):
        temp.unlink()


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (not on Windows)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _explain(exc: OSError, target: Path) -> str:
    """The failure in plain words, naming the file or folder."""
    folder = target.parent
    if exc.errno == errno.ENOENT:
        return f"The folder “{folder}” does not exist. Choose another folder."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"“{target.name}” could not be saved in “{folder}”: the folder cannot be written to, "
            "or the file is open in another program. Close it or choose another folder."
        )
    if exc.errno == errno.ENOSPC:
        return f"The disk holding “{folder}” is full. Free some space or choose another folder."
    reason = exc.strerror or str(exc)
    return f"“{target.name}” could not be saved in “{folder}”: {reason}."
