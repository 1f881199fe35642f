"""The decision editor's "ask" box: the client's decision is needed (the update's asks)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.decisions import Decision, add, get
from widgets.decisions.decision_editor import DecisionEditor


def test_the_editor_marks_a_decision_as_an_ask(qtbot: QtBot, db: Database, acme: int) -> None:
    decision = add(db, Decision(acme, "Which cloud region", dt.date(2026, 3, 10)))
    editor = DecisionEditor(db)
    qtbot.addWidget(editor)
    editor.set_decision(decision)
    editor.show()
    qtbot.waitExposed(editor)
    assert not editor.ask.isChecked()
    qtbot.mouseClick(editor.ask, Qt.MouseButton.LeftButton)
    assert get(db, decision.id or 0).ask
    editor.set_decision(get(db, decision.id or 0))
    assert editor.ask.isChecked()
