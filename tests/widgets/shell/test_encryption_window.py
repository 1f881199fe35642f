"""The window's side of encryption: unlocking with the recovery key, the recovery key shown and
saved, and encrypting a plain practice from Security while the window stays open."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop import practice_start
from desktop.main_window import MainWindow
from storage.file import keys
from storage.file.connect import is_encrypted, is_plain
from storage.file.db import database_file
from storage.file.practice import open_database
from storage.practice import clients
from widgets.common import dialogs
from widgets.shell.recovery_key_dialog import RecoveryKeyDialog
from widgets.shell.recovery_prompt import RecoveryPrompt
from widgets.shell.security_dialog import ENCRYPT, SecurityDialog

SECRET = "Zebra Confidential Holdings"


def _encrypted_practice(data_dir: Path) -> bytes:
    with open_database(database_file(data_dir)) as db:
        clients.add(db, clients.Client(name=SECRET))
    marker = keys.read_marker(data_dir)
    assert marker is not None
    key = keys.known_key(marker)
    assert key is not None
    return key


def test_the_recovery_prompt_refuses_a_wrong_key_and_unlocks_with_the_right_one(
    qtbot: QtBot, data_dir: Path
) -> None:
    """Promise: a typo or another practice's key is said beside the field and nothing is stored;
    the right key unlocks and goes back into the keyring."""
    key = _encrypted_practice(data_dir)
    marker = keys.read_marker(data_dir)
    assert marker is not None
    keys.forget_key(marker)
    keys.forget_session_keys()
    prompt = RecoveryPrompt(data_dir)
    qtbot.addWidget(prompt)
    prompt.show()
    for wrong, said in (("ABC", "not a recovery key"),
                        (keys.recovery_key(keys.new_key()), "does not open")):  # fmt: skip
        prompt.key.setText(wrong)
        prompt.unlock.click()
        assert said in prompt.error.text()
        assert prompt.result() == 0
        assert keys.load_key(marker) is None
    prompt.key.setText(keys.recovery_key(key).lower())
    prompt.unlock.click()
    assert prompt.result() == RecoveryPrompt.DialogCode.Accepted
    assert keys.load_key(marker) == key


def test_the_recovery_key_dialog_shows_groups_and_saves_an_owner_only_file(
    qtbot: QtBot, tmp_path: Path
) -> None:
    key = keys.new_key()
    dialog = RecoveryKeyDialog(keys.recovery_key(key))
    qtbot.addWidget(dialog)
    assert len(dialog.key_label.text().split()) == 8
    target = tmp_path / "key.txt"
    assert dialog.save_to(target)
    assert target.stat().st_mode & 0o077 == 0
    assert keys.parse_recovery_key(target.read_text(encoding="utf-8")) == key
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "I have kept it"


def test_encrypting_a_plain_practice_from_security_keeps_the_window_working(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Promise: Security → Encrypt converts the open practice and its backups, shows the new
    recovery key once, and the window goes on reading and writing the encrypted file."""
    db = open_database(database_file(data_dir), encrypt=False)
    clients.add(db, clients.Client(name=SECRET))
    window = MainWindow(db, data_dir)
    qtbot.addWidget(window)
    window.show()
    assert window.security.privacy_label.text() == "Not encrypted"
    monkeypatch.setattr(dialogs, "ask", lambda *_a, **_k: True)
    security = SecurityDialog(data_dir, window)
    qtbot.addWidget(security)
    security.convert.click()
    assert security.requested == ENCRYPT
    shown: list[bytes] = []
    monkeypatch.setattr(practice_start, "show_new_recovery_key", lambda _w, k: shown.append(k))
    window.security.convert(encrypt=True)
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert is_encrypted(database_file(data_dir))
    assert window.security.privacy_label.text() == "Encrypted"
    assert shown == [keys.key_for_folder(data_dir)]
    clients.add(window.db, clients.Client(name="Written after"))
    assert [c.name for c in clients.list_all(window.db)] == ["Written after", SECRET]
    assert SECRET.encode() not in database_file(data_dir).read_bytes()
    backups_dir = data_dir / "backups"
    assert all(not is_plain(p) for p in backups_dir.glob("*.sqlite3"))
    window.close()
    db.close()


def test_the_recovery_key_is_copied_from_the_keyboard_and_never_saved_over_a_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Promise: the recovery key dialog works without the mouse (Tab reaches the key; Copy,
    Save and Print each answer the keyboard) and Save never replaces an existing file nor
    leaves a temporary one."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    text = keys.recovery_key(keys.new_key())
    dialog = RecoveryKeyDialog(text)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.key_label.focusPolicy() & Qt.FocusPolicy.TabFocus
    for button in (dialog.copy_button, dialog.save_button, dialog.print_button):
        assert "&" in button.text()  # an Alt key
    QGuiApplication.clipboard().clear()
    dialog.copy_button.setFocus()
    qtbot.keyClick(dialog.copy_button, Qt.Key.Key_Space)
    assert QGuiApplication.clipboard().text() == text
    existing = tmp_path / "kept.txt"
    existing.write_text("kept", encoding="utf-8")
    refused: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, title, _t, *_a: refused.append(title))
    assert not dialog.save_to(existing)
    assert refused == ["Not saved"]
    assert existing.read_text(encoding="utf-8") == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.txt"]
