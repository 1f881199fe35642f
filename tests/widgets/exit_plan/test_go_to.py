"""The exit-readiness review's "Go to" buttons take the window to what fails on another tab."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop.main_window import MainWindow
from storage.exit_plan import readiness
from storage.exit_plan.readiness_checks import Check
from storage.sample import SampleOptions, generate


def _exit_tab_on_exiting(qtbot: QtBot, db: Database, data_dir: Path) -> tuple[MainWindow, int]:
    generate(db, SampleOptions(seed=1))
    engagement_id = db.execute("SELECT id FROM engagement WHERE status = 'exiting'").fetchone()[0]
    window = MainWindow(db, data_dir)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(3)
    assert window.current_page().show_engagement(engagement_id)  # type: ignore[attr-defined]
    return window, engagement_id


def _failing(db: Database, engagement_id: int, name: str) -> Check:
    return next(c for c in readiness.review(db, engagement_id).checks if c.name == name)


def test_go_to_a_decision_selects_it_on_the_decisions_tab(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    window, engagement_id = _exit_tab_on_exiting(qtbot, db, data_dir)
    check = _failing(db, engagement_id, "decisions_reviewed")
    assert not check.passed
    button = window.current_page().panel.go_to_buttons["decisions_reviewed"]  # type: ignore[attr-defined]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    page = window.current_page()
    assert page.objectName() == "decisionsTab"
    assert page.selected().id == check.target_id  # type: ignore[attr-defined]


def test_go_to_time_shows_this_week_on_the_engagement(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    window, engagement_id = _exit_tab_on_exiting(qtbot, db, data_dir)
    with db.atomic():  # a quiet month: the time check fails whatever the sample logged
        db.execute("DELETE FROM time_entry WHERE engagement_id = ?", [engagement_id])
    window.current_page().refresh()
    assert not _failing(db, engagement_id, "time_within_commitment").passed
    button = window.current_page().panel.go_to_buttons["time_within_commitment"]  # type: ignore[attr-defined]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    page = window.current_page()
    assert page.objectName() == "timeTab"
    current = page.grid.currentIndex()  # type: ignore[attr-defined]
    line = page.model.rows[current.row()]  # type: ignore[attr-defined]
    assert line.engagement.id == engagement_id


def test_go_to_an_engagement_selects_it_under_its_client(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    window, engagement_id = _exit_tab_on_exiting(qtbot, db, data_dir)
    window.current_page().navigate_requested.emit("engagement", engagement_id)
    page = window.current_page()
    assert page.objectName() == "clientsTab"
    assert page.current_engagement() == engagement_id
    focused = QApplication.focusWidget()
    assert focused is None or page.isAncestorOf(focused)  # never left on the hidden tab
