"""The window's change bus: a write on one tab is announced with the kinds of record it touched,
and every other tab shown that displays one of them re-reads, unasked; a tab showing other kinds
is left as it is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop.main_window import MainWindow
from storage import decisions
from storage.decisions import Decision
from storage.file import kinds
from storage.practice.engagements import Engagement
from storage.time import TimeEntry, time_entries
from tests.widgets.time.test_time_tab import MONDAY, TODAY, _type, practice
from widgets.common.change_bus import ChangeBus
from widgets.decisions.decisions_tab import DecisionsTab
from widgets.time import time_tab
from widgets.time.time_tab import TimeTab

__all__ = ["practice"]


def _shown(qtbot: QtBot, page: TimeTab | DecisionsTab, bus: ChangeBus) -> None:
    qtbot.addWidget(page)
    page.attach(bus)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)


@pytest.fixture
def two_sheets(
    qtbot: QtBot, db: Database, practice: dict[str, Engagement], monkeypatch: pytest.MonkeyPatch
) -> tuple[TimeTab, TimeTab, ChangeBus]:
    monkeypatch.setattr(time_tab, "today", lambda: TODAY)
    bus = ChangeBus()
    first, second = TimeTab(db), TimeTab(db)
    for page in (first, second):
        _shown(qtbot, page, bus)
    return first, second, bus


def test_a_cell_typed_on_one_tab_shows_on_another_tab_showing_time(
    qtbot: QtBot, two_sheets: tuple[TimeTab, TimeTab, ChangeBus], practice: dict[str, Engagement]
) -> None:
    first, second, bus = two_sheets
    key = (practice["acme"].id or 0, "strategy", MONDAY)
    heard: list[frozenset[str]] = []
    bus.changed.connect(lambda touched, _source: heard.append(touched))
    first.grid.setFocus()
    _type(qtbot, first, first.model.index_of(key), "1:30")
    assert heard == [frozenset({"time_entry"})]
    assert second.model.index_of(key).data() == "1:30"
    first.undo_stack.undo()
    assert heard[-1] == frozenset({"time_entry"})
    assert second.model.index_of(key).data() in ("", None)


def test_a_tab_showing_other_kinds_is_not_re_read(
    qtbot: QtBot, db: Database, two_sheets: tuple[TimeTab, TimeTab, ChangeBus],
    practice: dict[str, Engagement],
) -> None:  # fmt: skip
    first, _second, bus = two_sheets
    page = DecisionsTab(db)
    _shown(qtbot, page, bus)
    listed = page.model.rowCount()
    engagement_id = practice["acme"].id or 0
    decisions.add(
        db, Decision(engagement_id, "Self-host the vector database", dt.date(2026, 3, 30))
    )
    time_entries.add(db, TimeEntry(engagement_id, MONDAY, "team", 30))
    bus.announce(kinds("time_entry"), first)
    assert page.model.rowCount() == listed
    bus.announce(kinds("decision"))
    assert page.model.rowCount() == listed + 1


def test_the_window_announces_a_change_saved_elsewhere_to_the_tab_shown(
    qtbot: QtBot,
    db: Database,
    data_dir: Path,
    practice: dict[str, Engagement],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(time_tab, "today", lambda: TODAY)
    window = MainWindow(db, data_dir)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(1)
    page = window.current_page()
    assert isinstance(page, TimeTab)
    key = (practice["verde"].id or 0, "team", MONDAY)
    time_entries.add(db, TimeEntry(key[0], MONDAY, "team", 50))
    assert page.model.index_of(key).data() in ("", None)
    window.bus.announce(kinds("time_entry"))
    assert page.model.index_of(key).data() == "0:50"
    window.watch.stop()
