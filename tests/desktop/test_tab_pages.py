"""Tabs are built the first time they are shown, so start-up builds one tab, not six."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
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
    qtbot.waitUntil(lambda: window.sync is not None)  # its items come after the first paint
    texts = [a.text() or "|" for a in window.file_menu.actions()]
    assert texts == [
        "&Back up now", "&Restore from backup…", "|", "&Security…", "S&ync now", "Sync &conflicts…",
        "|", "&Preferences…", "|", "&Export",
        "|", "Weekly &update…", "|", "Import &time…", "Export the practice as JSON…", "Export decisions as MADR files…",
        "Import decisions from MADR files…", "|", "&Quit",
    ]  # fmt: skip


class _Paints(QObject):
    """Counts the window's paint events."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_the_window_is_painted_before_its_tab_reads_anything(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    """Promise: the window's frame, menus and tab bar are on screen first; the tab it opens on
    is built and filled on the next turn of the event loop after that first paint."""
    window = MainWindow(db, data_dir)
    qtbot.addWidget(window)
    assert window.created_pages() == []
    paints = _Paints()
    window.installEventFilter(paints)
    painted_before: list[int] = []
    window.page_created.connect(lambda _page: painted_before.append(paints.count))
    window.show()
    qtbot.waitUntil(lambda: window.created_pages() != [])
    assert painted_before[0] >= 1
    [page] = window.created_pages()
    assert window.tabs.currentWidget() is page
    assert window.undo_group.activeStack() is page.undo_stack


def test_the_other_tabs_modules_load_after_the_first_paint_one_per_turn(
    qtbot: QtBot, db: Database, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Promise: a first switch to another tab only reads its data: its modules were loaded
    while the window was idle, without building the tab."""
    loaded: list[str] = []
    real = importlib.import_module

    def recording(name: str, package: str | None = None) -> ModuleType:
        loaded.append(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", recording)
    window = _window(qtbot, db, data_dir)
    qtbot.waitUntil(lambda: "widgets.month.month_tab" in loaded)
    tab_modules = {spec.module for spec in PAGES[1:]}
    assert tab_modules <= set(loaded)
    assert "widgets.clients.clients_tab" not in loaded  # the tab it opened on was built instead
    assert [p.objectName() for p in window.created_pages()] == ["clientsTab"]
