"""Esc after Ctrl+N on the Decisions tab leaves nothing behind (an edited decision stays), and
under "All engagements" each number carries its client's short name."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.decisions import records as decisions
from storage.decisions.records import Decision
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from widgets.decisions.decisions_tab import DecisionsTab

START = dt.date(2026, 1, 5)


def _engagement(db: Database, name: str) -> Engagement:
    client = clients.add(db, Client(name=name))
    return engagements.add(db, Engagement(
        client_id=client.id or 0, title="Fractional CTO", start_date=START, status="active",
    ))  # fmt: skip


def _tab(qtbot: QtBot, db: Database) -> DecisionsTab:
    tab = DecisionsTab(db)
    qtbot.addWidget(tab)
    tab.show()
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    return tab


def test_escape_after_a_new_decision_leaves_nothing(qtbot: QtBot, db: Database) -> None:
    e = _engagement(db, "Acme Robotics")
    tab = _tab(qtbot, db)
    tab.engagement.setCurrentIndex(tab.engagement.findData(e.id))
    tab.add_new()
    assert db["decision"].count == 1
    qtbot.waitUntil(tab.editor.title.hasFocus)
    qtbot.keyClick(tab.editor.title, Qt.Key.Key_Escape)
    assert db["decision"].count == 0
    assert tab.model.total() == 0


def test_escape_keeps_a_new_decision_once_edited(qtbot: QtBot, db: Database) -> None:
    e = _engagement(db, "Acme Robotics")
    tab = _tab(qtbot, db)
    tab.engagement.setCurrentIndex(tab.engagement.findData(e.id))
    tab.add_new()
    qtbot.waitUntil(tab.editor.title.hasFocus)
    qtbot.keyClicks(tab.editor.title, "Buy a feature-flag service")
    qtbot.keyClick(tab.editor.title, Qt.Key.Key_Return)
    qtbot.keyClick(tab.editor.title, Qt.Key.Key_Escape)
    assert [d["title"] for d in db["decision"].rows] == ["Buy a feature-flag service"]


def test_numbers_carry_the_client_short_name_under_all_engagements(
    qtbot: QtBot, db: Database
) -> None:
    acme, verde = _engagement(db, "Acme Robotics"), _engagement(db, "Verde Fintech")
    for e in (acme, verde):
        decisions.add(db, Decision(e.id or 0, "Use a managed queue", START))
    tab = _tab(qtbot, db)
    tab.engagement.setCurrentIndex(0)  # All engagements
    numbers = sorted(tab.model.index(r, 0).data() for r in range(tab.model.rowCount()))
    assert numbers == ["Acme D-001", "Verde D-001"]
    tab.engagement.setCurrentIndex(tab.engagement.findData(acme.id))
    assert [tab.model.index(r, 0).data() for r in range(tab.model.rowCount())] == ["D-001"]
