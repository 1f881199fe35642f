"""Backups of the database into `<data folder>/backups/`, their rotation, and restoring one.

Every backup is checked before it counts (`backup_copy`): a damaged database is refused and the
backups already there are kept. Rotation (`backup_rotation`) runs only after a checked backup.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from storage.file import file_swap, kept_keys, keys, swap_journal
from storage.file.backup_copy import NOT_OURS, copy_database, holds_our_data
from storage.file.backup_names import (
    BACKUP_FOLDER,
    REASONS,
    STAMP,
    backup_name,
    backups_folder,
    named_backups,
    parse_name,
    utc_now,
)
from storage.file.backup_rotation import (
    KEEP_DAILY,
    KEEP_MONTHLY,
    KEEP_PROTECTIVE_DAYS,
    KEEP_WEEKLY,
    counts,
    rotate,
    to_keep,
)
from storage.file.connect import AUTO, Auto, Key, connect, is_plain, key_for_file
from storage.file.db import DB_FILENAME, database_file, database_path
from storage.file.file_check import inspect_existing
from storage.file.file_swap import FolderHold
from storage.file.swap_journal import Journal
from storage.file.writers_gate import GateBusyError
from storage.rules.errors import (
    DataFileError,
    KeyMissingError,
    NotADatabaseError,
    StorageWriteError,
    WrongKeyError,
)
from storage.sqlite import sqlite3

__all__ = [  # what callers use; naming, checking and rotation live in the backup_* modules
    "AUTOMATIC_EVERY",
    "BACKUP_FOLDER",
    "KEEP_DAILY",
    "KEEP_MONTHLY",
    "KEEP_PROTECTIVE_DAYS",
    "KEEP_WEEKLY",
    "REASONS",
    "Backup",
    "BackupRefusedError",
    "Contents",
    "PreparedRestore",
    "back_up_and_rotate",
    "backup_if_due",
    "backup_name",
    "backups_folder",
    "copy_database",
    "count_contents",
    "create_backup",
    "describe",
    "discard",
    "finish_restore",
    "has_data",
    "list_backups",
    "newest_backup",
    "parse_name",
    "prepare_restore",
    "restore",
    "rotate",
    "to_keep",
]

AUTOMATIC_EVERY = dt.timedelta(days=1)
RESTORE_WAITS_SECONDS = 30.0
COUNTED_TABLES = {
    "clients": "client",
    "engagements": "engagement",
    "time_entries": "time_entry",
    "decisions": "decision",
}


@dataclass(frozen=True)
class Contents:
    """What a backup holds, counted without changing it."""

    clients: int = 0
    engagements: int = 0
    time_entries: int = 0
    decisions: int = 0

    def describe(self) -> str:
        return (
            f"{self.clients:,} clients, {self.engagements:,} engagements, "
            f"{self.time_entries:,} time entries, {self.decisions:,} decisions"
        )


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: dt.datetime  # UTC
    reason: str
    size_bytes: int
    contents: Contents | None  # None when the backup cannot be read
    problem: str = ""


class BackupRefusedError(NotADatabaseError):
    """The live database failed the integrity check, so no backup was made: its damage is never
    copied over good backups, and every existing backup is kept."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            "is damaged (the integrity check found problems), so it was not backed up; "
            "your existing backups are kept",
        )


def create_backup(
    db: Database,
    data_dir: Path | None = None,
    *,
    reason: str = "manual",
    out: Path | None = None,
    now: dt.datetime | None = None,
) -> Path:
    """Back up the open database into the data folder's backups/ (or to `out`), checked.

    Raises BackupRefusedError when the database is damaged; nothing is written then.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    if out is None:
        folder = backups_folder(data_dir if data_dir is not None else database_path(db).parent)
        out = _free_name(folder, now or utc_now(), reason)
    try:
        return copy_database(db.conn, Path(out))
    except NotADatabaseError as exc:
        raise BackupRefusedError(exc.path) from exc


def _free_name(folder: Path, taken: dt.datetime, reason: str) -> Path:
    target = folder / backup_name(taken, reason)
    while target.exists():  # two backups in the same microsecond: keep both
        taken += dt.timedelta(microseconds=1)
        target = folder / backup_name(taken, reason)
    return target


def back_up_and_rotate(
    db: Database, data_dir: Path, *, reason: str = "manual", now: dt.datetime | None = None
) -> Path:
    """Back up, then rotate: nothing is removed unless the new backup was made and checked."""
    now = now or utc_now()
    path = create_backup(db, data_dir, reason=reason, now=now)
    rotate(data_dir, now=now)
    return path


def list_backups(data_dir: Path) -> list[Backup]:
    """Every backup in the data folder, newest first, with what each holds (read-only)."""
    folder = backups_folder(data_dir)
    if not folder.is_dir():
        return []
    found = [describe(path) for path in folder.iterdir() if parse_name(path.name)]
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def describe(path: Path) -> Backup:
    parsed = parse_name(path.name)
    if parsed:
        taken, reason = parsed
    else:
        taken = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
        reason = "manual"
    try:
        contents, problem = count_contents(path, key=_reading_key(path)), ""
    except DataFileError as exc:
        contents, problem = None, exc.problem
    return Backup(path, taken, reason, path.stat().st_size, contents, problem)


def _reading_key(path: Path) -> Key:
    """The key that opens a backup: the practice's own or one kept from before; an encrypted
    backup no key at hand opens is said to be so, never called damaged."""
    if is_plain(path):
        return None
    key = kept_keys.key_of(path, keys.folder_of(path))[1]
    if key is None:
        raise NotADatabaseError(path, UNKNOWN_KEY)
    return key


UNKNOWN_KEY = (
    "is encrypted with a key this practice does not hold (restore it with the recovery key of "
    "the practice it was made from: fractional-desk restore PATH --recovery-key-file FILE)"
)


def count_contents(path: Path, *, key: Key = AUTO) -> Contents:
    """Count the records in a database file, opened immutable so nothing is written. An empty
    file or another application's counts as unreadable: restoring it would lose everything."""
    try:
        conn = connect(path, read_only=True, immutable=True, key=key)
    except sqlite3.DatabaseError as exc:
        raise NotADatabaseError(path, f"cannot be read ({exc})") from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        found = {
            key: conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
            if table in tables
            else 0
            for key, table in COUNTED_TABLES.items()
        }
    except sqlite3.DatabaseError as exc:
        raise NotADatabaseError(path, f"is damaged and cannot be read ({exc})") from exc
    finally:
        conn.close()
    if "_sqlite_migrations" not in tables:
        raise NotADatabaseError(path, NOT_OURS)
    return Contents(**found)


def newest_backup(data_dir: Path, *, now: dt.datetime | None = None) -> dt.datetime | None:
    """The time of the newest backup that counts (sound, not dated in the future), or None."""
    now = now or utc_now()
    return next((b.taken_at for b in named_backups(data_dir) if counts(b, now)), None)


def backup_if_due(db: Database, data_dir: Path, *, now: dt.datetime | None = None) -> Path | None:
    """The automatic backup on start: when the newest is older than a day and there is data.

    Raises BackupRefusedError when the database is damaged (the caller says so), and OSError
    (StorageWriteError) when the backup cannot be written; no backup is removed then.
    """
    now = now or utc_now()
    newest = newest_backup(data_dir, now=now)
    if newest is not None and now - newest < AUTOMATIC_EVERY:
        return None
    if not has_data(db):
        return None
    return back_up_and_rotate(db, data_dir, reason="automatic", now=now)


def has_data(db: Database) -> bool:
    tables = set(db.table_names())
    return any(
        db.execute(f"SELECT EXISTS (SELECT 1 FROM [{table}])").fetchone()[0]
        for table in ("client", "setting")
        if table in tables
    )


@dataclass(frozen=True)
class PreparedRestore:
    """A checked copy of the backup beside the database, and where what it replaces goes."""

    data_dir: Path
    candidate: Path
    previous: Path | None
    journal: Journal
    hold: FolderHold  # the folder is held from before the copy is made until the swap
    set_aside: bool = False  # the current file cannot be backed up: renamed to `previous` instead


def restore(
    data_dir: Path, backup: Path, *, now: dt.datetime | None = None, backup_key: Key = AUTO
) -> Path | None:
    """Replace the data folder's database with `backup`; every connection must be closed.

    The current state is backed up first (so the restore can be undone); a current file that
    cannot be read, or fails the backup's check, is set aside under a new name instead, never
    deleted. Returns the path that now holds the previous state (None when there was none).
    """
    return finish_restore(prepare_restore(data_dir, backup, now=now, backup_key=backup_key))


def prepare_restore(
    data_dir: Path, backup: Path, *, now: dt.datetime | None = None, backup_key: Key = AUTO
) -> PreparedRestore:
    """The slow half of a restore, safe on a worker thread while the app keeps its connection:
    copy and check the backup, and back up the current state through the online backup API.
    Nothing the app reads changes; `finish_restore` (or `discard`) must follow. The folder is
    held from here on (AlreadyRunningError while another app holds it)."""
    data_dir = Path(data_dir)
    backup = Path(backup)
    if not backup.is_file():
        raise DataFileError(backup, "does not exist or is not a file")
    hold = _take(data_dir)  # from here on no command-line writer can start a write
    try:
        file_swap.resume_pending(data_dir)
        journal = file_swap.begin(data_dir, _restore_journal(data_dir))
        try:
            candidate = Path(journal.candidate)
            _verified_copy(backup, data_dir, backup_key, candidate)
            previous, set_aside = _save_current(database_file(data_dir), data_dir, now or utc_now())
        except BaseException:
            file_swap.abandon(data_dir, journal)
            raise
    except BaseException:
        hold.release()
        raise
    if set_aside and previous is not None:
        journal = dataclasses.replace(journal, aside=str(previous), keep_aside=True)
        swap_journal.write(data_dir, journal)
    return PreparedRestore(data_dir, candidate, previous, journal, hold, set_aside)


def _restore_journal(data_dir: Path) -> Journal:
    marker = keys.read_marker(data_dir)
    token = file_swap.temp_name(data_dir, file_swap.ASIDE_PREFIX)
    return Journal(
        operation="restore",
        step=swap_journal.PREPARED,
        candidate=str(file_swap.temp_name(data_dir, ".restore-")),
        aside=str(token),
        old_marker=marker,
        new_marker=marker,
    )


def _take(data_dir: Path) -> FolderHold:
    """Wait for the commands using the folder to end; a write reported by one of them must be in
    the "before a restore" copy, and none may start until the restored file is in place."""
    hold = FolderHold(data_dir)
    try:
        hold.acquire(RESTORE_WAITS_SECONDS)
    except GateBusyError as exc:
        raise StorageWriteError(database_file(data_dir), f"cannot be restored now: {exc}") from exc
    return hold


def finish_restore(prepared: PreparedRestore) -> Path | None:
    """The quick half: put the checked copy in the database's place (`file_swap`). Every
    connection to the database must be closed (`storage.file.practice.restore_in_place` closes
    the app's and opens it again)."""
    try:
        file_swap.swap_in(prepared.data_dir, prepared.journal)
    finally:
        prepared.hold.release()
    return prepared.previous


def discard(prepared: PreparedRestore) -> None:
    """Give up a prepared restore: the checked copy goes, the folder is free again."""
    file_swap.give_up(prepared.data_dir, prepared.journal, prepared.candidate, prepared.hold)


def _verified_copy(backup: Path, data_dir: Path, backup_key: Key, copy: Path) -> None:
    """Copy the backup beside the database, checked (`copy_database`), so the swap is one
    rename. An empty file or another application's is refused: it would replace everything.
    The copy gets the practice's own key, whatever key (or none) the backup was made with."""
    if not backup.is_file():
        raise DataFileError(backup, "does not exist or is not a file")
    given = not isinstance(backup_key, Auto) and not is_plain(backup)  # a plain one needs none
    key = backup_key if given else _key_of_backup(backup, data_dir)
    if key is None and not is_plain(backup):
        raise NotADatabaseError(backup, OTHER_KEY)
    try:
        inspect_existing(backup, key=key)
    except WrongKeyError as exc:
        if given:
            raise
        raise NotADatabaseError(backup, OTHER_KEY) from exc
    source = connect(backup, read_only=True, key=key)
    try:
        copy_database(source, copy, key=key_for_file(database_file(data_dir)), source_key=key)
        if not holds_our_data(copy):
            raise NotADatabaseError(backup, NOT_OURS)
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    finally:
        source.close()


OTHER_KEY = (
    "is not SQLite at all, or is encrypted with another key than this practice's: if it comes "
    "from another practice, give that practice's recovery key "
    "(fractional-desk restore PATH --recovery-key-file FILE)"
)


def _key_of_backup(backup: Path, data_dir: Path) -> bytes | None:
    """A backup's key: its own practice's when it sits in a practice folder (or its backups/),
    else this practice's (a copy of one of its backups kept elsewhere); a key the practice
    keeps from before a conversion opens the backups made under it."""
    if is_plain(backup):
        return None
    folder = keys.folder_of(backup)
    if keys.read_marker(folder) is None and not kept_keys.kept(folder):
        folder = data_dir  # a copy of one of this practice's backups, kept elsewhere
    found = kept_keys.key_of(backup, folder)[1]  # its own key, or one kept from before
    if found is not None:
        return found
    try:
        return keys.key_for_folder(folder)
    except KeyMissingError as exc:  # its practice's key is not here: its recovery key is
        raise NotADatabaseError(backup, OTHER_KEY) from exc


def _save_current(target: Path, data_dir: Path, now: dt.datetime) -> tuple[Path | None, bool]:
    """Back up the database about to be replaced; if it cannot be read or fails the check, name
    where `finish_restore` sets it aside (it is renamed only then, once every connection closed).
    """
    if not target.exists() or target.stat().st_size == 0:
        return None, False
    try:
        inspect_existing(target)
        conn = connect(target)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            name = backups_folder(data_dir) / backup_name(now, "before-restore")
            return copy_database(conn, name), False
        finally:
            conn.close()
    except (DataFileError, sqlite3.DatabaseError):
        stamp = now.astimezone(dt.UTC).strftime(STAMP)
        return target.with_name(f"{DB_FILENAME}.unreadable-{stamp}"), True
