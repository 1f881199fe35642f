"""The time cell and a second writer (another window, the command line) on the same file, for
real through a second connection: what was saved elsewhere between showing a cell and writing it
is never replaced unasked, even when it changes again while the question is open."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.practice.engagements import Engagement
from storage.time import TimeEntry, time_entries
from tests.widgets.time.test_time_tab import MONDAY, _type, practice, tab
from widgets.common import dialogs
from widgets.time.time_tab import TimeTab

__all__ = ["practice", "tab"]  # the Time tab's fixtures, shared


def _stored(db: Database, key: tuple[int, str, dt.date]) -> list[int]:
    return [e.minutes for e in time_entries.list_cell(db, *key)]


@pytest.mark.parametrize("replace", [False, True], ids=["keep", "replace"])
def test_a_cell_saved_elsewhere_after_it_was_shown_asks_before_replacing(
    qtbot: QtBot,
    tab: TimeTab,
    other: Database,
    practice: dict[str, Engagement],
    monkeypatch: pytest.MonkeyPatch,
    replace: bool,
) -> None:
    key = (practice["acme"].id or 0, "strategy", MONDAY)
    time_entries.add(other, TimeEntry(key[0], MONDAY, "strategy", 45, "Board prep"))
    questions: list[str] = []

    def answer(_parent: object, _title: str, text: str, **_: str) -> bool:
        questions.append(text)
        return replace

    monkeypatch.setattr(dialogs, "ask", answer)
    _type(qtbot, tab, tab.model.index_of(key), "2")
    assert len(questions) == 1
    assert "0:45" in questions[0]
    assert _stored(other, key) == ([120] if replace else [45])
    if replace:
        tab.undo_stack.undo()
        assert _stored(other, key) == [45]
        tab.undo_stack.redo()
        assert _stored(other, key) == [120]
    else:
        qtbot.waitUntil(lambda: tab.model.index_of(key).data() == "0:45")


def test_a_cell_saved_again_while_the_question_is_open_is_asked_about_again(
    qtbot: QtBot,
    tab: TimeTab,
    other: Database,
    practice: dict[str, Engagement],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check runs in the write's own transaction: a save landing while the user reads the
    question is seen, and the newer value is what the next question names."""
    key = (practice["acme"].id or 0, "team", MONDAY)
    time_entries.add(other, TimeEntry(key[0], MONDAY, "team", 45))
    questions: list[str] = []

    def answer(_parent: object, _title: str, text: str, **_: str) -> bool:
        questions.append(text)
        if len(questions) == 1:  # the command line logs more while the question is open
            time_entries.add(other, TimeEntry(key[0], MONDAY, "team", 30))
            return True
        return False

    monkeypatch.setattr(dialogs, "ask", answer)
    _type(qtbot, tab, tab.model.index_of(key), "2")
    assert len(questions) == 2
    assert "0:45" in questions[0]
    assert "1:15 in 2 entries" in questions[1]
    assert _stored(other, key) == [45, 30]
    assert tab.undo_stack.count() == 0


def test_a_cell_as_shown_is_written_without_a_question(
    qtbot: QtBot,
    tab: TimeTab,
    other: Database,
    practice: dict[str, Engagement],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key = (practice["verde"].id or 0, "leadership", MONDAY)
    questions: list[str] = []
    monkeypatch.setattr(dialogs, "ask", lambda *args, **kwargs: questions.append("?") or True)
    _type(qtbot, tab, tab.model.index_of(key), "1:30")
    assert questions == []
    assert _stored(other, key) == [90]
