"""The running timer: rounding up, one at a time, and surviving a closed window and a new one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop.main_window import MainWindow
from storage.practice import clients, engagements, settings
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules.errors import ValidationError
from storage.time import time_entries, timer
from storage.time.time_entries import TimeEntry
from widgets.time.timer_control import TimerControl
from widgets.time.timer_dialog import TimerDialog

START = dt.datetime(2026, 4, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def engagement(db: Database) -> Engagement:
    client = clients.add(db, Client(name="Acme Robotics"))
    return engagements.add(db, Engagement(
        client_id=client.id or 0, title="Fractional CTO", start_date=dt.date(2026, 1, 5),
        status="active",
    ))  # fmt: skip


@pytest.mark.parametrize(
    ("seconds", "increment", "minutes"),
    [
        (1, 0, 1),
        (60, 0, 1),
        (61, 0, 2),
        (61, 5, 5),
        (300, 5, 5),
        (301, 5, 10),
        (301, 6, 6),
        (37 * 60, 6, 42),
        (1, 15, 15),
        (15 * 60, 15, 15),
        (15 * 60 + 1, 15, 30),
        (30 * 3600, 15, 1440),  # a timer left running for days is capped at one day
    ],
)
def test_round_up(seconds: int, increment: int, minutes: int) -> None:
    assert timer.round_up(seconds, increment) == minutes


def test_stop_logs_an_entry_rounded_up_to_the_profile_increment(
    db: Database, engagement: Engagement
) -> None:
    settings.save_profile(db, settings.Profile(timer_rounding_minutes=6))
    timer.start(db, engagement.id or 0, "team", "Pairing on the queue", now=START)
    running = timer.current(db)
    assert running is not None
    assert (running.bucket, running.note) == ("team", "Pairing on the queue")
    entry = timer.stop(db, now=START + dt.timedelta(minutes=37, seconds=10))
    assert entry is not None
    assert (entry.minutes, entry.bucket, entry.note) == (42, "team", "Pairing on the queue")
    assert entry.day == START.astimezone().date()
    assert timer.current(db) is None
    assert timer.stop(db) is None


def test_starting_another_stops_the_first(db: Database, engagement: Engagement) -> None:
    timer.start(db, engagement.id or 0, "strategy", now=START)
    later = START + dt.timedelta(minutes=20)
    running, stopped = timer.start(db, engagement.id or 0, "leadership", "Board", now=later)
    assert stopped is not None
    assert (stopped.bucket, stopped.minutes) == ("strategy", 30)  # 20 min up to the default 15
    assert (running.bucket, running.started_at) == ("leadership", later)
    assert db["running_timer"].count == 1


def test_a_bad_start_changes_nothing(db: Database, engagement: Engagement) -> None:
    timer.start(db, engagement.id or 0, "strategy", now=START)
    with pytest.raises(ValidationError) as error:
        timer.start(db, engagement.id or 0, "sales", now=START + dt.timedelta(hours=1))
    assert error.value.field == "bucket"
    with pytest.raises(ValidationError):
        timer.start(db, 999, "team", now=START)
    assert timer.current(db) == timer.RunningTimer(engagement.id or 0, "strategy", "", START)
    assert db["time_entry"].count == 0


def test_a_full_day_keeps_the_timer_running(db: Database, engagement: Engagement) -> None:
    day = START.astimezone().date()
    time_entries.add(db, TimeEntry(engagement.id or 0, day, "team", 1440))
    timer.start(db, engagement.id or 0, "strategy", now=START)
    with pytest.raises(ValidationError, match="24 hours"):
        timer.stop(db, now=START + dt.timedelta(minutes=5))
    assert timer.current(db) is not None
    timer.discard(db)
    assert timer.current(db) is None


def _control(window: MainWindow) -> TimerControl:
    return window.timer.control


def _window(qtbot: QtBot, db: Database, data_dir: Path) -> MainWindow:
    window = MainWindow(db, data_dir)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_timer_survives_closing_the_window_and_opening_a_new_one(
    qtbot: QtBot, db: Database, data_dir: Path, engagement: Engagement
) -> None:
    settings.save_profile(db, settings.Profile(timer_rounding_minutes=15))
    first = _window(qtbot, db, data_dir)
    assert _control(first).toggle_action.text() == "Start timer"
    assert first.windowTitle() == "Fractional Desk"
    started = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=62)
    timer.start(db, engagement.id or 0, "strategy", "Architecture review", now=started)
    _control(first).show_current()
    assert "Acme Robotics · Fractional CTO · Strategy" in first.windowTitle()
    first.close()
    assert not _control(first).ticker.isActive()
    db.close()

    from storage.file.db import database_file
    from storage.file.practice import open_database

    again = open_database(database_file(data_dir))
    second = _window(qtbot, again, data_dir)
    button = second.timer.control.button
    assert button.text().startswith("■ Timer 1:02:")
    assert "Acme Robotics" in button.text()
    assert "Strategy" in second.windowTitle()
    control = _control(second)
    assert control.toggle_action.text() == "Stop timer"
    control.toggle_action.trigger()
    [entry] = time_entries.list_cell(
        again, engagement.id or 0, "strategy", started.astimezone().date()
    )
    assert (entry.minutes, entry.note) == (75, "Architecture review")
    assert second.windowTitle() == "Fractional Desk"
    assert control.toggle_action.text() == "Start timer"
    assert "Logged 1:15 (Strategy)" in second.statusBar().currentMessage()
    second.close()
    again.close()


def test_the_dialog_starts_a_timer_and_the_toolbar_shows_it(
    qtbot: QtBot, db: Database, data_dir: Path, engagement: Engagement
) -> None:
    window = _window(qtbot, db, data_dir)
    assert _control(window).button.isVisibleTo(window)
    assert _control(window).button.text() == "▶ Start timer"
    dialog = TimerDialog(db, window)
    qtbot.addWidget(dialog)
    dialog.bucket.setCurrentIndex(dialog.bucket.findData("leadership"))
    qtbot.keyClicks(dialog.note, "Interview rubric")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == TimerDialog.DialogCode.Accepted
    running = timer.current(db)
    assert running is not None
    assert (running.engagement_id, running.bucket, running.note) == (
        engagement.id, "leadership", "Interview rubric",
    )  # fmt: skip
