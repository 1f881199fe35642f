"""File → Import time…: the dialog reads, previews, imports and undoes in the background."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop.main_window import MainWindow
from storage.practice import engagements
from storage.time import time_entries
from widgets.transfer.import_dialog import ImportTimeDialog

FIXTURES = Path(__file__).parents[2] / "fixtures" / "imports"


def _minutes(db: Database) -> int:
    totals = time_entries.bucket_minutes(db, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    return sum(sum(buckets.values()) for buckets in totals.values())


def _dialog(qtbot: QtBot, db: Database, data_dir: Path, name: str) -> ImportTimeDialog:
    dialog = ImportTimeDialog(db, data_dir, FIXTURES / name)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.preview_button.isEnabled)
    return dialog


def test_preview_then_import_then_undo(
    qtbot: QtBot, db: Database, data_dir: Path, acme: int
) -> None:
    dialog = _dialog(qtbot, db, data_dir, "toggl-detailed.csv")
    assert "Toggl Track export of 5 rows" in dialog.heading.text()
    assert dialog.rules is not None
    assert dialog.rules.targets["Acme Robotics / Fractional CTO"].currentData() == acme
    new_engagement = dialog.rules.targets["Zoë Labs / AI evaluation"]
    new_engagement.setCurrentIndex(new_engagement.findData("new"))
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.import_button.isEnabled)
    text = dialog.result.toPlainText()
    assert "5 rows: 5 to import, 0 already imported, 0 refused." in text
    assert "Acme Robotics · Fractional CTO: strategy 0:00, team 6:45, leadership 0:00" in text
    assert _minutes(db) == 0
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert _minutes(db) == 150 + 45 + 60 + 150 + 90
    assert dialog.undo_button.isVisible()
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert _minutes(db) == 0
    assert "undone" in dialog.result.toPlainText()
    dialog.wait()


def test_refused_rows_are_listed_in_the_preview(
    qtbot: QtBot, db: Database, data_dir: Path, acme: int
) -> None:
    dialog = _dialog(qtbot, db, data_dir, "hostile-harvest.csv")
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.import_button.isEnabled)
    text = dialog.result.toPlainText()
    assert "line 2: 25 hours is more than the 24 hours of a day" in text
    assert "line 4: the date '2026-13-02' is not a day of the calendar" in text
    dialog.wait()


def test_the_file_menu_offers_import_and_the_practice_files(
    qtbot: QtBot, db: Database, data_dir: Path, acme: int
) -> None:
    window = MainWindow(db, data_dir)
    qtbot.addWidget(window)
    names = {a.objectName() for a in window.file_menu.actions()}
    assert {"importTimeAction", "exportPracticeAction", "exportMadrAction",
            "importMadrAction"} <= names  # fmt: skip
    dialog = window.transfer.open_import(FIXTURES / "harvest-import-form.csv")
    qtbot.waitUntil(lambda: "Choose above" in dialog.heading.text())  # 03/05/2026: which?
    assert not dialog.preview_button.isEnabled()
    dialog.date_order.setCurrentIndex(dialog.date_order.findData("mdy"))
    qtbot.waitUntil(dialog.preview_button.isEnabled)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.import_button.isEnabled)
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert engagements.get(db, acme).id == acme
    assert _minutes(db) == 90 + 30 + 120
    dialog.wait()
    dialog.close()


def test_a_long_list_of_refused_rows_is_cut_short() -> None:
    from storage.transfer.import_csv import Refusal
    from storage.transfer.import_plan import ImportPlan
    from widgets.transfer.import_dialog import SHOWN_REFUSALS, describe

    plan = ImportPlan("toggl", "x.csv", 5_000, refused=[Refusal(n, "bad") for n in range(5_000)])
    text = describe(plan, {})
    assert text.count("\n  line ") == SHOWN_REFUSALS
    assert text.endswith("… and 4,000 more (`fractional-desk import time --dry-run` lists all)")
