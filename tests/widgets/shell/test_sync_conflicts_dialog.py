"""Sync conflicts: the waiting ones from `sync conflicts --format json` in a table; Flip and Mark
reviewed (Alt+F, Alt+R) ask for the chosen one, once at a time, and the list shown next is the
one the command gives back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from widgets.shell.sync_conflicts_dialog import conflicts_dialog

WAITING = [
    {"id": 7, "table": "decision", "row": "12", "record": "decision Use pgvector",
     "column": "title", "kind": "field",
     "what_happened": "Edited on both machines: the later edit was kept",
     "kept": "Use pgvector", "other": "Use a hosted vector database", "resolved": False},
    {"id": 9, "table": "time_entry", "row": "301", "record": "", "column": "",
     "kind": "edit_over_delete", "what_happened": "",
     "kept": "restored", "other": "deleted", "resolved": False},
]  # fmt: skip


def test_the_table_shows_each_conflict_in_words(qtbot: QtBot) -> None:
    dialog = conflicts_dialog(WAITING)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() == 2
    first = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert first == ["decision Use pgvector", "title",
                     "Edited on both machines: the later edit was kept",
                     "Use pgvector", "Use a hosted vector database"]  # fmt: skip
    # without the command's words, the record by its table and id, and the kind itself
    assert model.data(model.index(1, 0)) == "time entry 301"
    assert model.data(model.index(1, 2)) == "Edit over delete"
    assert dialog.selected_id() == 7  # the first is chosen, ready for a key


def test_flip_and_mark_reviewed_ask_for_the_chosen_one_and_the_list_comes_back(
    qtbot: QtBot,
) -> None:
    dialog = conflicts_dialog(WAITING)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # the mnemonics work in the active window
    flipped: list[int] = []
    reviewed: list[int] = []
    dialog.flip_requested.connect(flipped.append)
    dialog.reviewed_requested.connect(reviewed.append)
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert flipped == [7]
    assert not dialog.flip_button.isEnabled()  # one at a time, until the list comes back
    dialog.flip_button.click()
    assert flipped == [7]
    dialog.set_conflicts(WAITING[1:])
    assert dialog.selected_id() == 9
    qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert reviewed == [9]
    dialog.set_conflicts([])
    assert dialog.message.text() == "No conflicts waiting."
    assert not dialog.flip_button.isEnabled()
    assert not dialog.reviewed_button.isEnabled()


def test_a_flip_that_fails_is_said_in_the_dialog_and_can_be_tried_again(qtbot: QtBot) -> None:
    dialog = conflicts_dialog(WAITING)
    qtbot.addWidget(dialog)
    dialog.flip_button.click()
    dialog.show_problem("another command is using the practice")
    assert dialog.message.text() == "Not done: another command is using the practice"
    assert dialog.flip_button.isEnabled()
