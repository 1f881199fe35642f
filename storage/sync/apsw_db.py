"""The one place an APSW connection to a practice (or its sync base) is made.

APSW is built with SQLite3MultipleCiphers, which opens the app's SQLCipher 4 files once told the
cipher and its legacy settings. The app itself uses sqlcipher3, a different SQLite: the two must
never open one file in the same process (POSIX locks are per process, and two libraries each
think they own them), so only the sync process, which never opens the practice with sqlcipher3,
calls this.
"""

from __future__ import annotations

from pathlib import Path

import apsw

from storage.file.keys import pragma_key

BUSY_TIMEOUT_MS = 5_000


def connect(path: Path, key: bytes | None) -> apsw.Connection:
    """An APSW connection to `path` (made if missing), keyed when `key` is given; foreign-key
    actions off, because a changeset already carries every row a cascade touched."""
    connection = apsw.Connection(str(path))
    if key is not None:
        connection.execute("PRAGMA cipher = 'sqlcipher'")
        connection.execute("PRAGMA legacy = 4")
        connection.execute(pragma_key(key))
    connection.set_busy_timeout(BUSY_TIMEOUT_MS)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("SELECT count(*) FROM sqlite_master").fetchall()  # fails now on a wrong key
    return connection


def attach(connection: apsw.Connection, path: Path, key: bytes | None, name: str) -> None:
    """Attach another file of the same practice (the base) under `name`, with the same key."""
    if key is None:
        connection.execute(f"ATTACH DATABASE ? AS [{name}]", (str(path),))
    else:
        connection.execute(f"ATTACH DATABASE ? AS [{name}] KEY ?", (str(path), f"x'{key.hex()}'"))
