"""Judging a database file before it is opened for writing, the way SQLite itself reads it.

A file is refused only on SQLite's own answer: it is not SQLite at all, SQLite cannot read its
schema, `PRAGMA quick_check` fails, or it belongs to another application or a newer version.
The header's page count against the file size is only a hint of when to ask SQLite: after a full
disk or a crash during a checkpoint, the header may promise pages that are still in the `-wal`
file, and SQLite reads such a file as sound. The checks read only; a refused file is left exactly
as it was, with nothing created beside it.
"""

from __future__ import annotations

from pathlib import Path

from storage.file import keys
from storage.file.connect import AUTO, SQLITE_HEADER, Auto, Key, connect
from storage.file.failure_words import translate
from storage.file.migrations import MIGRATION_SET, STEP_NAMES
from storage.rules.errors import (
    DataFileError,
    KeyFileMissingError,
    NotADatabaseError,
    SchemaTooNewError,
    WrongKeyError,
)
from storage.sqlite import sqlite3

HEADER_SIZE = 100
BACKUP_FOLDER = "backups"


def inspect_existing(path: Path, *, key: Key = AUTO) -> None:
    """Refuse a file that is not one of ours or that SQLite reads as damaged, without touching it.
    An encrypted file is read with its practice's key, or with `key` when one is given."""
    path = Path(path)
    header = _header_of(path)
    if not header:
        return  # an empty file with nothing to lose is a new database
    encrypted = not header.startswith(SQLITE_HEADER)
    own = isinstance(key, Auto)
    if isinstance(key, Auto):
        key = _expect_encrypted(path) if encrypted else None
    _inspect(path, header, key, encrypted=encrypted, own=own)


def inspect_practice_file(
    path: Path, marker: keys.Marker | None, key: bytes | None, *, full: bool = False
) -> bool:
    """`inspect_existing` for a practice whose marker and key are already resolved. True when
    only the schema is left to check, on the connection the practice opens (`check_opened`):
    a file whose size looks right and with no `-wal` or `-journal` holding anything is read
    through that one connection; any other is asked here, read-only, first (or when `full`)."""
    path = Path(path)
    header = _header_of(path)
    if not header:
        return False
    encrypted = not header.startswith(SQLITE_HEADER)
    if encrypted and marker is None:
        raise KeyFileMissingError(path, NOT_OURS_OR_NO_KEY_FILE)
    needs_reading = _wal_holds_saves(path) or Path(f"{path}-journal").exists()
    if full or needs_reading or (not encrypted and looks_cut_short(path, header)):
        _inspect(path, header, key, encrypted=encrypted, own=True)
        return False
    return True


def check_opened(path: Path, conn: sqlite3.Connection, *, encrypted: bool) -> None:
    """The schema check of `inspect_practice_file`, on the practice's own connection, before
    anything is written through it. A failure of the disk or the folder is raised as SQLite
    said it, for the opener to judge."""
    try:
        check_schema(path, conn)
    except sqlite3.DatabaseError as exc:
        if translate(path, exc) is not None:
            raise
        raise _refusal(path, exc, encrypted=encrypted, own=True) from exc


def _header_of(path: Path) -> bytes:
    """The file's header; empty for an empty file that may start afresh."""
    if path.is_dir():
        raise NotADatabaseError(path, "is a folder, not a database file")
    header = _read_header(path)
    if not header:
        _refuse_empty_with_history(path)
    return header


def _inspect(path: Path, header: bytes, key: bytes | None, *, encrypted: bool, own: bool) -> None:
    looks_short = not encrypted and looks_cut_short(path, header)
    read_live = _wal_holds_saves(path)
    try:
        try:
            _ask_sqlite(path, looks_short=looks_short, key=key)
        except sqlite3.DatabaseError:
            if read_live or not _wal_holds_saves(path):
                raise
            _ask_sqlite(
                path, looks_short=True, key=key
            )  # read as immutable while a writer began: again
    except sqlite3.DatabaseError as exc:
        raise _refusal(path, exc, encrypted=encrypted, own=own) from exc


def _refusal(
    path: Path, exc: sqlite3.DatabaseError, *, encrypted: bool, own: bool
) -> DataFileError:
    """What SQLite's failure to read the file means, in plain words."""
    not_damage = translate(path, exc)  # a disk error or a busy file says nothing of the data
    if not_damage is not None:
        return not_damage
    if encrypted and not own:
        return WrongKeyError(
            path, "does not open with the key given (another key, or a damaged file)"
        )
    if encrypted:  # the key is the practice's own (its check matched): the pages are bad
        return NotADatabaseError(path, "is damaged: it does not decrypt with this practice's key")
    return NotADatabaseError(path, f"is damaged and cannot be read ({exc})")


NOT_OURS_OR_NO_KEY_FILE = (
    "is not a Fractional Desk database (it is not SQLite at all), or it is encrypted and its key "
    f"file {keys.MARKER_FILENAME} is missing. If it is your practice, its recovery key brings "
    f"it back: {keys.RECOVER_COMMAND}"
)


def _expect_encrypted(path: Path) -> bytes | None:
    """A file that is not plain SQLite is ours only if the folder says it is encrypted; then its
    key must be at hand (KeyMissingError names the recovery command otherwise; with no key file
    beside it, KeyFileMissingError: the recovery key tells an encrypted practice from a stranger)."""
    folder = keys.folder_of(path)
    marker = keys.read_marker(folder)
    if marker is None:
        raise KeyFileMissingError(path, NOT_OURS_OR_NO_KEY_FILE)
    return keys.key_named_by(folder, marker)


def _read_header(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(HEADER_SIZE)
    except OSError as exc:
        raise DataFileError(path, f"cannot be read: {exc.strerror}") from exc


def _refuse_empty_with_history(path: Path) -> None:
    """A zero-byte file beside a `-wal` or backups was a practice once: never start it afresh."""
    wal = wal_file(path)
    backups = path.parent / BACKUP_FOLDER
    has_backups = backups.is_dir() and any(backups.glob("fractional-desk-*.sqlite3"))
    if (wal.exists() and wal.stat().st_size > 0) or has_backups:
        raise NotADatabaseError(
            path,
            "is empty (0 bytes), although this folder held a practice before: it was cut short "
            "by a crash, a sync tool or a full disk",
        )


def looks_cut_short(path: Path, header: bytes) -> bool:
    """The header promises more pages than the file holds (or is not a valid header)."""
    if len(header) < HEADER_SIZE:
        return True
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return True
    size = path.stat().st_size
    pages = int.from_bytes(header[28:32], "big")
    header_size_valid = header[24:28] == header[92:96] and pages > 0
    return bool(size % page_size or (header_size_valid and size < pages * page_size))


def _ask_sqlite(path: Path, *, looks_short: bool, key: bytes | None) -> None:
    """Open read-only (counting the `-wal`), check every page when the size looks wrong, and
    check that the schema is ours."""
    conn = read_only(path, key=key)
    try:
        if looks_short:
            problems = quick_check(conn)
            if problems:
                raise NotADatabaseError(
                    path, f"is damaged (it is cut short: {problems[0]})"
                ) from None
        check_schema(path, conn)
    finally:
        conn.close()


def quick_check(conn: sqlite3.Connection, limit: int = 5) -> list[str]:
    """SQLite's quick check; the problems it names (empty when the file is sound)."""
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA quick_check({int(limit)})")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def read_only(path: Path, *, key: Key = AUTO) -> sqlite3.Connection:
    """Read-only, and counting the `-wal` when it holds saves. Without one the file is read as
    immutable, so that checking a WAL-mode file creates no `-wal`/`-shm` beside it, and a full
    disk (no room for a `-shm`) does not stop the reading."""
    return connect(path, read_only=True, immutable=not _wal_holds_saves(path), key=key)


def _wal_holds_saves(path: Path) -> bool:
    """A `-wal` with content: reading the file without it would miss saves."""
    try:
        return wal_file(path).stat().st_size > 0
    except OSError:
        return False


def wal_file(path: Path) -> Path:
    return Path(f"{path}-wal")


def integrity_problems(path: Path, limit: int = 20, *, key: Key = AUTO) -> list[str]:
    """SQLite's full `integrity_check` of a file, read-only (slow on a large file: run it off
    the UI thread); the problems it names, empty when the file is sound."""
    try:
        conn = read_only(path, key=key)
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA integrity_check({int(limit)})")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


def check_schema(path: Path, conn: sqlite3.Connection) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        return
    if "_sqlite_migrations" not in tables:
        raise NotADatabaseError(path, "belongs to another application (no Fractional Desk tables)")
    applied = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
        )
    ]
    if not applied:
        raise NotADatabaseError(path, "belongs to another application (no Fractional Desk tables)")
    known = set(STEP_NAMES)
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise SchemaTooNewError(
            path,
            "was written by a newer version of Fractional Desk "
            f"(it has changes this version does not know: {', '.join(unknown)})",
        )
