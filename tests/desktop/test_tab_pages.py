"""Tabs are built the first time they are shown, so start-up builds one tab, not six."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop.main_window import MainWindow
from desktop.tab_pages import PAGES
from storage.sample import SampleOptions, generate
from widgets.common.tab_page import TabPage


def _window(qtbot: QtBot, db: Database, data_dir: Path) -> MainWindow:
    window = MainWindow(db, data_dir)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_only_the_shown_tab_is_built_at_start(qtbot: QtBot, db: Database, data_dir: Path) -> None:
    window = _window(qtbot, db, data_dir)
    assert [p.objectName() for p in window.created_pages()] == ["clientsTab"]
    assert window.tabs.count() == len(PAGES) == 6


def test_showing_a_tab_builds_it_once_in_its_place(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    generate(db, SampleOptions(seed=3))
    window = _window(qtbot, db, data_dir)
    assert window.tabs.currentWidget().objectName() == "portfolioTab"  # several under way
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    built: list[TabPage] = []
    window.page_created.connect(built.append)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = window.tabs.currentWidget()
    assert isinstance(page, TabPage)
    assert page.objectName() == "decisionsTab"
    assert built == [page]
    assert window.tabs.tabText(2) == "Decisions"
    assert window.undo_group.activeStack() is page.undo_stack
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is page
    assert built == [page]


def test_a_lazily_built_tab_gets_its_export_button_wired(
    qtbot: QtBot, db: Database, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, db, data_dir)
    started: list[str] = []
    monkeypatch.setattr(window.export.flow, "start", started.append)
    window.tabs.setCurrentIndex(3)
    window.tabs.currentWidget().handoff_button.click()  # type: ignore[attr-defined]
    assert started == ["handoff"]


def test_every_tab_keeps_the_contract_the_shell_relies_on(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    generate(db, SampleOptions(seed=3))
    window = _window(qtbot, db, data_dir)
    for page in window.pages:
        assert isinstance(page, TabPage)
        primary = page.primary_widget()
        assert primary is page or page.isAncestorOf(primary)
        assert all(key in {"sow", "handoff", "timesheet"} for key in page.export_buttons())
    kinds = [kind for spec in PAGES for kind in spec.shows]
    assert len(kinds) == len(set(kinds))  # one tab per kind of record


def test_the_file_menu_groups_sit_by_name(qtbot: QtBot, db: Database, data_dir: Path) -> None:
    window = _window(qtbot, db, data_dir)
    texts = [a.text() or "|" for a in window.file_menu.actions()]
    assert texts == [
        "&Back up now", "&Restore from backup…", "|", "&Security…", "&Preferences…", "|", "&Export",
        "|", "Weekly &update…", "|", "Import &time…", "Export the practice as JSON…", "Export decisions as MADR files…",
        "Import decisions from MADR files…", "|", "&Quit",
    ]  # fmt: skip
