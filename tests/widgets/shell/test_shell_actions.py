"""The groups of actions work through what the window gave them: a stopped timer's entry shows
on the Time tab at once, through the window's change bus, and on a Time tab built before when it
is shown again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop.main_window import MainWindow
from desktop.tab_pages import PAGES, TIME
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.time import timer


def _window(qtbot: QtBot, db: Database, data_dir: Path) -> MainWindow:
    window = MainWindow(db, data_dir)
    qtbot.addWidget(window)
    window.show()
    return window


def _shown_hours(window: MainWindow) -> set[str]:
    model = window.page(PAGES.index(TIME)).model  # type: ignore[attr-defined]
    cells = (model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount()))
    return {str(index.data()) for index in cells}


def test_a_stopped_timer_shows_on_the_time_tab_shown_and_built_before(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    client = clients.add(db, Client(name="Acme Robotics"))
    engagement = engagements.add(db, Engagement(
        client_id=client.id or 0, title="Fractional CTO", start_date=dt.date(2026, 1, 5),
        status="active",
    ))  # fmt: skip
    window = _window(qtbot, db, data_dir)
    window.show_tab(PAGES.index(TIME))  # the Time tab is built and shown
    assert "0:15" not in _shown_hours(window)
    started = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    timer.start(db, engagement.id or 0, "strategy", "Architecture review", now=started)
    window.timer.control.show_current()
    window.timer.control.toggle_action.trigger()  # stops it: a quarter of an hour logged
    assert "0:15" in _shown_hours(window)  # the bus told the tab shown, with no switch of tab
    assert "Logged 0:15" in window.statusBar().currentMessage()

    window.show_tab(0)  # now another tab is shown while a second entry is logged
    timer.start(db, engagement.id or 0, "team", "Hiring loop", now=started)
    window.timer.control.show_current()
    window.timer.control.toggle_action.trigger()
    window.show_tab(PAGES.index(TIME))
    assert "0:30" in _shown_hours(window)  # the Time tab built before reads it when shown
