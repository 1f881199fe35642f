"""The folder's gate between writers and a restore: no reported write may fall between a restore's
backup of the current state and the rename that replaces it.

Every command-line process that opens the database holds the gate shared for its whole life (it
may write at any moment); a restore holds it exclusively from before it backs up the current
state until the restored file is in place. So a `log` started during a restore waits, then opens
the restored file and writes into it; a restore started during a `log` waits for it to finish.
The gate is an OS lock on `fractional-desk.gate`, dropped by the OS when its holder ends.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import TracebackType

from storage.file.os_lock import open_for_lock, try_lock, unlock

GATE_FILENAME = "fractional-desk.gate"
POLL_SECONDS = 0.05


class GateBusyError(Exception):
    """The gate could not be taken in time: a restore (or, for a restore, a command) is running."""


class WritersGate:
    """`shared` for a process that reads or writes the database, exclusive for a restore."""

    def __init__(self, data_dir: Path, *, exclusive: bool = False) -> None:
        self.path = Path(data_dir) / GATE_FILENAME
        self.exclusive = exclusive
        self._fd: int | None = None

    def acquire(self, wait_seconds: float = 60.0) -> None:
        """Take the gate, waiting up to `wait_seconds`; a folder that cannot be written needs no
        gate (nothing can be written there) and passes at once."""
        if self._fd is not None:
            return
        fd = open_for_lock(self.path)
        if fd is None:
            return
        deadline = time.monotonic() + wait_seconds
        while not try_lock(fd, exclusive=self.exclusive):
            if time.monotonic() >= deadline:
                os.close(fd)
                raise GateBusyError(self._busy_message())
            time.sleep(POLL_SECONDS)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            unlock(fd)
        finally:
            os.close(fd)

    def _busy_message(self) -> str:
        if self.exclusive:
            return (
                f"another Fractional Desk command is still using {self.path.parent}; "
                "try again when it has finished"
            )
        return f"a restore is replacing the database in {self.path.parent}; try again in a moment"

    def __enter__(self) -> WritersGate:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
