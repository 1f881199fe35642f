"""SQLite's failures of the disk or the folder (full disk, read-only file, I/O error, a busy
file) and a sealed invoice's trigger, in plain words: the errors storage raises for them.

Apart from the connection class (`durability`), so that opening a practice to read it, and
the checks of a file, need nothing but the driver.
"""

from __future__ import annotations

import errno
from pathlib import Path

from storage.rules.errors import (
    DataFileError,
    ReadOnlyDataError,
    StorageFullError,
    StorageWriteError,
    ValidationError,
)
from storage.sqlite import sqlite3

_FULL = ("database or disk is full", "disk is full")
_READ_ONLY = ("attempt to write a readonly database", "readonly database")
_IO = ("disk i/o error",)
_LOCKED = ("database is locked", "database is busy")
_CANT_OPEN = ("unable to open database file",)


def translate(path: Path, error: sqlite3.DatabaseError) -> DataFileError | None:
    """The plain-words error for a failure of the disk or the folder, or None if it is not one."""
    text = str(error).lower()
    if any(marker in text for marker in _FULL):
        return StorageFullError(
            path,
            "could not be saved because the disk is full. Free some space and try again; "
            "everything saved before is still there",
            errno.ENOSPC,
        )
    if any(marker in text for marker in _READ_ONLY):
        return ReadOnlyDataError(
            path,
            "is read-only (the file or its folder cannot be written to), so nothing can be saved "
            "to it. Everything saved before is still there; check the folder's permissions or "
            "choose another data folder",
            errno.EROFS,
        )
    if any(marker in text for marker in _IO):
        return StorageWriteError(
            path,
            "could not be written (the disk reported an error), so the change was not saved. "
            "Everything saved before is still there",
        )
    if any(marker in text for marker in _CANT_OPEN):
        return StorageWriteError(
            path,
            "cannot be opened for writing (its folder may be read-only or on a disk that is gone). "
            "Nothing was changed; check the folder or choose another data folder",
            errno.EACCES,
        )
    if any(marker in text for marker in _LOCKED):
        return StorageWriteError(
            path,
            "is busy in another program, so the change was not saved. Try again in a moment",
            errno.EBUSY,
        )
    return None


def refusal(error: sqlite3.IntegrityError) -> ValidationError | None:
    """A trigger keeping a sent invoice final, in the app's words (storage refuses such a change
    first; this is for a change the file itself refused), or None if it is not one."""
    from storage.file import seals  # its words load with the first refusal to explain

    found = seals.refusal_of(error)
    return None if found is None else ValidationError(*found)
