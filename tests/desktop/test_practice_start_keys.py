"""The app's start and the practice's key: a new encrypted practice hands its recovery key over
once, the database file alone (its key file lost) is recovered through the prompt, and a locked
keyring asks to be unlocked, never for the recovery key."""

from __future__ import annotations

import shutil
from pathlib import Path

import keyring
import pytest
from pytestqt.qtbot import QtBot

from desktop import practice_start
from desktop.app import run_app
from storage.file import AppDatabase, keys
from storage.file.db import database_file
from storage.file.practice import open_database
from storage.practice import clients
from storage.rules.errors import KEYRING_LOCKED
from tests.file_keyring import FileKeyring, LockedKeyring
from widgets.common import dialogs
from widgets.shell.recovery_prompt import RecoveryPrompt

SECRET = "Zebra Confidential Holdings"


def _encrypted_practice(data_dir: Path) -> bytes:
    with open_database(database_file(data_dir)) as db:
        clients.add(db, clients.Client(name=SECRET))
    marker = keys.read_marker(data_dir)
    assert marker is not None
    key = keys.known_key(marker)
    assert key is not None
    return key


def _opened(result: practice_start.Opened) -> AppDatabase:
    assert isinstance(result, tuple), result
    return result[0]


def test_a_new_encrypted_practice_hands_its_recovery_key_to_the_window(
    qapp: object, tmp_path: Path
) -> None:
    """Promise: the first start on an empty folder creates an encrypted practice and returns its
    key, which the window shows once as the recovery key; a second start returns none."""
    folder = tmp_path / "first-start"
    first = practice_start.open_practice(folder, self_test=False, require_encryption=False)
    db = _opened(first)
    assert isinstance(first, tuple)
    assert first[1] is not None
    assert first[1] == keys.key_for_folder(folder)
    db.close()
    again = practice_start.open_practice(folder, self_test=False, require_encryption=False)
    assert isinstance(again, tuple)
    assert again[1] is None
    again[0].close()


def test_the_database_file_alone_is_recovered_through_the_prompt(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scenario: `fractional-desk.sqlite3` copied alone into a new folder. The app's start
    refuses it in self-test naming the recovery command; otherwise it asks for the recovery
    key, saying the key file is missing; the right key opens it and writes the key file again."""
    key = _encrypted_practice(data_dir)
    folder = tmp_path / "copied-alone"
    folder.mkdir()
    shutil.copy2(database_file(data_dir), database_file(folder))
    keys.forget_session_keys()
    assert run_app(folder, self_test=True) == 1
    asked: list[str] = []

    def type_the_key(prompt: RecoveryPrompt) -> int:
        qtbot.addWidget(prompt)
        asked.append(prompt.lead.text())
        prompt.key.setText(keys.recovery_key(key))
        prompt.unlock.click()
        return prompt.result()

    monkeypatch.setattr(RecoveryPrompt, "exec", type_the_key)
    db = _opened(practice_start.open_practice(folder, self_test=False, require_encryption=False))
    try:
        assert [c.name for c in clients.list_all(db)] == [SECRET]
    finally:
        db.close()
    assert len(asked) == 1
    assert keys.MARKER_FILENAME in asked[0]
    marker = keys.read_marker(folder)
    assert marker is not None
    assert keys.load_key(marker) == key


def test_a_locked_keyring_asks_to_be_unlocked_and_retries(
    qapp: object,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Scenario: the keyring is locked when the app starts. Self-test says so in one line; the
    app asks to unlock it (Retry / Quit), never for the recovery key, and opens the practice
    once the keyring answers."""
    _encrypted_practice(data_dir)
    keys.forget_session_keys()
    keyring.set_keyring(LockedKeyring())
    assert run_app(data_dir, self_test=True) == 1
    err = capsys.readouterr().err
    assert KEYRING_LOCKED in err
    assert "recovery" not in err.lower()
    asked: list[str] = []

    def unlock_then_retry(_parent: object, title: str, text: str, **_kw: object) -> bool:
        asked.append(f"{title}: {text}")
        keyring.set_keyring(FileKeyring())  # the person unlocked it
        return True

    monkeypatch.setattr(dialogs, "ask", unlock_then_retry)
    monkeypatch.setattr(RecoveryPrompt, "exec", lambda _self: pytest.fail("asked for the key"))
    db = _opened(practice_start.open_practice(data_dir, self_test=False, require_encryption=False))
    db.close()
    assert len(asked) == 1
    assert KEYRING_LOCKED in asked[0]
    assert "recovery" not in asked[0].lower()
