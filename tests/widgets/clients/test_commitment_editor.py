"""The engagement editor's commitment periods and the capacity warning, through real widgets."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.practice import clients, commitments, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules import clock
from widgets.clients.clients_tab import ClientsTab
from widgets.clients.engagement_editor import EngagementEditor
from widgets.clients.engagement_fields import date_edit
from widgets.common import dialogs

TODAY = dt.date(2026, 3, 25)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _engagement(db: Database, name: str, days: float) -> Engagement:
    client = clients.add(db, Client(name=name))
    record = Engagement(
        client_id=client.id or 0, title="Fractional CTO", start_date=dt.date(2026, 1, 5),
        planned_end_date=dt.date(2026, 12, 18), status="active", days_per_week=days,
    )  # fmt: skip
    return engagements.add(db, record)


@pytest.fixture
def tab(qtbot: QtBot, db: Database) -> ClientsTab:
    page = ClientsTab(db)
    qtbot.addWidget(page)
    page.show()
    return page


def _open(tab: ClientsTab, e: Engagement) -> EngagementEditor:
    return tab.open_engagement_editor(e)


def _add_period(
    qtbot: QtBot, editor: EngagementEditor, taper: bool, day: dt.date, days: float
) -> None:
    button = editor.periods.taper_button if taper else editor.periods.add_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = editor.period_dialog
    assert dialog is not None
    dialog.starts_on.setDate(date_edit(day).date())
    dialog.days.setValue(days)
    dialog.buttons.accepted.emit()


def test_the_editor_lists_the_periods_and_adds_a_raise_and_a_taper(
    qtbot: QtBot, tab: ClientsTab, db: Database
) -> None:
    e = _engagement(db, "Acme", 2.0)
    editor = _open(tab, e)
    assert [editor.periods.list.item(i).text() for i in range(editor.periods.list.count())] == [
        "From the start: 2 days a week, 8 hours a day (16 hours a week)"
    ]
    _add_period(qtbot, editor, False, dt.date(2026, 4, 1), 3.0)
    _add_period(qtbot, editor, True, dt.date(2026, 11, 2), 0.5)
    texts = [editor.periods.list.item(i).text() for i in range(editor.periods.list.count())]
    assert texts[1:] == [
        "From 1 April 2026: 3 days a week, 8 hours a day (24 hours a week)",
        "From 2 November 2026: 0.5 days a week, 8 hours a day (4 hours a week)",
    ]
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    stored = commitments.of(db, engagements.get(db, e.id or 0))
    assert [(p.starts_on, p.days_per_week) for p in stored] == [
        (dt.date(2026, 1, 5), 2.0), (dt.date(2026, 4, 1), 3.0), (dt.date(2026, 11, 2), 0.5),
    ]  # fmt: skip
    tab.undo_stack.undo()
    assert [p.days_per_week for p in commitments.of(db, e)] == [2.0]
    tab.undo_stack.redo()
    assert [p.days_per_week for p in commitments.of(db, e)] == [2.0, 3.0, 0.5]


def test_a_period_before_the_start_says_why(qtbot: QtBot, tab: ClientsTab, db: Database) -> None:
    editor = _open(tab, _engagement(db, "Acme", 2.0))
    _add_period(qtbot, editor, False, dt.date(2026, 1, 5), 3.0)
    assert editor.periods.added == []
    assert "after the engagement's start" in editor.errors.labels["starts_on"].text()


def test_over_capacity_asks_and_going_back_saves_nothing(
    qtbot: QtBot, tab: ClientsTab, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _engagement(db, "Verde", 2.0)
    e = _engagement(db, "Acme", 2.0)
    asked: list[str] = []
    answer = [False]

    def fake_ask(_parent: object, _title: str, text: str, **_: object) -> bool:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(dialogs, "ask", fake_ask)
    editor = _open(tab, e)
    _add_period(qtbot, editor, False, dt.date(2026, 4, 6), 2.5)  # 4.5 days from W15
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "Over your capacity of 4 days a week in 36 weeks: 2026-W15 by 0.5 days" in asked[0]
    assert editor.isVisible()
    assert len(commitments.of(db, e)) == 1
    answer[0] = True
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert len(commitments.of(db, e)) == 2
