"""The Exit plan tab through qtbot: tables, edits and undo, reordering, the review and its buttons."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.exit_plan import milestones, readiness_snapshots, responsibilities
from storage.exit_plan.milestones import Milestone
from storage.exit_plan.responsibilities import Responsibility
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules import clock
from widgets.common import dialogs
from widgets.common.record_model import RecordRole
from widgets.exit_plan.exit_tab import ExitPlanTab

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


class Answers:
    """Answers every confirm() with `answer` and remembers the questions."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, parent: object, title: str, text: str, **_: object) -> bool:
        self.asked.append(text)
        return self.answer


def _answer(monkeypatch: pytest.MonkeyPatch, answer: bool) -> Answers:
    answers = Answers(answer)
    monkeypatch.setattr(dialogs, "confirm", answers)
    return answers


@pytest.fixture
def engagement_id(db: Database) -> int:
    client = clients.add(db, Client(name="Acme"))
    engagement = Engagement(
        client_id=client.id or 0, title="Fractional CTO", start_date=dt.date(2026, 1, 5),
        planned_end_date=dt.date(2026, 12, 31), status="exiting",
    )  # fmt: skip
    eid = engagements.add(db, engagement).id or 0
    milestones.add(db, Milestone(eid, "Roadmap", status="done", owner="Mei", weight=4))
    milestones.add(db, Milestone(eid, "Late", due_date=dt.date(2026, 5, 1), owner="Mei"))
    milestones.add(db, Milestone(eid, "Handoff", due_date=dt.date(2026, 12, 1), owner="Sam"))
    responsibilities.add(db, Responsibility(eid, "Hiring loop", "Mei", "owns"))
    responsibilities.add(db, Responsibility(eid, "Vendor management", "", "shadows"))
    return eid


@pytest.fixture
def tab(qtbot: QtBot, db: Database, engagement_id: int) -> ExitPlanTab:
    widget = ExitPlanTab(db)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.engagement_id() == engagement_id
    return widget


def _titles(tab: ExitPlanTab) -> list[str]:
    return [m.title for m in tab.milestones.model.rows()]


def test_models_pass_the_model_tester(tab: ExitPlanTab, qtmodeltester: ModelTester) -> None:
    assert tab.objectName() == "exitTab"
    qtmodeltester.check(tab.milestones.model)
    qtmodeltester.check(tab.responsibilities.model)
    qtmodeltester.check(tab.milestones.proxy)


def test_shows_the_plan_and_highlights_overdue(tab: ExitPlanTab) -> None:
    model = tab.milestones.model
    assert _titles(tab) == ["Roadmap", "Late", "Handoff"]
    late = model.index(1, 1)
    assert model.data(late) == "1 May 2026"
    assert model.data(late, Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(2, 1), Qt.ItemDataRole.BackgroundRole) is None
    assert "Overdue" in model.data(late, Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(0, 2)) == "Done"
    duties = tab.responsibilities.model
    assert duties.data(duties.index(0, 2)) == "Successor owns it"
    assert duties.data(duties.index(1, 1)) == "(no successor yet)"


def test_edit_in_place_saves_and_undoes(tab: ExitPlanTab, db: Database) -> None:
    model = tab.milestones.model
    late = model.record(1)
    assert model.setData(model.index(1, 2), "done")
    stored = milestones.get(db, late.id or 0)
    assert (stored.status, stored.done_date) == ("done", TODAY)
    assert tab.panel.go_to_buttons.get("no_overdue_milestone") is None
    tab.undo_stack.undo()
    assert milestones.get(db, late.id or 0) == late
    assert "no_overdue_milestone" in tab.panel.go_to_buttons
    tab.undo_stack.redo()
    assert milestones.get(db, late.id or 0).status == "done"


def test_a_bad_value_says_why_beside_the_table(tab: ExitPlanTab, db: Database) -> None:
    model = tab.milestones.model
    before = milestones.list_for(db, tab.engagement_id())
    assert not model.setData(model.index(1, 4), "9")
    assert not model.setData(model.index(1, 1), "next week")
    message = tab.milestones.errors.general
    assert message is not None
    assert message.isVisibleTo(tab)
    assert "date like" in message.text()
    assert milestones.list_for(db, tab.engagement_id()) == before
    assert model.setData(model.index(1, 1), "2026-07-01")
    assert not message.isVisibleTo(tab)


def test_stage_is_edited_through_its_code(tab: ExitPlanTab, db: Database) -> None:
    duties = tab.responsibilities.model
    assert duties.setData(duties.index(1, 2), "leads_with_support")
    assert responsibilities.list_for(db, tab.engagement_id())[1].stage == "leads_with_support"
    assert duties.data(duties.index(1, 2), Qt.ItemDataRole.EditRole) == "leads_with_support"


def test_ctrl_n_adds_a_milestone_and_undo_removes_it(tab: ExitPlanTab, db: Database) -> None:
    tab.add_new()
    assert _titles(tab)[-1] == "New milestone"
    assert len(milestones.list_for(db, tab.engagement_id())) == 4
    tab.undo_stack.undo()
    assert _titles(tab) == ["Roadmap", "Late", "Handoff"]


def test_delete_asks_first(
    tab: ExitPlanTab, db: Database, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = tab.milestones
    section.select(section.model.record(1).id or 0)
    answers = _answer(monkeypatch, False)
    qtbot.mouseClick(section.delete_button, Qt.MouseButton.LeftButton)
    assert "“Late”" in answers.asked[0]
    assert _titles(tab) == ["Roadmap", "Late", "Handoff"]
    _answer(monkeypatch, True)
    qtbot.mouseClick(section.delete_button, Qt.MouseButton.LeftButton)
    assert _titles(tab) == ["Roadmap", "Handoff"]
    tab.undo_stack.undo()
    assert [m.title for m in milestones.list_for(db, tab.engagement_id())] == [
        "Roadmap", "Late", "Handoff",
    ]  # fmt: skip


def test_reorder_with_buttons_shortcuts_and_undo(tab: ExitPlanTab, qtbot: QtBot) -> None:
    section = tab.milestones
    section.select(section.model.record(2).id or 0)
    assert not section.down_button.isEnabled()
    qtbot.mouseClick(section.up_button, Qt.MouseButton.LeftButton)
    assert _titles(tab) == ["Roadmap", "Handoff", "Late"]
    assert section.selected().title == "Handoff"
    section.table.setFocus()
    qtbot.keyClick(section.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert _titles(tab) == ["Handoff", "Roadmap", "Late"]
    assert not section.up_button.isEnabled()
    tab.undo_stack.undo()
    tab.undo_stack.undo()
    assert _titles(tab) == ["Roadmap", "Late", "Handoff"]


def test_standard_plan_added_at_once_and_undone_at_once(
    tab: ExitPlanTab, db: Database, qtbot: QtBot
) -> None:
    qtbot.mouseClick(tab.milestones.standard_button, Qt.MouseButton.LeftButton)
    added = len(milestones.STANDARD_EXIT_PLAN)
    assert len(_titles(tab)) == 3 + added
    tab.undo_stack.undo()
    assert _titles(tab) == ["Roadmap", "Late", "Handoff"]


def test_a_refused_undo_writes_nothing_says_why_and_is_dropped(
    tab: ExitPlanTab, db: Database, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(dialogs, "warn", lambda _parent, _title, text: warnings.append(text))
    qtbot.mouseClick(tab.milestones.standard_button, Qt.MouseButton.LeftButton)
    first_added = milestones.list_for(db, tab.engagement_id())[3]
    milestones.delete(db, int(first_added.id or 0))  # changed elsewhere: the undo cannot run whole
    before = _titles(tab)
    tab.undo_stack.undo()
    assert [m.title for m in milestones.list_for(db, tab.engagement_id())] == [
        t for t in before if t != first_added.title
    ]
    assert len(warnings) == 1
    assert warnings[0].startswith("Could not add the standard exit plan")
    assert tab.undo_stack.count() == 0


def test_review_panel_and_go_to_buttons(tab: ExitPlanTab, db: Database, qtbot: QtBot) -> None:
    panel = tab.panel
    assert tab.review is not None
    assert panel.score.text() == str(tab.review.score)
    assert "Ready: 80 or more" in panel.thresholds.text()
    assert "213" in panel.timing.text()
    qtbot.mouseClick(panel.go_to_buttons["no_overdue_milestone"], Qt.MouseButton.LeftButton)
    assert tab.milestones.selected().title == "Late"
    qtbot.mouseClick(panel.go_to_buttons["owners"], Qt.MouseButton.LeftButton)
    assert tab.responsibilities.selected().duty == "Vendor management"


def test_go_to_another_tab_asks_the_window(
    tab: ExitPlanTab, db: Database, qtbot: QtBot, engagement_id: int
) -> None:
    decision_id = db["decision"].insert(
        {"engagement_id": engagement_id, "number": 1, "title": "Vector database",
         "decided_on": "2026-05-01", "status": "accepted", "owner": "", "created_at": "x"}
    ).last_pk  # fmt: skip
    tab.update_review()
    button = tab.panel.go_to_buttons["decision_owners"]
    with qtbot.waitSignal(tab.navigate_requested) as signal:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert signal.args == ["decision", decision_id]


def test_record_review_saves_a_snapshot_and_undo_removes_it(
    tab: ExitPlanTab, db: Database, qtbot: QtBot, engagement_id: int
) -> None:
    qtbot.mouseClick(tab.panel.record_button, Qt.MouseButton.LeftButton)
    saved = readiness_snapshots.list_for(db, engagement_id)
    assert len(saved) == 1
    assert tab.review is not None
    assert (saved[0].taken_on, saved[0].score) == (TODAY, tab.review.score)
    assert "no_overdue_milestone" in saved[0].failing_checks
    assert tab.panel.trend.snapshots == saved
    tab.undo_stack.undo()
    assert readiness_snapshots.list_for(db, engagement_id) == []
    assert tab.panel.trend.snapshots == []


def test_end_engagement_asks_with_what_fails(
    tab: ExitPlanTab, db: Database, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not tab.start_exit_button.isEnabled()
    answers = _answer(monkeypatch, False)
    qtbot.mouseClick(tab.end_button, Qt.MouseButton.LeftButton)
    assert "No overdue milestone" in answers.asked[0]
    assert engagements.get(db, tab.engagement_id()).status == "exiting"
    _answer(monkeypatch, True)
    qtbot.mouseClick(tab.end_button, Qt.MouseButton.LeftButton)
    ended = engagements.get(db, tab.engagement_id())
    assert (ended.status, ended.ended_on) == ("ended", TODAY)
    assert not tab.end_button.isEnabled()
    assert "(Ended)" in tab.engagement_combo.currentText()


def test_start_exit(tab: ExitPlanTab, db: Database, qtbot: QtBot, engagement_id: int) -> None:
    stored = engagements.get(db, engagement_id)
    engagements.update(db, engagements.with_changes(stored, status="active"))
    tab.refresh()
    assert tab.start_exit_button.isEnabled()
    qtbot.mouseClick(tab.start_exit_button, Qt.MouseButton.LeftButton)
    assert engagements.get(db, engagement_id).status == "exiting"
    assert tab.end_button.isEnabled()


def test_records_carry_the_record_role(tab: ExitPlanTab) -> None:
    model = tab.milestones.model
    assert model.data(model.index(0, 0), RecordRole) == model.record(0)


def test_drag_and_drop_reorders(tab: ExitPlanTab) -> None:
    proxy = tab.milestones.proxy
    move = Qt.DropAction.MoveAction
    handoff = proxy.mimeData([proxy.index(2, 0)])
    assert not proxy.dropMimeData(handoff, move, 0, 0, QModelIndex())  # the view removes nothing
    assert _titles(tab) == ["Handoff", "Roadmap", "Late"]
    first = proxy.mimeData([proxy.index(0, 0)])
    proxy.dropMimeData(first, move, -1, -1, QModelIndex())  # dropped below the last row
    assert _titles(tab) == ["Roadmap", "Late", "Handoff"]
    assert tab.milestones.selected().title == "Handoff"
    tab.undo_stack.undo()
    assert _titles(tab) == ["Handoff", "Roadmap", "Late"]
