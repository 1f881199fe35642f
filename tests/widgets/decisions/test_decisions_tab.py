"""The Decisions tab driven through qtbot: add, edit with validation, filter, search, supersede,
follow the link, delete with the confirmation, undo, and the model under qtmodeltester."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.decisions import records as decisions
from storage.decisions.decision_search import MARK_END, MARK_START
from storage.decisions.decision_search import snippet_html as storage_snippet_html
from storage.decisions.records import Decision, DecisionOption
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules.clock import today
from storage.sample import decisions as sample_decisions
from widgets.common import dialogs
from widgets.decisions.decision_delegate import MATCH_BACKGROUND, runs
from widgets.decisions.decision_model import (
    BATCH,
    MATCH,
    TITLE,
    DecisionTableModel,
    RecordRole,
    SnippetRole,
    snippet_html,
)
from widgets.decisions.decision_options import set_plain_text
from widgets.decisions.decision_text import text_html
from widgets.decisions.decisions_tab import DecisionsTab

TODAY = today()


@pytest.fixture
def practice(db: Database) -> dict[str, Any]:
    """Two engagements; Acme's has an overdue decision and one with options."""
    ids: dict[str, Any] = {}
    for name in ("Acme Robotics", "Verde Fintech"):
        client = clients.add(db, Client(name=name, status="active"))
        e = engagements.add(
            db,
            Engagement(
                client_id=client.id or 0,
                title="Fractional CTO",
                start_date=TODAY - dt.timedelta(days=200),
                status="active",
                fee_minor=1_000_000,
            ),
        )
        ids[name] = e.id
    acme, verde = ids["Acme Robotics"], ids["Verde Fintech"]
    ids["overdue"] = decisions.add(
        db,
        Decision(
            acme,
            "Self-host Qdrant",
            TODAY - dt.timedelta(days=90),
            category="architecture",
            status="accepted",
            owner="Sam Patel",
            review_by=TODAY - dt.timedelta(days=1),
            options=(DecisionOption("Qdrant", "- cheap", "- on-call"), DecisionOption("Pinecone")),
        ),
    )
    ids["hiring"] = decisions.add(
        db,
        Decision(
            acme, "Hire a staff engineer", TODAY - dt.timedelta(days=10), category="hiring_team"
        ),
    )
    ids["verde"] = decisions.add(
        db, Decision(verde, "Keep EU data in the EU", TODAY, category="data_privacy")
    )
    return ids


@pytest.fixture
def tab(db: Database, practice: dict[str, Any], qtbot: QtBot) -> DecisionsTab:
    """Asks for the database first, so it is closed after the widget (which saves on hide)."""
    page = DecisionsTab(db)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    return page


def _titles(tab: DecisionsTab) -> list[str]:
    return [tab.model.index(r, 0).data(RecordRole).title for r in range(tab.model.rowCount())]


def _select(tab: DecisionsTab, decision: Decision) -> None:
    tab.show_decision(decision.id)
    assert tab.selected() is not None
    assert tab.editor.decision is not None
    assert tab.editor.decision.id == decision.id


def test_lists_every_engagement_newest_first(tab: DecisionsTab) -> None:
    assert _titles(tab) == ["Keep EU data in the EU", "Hire a staff engineer", "Self-host Qdrant"]
    assert tab.selected() is not None
    assert tab.summary.text().startswith("3 decisions")


def test_overdue_row_is_highlighted_and_flagged(
    tab: DecisionsTab, practice: dict[str, Any]
) -> None:
    row = tab.model.row_of(practice["overdue"].id)
    assert row is not None
    background = tab.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert background is not None
    assert "Overdue" in tab.model.index(row, 7).data()
    other = tab.model.row_of(practice["verde"].id)
    assert tab.model.index(other or 0, 0).data(Qt.ItemDataRole.BackgroundRole) is None


def test_add_with_ctrl_n_in_the_main_window(db: Database, data_dir: Path, qtbot: QtBot) -> None:
    from desktop.main_window import MainWindow

    client = clients.add(db, Client(name="Acme"))
    engagements.add(
        db, Engagement(client_id=client.id or 0, title="CTO", start_date=TODAY, status="active")
    )
    window = MainWindow(db, data_dir)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.tabs.setCurrentIndex(2)
    page = window.current_page()
    assert isinstance(page, DecisionsTab)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert db["decision"].count == 1
    added = page.selected()
    assert added is not None
    assert (added.number_label, added.title) == ("D-001", "New decision")
    qtbot.waitUntil(page.editor.title.hasFocus)
    qtbot.keyClicks(page.editor.title, "Buy a feature-flag service")
    qtbot.keyClick(page.editor.title, Qt.Key.Key_Return)
    assert decisions.get(db, added.id or 0).title == "Buy a feature-flag service"
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.search.hasFocus)


def test_add_new_uses_the_chosen_engagement_and_undo_removes_it(
    tab: DecisionsTab, practice: dict[str, Any], db: Database
) -> None:
    tab.engagement.setCurrentIndex(tab.engagement.findData(practice["Verde Fintech"]))
    tab.add_new()
    added = tab.selected()
    assert added is not None
    assert (added.engagement_id, added.number_label) == (practice["Verde Fintech"], "D-002")
    tab.undo_stack.undo()
    assert db["decision"].count == 3
    tab.undo_stack.redo()
    assert decisions.get(db, added.id or 0).number_label == "D-002"


def test_edit_saves_and_errors_show_beside_the_field(
    tab: DecisionsTab, practice: dict[str, Any], db: Database, qtbot: QtBot
) -> None:
    hiring = practice["hiring"]
    _select(tab, hiring)
    editor = tab.editor
    editor.title.setText("   ")
    editor.title.editingFinished.emit()
    assert editor.errors.message("title") == "Is required"
    assert decisions.get(db, hiring.id).title == "Hire a staff engineer"
    editor.title.setText("Hire a staff engineer before a second lead")
    editor.title.editingFinished.emit()
    assert editor.errors.message("title") == ""
    assert decisions.get(db, hiring.id).title == "Hire a staff engineer before a second lead"
    assert tab.model.index(tab.model.row_of(hiring.id) or 0, 2).data().endswith("second lead")
    editor.cost.setText("a lot")
    editor.cost.editingFinished.emit()
    assert "amount" in editor.errors.message("cost_if_wrong_minor")
    editor.cost.setText("8k")
    editor.cost.editingFinished.emit()
    assert decisions.get(db, hiring.id).cost_if_wrong_minor == 800_000
    assert editor.cost_ratio.text() == "about 0.3x three months of fees"
    editor.review_by.setText("2001-01-01")
    editor.review_by.editingFinished.emit()
    assert "before the decision date" in editor.errors.message("review_by")
    editor.review_by.setText("")
    editor.review_by.editingFinished.emit()
    tab.undo_stack.undo()  # the cost
    assert decisions.get(db, hiring.id).cost_if_wrong_minor is None
    tab.undo_stack.undo()  # the title
    assert decisions.get(db, hiring.id).title == "Hire a staff engineer"
    assert editor.title.text() == "Hire a staff engineer"


def test_long_text_keeps_lines_and_status_change_is_recorded(
    tab: DecisionsTab, practice: dict[str, Any], db: Database, qtbot: QtBot
) -> None:
    hiring = practice["hiring"]
    _select(tab, hiring)
    editor = tab.editor
    editor.texts["consequences"].setPlainText("Good and bad:\n- good: depth\n- bad: slow to hire")
    assert editor.flush()
    assert decisions.get(db, hiring.id).consequences.endswith("\n- bad: slow to hire")
    editor.status.setCurrentIndex(editor.status.findData("accepted"))
    editor.status.activated.emit(editor.status.currentIndex())
    history = decisions.status_history(db, hiring.id)
    assert [c.status for c in history] == ["proposed", "accepted"]
    assert "Accepted" in editor.history.text()
    editor.tabs.setCurrentIndex(1)
    assert "<li>bad: slow to hire</li>" in text_html(decisions.get(db, hiring.id).consequences)
    assert "slow to hire" in editor.preview.toPlainText()


def test_options_are_edited_as_a_list(
    tab: DecisionsTab, practice: dict[str, Any], db: Database
) -> None:
    _select(tab, practice["overdue"])
    options = tab.editor.options
    assert [r.name.text() for r in options.rows] == ["Qdrant", "Pinecone"]
    row = options.add_option()
    row.name.setText("pgvector")
    row.pros.setPlainText("- nothing new to run")
    options.rows[1].remove.click()
    assert tab.editor.flush()
    stored = decisions.get(db, practice["overdue"].id).options
    assert stored == (
        DecisionOption("Qdrant", "- cheap", "- on-call"),
        DecisionOption("pgvector", "- nothing new to run", ""),
    )


def test_filters(tab: DecisionsTab, practice: dict[str, Any]) -> None:
    tab.engagement.setCurrentIndex(tab.engagement.findData(practice["Acme Robotics"]))
    assert _titles(tab) == ["Hire a staff engineer", "Self-host Qdrant"]
    tab.category.setCurrentIndex(tab.category.findData("hiring_team"))
    assert _titles(tab) == ["Hire a staff engineer"]
    tab.category.setCurrentIndex(0)
    tab.status.setCurrentIndex(tab.status.findData("accepted"))
    assert _titles(tab) == ["Self-host Qdrant"]
    tab.status.setCurrentIndex(0)
    tab.due.setChecked(True)
    assert _titles(tab) == ["Self-host Qdrant"]
    tab.due.setChecked(False)
    tab.engagement.setCurrentIndex(0)
    tab.flagged.setChecked(True)
    assert _titles(tab) == ["Self-host Qdrant"]


def test_search_ranks_and_highlights(tab: DecisionsTab, qtbot: QtBot) -> None:
    tab.focus_search()
    assert tab.search.hasFocus() or not tab.isActiveWindow()
    qtbot.keyClicks(tab.search, "qdrant")
    assert _titles(tab) == ["Self-host Qdrant"]
    snippet = tab.model.index(0, MATCH).data(SnippetRole)  # painted under the title
    assert re.search(r"<span[^>]*>Qdrant</span>", snippet)
    tab.search.setText('"AND" OR NEAR(')
    assert _titles(tab) == []
    assert tab.editor.decision is None
    assert tab.editor.tabs.isHidden()
    tab.search.clear()
    assert len(_titles(tab)) == 3
    assert tab.table.isColumnHidden(MATCH)  # never a column of its own


def test_supersede_and_follow_the_links(
    tab: DecisionsTab, practice: dict[str, Any], db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def ask(_parent: object, _title: str, text: str, **_: object) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(dialogs, "ask", ask)
    old = practice["overdue"]
    _select(tab, old)
    tab.supersede_button.click()
    assert "D-001" in asked[0]
    new = tab.selected()
    assert new is not None
    assert (new.number_label, new.supersedes_id) == ("D-003", old.id)
    assert decisions.get(db, old.id).status == "superseded"
    assert "Supersedes" in tab.editor.chain.text()
    tab.status.setCurrentIndex(tab.status.findData("proposed"))  # hides the old decision
    tab.editor.chain.linkActivated.emit(_href(tab.editor.chain.text()))
    assert tab.selected() is not None
    assert tab.selected().id == old.id  # type: ignore[union-attr]
    assert tab.status.currentIndex() == 0  # the filter was widened to show it
    assert "Superseded by" in tab.editor.chain.text()
    assert not tab.supersede_button.isEnabled()
    tab.editor.chain.linkActivated.emit(_href(tab.editor.chain.text()))
    assert tab.selected().id == new.id  # type: ignore[union-attr]


def _href(rich_text: str) -> str:
    found = re.search(r'href="([^"]+)"', rich_text)
    assert found
    return found.group(1)


def test_delete_asks_first_and_undo_brings_it_back(
    tab: DecisionsTab, practice: dict[str, Any], db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [False, True]
    questions: list[str] = []

    def confirm(_parent: object, _title: str, text: str, **_: object) -> bool:
        questions.append(text)
        return answers.pop(0)

    monkeypatch.setattr(dialogs, "confirm", confirm)
    hiring = practice["hiring"]
    _select(tab, hiring)
    tab.delete_button.click()
    assert db["decision"].count == 3
    tab.delete_button.click()
    assert "D-002" in questions[1]
    assert db["decision"].count == 2
    assert "Hire a staff engineer" not in _titles(tab)
    tab.undo_stack.undo()
    assert decisions.get(db, hiring.id).number_label == "D-002"
    assert tab.selected().id == hiring.id  # type: ignore[union-attr]
    assert [c.status for c in decisions.status_history(db, hiring.id)] == ["proposed"]


def test_long_lists_are_read_a_page_at_a_time(
    db: Database, practice: dict[str, Any], qtbot: QtBot, qtmodeltester: Any
) -> None:
    acme = engagements.get(db, practice["Acme Robotics"])
    start = TODAY - dt.timedelta(days=3650)
    long = [engagements.add(db, engagements.with_changes(acme, start_date=start, id=None))
            for _ in range(6)]  # fmt: skip
    sample_decisions.populate(db, random.Random(3), long, as_of=TODAY)
    total = db["decision"].count
    assert total > BATCH + 50
    page = DecisionsTab(db)
    qtbot.addWidget(page)
    assert page.model.rowCount() == total
    assert page.model.total() == total
    assert page.model.loaded() < total  # only what has been shown is read
    oldest = db.execute("SELECT id FROM decision ORDER BY decided_on, id LIMIT 1").fetchone()[0]
    page.show_decision(oldest)
    assert page.selected().id == oldest  # type: ignore[union-attr]
    assert page.model.loaded() <= 4 * BATCH  # one page for the list, one for the decision
    page.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # a column sort reads every row
    assert page.model.loaded() == total
    qtmodeltester.check(page.model)


def test_model_passes_the_model_tester(tab: DecisionsTab, qtmodeltester: Any) -> None:
    qtmodeltester.check(tab.model)
    tab.search.setText("qdrant")
    qtmodeltester.check(tab.model)


def test_column_sort_loads_every_row(tab: DecisionsTab) -> None:
    tab.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert _titles(tab) == ["Hire a staff engineer", "Keep EU data in the EU", "Self-host Qdrant"]


def test_text_html_bullets() -> None:
    html = text_html("Intro\n- one\n- two & three\nAfter")
    assert html == "Intro<br><ul><li>one</li><li>two &amp; three</li></ul>After<br>"


def test_a_column_sort_keeps_the_selection_and_outlives_a_filter(
    tab: DecisionsTab, practice: dict[str, Any]
) -> None:
    _select(tab, practice["hiring"])
    tab.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert _titles(tab) == ["Self-host Qdrant", "Keep EU data in the EU", "Hire a staff engineer"]
    assert tab.selected().id == practice["hiring"].id  # type: ignore[union-attr]
    tab.engagement.setCurrentIndex(tab.engagement.findData(practice["Acme Robotics"]))
    assert _titles(tab) == ["Self-host Qdrant", "Hire a staff engineer"]
    tab.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    assert _titles(tab) == ["Hire a staff engineer", "Self-host Qdrant"]  # newest first again


def test_the_flagged_count_follows_an_edit(tab: DecisionsTab, practice: dict[str, Any]) -> None:
    assert tab.summary.text() == "3 decisions · 1 flagged for review"
    tab.search.setText("hire")
    assert tab.summary.text() == "1 decision"  # both counts are of what the search shows
    _select(tab, practice["hiring"])
    editor = tab.editor
    editor.status.setCurrentIndex(editor.status.findData("accepted"))  # and no owner: flagged
    editor.status.activated.emit(editor.status.currentIndex())
    assert tab.summary.text() == "1 decision · 1 flagged for review"
    tab.search.clear()
    assert tab.summary.text() == "3 decisions · 2 flagged for review"


def test_the_option_rows_are_refilled_for_the_next_decision(
    tab: DecisionsTab, practice: dict[str, Any], db: Database
) -> None:
    options = tab.editor.options
    _select(tab, practice["overdue"])
    shown = list(options.rows)
    _select(tab, practice["hiring"])
    assert options.rows == []
    _select(tab, practice["overdue"])
    assert options.rows == shown  # the same widgets, nothing built again
    assert options.options() == practice["overdue"].options
    assert all(row.isVisibleTo(options) for row in shown)
    assert tab.editor.flush()
    assert decisions.get(db, practice["overdue"].id) == practice["overdue"]  # nothing written


def test_a_text_box_refilled_with_its_own_text_forgets_its_undo_history(qtbot: QtBot) -> None:
    box = QPlainTextEdit("Context")
    qtbot.addWidget(box)
    box.insertPlainText("More ")
    assert box.document().isUndoAvailable()
    set_plain_text(box, box.toPlainText())
    assert not box.document().isUndoAvailable()
    assert box.textCursor().position() == 0


def test_snippets_are_made_for_the_rows_on_screen(db: Database, practice: dict[str, Any]) -> None:
    asked: list[list[int]] = []

    def loader(ids: list[int]) -> dict[int, str]:
        asked.append(ids)
        return {i: f"snippet {i}" for i in ids}

    model = DecisionTableModel(db)
    ids = [practice[key].id for key in ("verde", "hiring", "overdue")]
    model.set_ids(ids, {}, {}, snippet_loader=loader)
    model.snippet_page = 2
    assert model.index(0, MATCH).data(SnippetRole) == f"snippet {ids[0]}"
    assert model.index(1, MATCH).data() == f"snippet {ids[1]}"
    assert asked == [ids[:2]]
    assert model.index(2, MATCH).data(SnippetRole) == f"snippet {ids[2]}"
    assert asked == [ids[:2], ids[2:]]


def test_snippet_runs() -> None:
    marked = snippet_html(storage_snippet_html(f"a {MARK_START}b&c{MARK_END} <d> «e»"))
    assert runs(marked) == (("a ", False), ("b&c", True), (" <d> «e»", False))
    assert runs("<i>other</i> markup") is None


def test_matches_are_painted_on_the_highlight(tab: DecisionsTab) -> None:
    tab.search.setText("qdrant")
    rect = tab.table.visualRect(tab.model.index(0, TITLE)) & tab.table.viewport().rect()
    assert rect.width() > 40
    image = tab.table.viewport().grab(rect).toImage()
    colors = {
        image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
    }
    assert MATCH_BACKGROUND.name() in colors


def test_a_long_heading_wraps_instead_of_widening_the_editor(
    tab: DecisionsTab, practice: dict[str, Any], db: Database, qtbot: QtBot
) -> None:
    narrow = tab.editor.minimumSizeHint().width()
    acme = engagements.get(db, practice["Acme Robotics"])
    long = engagements.add(
        db, engagements.with_changes(acme, id=None, title="Fractional CTO " + "and more " * 20)
    )
    tab.refresh()
    decision = decisions.add(db, Decision(long.id or 0, "A decision", TODAY))
    _select(tab, decision)
    heading = tab.editor.heading
    assert heading.text().endswith("and more")
    assert tab.editor.minimumSizeHint().width() == narrow
    qtbot.waitUntil(lambda: heading.height() > 2 * heading.fontMetrics().height())


def test_flush_writes_an_edit_still_waiting_for_its_save_delay(
    tab: DecisionsTab, practice: dict[str, Any], db: Database
) -> None:
    """What the shell calls before a restore replaces the data."""
    hiring = practice["hiring"]
    _select(tab, hiring)
    tab.editor.texts["context"].setPlainText("Written just before a restore")
    assert decisions.get(db, hiring.id).context == ""  # still waiting
    tab.flush()
    assert decisions.get(db, hiring.id).context == "Written just before a restore"


def test_built_in_steps_the_list_fills_on_the_next_turn_of_the_event_loop(
    db: Database, practice: dict[str, Any], qtbot: QtBot
) -> None:
    """Promise: the window's first show of the tab builds its widgets, then reads the list on
    the next turn, so the UI thread is never held for both at once."""
    page = DecisionsTab(db, in_steps=True)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0  # the widgets, nothing read yet
    assert page.engagement.count() == 0
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    assert _titles(page) == ["Keep EU data in the EU", "Hire a staff engineer", "Self-host Qdrant"]
    assert page.engagement.count() > 0
