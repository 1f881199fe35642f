"""One running app per data folder: an OS lock on a small file that names its holder.

The lock is an advisory OS lock (`storage.file.os_lock`) on `fractional-desk.lock` in the data
folder. The OS drops it when the holder exits or crashes, so a lock left by a crashed run never
has to be cleared by hand; the file's text (pid and host) only serves to tell the user who
holds it.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from storage.file.os_lock import open_for_lock, try_lock, unlock
from storage.file.private_files import private_folder

LOCK_FILENAME = "fractional-desk.lock"
_held_here: set[Path] = set()  # folders this process holds (an OS lock is per open file)


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str

    def describe(self) -> str:
        return f"process {self.pid} on {self.host}" if self.pid else "another process"


class AlreadyRunningError(Exception):
    """Another Fractional Desk holds the data folder."""

    def __init__(self, data_dir: Path, holder: Holder) -> None:
        super().__init__(
            f"Fractional Desk is already running on the data folder {data_dir} "
            f"({holder.describe()}). Switch to that window, or quit it first."
        )
        self.data_dir = data_dir
        self.holder = holder


def lock_file(data_dir: Path) -> Path:
    return Path(data_dir) / LOCK_FILENAME


class InstanceLock:
    """Hold the data folder for the life of one app (or one CLI restore)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.path = lock_file(self.data_dir)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock or raise AlreadyRunningError naming the holder."""
        if self._fd is not None:
            return
        fd = _open_lock_file(self.path)
        if fd is None:
            return  # a folder that cannot be written: nothing can change there, so no lock
        if not try_lock(fd):
            os.close(fd)
            raise AlreadyRunningError(self.data_dir, read_holder(self.data_dir))
        _write_holder(fd, Holder(os.getpid(), socket.gethostname()))
        self._fd = fd
        _held_here.add(self.data_dir.resolve())

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        _held_here.discard(self.data_dir.resolve())
        try:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def held_here(data_dir: Path) -> bool:
    """This process holds the folder already (the app, or a command that took it): a second
    lock on the same file would refuse its own holder."""
    return Path(data_dir).resolve() in _held_here


def _open_lock_file(path: Path) -> int | None:
    with contextlib.suppress(OSError):
        private_folder(path.parent)
    return open_for_lock(path)


def holder_of(data_dir: Path) -> Holder | None:
    """Who holds the data folder now, or None (a lock left by a dead process does not count)."""
    path = lock_file(data_dir)
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        if try_lock(fd):
            unlock(fd)
            return None
    finally:
        os.close(fd)
    return read_holder(data_dir)


def read_holder(data_dir: Path) -> Holder:
    try:
        text = lock_file(data_dir).read_text(encoding="utf-8")
        data = json.loads(text)
        return Holder(int(data["pid"]), str(data["host"]))
    except (OSError, ValueError, KeyError, TypeError):
        return Holder(0, "")


def _write_holder(fd: int, holder: Holder) -> None:
    """Name the holder in the file; only a courtesy to the next start, so a full disk or a
    read-only file just leaves it unnamed."""
    text = json.dumps({"pid": holder.pid, "host": holder.host}).encode()
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, text)
        os.fsync(fd)
    except OSError:
        pass
