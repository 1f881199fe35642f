"""The recovery key judged by the file itself, the key file rebuilt, a locked keyring refusing
before anything is written, and the recovery key's file written whole or not at all."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest

from storage.file import keys, recovery
from storage.file.db import database_file
from storage.file.practice import Practice, open_database
from storage.practice import clients
from storage.rules.errors import (
    KeyMissingError,
    KeyringLockedError,
    NotADatabaseError,
    StorageWriteError,
)
from tests.file_keyring import LockedKeyring


def _encrypted(data_dir: Path) -> bytes:
    with open_database(database_file(data_dir)) as db:
        clients.add(db, clients.Client(name="Acme"))
    marker = keys.read_marker(data_dir)
    assert marker is not None
    key = keys.known_key(marker)
    assert key is not None
    return key


def test_an_unreadable_or_foreign_key_file_is_rebuilt_by_the_right_recovery_key(
    data_dir: Path, tmp_path: Path
) -> None:
    """Promise: the key file is judged by the recovery key, not the other way round: a scribbled
    key file, or another practice's key file copied beside this file, is written again."""
    key = _encrypted(data_dir)
    keys.marker_file(data_dir).write_text("{ scribbled", encoding="utf-8")
    recovery.recover(data_dir, keys.recovery_key(key))
    keys.forget_session_keys()
    assert Practice.find(database_file(data_dir)).key == key
    other = tmp_path / "other"
    _encrypted(other)
    keys.marker_file(data_dir).write_bytes(keys.marker_file(other).read_bytes())
    other_key = keys.known_key(keys.read_marker(other))  # type: ignore[arg-type]
    assert other_key is not None
    with pytest.raises(NotADatabaseError, match="belongs to another practice"):
        recovery.recover(data_dir, keys.recovery_key(other_key))
    recovery.recover(data_dir, keys.recovery_key(key))
    keys.forget_session_keys()
    assert Practice.find(database_file(data_dir)).key == key


def test_a_locked_keyring_refuses_recovery_before_the_key_file_is_written(data_dir: Path) -> None:
    key = _encrypted(data_dir)
    keys.marker_file(data_dir).unlink()
    keys.forget_session_keys()
    keyring.set_keyring(LockedKeyring())
    with pytest.raises(KeyringLockedError):
        recovery.recover(data_dir, keys.recovery_key(key))
    assert keys.read_marker(data_dir) is None


def test_a_file_no_recovery_key_opens_is_refused_as_not_ours(data_dir: Path) -> None:
    database_file(data_dir).write_bytes(b"\x01" * 4096)
    with pytest.raises(NotADatabaseError, match="not this practice's file, or not a Fractional"):
        recovery.recover(data_dir, keys.recovery_key(keys.new_key()))
    assert sorted(p.name for p in data_dir.iterdir()) == [database_file(data_dir).name]


def test_the_recovery_key_is_written_again_only_from_this_machine_s_keyring(
    data_dir: Path,
) -> None:
    key = _encrypted(data_dir)
    assert keys.parse_recovery_key(recovery.recovery_key_of(data_dir)) == key
    marker = keys.read_marker(data_dir)
    assert marker is not None
    keys.forget_key(marker)
    keys.forget_session_keys()
    with pytest.raises(KeyMissingError, match="cannot be written here"):
        recovery.recovery_key_of(data_dir)


def test_the_recovery_key_file_is_whole_or_absent(tmp_path: Path, data_dir: Path) -> None:
    """Promise: a recovery key file is never empty nor half-written, never replaces a file, and
    never goes into the practice's own folder; a refused place is refused before anything."""
    text = keys.recovery_key(keys.new_key())
    target = tmp_path / "key.txt"
    recovery.check_new_file(target, away_from=data_dir)
    recovery.write_recovery_file(target, text)
    assert target.read_text(encoding="utf-8") == f"{recovery.TITLE}\n{text}\n"
    assert target.stat().st_mode & 0o077 == 0
    with pytest.raises(FileExistsError):
        recovery.write_recovery_file(target, keys.recovery_key(keys.new_key()))
    assert keys.parse_recovery_key(target.read_text(encoding="utf-8")) == keys.parse_recovery_key(
        text
    )
    for refused, said in ((target, "exists"), (tmp_path / "no" / "k.txt", "does not exist"),
                          (data_dir / "k.txt", "inside the practice's folder")):  # fmt: skip
        with pytest.raises(StorageWriteError, match=said):
            recovery.check_new_file(refused, away_from=data_dir)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "key.txt"]
    assert list(data_dir.iterdir()) == []
