"""Preferences → Sync: without sync it offers to set it up; with the sync file it shows the
folder, this machine, the machines sharing the practice, and asks the runner for each action
(the window's runner runs the `sync` command as a child; here a recorder stands in for it, and
hands back what that command prints)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from desktop.sync_runner import SyncResult
from storage.file import AppDatabase
from storage.sync import config as sync_config
from widgets.common import dialogs
from widgets.shell.preferences_dialog import PreferencesDialog
from widgets.shell.sync_page import SyncPage

ME, OTHER = "a1" * 16, "b2" * 16
DEVICES = [
    {"device_id": ME, "name": "Laptop", "series_code": "", "this_machine": True,
     "removed": False, "changes_taken_from_it": 0},
    {"device_id": OTHER, "name": "Desk at home", "series_code": "B", "this_machine": False,
     "removed": False, "changes_taken_from_it": 12},
]  # fmt: skip


class Recorder(QObject):
    finished = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[tuple[str, ...]] = []

    def request(self, *words: str) -> None:
        self.asked.append(words)

    def answer(self, words: tuple[str, ...], data: object = None, output: str = "") -> None:
        self.finished.emit(SyncResult(words, 0, data, "", output))


def _configure(data_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "Dropbox" / "practice"
    folder.mkdir(parents=True)
    last = sync_config.LastSync(at="2026-06-01T09:27:00+00:00", sent=1, taken=3, conflicts=2)
    sync_config.save(data_dir, sync_config.SyncConfig(str(folder), ME, "Laptop", last))
    return folder


def test_without_sync_the_page_offers_to_set_it_up(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = Recorder()
    page = SyncPage(data_dir, runner)
    qtbot.addWidget(page)
    assert page.folder.text() == "This practice does not sync on this machine."
    assert not page.setup_button.isHidden()
    assert page.sync_button.isHidden()
    assert page.devices_box.isHidden()
    assert runner.asked == []  # nothing to list
    chosen = tmp_path / "Dropbox"
    monkeypatch.setattr(page, "choose_folder", lambda: str(chosen))
    page.name.setText("Laptop")
    page.setup_button.click()
    assert runner.asked == [("setup", str(chosen), "--name", "Laptop")]
    _configure(data_dir, tmp_path)
    runner.answer(("setup", str(chosen), "--name", "Laptop"), output="This practice now syncs.")
    assert page.message.text() == "This practice now syncs."
    assert not page.sync_button.isHidden()  # the page follows the new sync file
    assert runner.asked[-1] == ("devices", "--format", "json")


def test_with_sync_the_page_shows_the_folder_the_machines_and_how_to_join(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    folder = _configure(data_dir, tmp_path)
    runner = Recorder()
    page = SyncPage(data_dir, runner)
    qtbot.addWidget(page)
    assert page.folder.text() == str(folder)
    assert page.name.text() == "Laptop"
    assert page.name.isReadOnly()
    assert "3 taken in; 2 conflicts waiting" in page.last.text()
    assert "fractional-desk sync join FOLDER" in page.join.text()
    assert runner.asked == [("devices", "--format", "json")]
    runner.answer(("devices", "--format", "json"), DEVICES)
    texts = [page.device_list.item(i).text() for i in range(page.device_list.count())]
    assert texts == ["Laptop · this machine", "Desk at home · series B"]
    page.sync_button.click()
    assert runner.asked[-1] == ("--format", "json")


def test_removing_a_machine_and_leaving_ask_first(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _configure(data_dir, tmp_path)
    runner = Recorder()
    page = SyncPage(data_dir, runner)
    qtbot.addWidget(page)
    runner.answer(("devices", "--format", "json"), DEVICES)
    page.device_list.setCurrentRow(0)
    assert not page.remove_button.isEnabled()  # this machine leaves instead
    page.device_list.setCurrentRow(1)
    assert page.remove_button.isEnabled()
    answers = iter([False, True, True])
    asked: list[str] = []

    def confirm(_parent: object, title: str, _text: str, *, action: str = "") -> bool:
        asked.append(f"{title}/{action}")
        return next(answers)

    monkeypatch.setattr(dialogs, "confirm", confirm)
    runner.asked.clear()
    page.remove_button.click()  # cancelled
    assert runner.asked == []
    page.remove_button.click()
    assert runner.asked == [("remove", OTHER)]
    page.leave_button.click()
    assert runner.asked[-1] == ("leave", "--yes")
    assert asked == ["Remove a machine/Remove"] * 2 + ["Stop syncing on this machine/Stop syncing"]


def test_preferences_show_the_sync_page_the_window_gives(
    qtbot: QtBot, db: AppDatabase, data_dir: Path, tmp_path: Path
) -> None:
    runner = Recorder()
    page = SyncPage(data_dir, runner)
    dialog = PreferencesDialog(db, sync_page=page)
    qtbot.addWidget(dialog)
    titles = [dialog.pages.tabText(i) for i in range(dialog.pages.count())]
    assert titles[-1] == "S&ync"
    assert dialog.pages.widget(dialog.pages.count() - 1) is page
    without = PreferencesDialog(db)
    qtbot.addWidget(without)
    assert "S&ync" not in [without.pages.tabText(i) for i in range(without.pages.count())]
