"""Advisory OS locks on an open file: `fcntl.flock` on POSIX, `msvcrt.locking` on Windows.

The OS drops a lock when its holder exits or crashes, so no lock outlives a dead process. Used by
the one-app-per-folder lock and by the writers' gate; opening files that cannot be created (a
read-only folder) is the callers' business.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

WINDOWS_LOCK_OFFSET = 4096  # lock a byte past any text, so others can still read the file


def open_for_lock(path: Path) -> int | None:
    """The file, opened for writing when the folder allows it (created owner-only), else for
    reading (a lock needs no write access); None when it neither exists nor can be made."""
    with contextlib.suppress(OSError):
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    with contextlib.suppress(OSError):
        return os.open(path, os.O_RDONLY)
    return None


if sys.platform == "win32":
    import msvcrt

    def try_lock(fd: int, *, exclusive: bool = True) -> bool:
        """Windows has no shared byte locks here: every holder is exclusive (commands take turns)."""
        os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def unlock(fd: int) -> None:
        os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def try_lock(fd: int, *, exclusive: bool = True) -> bool:
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
