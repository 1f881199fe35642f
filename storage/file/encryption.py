"""Encrypting an existing practice and decrypting it (bringing its key back to a machine is
`recovery`).

A conversion is made like a restore: the slow half (a backup first, then `sqlcipher_export` into a
new file beside the database, checked) runs while the app keeps reading; the quick half swaps the
file in with one rename once every connection is closed. The folder's writers' gate is held from
the backup to the swap, so no command-line write falls between them. The marker beside the
database is written before an encrypting swap and removed after a decrypting one, so a crash
between the two leaves a plain file (which opens as plain) and never an encrypted file with no
name for its key.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from storage.file import backups, keys
from storage.file.backup_copy import export, fsync_folder
from storage.file.backup_names import named_backups
from storage.file.connect import connect, is_encrypted, is_plain
from storage.file.db import database_file
from storage.file.file_check import integrity_problems, wal_file
from storage.file.practice import Practice
from storage.file.writers_gate import GateBusyError, WritersGate
from storage.rules.errors import (
    DataFileError,
    KeyringLockedError,
    NoKeyringError,
    NotADatabaseError,
    StorageWriteError,
)


@dataclass(frozen=True)
class EncryptionStatus:
    encrypted: bool
    key_in_keyring: bool
    backups_encrypted: bool  # every readable backup is encrypted (true when there are none)
    cipher: str


@dataclass(frozen=True)
class PreparedConversion:
    data_dir: Path
    candidate: Path
    key: bytes | None  # the new key (None: the practice becomes plain)
    marker: keys.Marker | None
    gate: WritersGate


def status(data_dir: Path) -> EncryptionStatus:
    path = database_file(data_dir)
    marker = keys.read_marker(data_dir)
    encrypted = path.exists() and path.stat().st_size > 0 and is_encrypted(path)
    try:
        in_keyring = marker is not None and keys.load_key(marker) is not None
    except KeyringLockedError:
        in_keyring = False  # not readable now; opening the practice says why
    plain_backups = [b for b in named_backups(data_dir) if is_plain(b.path)]
    return EncryptionStatus(
        encrypted=encrypted,
        key_in_keyring=in_keyring,
        backups_encrypted=not plain_backups,
        cipher=(marker.cipher if marker else keys.CIPHER) if encrypted else "none",
    )


def prepare_encrypt(data_dir: Path) -> PreparedConversion:
    """Back up, make a key, keep it in the keyring, and write the encrypted copy beside the
    database. NoKeyringError (nothing changed) without a working keyring."""
    if not keys.keyring_works():
        raise NoKeyringError(
            "there is no working keyring on this machine to keep the key in, so the practice "
            "stays as it is"
        )
    if is_encrypted(database_file(data_dir)):
        raise DataFileError(database_file(data_dir), "is already encrypted")
    key = keys.new_key()
    marker = keys.marker_for(key)
    keys.store_key(marker, key)
    keys.remember_for_session(marker, key)
    return _prepare(data_dir, key, marker)


def prepare_decrypt(data_dir: Path) -> PreparedConversion:
    """Back up, and write a plain-text copy of the encrypted practice beside it."""
    if is_plain(database_file(data_dir)):
        raise DataFileError(database_file(data_dir), "is not encrypted")
    return _prepare(data_dir, None, None)


def _prepare(data_dir: Path, key: bytes | None, marker: keys.Marker | None) -> PreparedConversion:
    data_dir = Path(data_dir)
    path = database_file(data_dir)
    gate = WritersGate(data_dir, exclusive=True)
    try:
        gate.acquire(backups.RESTORE_WAITS_SECONDS)
    except GateBusyError as exc:
        raise StorageWriteError(path, f"cannot be converted now: {exc}") from exc
    try:
        source = Practice.find(path).connect()
        try:
            before = Database(source, execute_plugins=False)
            backups.create_backup(before, data_dir, reason="before-migration")
            candidate = _temp_beside(path)
            export(source, candidate, key)
        finally:
            source.close()
        problems = integrity_problems(candidate, key=key)
        if problems:
            candidate.unlink(missing_ok=True)
            raise NotADatabaseError(path, f"could not be converted ({problems[0]})")
    except BaseException:
        gate.release()
        raise
    return PreparedConversion(data_dir, candidate, key, marker, gate)


def _temp_beside(path: Path) -> Path:
    handle, name = tempfile.mkstemp(prefix=".convert-", suffix=".sqlite3", dir=path.parent)
    os.close(handle)
    return Path(name)


def finish(prepared: PreparedConversion, *, convert_backups: bool = True) -> None:
    """Swap the converted copy in; every connection to the database must be closed. Backups
    are converted too (after decrypting always, or they would no longer open)."""
    path = database_file(prepared.data_dir)
    old_marker = keys.read_marker(prepared.data_dir)
    try:
        if prepared.marker is not None:
            keys.write_marker(prepared.data_dir, prepared.marker)
        for extra in (wal_file(path), Path(f"{path}-shm")):
            extra.unlink(missing_ok=True)
        prepared.candidate.replace(path)
        fsync_folder(path.parent)
        if prepared.marker is None:
            keys.remove_marker(prepared.data_dir)
    finally:
        discard(prepared)
    if convert_backups or prepared.key is None:
        convert_backups_of(prepared.data_dir, prepared.key, old_marker)
    if prepared.marker is None and old_marker is not None:
        keys.forget_key(old_marker)


def discard(prepared: PreparedConversion) -> None:
    prepared.candidate.unlink(missing_ok=True)
    prepared.gate.release()


def convert_backups_of(data_dir: Path, key: bytes | None, old: keys.Marker | None) -> list[Path]:
    """Give every readable backup the practice's new key (or none): after encrypting no backup
    stays in plain text; after decrypting every backup still opens. Returns what was converted."""
    old_key = keys.known_key(old) if old is not None else None
    done = []
    for backup in named_backups(Path(data_dir)):
        plain = is_plain(backup.path)
        if (key is None) == plain:
            continue  # already as the practice is
        source_key = None if plain else old_key
        if source_key is None and not plain:
            continue  # made with a key this machine does not have: left as it is
        _convert_file(backup.path, source_key, key)
        done.append(backup.path)
    return done


def _convert_file(path: Path, source_key: bytes | None, key: bytes | None) -> None:
    temp = _temp_beside(path)
    source = connect(path, read_only=True, key=source_key)
    try:
        export(source, temp, key)
    finally:
        source.close()
    if integrity_problems(temp, key=key):
        temp.unlink(missing_ok=True)
        return  # the copy could not be made sound: the backup stays as it was
    temp.replace(path)
