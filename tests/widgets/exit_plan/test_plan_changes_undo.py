"""The Exit plan tab records the Change each write returns: undo and redo put back exactly its two
sides (the order of the plan included), a record saved elsewhere (a second connection: another
window, the command line) is never overwritten unasked, and another tab on the same bus re-reads."""

from __future__ import annotations

import dataclasses

import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.exit_plan import milestones, responsibilities
from tests.widgets.exit_plan.test_exit_tab import _answer, _fixed_today, engagement_id
from tests.widgets.shown import shown_tab
from widgets.common import dialogs
from widgets.common.change_bus import ChangeBus
from widgets.exit_plan.exit_tab import ExitPlanTab

__all__ = ["_fixed_today", "engagement_id"]


def _tab(qtbot: QtBot, db: Database, bus: ChangeBus | None = None) -> ExitPlanTab:
    return shown_tab(qtbot, ExitPlanTab(db), bus)


def test_undo_then_redo_of_an_edit_restores_each_side_exactly(
    qtbot: QtBot, db: Database, engagement_id: int
) -> None:
    tab = _tab(qtbot, db)
    shown = milestones.list_for(db, engagement_id)
    model = tab.milestones.model
    assert model.setData(model.index(1, 2), "done")
    edited = milestones.list_for(db, engagement_id)
    assert edited[1].status == "done"
    tab.undo_stack.undo()
    assert milestones.list_for(db, engagement_id) == shown
    tab.undo_stack.redo()
    assert milestones.list_for(db, engagement_id) == edited


def test_undo_then_redo_of_a_move_and_a_delete_restore_the_plan_exactly(
    qtbot: QtBot, db: Database, engagement_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    _answer(monkeypatch, True)
    tab = _tab(qtbot, db)
    section = tab.milestones
    shown = milestones.list_for(db, engagement_id)
    section.select(shown[2].id or 0)
    section.move_selected(-2)
    moved = milestones.list_for(db, engagement_id)
    assert [m.title for m in moved] == ["Handoff", "Roadmap", "Late"]
    section.select(shown[1].id or 0)
    section.delete_button.click()
    deleted = milestones.list_for(db, engagement_id)
    assert [m.title for m in deleted] == ["Handoff", "Roadmap"]
    tab.undo_stack.undo()
    assert milestones.list_for(db, engagement_id) == moved
    tab.undo_stack.undo()
    assert milestones.list_for(db, engagement_id) == shown
    tab.undo_stack.redo()
    tab.undo_stack.redo()
    assert milestones.list_for(db, engagement_id) == deleted


def test_an_add_to_another_section_undoes_and_redoes_with_its_id(
    qtbot: QtBot, db: Database, engagement_id: int
) -> None:
    tab = _tab(qtbot, db)
    tab.responsibilities.add_new()
    added = responsibilities.list_for(db, engagement_id)
    assert len(added) == 3
    tab.undo_stack.undo()
    assert len(responsibilities.list_for(db, engagement_id)) == 2
    tab.undo_stack.redo()
    assert responsibilities.list_for(db, engagement_id) == added


def test_an_edit_of_a_record_saved_elsewhere_writes_nothing_and_says_so(
    qtbot: QtBot, db: Database, other: Database, engagement_id: int
) -> None:
    tab = _tab(qtbot, db)
    late = tab.milestones.model.record(1)
    milestones.update(other, dataclasses.replace(late, owner="Head of Data"))
    model = tab.milestones.model
    assert not model.setData(model.index(1, 2), "done")
    stored = milestones.get(db, late.id or 0)
    assert (stored.status, stored.owner) == (late.status, "Head of Data")
    general = tab.milestones.errors.general
    assert general is not None
    assert "saved elsewhere" in general.text()
    assert tab.undo_stack.count() == 0
    qtbot.waitUntil(lambda: tab.milestones.model.record(1).owner == "Head of Data")
    assert model.setData(model.index(1, 2), "done")  # made again, against what is stored
    assert milestones.get(db, late.id or 0).owner == "Head of Data"
    assert milestones.get(db, late.id or 0).status == "done"


def test_undo_refuses_when_the_record_was_saved_elsewhere_since(
    qtbot: QtBot,
    db: Database,
    other: Database,
    engagement_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tab = _tab(qtbot, db)
    model = tab.milestones.model
    assert model.setData(model.index(1, 2), "done")
    late = milestones.get(other, model.record(1).id or 0)
    milestones.update(other, dataclasses.replace(late, owner="Head of Data"))
    warned: list[str] = []
    monkeypatch.setattr(dialogs, "warn", lambda _p, _t, text, **_: warned.append(text))
    tab.undo_stack.undo()
    assert warned
    assert "saved elsewhere" in warned[0]
    stored = milestones.get(db, late.id or 0)
    assert (stored.status, stored.owner) == ("done", "Head of Data")


def test_another_tab_on_the_same_bus_re_reads_after_a_write_and_its_undo(
    qtbot: QtBot, db: Database, engagement_id: int
) -> None:
    bus = ChangeBus()
    first, second = _tab(qtbot, db, bus), _tab(qtbot, db, bus)
    model = first.milestones.model
    assert model.setData(model.index(1, 2), "done")
    assert second.milestones.model.record(1).status == "done"
    first.undo_stack.undo()
    assert second.milestones.model.record(1).status == "planned"
