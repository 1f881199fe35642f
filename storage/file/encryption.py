"""Encrypting an existing practice and decrypting it (bringing its key back to a machine is
`recovery`).

A conversion is made like a restore: the slow half (a backup first, then `sqlcipher_export` into a
new file beside the database, checked) runs while the app keeps reading; the quick half swaps the
file in (`file_swap`, one journal of steps) once every connection is closed. The folder is held
from the backup to the swap, so no command-line write falls between them. The old key stays
named beside the practice (`kept_keys`) and in the keyring until every backup is converted, so a
kill at any step leaves no backup under a key that no file names.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from storage.file import backup_conversion, backups, file_swap, kept_keys, keys, swap_journal
from storage.file.backup_copy import export
from storage.file.connect import is_encrypted, is_plain
from storage.file.db import database_file
from storage.file.file_check import integrity_problems
from storage.file.file_swap import FolderHold
from storage.file.kept_keys import BackupKey
from storage.file.practice import Practice
from storage.file.swap_journal import Journal
from storage.file.writers_gate import GateBusyError
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
    backups: tuple[BackupKey, ...] = ()  # each backup with the key that opens it


@dataclass(frozen=True)
class PreparedConversion:
    data_dir: Path
    candidate: Path
    key: bytes | None  # the new key (None: the practice becomes plain)
    marker: keys.Marker | None
    hold: FolderHold  # the folder is held from the backup to the swap
    journal: Journal


def status(data_dir: Path) -> EncryptionStatus:
    path = database_file(data_dir)
    marker = keys.read_marker(data_dir)
    encrypted = path.exists() and path.stat().st_size > 0 and is_encrypted(path)
    try:
        in_keyring = marker is not None and keys.load_key(marker) is not None
        found = tuple(kept_keys.backup_keys(data_dir))
    except KeyringLockedError:
        in_keyring, found = False, ()  # not readable now; opening the practice says why
    return EncryptionStatus(
        encrypted=encrypted,
        key_in_keyring=in_keyring,
        backups_encrypted=all(b.key != kept_keys.NONE for b in found),
        cipher=(marker.cipher if marker else keys.CIPHER) if encrypted else "none",
        backups=found,
    )


def prepare_encrypt(data_dir: Path) -> PreparedConversion:
    """Back up, make a key, keep it in the keyring, and write the encrypted copy beside the
    database. NoKeyringError (nothing changed) without a working keyring."""
    if not keys.keyring_works():
        raise NoKeyringError(
            "there is no working keyring on this machine to keep the key in, so the practice "
            "stays as it is"
        )
    hold = _hold(Path(data_dir))
    try:
        _resume(Path(data_dir))
        if is_encrypted(database_file(data_dir)):
            raise DataFileError(database_file(data_dir), "is already encrypted")
        key = keys.new_key()
        marker = keys.marker_for(key)
        keys.store_key(marker, key)
        keys.remember_for_session(marker, key)
        return _prepare(Path(data_dir), key, marker, hold)
    except BaseException:
        hold.release()
        raise


def prepare_decrypt(data_dir: Path) -> PreparedConversion:
    """Back up, and write a plain-text copy of the encrypted practice beside it."""
    hold = _hold(Path(data_dir))
    try:
        _resume(Path(data_dir))
        if is_plain(database_file(data_dir)):
            raise DataFileError(database_file(data_dir), "is not encrypted")
        return _prepare(Path(data_dir), None, None, hold)
    except BaseException:
        hold.release()
        raise


def complete_decrypt(data_dir: Path) -> bool:
    """Finish a `disable` cut short: its journal, then every backup still under a kept key is
    given plain text. True when the practice is plain now (a second `disable` finishes the job
    of the first instead of refusing)."""
    data_dir = Path(data_dir)
    hold = _hold(data_dir)
    try:
        _resume(data_dir)
        if not is_plain(database_file(data_dir)):
            return False
        backup_conversion.convert_backups(data_dir)
        kept_keys.prune(data_dir)
        return True
    finally:
        hold.release()


def _hold(data_dir: Path) -> FolderHold:
    hold = FolderHold(data_dir)
    try:
        hold.acquire(backups.RESTORE_WAITS_SECONDS)
    except GateBusyError as exc:
        raise StorageWriteError(database_file(data_dir), f"cannot be converted now: {exc}") from exc
    return hold


def _resume(data_dir: Path) -> bool:
    """An operation a kill cut short is finished or undone first (the folder is held)."""
    return file_swap.resume_pending(data_dir)


def _prepare(
    data_dir: Path, key: bytes | None, marker: keys.Marker | None, hold: FolderHold
) -> PreparedConversion:
    path = database_file(data_dir)
    journal = Journal(
        operation="encrypt" if key is not None else "decrypt",
        step=swap_journal.PREPARED,
        candidate=str(file_swap.temp_name(data_dir, ".convert-")),
        aside=str(file_swap.temp_name(data_dir, file_swap.ASIDE_PREFIX)),
        old_marker=keys.read_marker(data_dir),
        new_marker=marker,
        convert_backups=True,
    )
    with file_swap.preparing(data_dir, journal) as journal:
        candidate = Path(journal.candidate)
        source = Practice.find(path).connect()
        try:
            before = Database(source, execute_plugins=False)
            backups.create_backup(before, data_dir, reason="before-migration")
            export(source, candidate, key)
        finally:
            source.close()
        problems = integrity_problems(candidate, key=key)
        if problems:
            raise NotADatabaseError(path, f"could not be converted ({problems[0]})")
    return PreparedConversion(data_dir, candidate, key, marker, hold, journal)


def finish(prepared: PreparedConversion, *, convert_backups: bool = True) -> None:
    """Swap the converted copy in; every connection to the database must be closed. Backups
    are converted too (after decrypting always, or they would no longer open); the old key is
    kept beside the practice, and in the keyring, until no backup needs it."""
    journal = prepared.journal
    if not convert_backups and prepared.key is not None:
        journal = dataclasses.replace(journal, convert_backups=False)
    try:
        file_swap.swap_in(prepared.data_dir, journal)
    finally:
        prepared.hold.release()


def discard(prepared: PreparedConversion) -> None:
    """Give up a prepared conversion: its copy (and a key made for it) goes, nothing changed."""
    file_swap.give_up(prepared.data_dir, prepared.journal, prepared.candidate, prepared.hold)
