"""The timer by keyboard: Enter starts, Esc cancels, a short timer asks, a running one can be
thrown away; and questions that lose something default to the safe answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop.main_window import MainWindow
from storage.practice import clients, engagements, settings
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.time import timer
from widgets.common import dialogs
from widgets.time.timer_control import TimerControl
from widgets.time.timer_dialog import TimerDialog


@pytest.fixture
def engagement(db: Database) -> Engagement:
    client = clients.add(db, Client(name="Acme Robotics"))
    return engagements.add(db, Engagement(
        client_id=client.id or 0, title="Fractional CTO", start_date=dt.date(2026, 1, 5),
        status="active",
    ))  # fmt: skip


@pytest.fixture
def window(qtbot: QtBot, db: Database, data_dir: Path, engagement: Engagement) -> MainWindow:
    window = MainWindow(db, data_dir)
    qtbot.addWidget(window)
    window.show()
    return window


def _control(window: MainWindow) -> TimerControl:
    return window.timer.control


def test_enter_in_the_note_starts_the_timer(qtbot: QtBot, db: Database, window: MainWindow) -> None:
    dialog = TimerDialog(db, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.start_button.isDefault()
    qtbot.keyClicks(dialog.note, "Board memo")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert dialog.result() == TimerDialog.DialogCode.Accepted
    running = timer.current(db)
    assert running is not None
    assert running.note == "Board memo"


def test_escape_cancels_the_dialog(qtbot: QtBot, db: Database, window: MainWindow) -> None:
    dialog = TimerDialog(db, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.note, "Nothing")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Escape)
    assert dialog.result() == TimerDialog.DialogCode.Rejected
    assert timer.current(db) is None


def test_ctrl_t_then_enter_starts_from_the_keyboard(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    def press_enter() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, TimerDialog)
        qtbot.keyClicks(dialog.note, "Roadmap")
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return)

    QTimer.singleShot(0, press_enter)
    _control(window).toggle_action.trigger()
    assert timer.current(db) is not None
    assert "Acme Robotics" in _control(window).button.text()
    assert window.windowTitle().startswith("Timer 0:00:")


def test_discard_throws_the_timer_away(
    db: Database, window: MainWindow, engagement: Engagement, monkeypatch: pytest.MonkeyPatch
) -> None:
    timer.start(db, engagement.id or 0, "strategy", "")
    control = _control(window)
    control.show_current()
    assert control.discard_action.isEnabled()
    monkeypatch.setattr(dialogs, "confirm", lambda *_a, **_k: True)
    control.discard_action.trigger()
    assert timer.current(db) is None
    assert db["time_entry"].count == 0
    assert not control.discard_action.isEnabled()


@pytest.mark.parametrize(("answer", "running", "logged"), [(0, False, 1), (1, False, 0),
                                                           (2, True, 0), (None, True, 0)])  # fmt: skip
def test_a_short_timer_asks_before_it_is_logged(
    db: Database,
    window: MainWindow,
    engagement: Engagement,
    monkeypatch: pytest.MonkeyPatch,
    answer: int | None,
    running: bool,
    logged: int,
) -> None:
    settings.save_profile(db, settings.Profile(timer_minimum_minutes=1))
    timer.start(db, engagement.id or 0, "strategy", "")
    asked: list[str] = []

    def choose(_parent: object, _title: str, text: str, *_a: object, **_k: object) -> int | None:
        asked.append(text)
        return answer

    monkeypatch.setattr(dialogs, "choose", choose)
    _control(window).toggle_action.trigger()
    assert "less than the 1-minute minimum" in asked[0]
    assert (timer.current(db) is not None, db["time_entry"].count) == (running, logged)


def test_a_timer_over_the_minimum_logs_without_asking(
    db: Database, window: MainWindow, engagement: Engagement, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    timer.start(db, engagement.id or 0, "strategy", "", now=started)
    monkeypatch.setattr(dialogs, "choose", pytest.fail)
    _control(window).toggle_action.trigger()
    assert db["time_entry"].count == 1


def _enter_on_the_question(qtbot: QtBot, answered: list[str]) -> Callable[[], None]:
    def press() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        answered.append(box.defaultButton().text())
        qtbot.keyClick(box, Qt.Key.Key_Return)

    return press


@pytest.mark.parametrize(
    ("ask", "expected"),
    [
        (lambda: dialogs.confirm(None, "Delete", "Delete it?"), ("Cancel", False)),
        (lambda: dialogs.ask(None, "Replace", "Replace?", yes="Replace", no="Keep"),
         ("Keep", False)),
        (lambda: dialogs.ask(None, "Over capacity", "Save?", yes="Save anyway", no="Go back"),
         ("Go back", False)),
        (lambda: dialogs.choose(None, "Short", "Log?", ("Log", "Discard", "Keep"), default=2),
         ("Keep", 2)),
    ],
)  # fmt: skip
def test_questions_that_lose_something_default_to_the_safe_answer(
    qtbot: QtBot, ask: Callable[[], object], expected: tuple[str, object]
) -> None:
    answered: list[str] = []
    QTimer.singleShot(0, _enter_on_the_question(qtbot, answered))
    result = ask()
    assert (answered[0].replace("&", ""), result) == expected
