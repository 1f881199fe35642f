"""Preferences saved elsewhere while the dialog is open are not overwritten unasked: Save says so
and writes nothing; Save again replaces them with what the dialog shows."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.billing import preferences
from storage.practice import settings
from widgets.shell.preferences_dialog import PreferencesDialog


def test_save_after_a_save_elsewhere_asks_for_a_second_save(
    qtbot: QtBot, db: Database, other: Database
) -> None:
    dialog = PreferencesDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    stored = settings.load_profile(other)
    preferences.save(other, dataclasses.replace(stored, phone="+33 1 23 45 67 89"))
    dialog.name.setText("Alex Morgan")
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "saved elsewhere" in dialog.errors.message("name")
    assert settings.load_profile(db).name == ""
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert dialog.change is not None
    assert dialog.change.kinds == frozenset({"setting"})
    assert settings.load_profile(db).name == "Alex Morgan"
