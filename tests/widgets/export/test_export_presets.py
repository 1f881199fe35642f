"""The timesheet's range presets in the export dialog, with today fixed: each sets From and To,
typing a date makes the range Custom again, and the request carries the preset's dates."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.practice import settings
from storage.rules import clock
from tests.export_support import make_engagement
from widgets.export.export_options import CUSTOM, ExportOptionsDialog, preset_range

TODAY = dt.date(2026, 3, 18)  # a Wednesday


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    """The window the dialog opens over (held here: the dialog dies with it)."""
    found = QWidget()
    qtbot.addWidget(found)
    return found


@pytest.fixture
def dialog(db: Database, parent: QWidget, monkeypatch: pytest.MonkeyPatch) -> ExportOptionsDialog:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    e = make_engagement(db)
    return ExportOptionsDialog(db, "timesheet", "Timesheet", e.id, parent)  # closed with it


def _range(dialog: ExportOptionsDialog) -> tuple[dt.date, dt.date]:
    return dialog.start.date().toPython(), dialog.end.date().toPython()


@pytest.mark.parametrize(
    ("preset", "expected"),
    [
        ("Last month", (dt.date(2026, 2, 1), dt.date(2026, 2, 28))),
        ("This month", (dt.date(2026, 3, 1), TODAY)),
        ("Last week", (dt.date(2026, 3, 9), dt.date(2026, 3, 15))),
    ],
)
def test_a_preset_sets_the_range(
    dialog: ExportOptionsDialog, preset: str, expected: tuple[dt.date, dt.date]
) -> None:
    assert dialog.preset.currentText() == CUSTOM
    assert _range(dialog) == (dt.date(2026, 1, 5), TODAY)  # the engagement so far
    dialog.preset.setCurrentText(preset)
    assert _range(dialog) == expected
    request = dialog.request()
    assert request is not None
    assert (request.start, request.end) == expected
    assert dialog.preset.currentText() == preset  # setting the dates kept the preset


def test_typing_a_date_makes_the_range_custom(dialog: ExportOptionsDialog, qtbot: QtBot) -> None:
    dialog.preset.setCurrentText("Last month")
    dialog.show()
    dialog.end.setFocus()
    dialog.end.setCurrentSection(dialog.end.sectionAt(0))  # the day
    qtbot.keyClick(dialog.end, Qt.Key.Key_Down)
    assert dialog.preset.currentText() == CUSTOM
    assert _range(dialog) == (dt.date(2026, 2, 1), dt.date(2026, 2, 27))


def test_presets_across_a_year_and_a_sunday_week() -> None:
    new_year = dt.date(2027, 1, 4)
    assert preset_range("Last month", new_year) == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert preset_range("Last week", new_year) == (dt.date(2026, 12, 28), dt.date(2027, 1, 3))
    assert preset_range("Last week", new_year, "sunday") == (
        dt.date(2026, 12, 27), dt.date(2027, 1, 2),
    )  # fmt: skip
    assert preset_range("Last month", dt.date(2024, 3, 31))[1] == dt.date(2024, 2, 29)


def test_the_week_start_comes_from_the_profile(
    db: Database, parent: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    e = make_engagement(db)
    profile = settings.load_profile(db)
    settings.save_profile(db, dataclasses.replace(profile, week_start="sunday"))
    found = ExportOptionsDialog(db, "timesheet", "Timesheet", e.id, parent)
    found.preset.setCurrentText("Last week")
    assert _range(found) == (dt.date(2026, 3, 8), dt.date(2026, 3, 14))


def test_other_documents_have_no_range(db: Database, parent: QWidget) -> None:
    e = make_engagement(db)
    found = ExportOptionsDialog(db, "handoff", "Handoff", e.id, parent)
    found.show()
    assert not found.preset.isVisible()
