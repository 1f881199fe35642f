"""The main window: its tabs and shortcuts, the remembered state, Preferences, the error hook and
the `--self-test` command."""

from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop import window_fit
from desktop.error_hook import ErrorReporter
from desktop.main_window import MainWindow
from storage.file.db import DB_FILENAME
from storage.practice import clients, settings
from storage.practice.clients import Client
from widgets.common import dialogs
from widgets.shell.preferences_dialog import PreferencesDialog

ROOT = Path(__file__).resolve().parents[2]
TAB_NAMES = ["clientsTab", "timeTab", "decisionsTab", "exitTab", "portfolioTab", "monthTab"]


def _window(qtbot: QtBot, db: Database, data_dir: Path) -> MainWindow:
    window = MainWindow(db, data_dir)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_six_tabs_with_their_object_names(qtbot: QtBot, db: Database, data_dir: Path) -> None:
    window = _window(qtbot, db, data_dir)
    names = [window.tabs.widget(i).objectName() for i in range(window.tabs.count())]
    assert names == TAB_NAMES
    assert [window.tabs.tabText(i) for i in range(6)] == [
        "Clients",
        "Time",
        "Decisions",
        "Exit plan",
        "Portfolio",
        "Month",
    ]


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5, 6])
def test_ctrl_number_switches_tabs(qtbot: QtBot, db: Database, data_dir: Path, number: int) -> None:
    window = _window(qtbot, db, data_dir)
    window.tabs.setCurrentIndex(3 if number == 1 else 0)
    key = getattr(Qt.Key, f"Key_{number}")
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget().objectName() == TAB_NAMES[number - 1]


def test_geometry_and_last_tab_are_restored(qtbot: QtBot, db: Database, data_dir: Path) -> None:
    first = _window(qtbot, db, data_dir)
    first.resize(760, 560)  # inside the offscreen screen (800 x 600), which restoring clamps to
    first.move(QPoint(40, 30))
    first.tabs.setCurrentIndex(2)
    first.close()
    second = _window(qtbot, db, data_dir)
    assert second.size() == QSize(760, 560)
    assert second.tabs.currentWidget().objectName() == "decisionsTab"


def _on_screen(window: MainWindow) -> None:
    """The window's frame and its status bar are inside the screen's available geometry."""
    available = window.screen().availableGeometry()
    assert available.contains(window.frameGeometry()), (window.frameGeometry(), available)
    bar = window.statusBar()
    corner = bar.mapToGlobal(QPoint(bar.width() - 1, bar.height() - 1))
    assert bar.isVisible()
    assert available.contains(corner)


def test_first_start_fits_the_screen_on_the_clients_tab(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    window = _window(qtbot, db, data_dir)  # the offscreen screen (800 x 800) is below 1280 x 800
    assert window.isMaximized()  # the whole available geometry, frame and status bar inside
    _on_screen(window)
    assert window.frameGeometry().width() >= window.screen().availableGeometry().width() - 8
    assert window.tabs.currentWidget().objectName() == "clientsTab"


def test_the_first_size_is_the_designed_one_where_it_fits() -> None:
    big = QRect(0, 0, 1920, 1080)
    assert window_fit.first_geometry(big) == QRect(320, 140, 1280, 800)
    small = QRect(0, 24, 1024, 616)  # 1024 x 640 less a panel
    assert window_fit.first_geometry(small) == small


def test_a_geometry_from_a_larger_screen_is_brought_back_onto_this_one(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    first = _window(qtbot, db, data_dir)
    first.setWindowState(Qt.WindowState.WindowNoState)
    first.setGeometry(QRect(1400, 900, 1280, 800))  # remembered off a 2560 x 1440 screen
    first.close()
    second = _window(qtbot, db, data_dir)
    _on_screen(second)
    assert window_fit.fitted(QRect(-50, 500, 300, 200), QRect(0, 0, 800, 600)) == QRect(
        0, 400, 300, 200
    )


def test_ctrl_n_ctrl_f_and_ctrl_z_reach_the_clients_tab(
    qtbot: QtBot, db: Database, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, db, data_dir)
    tab = window.pages[0]
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(tab.form.name.hasFocus)
    qtbot.keyClicks(tab.form.name, "Acme Robotics")
    qtbot.keyClick(tab.form.name, Qt.Key.Key_Return)
    stored = clients.list_all(db)
    assert [c.name for c in stored] == ["Acme Robotics"]
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(tab.list.filter.hasFocus)

    monkeypatch.setattr(dialogs, "confirm", _yes)
    tab.list.view.setFocus()
    qtbot.mouseClick(tab.list.delete_button, Qt.MouseButton.LeftButton)
    assert clients.list_all(db) == []
    tab.list.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert clients.list_all(db) == stored
    assert tab.current == stored[0]


def _yes(*_args: object, **_kwargs: object) -> bool:
    return True


def test_preferences_save_the_profile_and_refuse_a_bad_email(qtbot: QtBot, db: Database) -> None:
    dialog = PreferencesDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    dialog.name.setText("Alex Morgan")
    dialog.email.setText("alex at example")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert "email address" in dialog.errors.message("email")
    assert dialog.isVisible()
    assert settings.load_profile(db) == settings.Profile()
    dialog.email.setText("alex@morgan.example")
    dialog.paper.setCurrentText("Letter")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    profile = settings.load_profile(db)
    assert (profile.name, profile.email, profile.paper_size) == (
        "Alex Morgan", "alex@morgan.example", "Letter",
    )  # fmt: skip


def _fail_in_slot() -> None:
    raise RuntimeError("the slot failed")


@pytest.mark.qt_no_exception_capture
def test_error_hook_shows_one_dialog_for_an_exception_in_a_slot(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    shown: list[tuple[str, str]] = []

    def record(_parent: object, _title: str, text: str, details: str = "") -> None:
        shown.append((text, details))

    monkeypatch.setattr(dialogs, "show_error", record)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    reporter = ErrorReporter()
    reporter.install()
    button = QPushButton("Go")
    qtbot.addWidget(button)
    button.clicked.connect(_fail_in_slot)
    with caplog.at_level(logging.ERROR, logger="fractional_desk"):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1
    text, details = shown[0]
    assert "Your saved data is safe" in text
    assert "RuntimeError: the slot failed" in details
    assert any("RuntimeError" in r.getMessage() for r in caplog.records)
    assert not any("the slot failed" in r.getMessage() for r in caplog.records)
    button.click()  # the app keeps going: the next failure is reported too, once
    assert len(shown) == 2


def _run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = Path(sys.executable).with_name("fractional-desk")
    return subprocess.run(
        [str(command), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip


def test_self_test_prints_ok_on_a_new_data_folder(tmp_path: Path) -> None:
    folder = tmp_path / "fresh"
    result = _run_cli("--self-test", "--data-dir", str(folder))
    assert (result.returncode, result.stdout.strip()) == (0, "OK"), result.stderr
    assert (folder / DB_FILENAME).is_file()


def test_self_test_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    folder = tmp_path / "taken"
    folder.mkdir()
    stranger = folder / DB_FILENAME
    stranger.write_bytes(b"Quarterly board notes, not a database.\n" * 40)
    digest = hashlib.sha256(stranger.read_bytes()).hexdigest()
    result = _run_cli("--self-test", "--data-dir", str(folder))
    assert result.returncode == 1
    assert "OK" not in result.stdout
    assert "is not a Fractional Desk database" in result.stderr
    assert "It has not been changed" in result.stderr
    assert hashlib.sha256(stranger.read_bytes()).hexdigest() == digest
    assert [p.name for p in folder.iterdir() if p.name.startswith(DB_FILENAME)] == [DB_FILENAME]


def test_the_window_opens_on_the_sample_practice(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    from storage.sample import generate

    generate(db)
    window = _window(qtbot, db, data_dir)
    tab = window.pages[0]
    assert tab.list.proxy.rowCount() >= 8
    first = tab.list.proxy.index(0, 0).data(Qt.ItemDataRole.UserRole)
    assert isinstance(first, Client)
    tab.list.view.selectRow(0)
    assert tab.current == first
    assert tab.engagements.model.rowCount() >= 1
