"""The Exit plan tab's risks, recommendations and access inventory through qtbot: add, edit in
place, delete after asking with undo, move up and down, the tabs' counts, secrets refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.exit_plan import access_items, recommendations, risks
from storage.exit_plan.access_items import AccessItem
from storage.exit_plan.recommendations import Recommendation
from storage.exit_plan.risks import Risk
from storage.rules import clock
from tests.widgets.exit_plan.test_exit_tab import TODAY, _answer, engagement_id  # noqa: F401 - the fixture
from widgets.exit_plan.exit_tab import ExitPlanTab


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def tab(qtbot: QtBot, db: Database, engagement_id: int) -> ExitPlanTab:  # noqa: F811
    risks.add(db, Risk(engagement_id, "Bus factor of one", "high", "high", "Pair", "Mei"))
    risks.add(db, Risk(engagement_id, "Cloud costs"))
    for text, horizon in [
        ("Own on-call", 30),
        ("Hire a lead", 60),
        ("Revisit the warehouse", None),
    ]:
        recommendations.add(db, Recommendation(engagement_id, text, horizon))
    access_items.add(db, AccessItem(engagement_id, "AWS", "Admin", "Alex", "Mei"))
    widget = ExitPlanTab(db)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_models_pass_the_model_tester(tab: ExitPlanTab, qtmodeltester: ModelTester) -> None:
    for section in (tab.risks, tab.recommendations, tab.access):
        qtmodeltester.check(section.model)


def test_tabs_name_each_section_with_its_count(tab: ExitPlanTab, db: Database) -> None:
    texts = [tab.lower.tabText(i) for i in range(tab.lower.count())]
    assert texts == ["Responsibilities (2)", "Risks (2)", "Recommendations (3)",
                     "Access inventory (1)"]  # fmt: skip
    tab.risks.add_new()
    assert tab.lower.tabText(1) == "Risks (3)"
    tab.undo_stack.undo()
    assert tab.lower.tabText(1) == "Risks (2)"


def test_risk_levels_show_as_words_and_edit_by_code(tab: ExitPlanTab, db: Database) -> None:
    model = tab.risks.model
    assert model.data(model.index(0, 1)) == "High"
    assert model.data(model.index(1, 4)) == "(no owner yet)"
    assert model.setData(model.index(1, 2), "low")
    assert risks.list_for(db, tab.engagement_id())[1].impact == "low"
    tab.undo_stack.undo()
    assert risks.list_for(db, tab.engagement_id())[1].impact == "medium"


def test_horizon_edits_through_its_choices(tab: ExitPlanTab, db: Database) -> None:
    model = tab.recommendations.model
    assert [model.data(model.index(r, 1)) for r in range(3)] == ["Days 1–30", "Days 31–60", "Later"]
    assert model.data(model.index(2, 1), Qt.ItemDataRole.EditRole) == ""
    assert model.setData(model.index(2, 1), "90")
    assert recommendations.list_for(db, tab.engagement_id())[2].horizon_days == 90
    assert model.setData(model.index(2, 1), "")
    assert recommendations.list_for(db, tab.engagement_id())[2].horizon_days is None
    assert not model.setData(model.index(2, 1), "45")
    assert "30, 60 or 90" in (tab.recommendations.errors.general.text() or "")  # type: ignore[union-attr]


def test_delete_asks_and_undo_puts_it_back_in_place(
    tab: ExitPlanTab, db: Database, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = tab.recommendations
    tab.lower.setCurrentWidget(section)
    section.select(section.model.record(1).id or 0)
    answers = _answer(monkeypatch, True)
    qtbot.mouseClick(section.delete_button, Qt.MouseButton.LeftButton)
    assert "“Hire a lead”" in answers.asked[0]
    assert [r.text for r in recommendations.list_for(db, tab.engagement_id())] == [
        "Own on-call", "Revisit the warehouse",
    ]  # fmt: skip
    tab.undo_stack.undo()
    assert [r.text for r in recommendations.list_for(db, tab.engagement_id())] == [
        "Own on-call", "Hire a lead", "Revisit the warehouse",
    ]  # fmt: skip


def test_move_with_buttons_shortcuts_drag_and_undo(tab: ExitPlanTab, qtbot: QtBot) -> None:
    section = tab.risks
    tab.lower.setCurrentWidget(section)

    def order() -> list[str]:
        return [r.risk for r in section.model.rows()]

    section.select(section.model.record(1).id or 0)
    assert not section.down_button.isEnabled()
    qtbot.mouseClick(section.up_button, Qt.MouseButton.LeftButton)
    assert order() == ["Cloud costs", "Bus factor of one"]
    section.table.setFocus()
    qtbot.keyClick(section.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert order() == ["Bus factor of one", "Cloud costs"]
    data = section.model.mimeData([section.model.index(1, 0)])
    assert isinstance(data, QMimeData)
    section.model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, section.model.index(-1, -1))
    assert order() == ["Cloud costs", "Bus factor of one"]
    for _ in range(3):
        tab.undo_stack.undo()
    assert order() == ["Bus factor of one", "Cloud costs"]


def test_access_done_is_a_check_box(tab: ExitPlanTab, db: Database) -> None:
    model = tab.access.model
    done = model.index(0, 4)
    assert model.flags(done) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.data(done, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.setData(done, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert access_items.list_for(db, tab.engagement_id())[0].done is True
    tab.undo_stack.undo()
    assert access_items.list_for(db, tab.engagement_id())[0].done is False


def test_access_inventory_says_names_only_and_refuses_a_pasted_password(
    tab: ExitPlanTab, db: Database
) -> None:
    tab.lower.setCurrentWidget(tab.access)
    assert tab.access.note.isVisibleTo(tab)
    assert "never passwords" in tab.access.note.text()
    model = tab.access.model
    assert not model.setData(model.index(0, 1), "Admin, password: Winter2026!")
    message = tab.access.errors.general
    assert message is not None
    assert message.isVisibleTo(tab)
    assert "names only" in message.text()
    assert access_items.list_for(db, tab.engagement_id())[0].access == "Admin"


def test_go_to_a_responsibility_shows_its_tab(tab: ExitPlanTab) -> None:
    tab.lower.setCurrentWidget(tab.access)
    duty = tab.responsibilities.model.record(1)
    tab.go_to("responsibility", duty.id or 0)
    assert tab.lower.currentWidget() is tab.responsibilities
    assert tab.responsibilities.selected() == duty


def test_an_empty_section_says_what_to_add(db: Database, qtbot: QtBot, engagement_id: int) -> None:  # noqa: F811
    widget = ExitPlanTab(db)
    qtbot.addWidget(widget)
    widget.show()
    widget.lower.setCurrentWidget(widget.risks)
    assert widget.risks.empty.isVisibleTo(widget)
    assert "No risks yet" in widget.risks.empty_text
