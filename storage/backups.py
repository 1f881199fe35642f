"""Backups of the database into `<data folder>/backups/`, their rotation, and restoring one.

A backup is made with SQLite's online backup API, so it is consistent even while the app is
writing. It is written under a temporary name and renamed when complete, so a crash never
leaves a half backup that looks whole. Backups are plain rollback-journal SQLite files that
open read-only without creating anything beside them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from storage.db import (
    DB_FILENAME,
    database_file,
    database_path,
    inspect_existing,
    open_database,
)
from storage.errors import DataFileError, NotADatabaseError

BACKUP_FOLDER = "backups"
KEEP_DAILY = 7
KEEP_WEEKLY = 8
KEEP_MONTHLY = 12
AUTOMATIC_EVERY = dt.timedelta(days=1)
REASONS = ("manual", "automatic", "before-migration", "before-restore")
_NAME = re.compile(r"^fractional-desk-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z-]+)\.sqlite3$")
_STAMP = "%Y%m%d-%H%M%S-%f"
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


def backups_folder(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_FOLDER


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def backup_name(taken_at: dt.datetime, reason: str) -> str:
    return f"fractional-desk-{taken_at.astimezone(dt.UTC).strftime(_STAMP)}-{reason}.sqlite3"


def parse_name(name: str) -> tuple[dt.datetime, str] | None:
    match = _NAME.match(name)
    if not match:
        return None
    taken = dt.datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=dt.UTC)
    return taken, match["reason"]


def copy_database(source: sqlite3.Connection, target: Path) -> Path:
    """Copy a live database to `target` through the online backup API, atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".partial-", suffix=".sqlite3", dir=target.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        dest = sqlite3.connect(temp)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
            dest.commit()
        finally:
            dest.close()
        _fsync(temp)
        temp.replace(target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)
    return target


def create_backup(
    db: Database,
    data_dir: Path | None = None,
    *,
    reason: str = "manual",
    out: Path | None = None,
    now: dt.datetime | None = None,
) -> Path:
    """Back up the open database into the data folder's backups/ (or to `out`)."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    if out is not None:
        return copy_database(db.conn, Path(out))
    folder = backups_folder(data_dir if data_dir is not None else database_path(db).parent)
    taken = now or _utc_now()
    target = folder / backup_name(taken, reason)
    while target.exists():  # two backups in the same microsecond: keep both
        taken += dt.timedelta(microseconds=1)
        target = folder / backup_name(taken, reason)
    return copy_database(db.conn, target)


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
        contents, problem = count_contents(path), ""
    except DataFileError as exc:
        contents, problem = None, exc.problem
    return Backup(path, taken, reason, path.stat().st_size, contents, problem)


def count_contents(path: Path) -> Contents:
    """Count the records in a database file, opened immutable so nothing is written."""
    uri = f"{Path(path).resolve().as_uri()}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.DatabaseError as exc:
        raise NotADatabaseError(path, f"cannot be read ({exc})") from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        counts = {
            key: conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
            if table in tables
            else 0
            for key, table in COUNTED_TABLES.items()
        }
    except sqlite3.DatabaseError as exc:
        raise NotADatabaseError(path, f"is damaged and cannot be read ({exc})") from exc
    finally:
        conn.close()
    return Contents(**counts)


def newest_backup(data_dir: Path) -> dt.datetime | None:
    folder = backups_folder(data_dir)
    if not folder.is_dir():
        return None
    stamps = [parsed[0] for p in folder.iterdir() if (parsed := parse_name(p.name))]
    return max(stamps, default=None)


def backup_if_due(db: Database, data_dir: Path, *, now: dt.datetime | None = None) -> Path | None:
    """The automatic backup on start: when the newest is older than a day and there is data."""
    now = now or _utc_now()
    newest = newest_backup(data_dir)
    if newest is not None and now - newest < AUTOMATIC_EVERY:
        return None
    if not has_data(db):
        return None
    path = create_backup(db, data_dir, reason="automatic", now=now)
    rotate(data_dir, now=now)
    return path


def has_data(db: Database) -> bool:
    tables = set(db.table_names())
    return any(
        db.execute(f"SELECT EXISTS (SELECT 1 FROM [{table}])").fetchone()[0]
        for table in ("client", "setting")
        if table in tables
    )


def to_keep(stamps: Iterable[dt.datetime]) -> set[dt.datetime]:
    """Grandfather-father-son: the newest backup of each of the last 7 days with a backup,
    of the last 8 weeks and of the last 12 months; the newest of all is always kept."""
    ordered = sorted(stamps, reverse=True)
    keep: set[dt.datetime] = set(ordered[:1])
    periods = (
        (KEEP_DAILY, lambda t: t.date()),
        (KEEP_WEEKLY, lambda t: t.isocalendar()[:2]),
        (KEEP_MONTHLY, lambda t: (t.year, t.month)),
    )
    for limit, period_of in periods:
        seen: list[object] = []
        for stamp in ordered:
            period = period_of(stamp)
            if period in seen:
                continue
            if len(seen) == limit:
                break
            seen.append(period)
            keep.add(stamp)
    return keep


def rotate(data_dir: Path, *, now: dt.datetime | None = None) -> list[Path]:
    """Delete the backups the rotation no longer keeps; return what was deleted."""
    folder = backups_folder(data_dir)
    if not folder.is_dir():
        return []
    named = {p: parsed[0] for p in folder.iterdir() if (parsed := parse_name(p.name))}
    keep = to_keep(named.values())
    removed = [path for path, stamp in named.items() if stamp not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


@dataclass(frozen=True)
class PreparedRestore:
    """A checked copy of the backup beside the database, and the backup of what it replaces."""

    data_dir: Path
    candidate: Path
    previous: Path | None


def restore(data_dir: Path, backup: Path, *, now: dt.datetime | None = None) -> Path | None:
    """Replace the data folder's database with `backup`; every connection must be closed.

    The current state is backed up first (so the restore can be undone); a current file that
    cannot be read is set aside under a new name instead, never deleted. Returns the path that
    now holds the previous state (None when there was none).
    """
    return finish_restore(prepare_restore(data_dir, backup, now=now))


def prepare_restore(
    data_dir: Path, backup: Path, *, now: dt.datetime | None = None
) -> PreparedRestore:
    """The slow half of a restore, safe on a worker thread while the app keeps its connection:
    copy and check the backup, and back up the current state through the online backup API.
    Nothing the app reads changes; `finish_restore` (or `discard`) must follow."""
    data_dir = Path(data_dir)
    candidate = _verified_copy(Path(backup), data_dir)
    try:
        previous = _save_current(database_file(data_dir), data_dir, now or _utc_now())
    except BaseException:
        candidate.unlink(missing_ok=True)
        raise
    return PreparedRestore(data_dir, candidate, previous)


def finish_restore(prepared: PreparedRestore) -> Path | None:
    """The quick half: put the checked copy in the database's place in one rename. Every
    connection to the database must be closed."""
    target = database_file(prepared.data_dir)
    try:
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        prepared.candidate.replace(target)
        _fsync_folder(target.parent)
    finally:
        prepared.candidate.unlink(missing_ok=True)
    return prepared.previous


def discard(prepared: PreparedRestore) -> None:
    """Give up a prepared restore: the database was never touched."""
    prepared.candidate.unlink(missing_ok=True)


def restore_in_place(db: Database, backup: Path | PreparedRestore) -> Path | None:
    """Restore under an open connection: close it, restore, and point `db` at the result.

    Everything holding this `db` (tabs, models) keeps working on the restored data; if the
    restore is refused, `db` is reopened on the untouched file and the error raised. Given a
    `PreparedRestore`, only the quick swap happens here.
    """
    path = database_path(db)
    if not isinstance(backup, PreparedRestore):
        backup = prepare_restore(path.parent, backup)
    db.conn.close()
    try:
        return finish_restore(backup)
    finally:
        db.conn = open_database(path).conn


def _verified_copy(backup: Path, data_dir: Path) -> Path:
    """Copy the backup beside the database and check the copy, so the swap is one rename."""
    if not backup.is_file():
        raise DataFileError(backup, "does not exist or is not a file")
    inspect_existing(backup)
    data_dir.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        handle, name = tempfile.mkstemp(prefix=".restore-", suffix=".sqlite3", dir=data_dir)
        os.close(handle)
        copy_database(source, Path(name))
    finally:
        source.close()
    copy = Path(name)
    try:
        _check_integrity(copy)
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    return copy


def _check_integrity(path: Path) -> None:
    inspect_existing(path)
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise NotADatabaseError(path, f"is damaged ({exc})") from exc
    finally:
        conn.close()
    if not result or result[0] != "ok":
        raise NotADatabaseError(path, "is damaged (the integrity check failed)")


def _save_current(target: Path, data_dir: Path, now: dt.datetime) -> Path | None:
    """Back up the database about to be replaced, or set it aside if it cannot be read."""
    if not target.exists() or target.stat().st_size == 0:
        return None
    try:
        inspect_existing(target)
        conn = sqlite3.connect(target)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            folder = backups_folder(data_dir)
            name = folder / backup_name(now, "before-restore")
            return copy_database(conn, name)
        finally:
            conn.close()
    except (DataFileError, sqlite3.DatabaseError):
        return _set_aside(target, now)


def _set_aside(target: Path, now: dt.datetime) -> Path:
    stamp = now.astimezone(dt.UTC).strftime(_STAMP)
    aside = target.with_name(f"{DB_FILENAME}.unreadable-{stamp}")
    target.replace(aside)
    for suffix in ("-wal", "-shm"):
        extra = Path(f"{target}{suffix}")
        if extra.exists():
            extra.replace(Path(f"{aside}{suffix}"))
    return aside


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
