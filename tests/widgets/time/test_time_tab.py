"""The Time tab driven by the keyboard through qtbot: typing, totals, refusals, Delete, copy and
paste, the several-entries question, the side panel, undo and week navigation."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QLineEdit
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules import clock
from storage.time import time_entries
from storage.time.time_entries import TimeEntry
from widgets.common import dialogs
from widgets.time import time_tab
from widgets.time.split_bars import bar_label, short_label
from widgets.time.time_grid_model import FIRST_DAY_COLUMN, TOTAL_COLUMN
from widgets.time.time_tab import TimeTab

TODAY = dt.date(2026, 4, 2)  # a Thursday in week 14
MONDAY = dt.date(2026, 3, 30)


@pytest.fixture
def practice(db: Database) -> dict[str, Engagement]:
    found = {}
    for name, split in (("Acme Robotics", (50, 30, 20)), ("Verde Fintech", (80, 20, 0))):
        client = clients.add(db, Client(name=name))
        found[name.split()[0].lower()] = engagements.add(db, Engagement(
            client_id=client.id or 0, title="Fractional CTO", start_date=dt.date(2026, 1, 5),
            status="active", split_strategy=split[0], split_team=split[1],
            split_leadership=split[2],
        ))  # fmt: skip
    return found


@pytest.fixture
def tab(
    qtbot: QtBot, db: Database, practice: dict[str, Engagement], monkeypatch: pytest.MonkeyPatch
) -> TimeTab:
    monkeypatch.setattr(time_tab, "today", lambda: TODAY)
    page = TimeTab(db)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    page.grid.setFocus()
    return page


def _index(tab: TimeTab, e: Engagement, bucket: str, day: dt.date) -> QModelIndex:
    return tab.model.index_of((e.id or 0, bucket, day))


def _type(qtbot: QtBot, tab: TimeTab, index: QModelIndex, text: str) -> None:
    """Select a cell, type over it and press Enter, as a person would."""
    tab.grid.setCurrentIndex(index)
    qtbot.keyClick(tab.grid, text[0])
    editor = _editor(tab)
    assert editor is not None, "typing did not start editing"
    qtbot.keyClicks(editor, text[1:])
    _commit(qtbot, tab, editor)


def _commit(qtbot: QtBot, tab: TimeTab, editor: QLineEdit) -> None:
    """Enter commits; the delegate does it on the next turn of the event loop."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.grid.state() != QAbstractItemView.State.EditingState)


def _editor(tab: TimeTab) -> QLineEdit | None:
    """The open cell editor (closed ones are hidden until Qt deletes them)."""
    editors = [w for w in tab.grid.viewport().findChildren(QLineEdit) if w.isVisible()]
    return editors[0] if editors else None


def _text(tab: TimeTab, row: int, column: int) -> str:
    return str(tab.model.index(row, column).data())


def _totals_row(tab: TimeTab) -> int:
    return tab.model.rowCount() - 1


def test_the_models_pass_the_model_tester(
    tab: TimeTab, db: Database, practice: dict[str, Engagement], qtmodeltester: object
) -> None:
    time_entries.add(db, TimeEntry(practice["acme"].id or 0, MONDAY, "team", 90, "1:1"))
    tab.refresh()
    qtmodeltester.check(tab.model)  # type: ignore[attr-defined]
    tab.grid.setCurrentIndex(_index(tab, practice["acme"], "team", MONDAY))
    assert tab.panel.model.rowCount() == 1
    qtmodeltester.check(tab.panel.model)  # type: ignore[attr-defined]


def test_the_week_shows_each_engagement_and_bucket(tab: TimeTab) -> None:
    assert tab.heading.text() == "Week 14 · 30 Mar – 5 Apr 2026"
    labels = [_text(tab, row, 0).strip("▸▾ ") for row in range(tab.model.rowCount())]
    assert labels == [
        "Acme Robotics · Fractional CTO", "Strategy", "Team", "Leadership",
        "Verde Fintech · Fractional CTO", "Strategy", "Team", "Leadership", "Total",
    ]  # fmt: skip
    assert tab.model.headerData(1, Qt.Orientation.Horizontal) == "Mon 30"


def test_typing_sets_a_cell_and_updates_the_totals(
    qtbot: QtBot, tab: TimeTab, db: Database, practice: dict[str, Engagement]
) -> None:
    acme, verde = practice["acme"], practice["verde"]
    model_resets: list[int] = []
    tab.model.modelReset.connect(partial(model_resets.append, 1))
    _type(qtbot, tab, _index(tab, acme, "strategy", MONDAY), "1:30")
    _type(qtbot, tab, _index(tab, acme, "team", MONDAY), "1,5")
    _type(qtbot, tab, _index(tab, verde, "strategy", MONDAY), "45m")
    cell = _index(tab, acme, "strategy", MONDAY)
    assert cell.data() == "1:30"
    assert _text(tab, cell.row(), TOTAL_COLUMN) == "1:30"
    assert _text(tab, 0, FIRST_DAY_COLUMN) == "3:00"  # Acme's Monday
    assert _text(tab, _totals_row(tab), FIRST_DAY_COLUMN) == "3:45"
    assert _text(tab, _totals_row(tab), TOTAL_COLUMN) == "3:45"
    assert model_resets == []  # the tab was not rebuilt
    [entry] = time_entries.list_cell(db, acme.id or 0, "strategy", MONDAY)
    assert entry.minutes == 90
    assert tab.bars.week[0].total_minutes == 180


def test_a_refused_value_keeps_the_old_one_and_says_why(
    qtbot: QtBot, tab: TimeTab, practice: dict[str, Engagement]
) -> None:
    cell = _index(tab, practice["acme"], "strategy", MONDAY)
    _type(qtbot, tab, cell, "2h")
    for text, message in (("abc", "is not a duration"), ("-2", "negative"), ("25h", "24 hours")):
        _type(qtbot, tab, cell, text)
        assert cell.data() == "2:00"
        assert message in tab.message.text()
        assert "The old value stays" in tab.message.text()
    _type(qtbot, tab, cell, "3h")
    assert tab.message.text() == ""


def test_the_24_hour_rule_holds_across_engagements_in_the_grid(
    qtbot: QtBot, tab: TimeTab, practice: dict[str, Engagement]
) -> None:
    _type(qtbot, tab, _index(tab, practice["acme"], "strategy", MONDAY), "20h")
    verde = _index(tab, practice["verde"], "team", MONDAY)
    _type(qtbot, tab, verde, "5h")
    assert verde.data() == ""
    assert "A day has 24 hours: 20:00 is already logged on Mon 30 Mar 2026" in tab.message.text()
    _type(qtbot, tab, verde, "4h")
    assert verde.data() == "4:00"


def test_arrows_and_tab_move_and_delete_clears(
    qtbot: QtBot, tab: TimeTab, db: Database, practice: dict[str, Engagement]
) -> None:
    acme = practice["acme"]
    tab.grid.fold_toggled.emit(acme.id)  # unfold Acme's empty buckets to move through them
    start = _index(tab, acme, "strategy", MONDAY)
    _type(qtbot, tab, start, "1")
    tab.grid.setCurrentIndex(start)
    qtbot.keyClick(tab.grid, Qt.Key.Key_Tab)
    assert tab.grid.currentIndex() == _index(tab, acme, "strategy", MONDAY + dt.timedelta(days=1))
    qtbot.keyClick(tab.grid, Qt.Key.Key_Down)
    qtbot.keyClick(tab.grid, Qt.Key.Key_Left)
    assert tab.grid.currentIndex() == _index(tab, acme, "team", MONDAY)
    qtbot.keyClick(tab.grid, Qt.Key.Key_Up)
    qtbot.keyClick(tab.grid, Qt.Key.Key_Delete)
    assert start.data() == ""
    assert time_entries.list_cell(db, acme.id or 0, "strategy", MONDAY) == []
    tab.undo_stack.undo()
    assert start.data() == "1:00"
    assert _text(tab, _totals_row(tab), TOTAL_COLUMN) == "1:00"
    tab.undo_stack.redo()
    assert start.data() == ""


def test_enter_starts_editing_and_enter_commits(
    qtbot: QtBot, tab: TimeTab, practice: dict[str, Engagement]
) -> None:
    cell = _index(tab, practice["acme"], "team", MONDAY)
    tab.grid.setCurrentIndex(cell)
    qtbot.keyClick(tab.grid, Qt.Key.Key_Return)
    editor = _editor(tab)
    assert editor is not None
    qtbot.keyClicks(editor, "1h 30m")
    _commit(qtbot, tab, editor)
    assert cell.data() == "1:30"


def test_copy_and_paste_cells(qtbot: QtBot, tab: TimeTab, practice: dict[str, Engagement]) -> None:
    acme = practice["acme"]
    _type(qtbot, tab, _index(tab, acme, "strategy", MONDAY), "1:30")
    _type(qtbot, tab, _index(tab, acme, "strategy", MONDAY + dt.timedelta(days=1)), "0:45")
    first = _index(tab, acme, "strategy", MONDAY)
    tab.grid.setCurrentIndex(first)
    tab.grid.selectionModel().select(
        tab.grid.model().index(first.row(), first.column() + 1),
        tab.grid.selectionModel().SelectionFlag.Select,
    )
    qtbot.keyClick(tab.grid, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "1:30\t0:45"
    tab.grid.setCurrentIndex(_index(tab, practice["verde"], "team", MONDAY))
    qtbot.keyClick(tab.grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert _index(tab, practice["verde"], "team", MONDAY).data() == "1:30"
    assert _index(tab, practice["verde"], "team", MONDAY + dt.timedelta(days=1)).data() == "0:45"
    assert _text(tab, _totals_row(tab), TOTAL_COLUMN) == "4:30"
    tab.undo_stack.undo()  # one paste, one undo
    assert _index(tab, practice["verde"], "team", MONDAY).data() == ""
    assert _text(tab, _totals_row(tab), TOTAL_COLUMN) == "2:15"


def test_pasting_text_that_is_not_time_changes_nothing(
    qtbot: QtBot, tab: TimeTab, practice: dict[str, Engagement]
) -> None:
    QGuiApplication.clipboard().setText("1:00\tlunch")
    tab.grid.setCurrentIndex(_index(tab, practice["acme"], "team", MONDAY))
    qtbot.keyClick(tab.grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert _text(tab, _totals_row(tab), TOTAL_COLUMN) == ""
    assert "Nothing pasted" in tab.message.text()


@pytest.mark.parametrize("answer", [True, False])
def test_typing_over_several_entries_asks_first(
    qtbot: QtBot,
    tab: TimeTab,
    db: Database,
    practice: dict[str, Engagement],
    monkeypatch: pytest.MonkeyPatch,
    answer: bool,
) -> None:
    acme = practice["acme"].id or 0
    for minutes, note in ((30, "Board prep"), (45, "Board meeting")):
        time_entries.add(db, TimeEntry(acme, MONDAY, "leadership", minutes, note))
    tab.refresh()
    questions: list[str] = []

    def answer_with(_parent: object, _title: str, text: str, **_: str) -> bool:
        questions.append(text)
        return answer

    monkeypatch.setattr(dialogs, "ask", answer_with)
    cell = _index(tab, practice["acme"], "leadership", MONDAY)
    assert cell.data() == "1:15"
    _type(qtbot, tab, cell, "2h")
    assert len(questions) == 1
    assert "holds 2 entries (1:15 in all)" in questions[0]
    found = time_entries.list_cell(db, acme, "leadership", MONDAY)
    if answer:
        assert [(e.minutes, e.note) for e in found] == [(120, "Board prep")]
        assert cell.data() == "2:00"
    else:
        assert [e.minutes for e in found] == [30, 45]
        assert cell.data() == "1:15"


def test_the_side_panel_adds_edits_and_deletes_entries(
    qtbot: QtBot, tab: TimeTab, db: Database, practice: dict[str, Engagement]
) -> None:
    acme = practice["acme"]
    cell = _index(tab, acme, "team", MONDAY)
    tab.grid.setCurrentIndex(cell)
    panel = tab.panel
    assert "Team · Monday 30 Mar 2026" in panel.heading.text()
    _fill(qtbot, panel.duration, "1:00")
    panel.note.setPlainText("1:1 with the lead engineer")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    _fill(qtbot, panel.duration, "30m")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert cell.data() == "1:30"
    assert cell.data(time_tab.EntriesRole) == 2
    assert panel.model.rowCount() == 2
    panel.table.selectRow(1)
    assert panel.duration.text() == "0:30"
    _fill(qtbot, panel.duration, "abc")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert "is not a duration" in panel.errors.message("minutes")
    _fill(qtbot, panel.duration, "0:45")
    panel.note.setPlainText("Reviewed pull requests")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    notes = [e.note for e in time_entries.list_cell(db, acme.id or 0, "team", MONDAY)]
    assert notes == ["1:1 with the lead engineer", "Reviewed pull requests"]
    assert cell.data() == "1:45"
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert cell.data() == "0:45"
    assert _text(tab, _totals_row(tab), TOTAL_COLUMN) == "0:45"
    tab.undo_stack.undo()
    assert cell.data() == "1:45"


def _fill(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


def test_days_outside_the_engagement_cannot_be_typed_into(
    qtbot: QtBot, tab: TimeTab, db: Database, practice: dict[str, Engagement]
) -> None:
    engagements.update(db, engagements.with_changes(practice["verde"], start_date=TODAY))
    tab.refresh()
    before = _index(tab, practice["verde"], "strategy", MONDAY)
    assert not before.flags() & Qt.ItemFlag.ItemIsEditable
    tab.grid.setCurrentIndex(before)
    qtbot.keyClick(tab.grid, "2")
    assert _editor(tab) is None
    assert before.data() == ""
    assert _index(tab, practice["verde"], "strategy", TODAY).flags() & Qt.ItemFlag.ItemIsEditable


def _shortcut(qtbot: QtBot, tab: TimeTab, key: Qt.Key) -> None:
    tab.activateWindow()
    qtbot.waitActive(tab)
    tab.grid.setFocus()
    qtbot.keyClick(tab.grid, key, Qt.KeyboardModifier.AltModifier)


def test_week_navigation_by_shortcut_and_date_picker(
    qtbot: QtBot, tab: TimeTab, db: Database, practice: dict[str, Engagement]
) -> None:
    time_entries.add(db, TimeEntry(practice["acme"].id or 0, MONDAY, "team", 60))
    _shortcut(qtbot, tab, Qt.Key.Key_Right)
    assert tab.heading.text() == "Week 15 · 6 – 12 Apr 2026"
    assert _text(tab, _totals_row(tab), TOTAL_COLUMN) == ""
    _shortcut(qtbot, tab, Qt.Key.Key_Left)
    _shortcut(qtbot, tab, Qt.Key.Key_Left)
    assert tab.heading.text() == "Week 13 · 23 – 29 Mar 2026"
    _shortcut(qtbot, tab, Qt.Key.Key_Home)
    assert tab.heading.text() == "Week 14 · 30 Mar – 5 Apr 2026"
    assert _text(tab, _totals_row(tab), TOTAL_COLUMN) == "1:00"
    tab.date_edit.setDate(dt.date(2026, 12, 31))
    assert tab.heading.text() == "Week 53 · 28 Dec 2026 – 3 Jan 2027"


def test_ended_engagements_show_only_with_entries_and_rows_copy_forward(
    qtbot: QtBot, tab: TimeTab, db: Database, practice: dict[str, Engagement]
) -> None:
    client = clients.add(db, Client(name="Quill Legal"))
    proposed = engagements.add(db, Engagement(
        client_id=client.id or 0, title="Due diligence", start_date=dt.date(2026, 3, 2),
    ))  # fmt: skip
    time_entries.add(db, TimeEntry(proposed.id or 0, MONDAY, "strategy", 60))
    engagements.update(db, engagements.with_changes(
        practice["verde"], status="ended", ended_on=dt.date(2026, 3, 27),
    ))  # fmt: skip
    tab.refresh()
    labels = _labels(tab)
    assert "Quill Legal · Due diligence" in labels
    assert "Verde Fintech · Fractional CTO" not in labels
    tab.show_week(tab.week.shifted(1))
    assert "Quill Legal · Due diligence" not in _labels(tab)
    qtbot.mouseClick(tab.copy_rows_button, Qt.MouseButton.LeftButton)
    assert "Quill Legal · Due diligence" in _labels(tab)
    assert "1 rows" in tab.message.text() or "Added 1" in tab.message.text()


def _labels(tab: TimeTab) -> list[str]:
    return [_text(tab, row, 0).lstrip("▸▾ ") for row in range(tab.model.rowCount())]


def test_split_bars_flag_over_and_under(
    qtbot: QtBot, tab: TimeTab, db: Database, practice: dict[str, Engagement]
) -> None:
    acme = practice["acme"].id or 0  # committed 16 h a week
    for offset in range(3):
        time_entries.add(db, TimeEntry(acme, MONDAY + dt.timedelta(days=offset), "strategy", 360))
    tab.refresh()
    assert tab.bars.summary() == [
        ("Acme Robotics · Fractional CTO", "over", "under"),  # 18 h of 16; 18 h of 64
        ("Verde Fintech · Fractional CTO", "under", "under"),
    ]
    # the figures are storage's (the clock's today is past week 14): the whole week, "committed"
    assert "this week 18 h of 16 h committed (112%, over commitment)" in tab.bars.toolTip()
    # a narrow column keeps the verdict, not the hours (they stay in the tooltip)
    acme_week = tab.bars.week[0]
    assert bar_label(acme_week) == "18 h of 16 h · 112% · over"
    assert short_label(acme_week) == "112% · over"


def test_split_bars_say_committed_so_far_while_the_week_is_under_way(
    tab: TimeTab, db: Database, practice: dict[str, Engagement], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)  # Thursday: four days of week 14 count
    acme = practice["acme"].id or 0
    time_entries.add(db, TimeEntry(acme, MONDAY, "strategy", 360))
    tab.refresh()
    assert [c.committed_minutes for c in tab.bars.week] == [549, 549]  # 4/7 of 16 h
    assert (
        "this week 6 h of 9:09 h committed so far of 16 h for the week (66%, on track)"
        in tab.bars.toolTip()
    )
    assert tab.bars._titles()[1:3] == ("This week so far", "Last four weeks to today")
    tab.show_week(tab.week.shifted(-1))
    assert "committed so far" not in tab.bars.toolTip()
    assert "this week 0 h of 16 h committed (0%" in tab.bars.toolTip()


def test_unchanged_values_write_nothing_and_leave_undo_alone(
    qtbot: QtBot, tab: TimeTab, practice: dict[str, Engagement]
) -> None:
    cell = _index(tab, practice["acme"], "strategy", MONDAY)
    tab.grid.setCurrentIndex(cell)
    qtbot.keyClick(tab.grid, Qt.Key.Key_Delete)  # already empty
    assert tab.undo_stack.count() == 0
    _type(qtbot, tab, cell, "1:30")
    _type(qtbot, tab, cell, "90m")  # the same value, typed another way
    assert tab.undo_stack.count() == 1
