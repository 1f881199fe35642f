"""The recovery key's two journeys: handed over (written to a file the person keeps, or written
again later from this machine's keyring) and brought back (checked against the file itself, then
the key file and the keyring entry rebuilt).

Recovery reads nothing but the database and the key typed: the key file beside it may be lost
(the practice copied alone into a new folder, the file deleted), so the key is judged by whether
it opens the file, and the key file is written again from the key.
"""

from __future__ import annotations

import errno
import hmac
import os
import tempfile
from pathlib import Path

from storage.file import keys
from storage.file.connect import plain_content
from storage.file.db import database_file
from storage.file.kept_keys import opens
from storage.file.private_files import FILE_MODE
from storage.rules.errors import (
    DataFileError,
    KeyMissingError,
    NotADatabaseError,
    StorageWriteError,
    WrongKeyError,
)

TITLE = "Fractional Desk recovery key"
NOT_THIS_PRACTICE = (
    "is not this practice's file, or not a Fractional Desk file: that recovery key does not open it"
)


def recover(data_dir: Path, recovery_text: str) -> None:
    """Check a recovery key against the practice's file and keep it in this machine's keyring
    (or for this session only, when there is no keyring), writing the key file again when it is
    missing, unreadable or names another key. ValidationError for a mistyped key, WrongKeyError or
    NotADatabaseError when the key does not open the file, KeyringLockedError when the keyring
    is locked: nothing is written then."""
    data_dir = Path(data_dir)
    key = keys.parse_recovery_key(recovery_text)
    path = database_file(data_dir)
    if plain_content(path) is not False:
        raise DataFileError(path, "is not encrypted: it needs no recovery key")
    marker = _marker_or_none(data_dir)
    matches = marker is not None and hmac.compare_digest(keys.key_check(key), marker.key_check)
    if not opens(path, key):
        if marker is None:
            raise NotADatabaseError(path, NOT_THIS_PRACTICE)
        if matches:
            raise NotADatabaseError(
                path, "does not open with that recovery key, although its key file names it: "
                "the file is damaged, or the key file beside it belongs to another practice",
            )  # fmt: skip
        raise WrongKeyError(
            data_dir, "holds a practice encrypted with another key: that recovery key does not "
            "open it",
        )  # fmt: skip
    if marker is None or not matches:
        marker = keys.marker_for(key)  # the key names itself again
    if keys.keyring_works():
        keys.store_key(marker, key)  # a locked keyring refuses here, before the key file
    keys.remember_for_session(marker, key)
    if not matches:
        keys.write_marker(data_dir, marker)


def _marker_or_none(data_dir: Path) -> keys.Marker | None:
    """The key file's contents; None when it is missing or cannot be read (recovery rebuilds it)."""
    try:
        return keys.read_marker(data_dir)
    except WrongKeyError:
        return None


def recovery_key_of(data_dir: Path) -> str:
    """The recovery key of the encrypted practice in `data_dir`, from this machine's keyring:
    DataFileError for a plain practice, KeyMissingError when the keyring does not hold the key,
    KeyringLockedError when it is locked."""
    path = database_file(data_dir)
    marker = keys.read_marker(Path(data_dir))
    if marker is None or plain_content(path) is not False:
        raise DataFileError(path, "is not encrypted: it has no recovery key")
    key = keys.known_key(marker)
    if key is None:
        raise KeyMissingError(
            path,
            "is encrypted with a key this machine's keyring does not hold, so its recovery key "
            "cannot be written here: write it where the practice was created or recovered",
        )
    return keys.recovery_key(key)


def check_new_file(path: Path, *, away_from: Path | None = None) -> None:
    """Refuse, before anything changes, a place the recovery key cannot be written to: a file
    that exists, a missing or unwritable folder, a full disk (a file of the same size is written
    there and removed), or the practice's own folder (a key beside the file it opens protects
    nothing)."""
    path = Path(path)
    if path.exists() or path.is_symlink():
        raise StorageWriteError(path, "exists already; choose a new file", errno.EEXIST)
    if not path.parent.is_dir():
        raise StorageWriteError(path, "is in a folder that does not exist", errno.ENOENT)
    if away_from is not None and _inside(path, away_from):
        raise StorageWriteError(
            path, "is inside the practice's folder: keep the recovery key away from the file it "
            "opens", errno.EPERM,
        )  # fmt: skip
    try:
        _written_beside(path, _content("x" * 63)).unlink()
    except OSError as exc:
        raise StorageWriteError(
            path, f"cannot be written ({exc.strerror or exc})", exc.errno or errno.EIO
        ) from exc


def _inside(path: Path, folder: Path) -> bool:
    parent = path.parent.resolve()
    return Path(folder).resolve() in (parent, *parent.parents)


def write_recovery_file(path: Path, text: str) -> None:
    """Save a recovery key to a new owner-only file, whole or not at all: it is written under a
    temporary name and linked into place, so neither a kill nor a full disk leaves an empty or
    half file, and an existing file is never replaced (FileExistsError)."""
    path = Path(path)
    temp = _written_beside(path, _content(text))
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: the same, created in place
        _write_in_place(path, _content(text))
    finally:
        temp.unlink(missing_ok=True)


def _content(text: str) -> bytes:
    return f"{TITLE}\n{text}\n".encode()


def _written_beside(path: Path, data: bytes) -> Path:
    """An owner-only temporary file beside `path` holding `data`, synced to disk."""
    handle, name = tempfile.mkstemp(prefix=".recovery-key-", suffix=".tmp", dir=path.parent)
    _write_synced(handle, Path(name), data)
    return Path(name)


def _write_in_place(path: Path, data: bytes) -> None:
    _write_synced(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE), path, data)


def _write_synced(fd: int, path: Path, data: bytes) -> None:
    """Write `data` through `fd` and sync it; `path` is removed if that fails part-way."""
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
