"""The Decisions tab records the Change each write returns: undo and redo put back exactly its two
sides (the status history included), a decision saved elsewhere (a second connection: another
window, the command line) is never overwritten unasked, and another tab on the same bus re-reads."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.decisions import decision_changes
from storage.decisions import records as decisions
from storage.practice import engagements
from storage.practice.engagements import Engagement
from storage.rules import NotFoundError
from tests.widgets.decisions.test_decisions_tab import TODAY, practice
from tests.widgets.shown import shown_tab
from widgets.common import dialogs
from widgets.common.change_bus import ChangeBus
from widgets.decisions.decisions_tab import DecisionsTab

__all__ = ["practice"]


def _tab(qtbot: QtBot, db: Database, bus: ChangeBus | None = None) -> DecisionsTab:
    return shown_tab(qtbot, DecisionsTab(db), bus, (1400, 800))


def _type_into(qtbot: QtBot, field: Any, text: str) -> None:
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def _choose(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_undo_then_redo_of_a_status_change_restores_the_history_exactly(
    qtbot: QtBot, db: Database, practice: dict[str, Any]
) -> None:
    bus = ChangeBus()
    heard: list[frozenset[str]] = []
    bus.changed.connect(lambda touched, _source: heard.append(touched))
    tab = _tab(qtbot, db, bus)
    hiring = practice["hiring"].id
    shown = decision_changes.read(db, hiring)
    tab.show_decision(hiring)
    _choose(tab.editor.status, "accepted")
    accepted = decision_changes.read(db, hiring)
    assert [c.status for c in accepted.history] == ["proposed", "accepted"]
    assert heard == [frozenset({"decision"})]
    assert tab.undo_stack.undoText() == "Change the status of D-002"
    tab.undo_stack.undo()
    assert decision_changes.read(db, hiring) == shown  # no third entry: the history as it was
    assert tab.editor.status.currentData() == "proposed"
    assert heard[-1] == frozenset({"decision"})
    tab.undo_stack.redo()
    assert decision_changes.read(db, hiring) == accepted
    _type_into(qtbot, tab.editor.owner, "Sam Patel")  # the editor holds what redo left
    assert decisions.get(db, hiring).owner == "Sam Patel"


def test_an_edit_of_a_decision_saved_elsewhere_writes_nothing_until_save_again(
    qtbot: QtBot, db: Database, other: Database, practice: dict[str, Any]
) -> None:
    tab = _tab(qtbot, db)
    hiring = practice["hiring"]
    tab.show_decision(hiring.id)
    decisions.update(other, decisions.with_changes(hiring, owner="Head of Data"))
    _type_into(qtbot, tab.editor.title, "Hire a principal engineer")
    stored = decisions.get(db, hiring.id)
    assert (stored.title, stored.owner) == (hiring.title, "Head of Data")
    general = tab.editor.errors.general
    assert general is not None
    assert "saved elsewhere" in general.text()
    assert tab.editor.save_again.isVisible()
    assert tab.undo_stack.count() == 0
    qtbot.mouseClick(tab.editor.save_again, Qt.MouseButton.LeftButton)  # replace it, as asked
    assert decisions.get(db, hiring.id).title == "Hire a principal engineer"
    assert not tab.editor.save_again.isVisible()
    tab.undo_stack.undo()
    assert decisions.get(db, hiring.id) == stored


def test_keep_stored_drops_the_edit_and_shows_what_is_stored(
    qtbot: QtBot, db: Database, other: Database, practice: dict[str, Any]
) -> None:
    tab = _tab(qtbot, db)
    hiring = practice["hiring"]
    tab.show_decision(hiring.id)
    decisions.update(other, decisions.with_changes(hiring, owner="Head of Data"))
    _type_into(qtbot, tab.editor.title, "Hire a principal engineer")
    qtbot.mouseClick(tab.editor.keep_stored, Qt.MouseButton.LeftButton)
    assert tab.editor.title.text() == hiring.title
    assert tab.editor.owner.text() == "Head of Data"
    assert decisions.get(db, hiring.id).title == hiring.title


def test_undo_refuses_when_the_decision_was_saved_elsewhere_since(
    qtbot: QtBot,
    db: Database,
    other: Database,
    practice: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tab = _tab(qtbot, db)
    hiring = practice["hiring"].id
    tab.show_decision(hiring)
    _type_into(qtbot, tab.editor.owner, "Sam Patel")
    decisions.update(other, decisions.with_changes(decisions.get(other, hiring), consulted="CEO"))
    warned: list[str] = []
    monkeypatch.setattr(dialogs, "warn", lambda _p, _t, text, **_: warned.append(text))
    tab.undo_stack.undo()
    assert warned
    assert "saved elsewhere" in warned[0]
    stored = decisions.get(db, hiring)
    assert (stored.owner, stored.consulted) == ("Sam Patel", "CEO")


def test_delete_add_and_move_undo_then_redo_restore_each_side_exactly(
    qtbot: QtBot, db: Database, practice: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialogs, "confirm", lambda *_a, **_k: True)
    acme_client = engagements.get(db, practice["Acme Robotics"]).client_id
    second = engagements.add(
        db, Engagement(acme_client, "Hiring round", TODAY - dt.timedelta(days=30), status="active")
    )
    overdue = practice["overdue"].id
    decisions.update(db, decisions.with_changes(practice["overdue"], status="deprecated"))
    tab = _tab(qtbot, db)
    shown = decision_changes.read(db, overdue)
    tab.show_decision(overdue)
    tab.delete_selected()
    with pytest.raises(NotFoundError):
        decisions.get(db, overdue)
    tab.undo_stack.undo()
    assert decision_changes.read(db, overdue) == shown
    tab.undo_stack.redo()
    with pytest.raises(NotFoundError):
        decisions.get(db, overdue)
    tab.undo_stack.undo()

    tab.show_decision(overdue)
    _choose(tab.editor.engagement_choice, second.id)
    moved = decision_changes.read(db, overdue)
    assert (moved.decision.engagement_id, moved.decision.number_label) == (second.id, "D-001")
    tab.undo_stack.undo()
    assert decision_changes.read(db, overdue) == shown
    tab.undo_stack.redo()
    assert decision_changes.read(db, overdue) == moved

    tab.filters.show_only(practice["Verde Fintech"])
    tab.add_new()
    added = decision_changes.read(db, tab.editor.decision.id)  # type: ignore[union-attr]
    tab.undo_stack.undo()
    with pytest.raises(NotFoundError):
        decisions.get(db, added.decision.id or 0)
    tab.undo_stack.redo()
    assert decision_changes.read(db, added.decision.id or 0) == added


def test_another_tab_on_the_same_bus_re_reads_after_an_edit_and_its_undo(
    qtbot: QtBot, db: Database, practice: dict[str, Any]
) -> None:
    bus = ChangeBus()
    first, second = _tab(qtbot, db, bus), _tab(qtbot, db, bus)
    hiring = practice["hiring"].id
    first.show_decision(hiring)
    second.show_decision(hiring)
    _type_into(qtbot, first.editor.title, "Hire a principal engineer")
    row = second.model.row_of(hiring)
    assert row is not None
    assert second.model.index(row, 0).data(Qt.ItemDataRole.UserRole).title == (
        "Hire a principal engineer"
    )
    assert second.editor.title.text() == "Hire a principal engineer"
    first.undo_stack.undo()
    assert second.editor.title.text() == "Hire a staff engineer"
