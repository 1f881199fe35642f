"""The one place a connection to a database file is made: the app, the command line, workers,
backups, restores, migrations and the damaged-file checks all come through here.

Every connection gets the practice's key when the file is encrypted (read from the keyring
through the marker beside it, or given), reads text that is not valid UTF-8 with replacement
characters instead of failing, and has SQLCipher's own log silenced, so that a wrong key or a
damaged page is said once, in plain words, by the caller.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from storage.file import keys
from storage.rules import text_policy
from storage.sqlite import sqlite3

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 5.0


class Auto:
    """The key of the practice the file belongs to (none for a plain-text file)."""


AUTO: Final = Auto()
Key = bytes | None | Auto


def connect(
    path: Path,
    *,
    read_only: bool = False,
    immutable: bool = False,
    key: Key = AUTO,
    timeout: float = BUSY_TIMEOUT_S,
) -> sqlite3.Connection:
    """A connection to `path` (created if missing, unless read-only), keyed when encrypted."""
    path = Path(path)
    if isinstance(key, Auto):
        key = key_for_file(path)
    mode = "ro" if read_only else "rwc"
    uri = f"{path.resolve().as_uri()}?mode={mode}{'&immutable=1' if immutable else ''}"
    conn = sqlite3.connect(uri, uri=True, timeout=timeout)
    conn.text_factory = text_policy.read_text  # invalid UTF-8 reads as U+FFFD, never fails
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            conn.execute(keys.pragma_key(key))
    except BaseException:
        conn.close()
        raise
    return conn


def key_for_file(path: Path) -> bytes | None:
    """The key a file needs: none when it is plain SQLite (or empty), else its practice's key
    (KeyMissingError when the keyring does not hold it)."""
    if is_plain(path):
        return None
    return keys.key_for_folder(keys.folder_of(path))


def is_plain(path: Path) -> bool:
    """Plain-text SQLite, or no content yet to say otherwise (a new file is keyed by its folder)."""
    plain = plain_content(path)
    if plain is None:
        return keys.read_marker(keys.folder_of(path)) is None
    return plain


def plain_content(path: Path) -> bool | None:
    """Whether the file starts as plain SQLite; None when it has no content yet (or none at all)."""
    try:
        with Path(path).open("rb") as handle:
            start = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return None
    return start == SQLITE_HEADER if start else None


def is_encrypted(path: Path) -> bool:
    return not is_plain(path)
