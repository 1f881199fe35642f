"""A copy of a database that counts only once SQLite has checked it.

The copy is made with SQLite's online backup API under a temporary name, checked with
`PRAGMA integrity_check`, and only then renamed into place: a crash never leaves a half copy that
looks whole, and a damaged database never becomes a backup that looks good. Copies are plain
rollback-journal files that open read-only without creating anything beside them.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from storage.file.connect import AUTO, Auto, Key, connect, key_for_file
from storage.file.failure_words import translate
from storage.file.file_check import integrity_problems, quick_check
from storage.file.private_files import create_private_file, private_folder
from storage.rules.errors import NotADatabaseError
from storage.sqlite import sqlite3

DAMAGED = "is damaged (the integrity check found problems)"
NOT_OURS = "holds no Fractional Desk data (it is empty or belongs to another application)"


def copy_database(
    source: sqlite3.Connection, target: Path, *, key: Key = AUTO, source_key: Key = AUTO
) -> Path:
    """Copy `source` to `target` atomically; raise NotADatabaseError, naming the source, when
    the copy fails its integrity check (nothing is left behind then).

    The copy is encrypted with `key` (by default the source's own key, so a backup of an
    encrypted practice is never written in plain text). `source_key` is the key `source` was
    opened with, when it was given rather than found through the source's folder (a backup
    opened with another practice's recovery key)."""
    if isinstance(source_key, Auto):
        source_key = key_for_file(source_path(source))
    if isinstance(key, Auto):
        key = source_key
    private_folder(target.parent)
    handle, temp_name = tempfile.mkstemp(prefix=".partial-", suffix=".sqlite3", dir=target.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        _write_copy(source, temp, key, source_key)
        if integrity_problems(temp, key=key):
            raise NotADatabaseError(source_path(source), DAMAGED)
        _fsync(temp)
        temp.replace(target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_folder(target.parent)
    return target


def _write_copy(
    source: sqlite3.Connection, temp: Path, key: bytes | None, source_key: bytes | None
) -> None:
    """The online backup into `temp` (or SQLCipher's export, when the copy gets another key
    than its source); a full disk or a failing folder is said in plain words."""
    try:
        if key == source_key:
            dest = connect(temp, key=key)
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
                dest.commit()
            finally:
                dest.close()
        else:
            export(source, temp, key)
    except sqlite3.DatabaseError as exc:
        plain = translate(temp.parent, exc)
        if plain is not None:
            raise plain from exc
        raise NotADatabaseError(source_path(source), f"is damaged ({exc})") from exc


def export(source: sqlite3.Connection, target: Path, key: bytes | None) -> None:
    """Write `source` into the empty file `target` under another key (or none), through
    `sqlcipher_export`: the backup API copies pages as they are, so it cannot change the key.
    The file is emptied in place, or made owner-only, before SQLite writes into it."""
    if target.exists():
        os.truncate(target, 0)
    else:
        create_private_file(target)
    literal = f"\"x'{key.hex()}'\"" if key is not None else "''"
    uri = f"{target.resolve().as_uri()}?mode=rwc"  # writable even beside a read-only source
    source.execute(f"ATTACH DATABASE ? AS exported KEY {literal}", [uri])
    try:
        source.execute("SELECT sqlcipher_export('exported')")
        source.commit()
    finally:
        source.execute("DETACH DATABASE exported")
    dest = connect(target, key=key)
    try:
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()


def source_path(conn: sqlite3.Connection) -> Path:
    row = conn.execute("PRAGMA database_list").fetchone()
    return Path(row[2]) if row and row[2] else Path("(in memory)")


def holds_our_data(path: Path) -> bool:
    """The file has Fractional Desk's tables (it is not empty, nor another application's)."""
    try:
        with _read_only(path) as conn:
            return _has_our_tables(conn)
    except sqlite3.DatabaseError:
        return False


def backup_problem(path: Path) -> str:
    """Why a file named like a backup cannot count as one ('' when it can). `quick_check` reads
    every page as `integrity_check` does, without its slower index cross-checks."""
    try:
        with _read_only(path) as conn:
            problems = quick_check(conn, limit=1)
            ours = not problems and _has_our_tables(conn)
    except sqlite3.DatabaseError as exc:
        problems, ours = [str(exc)], False
    if problems:
        return f"is damaged or not a database (SQLite says: {problems[0]})"
    return "" if ours else NOT_OURS


def _has_our_tables(conn: sqlite3.Connection) -> bool:
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    return found is not None


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """Read-only and immutable: nothing is created beside the file, nothing in it changes."""
    conn = connect(path, read_only=True, immutable=True)
    try:
        yield conn
    finally:
        conn.close()


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
