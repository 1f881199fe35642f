"""The keyboard-only walkthrough's keys: Ctrl+1… land in the tab's work, Enter adds in the side
panel, Ctrl+R and Ctrl+Shift+X on the exit plan, Tab leaves a table even while editing, Esc
cancels a new client and clears a search, and a new decision goes where the user says."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop.main_window import MainWindow
from storage.decisions import records as decisions
from storage.decisions.records import Decision
from storage.exit_plan import milestones, readiness_snapshots
from storage.exit_plan.milestones import Milestone
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules.errors import ValidationError
from widgets.clients.clients_tab import ClientsTab
from widgets.common import dialogs
from widgets.decisions.decisions_tab import DecisionsTab
from widgets.exit_plan.exit_tab import ExitPlanTab
from widgets.time.time_tab import TimeTab

START = dt.date(2026, 1, 5)


def _engagement(db: Database, client: Client, title: str) -> Engagement:
    return engagements.add(db, Engagement(
        client_id=client.id or 0, title=title, start_date=START, status="active",
    ))  # fmt: skip


@pytest.fixture
def acme(db: Database) -> tuple[Engagement, Engagement]:
    client = clients.add(db, Client(name="Acme Robotics"))
    return _engagement(db, client, "Fractional CTO"), _engagement(db, client, "Hiring")


@pytest.fixture
def window(qtbot: QtBot, db: Database, data_dir: Path, acme: object) -> MainWindow:
    window = MainWindow(db, data_dir)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _shown(qtbot: QtBot, widget: QWidget) -> None:
    """Shown and active: a key shortcut works only in the active window."""
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_ctrl_number_puts_the_keyboard_in_the_tab(
    qtbot: QtBot, window: MainWindow, index: int
) -> None:
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == index
    qtbot.waitUntil(window.page(index).primary_widget().hasFocus)


def test_enter_in_the_side_panel_adds_the_entry(
    qtbot: QtBot, db: Database, acme: tuple[Engagement, Engagement]
) -> None:
    tab = TimeTab(db)
    qtbot.addWidget(tab)
    tab.grid.setCurrentIndex(tab.model.index(1, 1))
    assert tab.panel.key is not None
    qtbot.keyClicks(tab.panel.duration, "1:30")
    qtbot.keyClick(tab.panel.duration, Qt.Key.Key_Return)
    assert db["time_entry"].count == 1
    assert next(db["time_entry"].rows)["minutes"] == 90


def test_exit_plan_keys_record_the_review_and_start_the_exit(
    qtbot: QtBot, db: Database, window: MainWindow, acme: tuple[Engagement, Engagement]
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert isinstance(page, ExitPlanTab)
    engagement_id = page.engagement_id()
    as_of = page.review.as_of  # type: ignore[union-attr]
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # a button's key
    qtbot.waitUntil(lambda: readiness_snapshots.on_day(db, engagement_id, as_of) is not None)
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_X, shift_ctrl)
    qtbot.waitUntil(lambda: engagements.get(db, engagement_id).status == "exiting")


def test_tab_leaves_the_milestone_table_while_editing(
    qtbot: QtBot, db: Database, window: MainWindow, acme: tuple[Engagement, Engagement]
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert isinstance(page, ExitPlanTab)
    for position, title in enumerate(("Roadmap handed over", "CTO hired")):
        milestones.add(db, Milestone(page.engagement_id(), title, "", START, position=position))
    page.refresh()
    table = page.milestones.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    table.edit(table.currentIndex())
    editor = QApplication.focusWidget()
    assert editor is not None
    assert table.isAncestorOf(editor)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    focus = QApplication.focusWidget()
    assert focus is not table
    assert not table.isAncestorOf(focus)
    assert [m.title for m in milestones.list_for(db, page.engagement_id())] == [
        "Roadmap handed over", "CTO hired",
    ]  # fmt: skip


def test_escape_cancels_a_new_client(qtbot: QtBot, db: Database, acme: object) -> None:
    tab = ClientsTab(db)
    _shown(qtbot, tab)
    assert tab.current is not None  # the first client is selected on open
    tab.add_new()
    assert tab.draft
    qtbot.keyClick(tab.form.name, Qt.Key.Key_Escape)
    assert not tab.draft
    assert tab.current is not None
    assert tab.current.name == "Acme Robotics"
    assert db["client"].count == 1


def test_escape_clears_the_decision_search(qtbot: QtBot, db: Database, acme: object) -> None:
    tab = DecisionsTab(db)
    _shown(qtbot, tab)
    tab.focus_search()
    qtbot.keyClicks(tab.search, "vendor")
    qtbot.keyClick(tab.search, Qt.Key.Key_Escape)
    assert tab.search.text() == ""


def test_a_new_decision_under_all_engagements_asks_which(
    qtbot: QtBot,
    db: Database,
    acme: tuple[Engagement, Engagement],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cto, hiring = acme
    decisions.add(db, Decision(hiring.id or 0, "Hire a staff engineer", START))
    tab = DecisionsTab(db)
    qtbot.addWidget(tab)
    tab.table.selectRow(0)
    offered: list[tuple[list[str], int]] = []

    def pick(_p: object, _t: str, _x: str, items: list[str], current: int = 0) -> int:
        offered.append((items, current))
        return 0  # the user picks the first, not the selected row's

    monkeypatch.setattr(dialogs, "pick", pick)
    tab.add_new()
    items, current = offered[0]
    assert items[current] == hiring.label  # the selected decision's engagement is offered first
    added = tab.selected()
    assert added is not None
    assert added.engagement_id == cto.id


def test_the_editor_moves_a_decision_to_another_engagement_of_the_client(
    qtbot: QtBot, db: Database, acme: tuple[Engagement, Engagement]
) -> None:
    cto, hiring = acme
    decisions.add(db, Decision(cto.id or 0, "First", START))
    wrong = decisions.add(db, Decision(cto.id or 0, "Logged under the wrong one", START))
    tab = DecisionsTab(db)
    qtbot.addWidget(tab)
    tab.show_decision(wrong.id)
    combo = tab.editor.engagement_choice
    assert combo.isEnabled()
    combo.setCurrentIndex(combo.findData(hiring.id))
    combo.activated.emit(combo.currentIndex())
    moved = decisions.get(db, wrong.id or 0)
    assert (moved.engagement_id, moved.number_label) == (hiring.id, "D-001")
    tab.undo_stack.undo()
    back = decisions.get(db, wrong.id or 0)
    assert (back.engagement_id, back.number_label) == (cto.id, "D-002")


def test_a_decision_moves_only_within_its_client(
    db: Database, acme: tuple[Engagement, Engagement]
) -> None:
    other = clients.add(db, Client(name="Verde Fintech"))
    verde = _engagement(db, other, "AI strategy")
    d = decisions.add(db, Decision(acme[0].id or 0, "Ours", START))
    with pytest.raises(ValidationError, match="of its client"):
        decisions.move(db, d.id or 0, verde.id or 0)
