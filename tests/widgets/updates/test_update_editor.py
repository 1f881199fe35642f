"""The weekly update's editor: reorder, cut and write in sections; copy as Markdown and as rich
text; save as Word through the export flow's request; mark as sent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.decisions import Decision, add
from storage.rules import clock, week_of
from storage.time import TimeEntry, time_entries
from storage.updates import draft_for, markdown, plain, sent
from tests.export_support import open_document
from widgets.updates.update_editor import UpdateEditor

FRIDAY = dt.date(2026, 3, 13)
WEEK = week_of(FRIDAY)


@pytest.fixture
def editor(qtbot: QtBot, db: Database, acme: int, monkeypatch: pytest.MonkeyPatch) -> UpdateEditor:
    monkeypatch.setattr(clock, "today", lambda: FRIDAY)
    for day, bucket, minutes, note, ask in [
        (9, "team", 90, "Reviewed the auth service", False),
        (10, "strategy", 120, "Roadmap with the CEO", False),
        (11, "leadership", 30, "Budget for two hires", True),
    ]:
        time_entries.add(db, TimeEntry(acme, dt.date(2026, 3, day), bucket, minutes, note, ask=ask))
    add(db, Decision(acme, "Which cloud region", dt.date(2026, 3, 10)))
    found = UpdateEditor(db, acme, WEEK)
    qtbot.addWidget(found)
    found.show()
    qtbot.waitExposed(found)
    return found


def _titles(editor: UpdateEditor) -> list[str]:
    return [editor.sections.item(i).text() for i in range(editor.sections.count())]


def test_sections_are_reordered_cut_and_added(qtbot: QtBot, editor: UpdateEditor) -> None:
    assert _titles(editor) == ["This week", "Done", "Decided", "Needs from you"]
    editor.sections.setCurrentRow(3)
    qtbot.mouseClick(editor.up_button, _left())
    assert _titles(editor) == ["This week", "Done", "Needs from you", "Decided"]
    assert editor.sections.currentRow() == 2
    editor.sections.setCurrentRow(3)
    qtbot.mouseClick(editor.cut_button, _left())
    assert _titles(editor) == ["This week", "Done", "Needs from you"]
    editor.add_section("Next week")
    qtbot.keyClicks(editor.lines_edit, "Off on Monday")
    assert _titles(editor) == ["This week", "Done", "Needs from you", "Next week"]
    text = markdown(editor.update_shown)
    assert "## Decided" not in text
    assert text.index("## Needs from you") < text.index("## Next week\n\n- Off on Monday")
    assert "Off on Monday" in editor.preview.toPlainText()


def test_a_line_left_as_drafted_keeps_its_record_and_an_edited_one_is_written(
    qtbot: QtBot, editor: UpdateEditor
) -> None:
    editor.sections.setCurrentRow(1)  # Done
    lines = editor.lines_edit.toPlainText().split("\n")
    assert lines == ["Roadmap with the CEO (2:00)", "Reviewed the auth service (1:30)"]
    editor.lines_edit.setPlainText(f"{lines[0]}\nReviewed the auth service, and approved it")
    done = editor.update_shown.sections[1]
    assert [bool(line.sources) for line in done.lines] == [True, False]
    assert done.lines[1].group == "Strategy"  # the group of the line before it


def test_copies_markdown_and_rich_text_with_plain_text_beside_it(editor: UpdateEditor) -> None:
    clipboard = QGuiApplication.clipboard()
    editor.copy_markdown()
    assert clipboard.text() == markdown(editor.update_shown)
    editor.copy_rich_text()
    data = clipboard.mimeData()
    assert data.hasHtml()
    assert "<li>Budget for two hires</li>" in data.html()
    assert data.text() == plain(editor.update_shown)


def test_save_as_word_asks_the_export_flow_and_writes_the_edited_update(
    qtbot: QtBot, editor: UpdateEditor, db: Database, tmp_path: Path
) -> None:
    editor.add_section("Next week")
    qtbot.keyClicks(editor.lines_edit, "Off on Monday")
    with qtbot.waitSignal(editor.document_requested) as signal:
        qtbot.mouseClick(editor.word_button, _left())
    request = signal.args[0]
    assert request.name == "2026-03-15 Acme Robotics - Weekly update.docx"
    path = request.write(tmp_path / "update.docx", db)
    texts = [p.text for p in open_document(path).paragraphs]
    assert "Next week" in texts
    assert "Off on Monday" in texts


def test_mark_as_sent_keeps_the_edited_version_and_the_editor_reopens_it(
    qtbot: QtBot, editor: UpdateEditor, db: Database, acme: int
) -> None:
    editor.sections.setCurrentRow(1)
    qtbot.mouseClick(editor.cut_button, _left())
    with qtbot.waitSignal(editor.marked_sent):
        qtbot.mouseClick(editor.sent_button, _left())
    kept = sent.list_for(db, acme)
    assert [k.sent_on for k in kept] == [FRIDAY]
    assert "## Done" not in kept[0].markdown
    assert editor.state.text().startswith("Sent on Fri 13 Mar")
    again = UpdateEditor(db, acme, WEEK)
    qtbot.addWidget(again)
    assert _titles(again) == ["This week", "Decided", "Needs from you"]
    assert [s.key for s in draft_for(db, acme, WEEK).sections][1] == "done"  # the draft is whole


def _left():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
