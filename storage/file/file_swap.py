"""Replacing the database file as one transaction of files: the one way restore, both
conversions, `import practice` and `demo` put a new file in the practice's place.

The operation holds the folder (the instance lock and the writers' gate, exclusive), writes the
new file beside the old one and checks it, then, each step named first in the journal
(`swap_journal`): sets the key file, moves the old file with its `-wal` and `-shm` aside, renames
the new one in, and removes what was set aside. A stale `-wal` is never left beside the new file
(SQLite would replay it onto it: "database disk image is malformed"). A kill at any step is undone
(the new file not yet in place) or finished (it is) by `settle` at the next open, which also
removes the temporary files no live operation owns.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import secrets
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

from storage.file import keys, swap_journal
from storage.file.backup_copy import fsync_folder
from storage.file.db import database_file
from storage.file.instance_lock import AlreadyRunningError, InstanceLock, held_here
from storage.file.leftovers import ASIDE_PREFIX as ASIDE_PREFIX  # the prefix callers name
from storage.file.leftovers import temporary_files
from storage.file.swap_journal import BACKUPS, MOVING, PREPARED, SWAPPED, Journal
from storage.file.writers_gate import GateBusyError, WritersGate
from storage.rules.errors import WrongKeyError

KILL_AT_ENV = "FRACTIONAL_DESK_KILL_AT"  # tests only: the step at which this process is killed
SIDE_FILES = ("-wal", "-shm")
WAITS_SECONDS = 30.0

_active: set[str] = set()  # candidates of the operations running in this process


def kill_point(step: str) -> None:
    """Where the adversary tests kill an operation: nothing happens unless the variable names
    the step."""
    if os.environ.get(KILL_AT_ENV) == step:
        os.kill(os.getpid(), signal.SIGKILL)


class FolderHold:
    """The instance lock (unless this process holds it already: the app, a command that took
    it) and the exclusive writers' gate, for the life of one operation."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self._lock: InstanceLock | None = None
        self._gate = WritersGate(self.data_dir, exclusive=True)

    def acquire(self, wait_seconds: float = WAITS_SECONDS) -> None:
        """AlreadyRunningError (naming the holder) while the app holds the folder;
        GateBusyError while a command is still using it."""
        if not held_here(self.data_dir):
            lock = InstanceLock(self.data_dir)
            lock.acquire()
            self._lock = lock
        try:
            self._gate.acquire(wait_seconds)
        except BaseException:
            self.release()
            raise

    def try_acquire(self) -> bool:
        """Take the folder only if nobody else uses it now."""
        try:
            self.acquire(0.0)
        except (AlreadyRunningError, GateBusyError):
            return False
        return True

    def release(self) -> None:
        self._gate.release()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def begin(data_dir: Path, journal: Journal) -> Journal:
    """Name the operation and what it owns before its new file is written."""
    journal = dataclasses.replace(journal, step=PREPARED, pid=os.getpid())
    swap_journal.write(data_dir, journal)
    _active.add(journal.candidate)
    kill_point(PREPARED)
    return journal


def swap_in(data_dir: Path, journal: Journal) -> None:
    """Put the checked candidate in the database's place; every connection must be closed.
    The key file changes with it; backups follow when the journal says so. A failure part-way
    is undone or finished at once (or, if that fails too, at the next open)."""
    data_dir = Path(data_dir)
    try:
        _swap(data_dir, journal)
    except BaseException:
        with contextlib.suppress(Exception):
            current = swap_journal.read(data_dir)
            if current is not None:
                resume(data_dir, current)
        raise
    finally:
        _active.discard(journal.candidate)


def _swap(data_dir: Path, journal: Journal) -> None:
    target = database_file(data_dir)
    journal = journal.at(MOVING)
    swap_journal.write(data_dir, journal)
    kill_point(MOVING)
    if journal.old_marker is not None and journal.old_marker != journal.new_marker:
        from storage.file import kept_keys  # a swap's own: opening a practice never needs it

        kept_keys.keep(data_dir, journal.old_marker)  # until no backup needs it
    _set_marker(data_dir, journal.new_marker)
    for suffix in ("", *SIDE_FILES):
        _move(Path(f"{target}{suffix}"), Path(f"{journal.aside}{suffix}"))
    kill_point("set-aside")
    Path(journal.candidate).replace(target)
    fsync_folder(data_dir)
    journal = journal.at(SWAPPED)
    swap_journal.write(data_dir, journal)
    kill_point(SWAPPED)
    _finish(data_dir, journal)


def abandon(data_dir: Path, journal: Journal) -> None:
    """Give up an operation before its swap: its files go, the key file is as it was."""
    try:
        _undo(Path(data_dir), journal)
    finally:
        _active.discard(journal.candidate)


def give_up(data_dir: Path, journal: Journal, candidate: Path, hold: FolderHold) -> None:
    """Give up a prepared operation (a restore, a conversion): its copy goes, anything journaled
    is undone, and the folder is free again."""
    try:
        if swap_journal.read(data_dir) is not None:
            abandon(data_dir, journal)
        candidate.unlink(missing_ok=True)
    finally:
        hold.release()


def _move(source: Path, aside: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        source.replace(aside)


def _set_marker(data_dir: Path, marker: keys.Marker | None) -> None:
    current = keys.read_marker(data_dir) if keys.marker_file(data_dir).exists() else None
    if marker is None:
        keys.remove_marker(data_dir)
    elif marker != current:
        keys.write_marker(data_dir, marker)


def _finish(data_dir: Path, journal: Journal) -> None:
    """From SWAPPED on: the new file is in place; what was set aside goes, backups follow."""
    from storage.file import backup_conversion, kept_keys  # only a swap (or its resume) finishes

    _set_marker(data_dir, journal.new_marker)
    if not journal.keep_aside:
        for suffix in ("", *SIDE_FILES):
            Path(f"{journal.aside}{suffix}").unlink(missing_ok=True)
    for owned in journal.owned:
        _remove_owned(Path(owned), data_dir)
    if journal.convert_backups:
        swap_journal.write(data_dir, journal.at(BACKUPS))
        kill_point(BACKUPS)
        backup_conversion.convert_backups(data_dir)
    kept_keys.prune(data_dir)
    swap_journal.remove(data_dir)
    _active.discard(journal.candidate)


def _undo(data_dir: Path, journal: Journal) -> None:
    """Before the new file is in place: the old file (with its -wal and -shm) comes back, the
    key file is as it was, and a key made for the operation is forgotten."""
    target = database_file(data_dir)
    for suffix in ("", *SIDE_FILES):
        aside = Path(f"{journal.aside}{suffix}")
        if aside.exists() and not Path(f"{target}{suffix}").exists():
            aside.replace(Path(f"{target}{suffix}"))
    _set_marker(data_dir, journal.old_marker)
    new, old = journal.new_marker, journal.old_marker
    if new is not None and (old is None or new.key_id != old.key_id):
        keys.forget_key(new)
    for owned in (journal.candidate, *journal.owned):
        _remove_owned(Path(owned), data_dir)
    fsync_folder(data_dir)
    swap_journal.remove(data_dir)
    _active.discard(journal.candidate)


def resume(data_dir: Path, journal: Journal) -> None:
    """Finish or undo an operation cut short, from the step its journal names."""
    before_swap = journal.step == PREPARED or journal.step == MOVING
    if (before_swap and Path(journal.candidate).exists()) or journal.step == PREPARED:
        _undo(data_dir, journal)
    else:  # the new file is in place
        _finish(data_dir, journal)


def settle(data_dir: Path, *, sweep: bool = False) -> bool:
    """What every open calls first: finish or undo an operation a kill cut short (one `stat`
    when there is none) and, with `sweep`, remove the temporary files nobody owns. Done only
    when nobody else uses the folder; True when something was finished or undone."""
    data_dir = Path(data_dir)
    journal = swap_journal.read(data_dir) if swap_journal.exists(data_dir) else None
    if journal is not None and journal.pid == os.getpid() and journal.candidate in _active:
        return False  # this process is in the middle of it
    found = temporary_files(data_dir) if sweep else []
    if journal is None and not found and not swap_journal.exists(data_dir):
        return False
    hold = FolderHold(data_dir)
    if not hold.try_acquire():
        return False  # an operation or another process holds the folder: what is there is theirs
    try:
        return settle_held(data_dir)
    finally:
        hold.release()


def resume_pending(data_dir: Path) -> bool:
    """For an operation about to begin (the folder held): one cut short is finished or undone
    first, so its journal is never overwritten. True when there was one."""
    journal = swap_journal.read(data_dir)
    if journal is None or journal.candidate in _active:
        return False
    resume(data_dir, journal)
    return True


def settle_held(data_dir: Path) -> bool:
    """`settle` for a caller holding the folder: resume the journal, remove every leftover."""
    journal = swap_journal.read(data_dir)
    if journal is not None:
        resume(data_dir, journal)
    swap_journal.remove(data_dir)  # an unreadable journal names nothing to resume
    for path in temporary_files(data_dir):
        _remove_owned(path, data_dir)
    return journal is not None


def _remove_owned(path: Path, data_dir: Path) -> None:
    """Remove a temporary file or a building folder; a building folder's key is forgotten unless
    it became the practice's own (or is kept for its backups)."""
    if path.is_dir():
        _forget_building_key(path, data_dir)
        shutil.rmtree(path, ignore_errors=True)
        return
    for suffix in ("", "-journal", *SIDE_FILES):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _forget_building_key(folder: Path, data_dir: Path) -> None:
    from storage.file import kept_keys  # only for a leftover a killed operation owned

    try:
        marker = keys.read_marker(folder)
        current = keys.read_marker(data_dir)
    except WrongKeyError:
        return
    in_use = {m.key_id for m in kept_keys.kept(data_dir)} | ({current.key_id} if current else set())
    if marker is not None and marker.key_id not in in_use:
        keys.forget_key(marker)


@contextlib.contextmanager
def preparing(data_dir: Path, journal: Journal) -> Iterator[Journal]:
    """`begin`, and `abandon` when the preparation fails (nothing is changed then)."""
    started = begin(data_dir, journal)
    try:
        yield started
    except BaseException:
        abandon(data_dir, started)
        raise


def aside_name(data_dir: Path, token: str) -> str:
    return str(Path(data_dir) / f"{ASIDE_PREFIX}{token}.sqlite3")


def temp_name(folder: Path, prefix: str) -> Path:
    """A fresh name for a temporary database file in `folder` (made later, owner-only)."""
    while True:
        path = Path(folder) / f"{prefix}{secrets.token_hex(6)}.sqlite3"
        if not path.exists():
            return path
