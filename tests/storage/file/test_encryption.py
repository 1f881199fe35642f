"""Encryption at rest: a new practice is encrypted when the keyring works, nothing confidential is
in plain bytes, a missing key is one line naming the recovery command, and the recovery key,
`enable` and `disable` work and change nothing when refused."""

from __future__ import annotations

import json
import os
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from desktop.cli import main
from storage.file import backups, keys
from storage.file.connect import is_encrypted, is_plain
from storage.file.db import database_file
from storage.file.practice import open_database
from storage.file.recovery import write_recovery_file
from storage.practice import clients
from storage.rules.errors import (
    KeyFileMissingError,
    KeyMissingError,
    NotADatabaseError,
    ValidationError,
)
from storage.sqlite import sqlite3
from tests.damage import damage_a_table_page

SECRET = "Zebra Confidential Holdings"


def _practice(data_dir: Path, *, encrypt: bool | None = None) -> None:
    with open_database(database_file(data_dir), encrypt=encrypt) as db:
        clients.add(db, clients.Client(name=SECRET, notes="Board wants to sell to Quokka Corp"))
        backups.create_backup(db, data_dir, reason="manual")


def _practice_files(data_dir: Path) -> list[Path]:
    return [p for p in data_dir.rglob("*") if p.is_file() and "sqlite3" in p.name]


def _key(data_dir: Path) -> bytes:
    marker = keys.read_marker(data_dir)
    assert marker is not None
    key = keys.load_key(marker)
    assert key is not None
    return key


def _lose_the_keyring_entry(data_dir: Path) -> None:
    marker = keys.read_marker(data_dir)
    assert marker is not None
    keys.forget_key(marker)
    keys.forget_session_keys()


def test_a_new_practice_keeps_no_client_text_in_plain_bytes(data_dir: Path) -> None:
    """Promise: with a working keyring the database, its -wal and every backup are encrypted:
    a client's name and notes are nowhere in their bytes, nor is the key beside them."""
    with open_database(database_file(data_dir)) as db:
        clients.add(db, clients.Client(name=SECRET, notes="Board wants to sell to Quokka Corp"))
        backups.create_backup(db, data_dir, reason="manual")
        wal = Path(f"{database_file(data_dir)}-wal")
        assert wal.exists()
        assert wal.stat().st_size > 0
        files = _practice_files(data_dir)
        assert len(files) >= 3  # the database, its -wal, a backup
        for path in files:
            data = path.read_bytes()
            for secret in (SECRET, "Quokka"):
                assert secret.encode() not in data, f"{path.name} holds {secret} in plain bytes"
                assert secret.encode("utf-16-le") not in data
    marker = keys.marker_file(data_dir).read_text(encoding="utf-8")
    assert _key(data_dir).hex() not in marker
    assert is_encrypted(database_file(data_dir))


def test_the_sample_practice_is_encrypted_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Promise: `fractional-desk demo` with a working keyring writes an encrypted practice, and
    every command works on it as before."""
    folder = tmp_path / "sample"
    assert main(["demo", "--data-dir", str(folder)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "encryption", "status", "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found == {"encrypted": True, "key_in_keyring": True, "backups_encrypted": True,
                     "cipher": keys.CIPHER, "backups": []}  # fmt: skip
    assert main(["--data-dir", str(folder), "engagements", "list", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed
    assert all(listed[0]["client"].encode() not in p.read_bytes() for p in _practice_files(folder))


def test_a_lost_keyring_entry_is_one_line_naming_the_recovery_command(
    data_dir: Path, capsys: pytest.CaptureFixture[str], qapp: object
) -> None:
    """Promise: without its key an encrypted practice is refused by every command and the app,
    in one line that names `encryption recover`, and nothing is changed."""
    from desktop.app import run_app

    _practice(data_dir)
    before = {p: p.read_bytes() for p in _practice_files(data_dir)}
    _lose_the_keyring_entry(data_dir)
    with pytest.raises(KeyMissingError):
        open_database(database_file(data_dir))
    assert main(["--data-dir", str(data_dir), "engagements", "list"]) == 1
    err = capsys.readouterr().err
    assert "encryption recover" in err
    assert len(err.strip().splitlines()) == 1
    assert run_app(data_dir, self_test=True) == 1
    assert "encryption recover" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in before} == before


def test_the_recovery_key_brings_the_practice_back(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Promise: the recovery key, checked against the file, puts the key back in this machine's
    keyring; then every command works again."""
    _practice(data_dir)
    recovery = tmp_path / "recovery.txt"
    recovery.write_text(keys.recovery_key(_key(data_dir)).lower().replace("-", " "), "utf-8")
    _lose_the_keyring_entry(data_dir)
    assert main(["--data-dir", str(data_dir), "encryption", "recover",
                 "--recovery-key-file", str(recovery)]) == 0  # fmt: skip
    keys.forget_session_keys()
    assert main(["--data-dir", str(data_dir), "engagements", "list"]) == 0
    with open_database(database_file(data_dir)) as db:
        assert [c.name for c in clients.list_all(db)] == [SECRET]


def test_a_mistyped_or_foreign_recovery_key_changes_nothing(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Promise: a recovery key with a typo, or another practice's, is refused in one line and
    stores nothing."""
    _practice(data_dir)
    right = keys.recovery_key(_key(data_dir))
    _lose_the_keyring_entry(data_dir)
    typo = tmp_path / "typo.txt"
    typo.write_text(("Q" if right[0] != "Q" else "R") + right[1:], "utf-8")
    foreign = tmp_path / "foreign.txt"
    foreign.write_text(keys.recovery_key(keys.new_key()), "utf-8")
    for given, said in ((typo, "typo"), (foreign, "another key")):
        assert main(["--data-dir", str(data_dir), "encryption", "recover",
                     "--recovery-key-file", str(given)]) == 1  # fmt: skip
        assert said in capsys.readouterr().err
        keys.forget_session_keys()
        with pytest.raises(KeyMissingError):
            open_database(database_file(data_dir))


def test_recovery_keys_are_typed_in_groups_and_checked() -> None:
    key = keys.new_key()
    text = keys.recovery_key(key)
    groups = text.split("-")
    assert len(groups) == 8
    assert all(len(g) == 7 for g in groups)
    assert keys.parse_recovery_key(text) == key
    assert keys.parse_recovery_key(f"  {text.lower().replace('-', ' ')}\n") == key
    flipped = text.replace(text[10], "A" if text[10] != "A" else "B", 1)
    with pytest.raises(ValidationError, match="typo"):
        keys.parse_recovery_key(flipped)
    with pytest.raises(ValidationError, match="56"):
        keys.parse_recovery_key(text[:-3])


def test_enable_then_disable_convert_the_practice_and_its_backups(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Promise: `encryption enable` encrypts a plain practice and every plain backup after
    backing up first, writes the recovery key once, and `disable --yes` undoes it; the data is
    the same throughout."""
    _practice(data_dir, encrypt=False)
    assert is_plain(database_file(data_dir))
    out = tmp_path / "recovery-key.txt"
    assert main(["--data-dir", str(data_dir), "encryption", "enable",
                 "--recovery-key-out", str(out)]) == 0  # fmt: skip
    assert (out.stat().st_mode & 0o077) == 0
    key = keys.parse_recovery_key(out.read_text(encoding="utf-8").splitlines()[1])
    assert key == _key(data_dir)
    assert all(is_encrypted(p) for p in _practice_files(data_dir) if not p.name.endswith("-wal"))
    assert len(backups.list_backups(data_dir)) == 2  # the one made first, "before-migration"
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "encryption", "status", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["backups_encrypted"] is True
    assert main(["--data-dir", str(data_dir), "encryption", "disable", "--yes"]) == 0
    assert all(is_plain(p) for p in _practice_files(data_dir) if not p.name.endswith("-wal"))
    assert keys.read_marker(data_dir) is None
    with open_database(database_file(data_dir)) as db:
        assert [c.name for c in clients.list_all(db)] == [SECRET]
    assert all(b.contents is not None for b in backups.list_backups(data_dir))


def test_without_a_keyring_a_new_practice_is_plain_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Promise: on a machine with no working keyring `demo` creates the practice unencrypted and
    says so in one line; with --require-encryption it refuses and writes nothing."""
    keyring.set_keyring(fail.Keyring())
    plain = tmp_path / "plain"
    assert main(["demo", "--data-dir", str(plain)]) == 0
    err = capsys.readouterr().err
    assert "not encrypted" in err
    assert len(err.strip().splitlines()) == 1
    assert is_plain(database_file(plain))
    refused = tmp_path / "refused"
    assert main(["demo", "--data-dir", str(refused), "--require-encryption"]) == 1
    assert "keyring" in capsys.readouterr().err
    assert not refused.exists()


def test_damaged_missing_key_and_foreign_files_are_told_apart(
    data_dir: Path, tmp_path: Path
) -> None:
    """Promise: an encrypted file with a scribbled page is "damaged", one whose key is not here
    is "not in this machine's keyring", and one with no key file is "not ours (or its key file
    is missing)", the one its recovery key answers: three plain answers, the file untouched."""
    _practice(data_dir)
    path = database_file(data_dir)
    damage_a_table_page(path, "client")
    with open_database(path) as db, pytest.raises(sqlite3.DatabaseError):
        clients.list_all(db)  # the header page decrypts: the damage shows on reading the table
    broken_first = tmp_path / "first-page"
    _practice(broken_first)
    first = database_file(broken_first)
    data = bytearray(first.read_bytes())
    data[200:600] = os.urandom(400)
    first.write_bytes(bytes(data))
    with pytest.raises(NotADatabaseError, match="damaged"):
        open_database(first)
    _lose_the_keyring_entry(broken_first)
    with pytest.raises(KeyMissingError, match="recovery key"):
        open_database(first)
    keys.marker_file(broken_first).unlink()
    with pytest.raises(KeyFileMissingError, match="key file"):
        open_database(first)


def test_a_backup_made_with_another_key_restores_with_that_practice_recovery_key(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Promise: a backup of another practice (another key) is refused in one line naming the
    recovery key option, and restores with that practice's recovery key, re-keyed to this one."""
    other = tmp_path / "other"
    _practice(other)
    copy = tmp_path / "from-the-other-practice.sqlite3"
    copy.write_bytes(next((other / "backups").glob("*.sqlite3")).read_bytes())
    with open_database(database_file(data_dir)) as db:
        clients.add(db, clients.Client(name="Mine"))
    assert main(["--data-dir", str(data_dir), "restore", str(copy)]) == 1
    assert "--recovery-key-file" in capsys.readouterr().err
    recovery = tmp_path / "other-key.txt"
    write_recovery_file(recovery, keys.recovery_key(_key(other)))
    assert main(["--data-dir", str(data_dir), "restore", str(copy),
                 "--recovery-key-file", str(recovery)]) == 0  # fmt: skip
    with open_database(database_file(data_dir)) as db:
        assert [c.name for c in clients.list_all(db)] == [SECRET]
    assert is_encrypted(database_file(data_dir))


def test_the_sample_practice_with_its_sent_invoices_converts_both_ways_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Promise: a conversion copies every record as it was: a sent invoice, which triggers keep
    final, and its lines come through `disable` and `enable` untouched, triggers and all."""
    from storage.billing import invoices
    from storage.transfer import practice_json

    folder = tmp_path / "sample"
    assert main(["demo", "--data-dir", str(folder)]) == 0
    with open_database(database_file(folder)) as db:
        before = practice_json.dump(db)["tables"]
        assert any(i.status == "sent" for i in invoices.list_invoices(db))
    assert main(["--data-dir", str(folder), "encryption", "disable", "--yes"]) == 0
    assert main(["--data-dir", str(folder), "encryption", "enable",
                 "--recovery-key-out", str(tmp_path / "key.txt")]) == 0  # fmt: skip
    capsys.readouterr()
    with open_database(database_file(folder)) as db:
        assert practice_json.dump(db)["tables"] == before
        sent = next(i for i in invoices.list_invoices(db) if i.status == "sent")
        with pytest.raises(sqlite3.IntegrityError, match="never changed"):
            db.execute("UPDATE invoice SET total_minor = 1 WHERE id = ?", [sent.id])
