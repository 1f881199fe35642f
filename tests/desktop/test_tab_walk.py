"""Tab alone, from each tab's work area, on the sample practice: focus moves on at every press,
leaves every table (the week grid after its last cell, as in a spreadsheet), comes back round,
and reaches every control of the tab on the way. The engagement editor's four pages likewise.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QScrollArea,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop.main_window import MainWindow
from storage.practice import engagements
from storage.rules import clock
from storage.sample import SampleOptions, generate
from widgets.clients.engagement_editor import EngagementEditor
from widgets.time.time_grid_view import TimeGridView

AS_OF = dt.date(2026, 3, 18)  # a Wednesday of the sample practice
MAX_PRESSES = 400


@pytest.fixture
def sample(db: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    monkeypatch.setattr(clock, "today", lambda: AS_OF)
    generate(db, SampleOptions(seed=3, as_of=AS_OF))
    return db


def _focusable(root: QWidget) -> set[QWidget]:
    """The controls under `root` Tab should reach: shown, enabled, taking Tab focus, not the
    parts of another control (a spin box's line, a view's cell editor), nor a bare scroll area
    holding them."""
    found = set()
    for widget in root.findChildren(QWidget):
        if not (widget.isVisible() and widget.isEnabled()):
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or widget.focusProxy() is not None:
            continue
        if type(widget) is QScrollArea:  # a container: its controls are what Tab reaches
            continue
        parent = widget.parentWidget()
        inside = False
        while parent is not None and parent is not root:
            if isinstance(parent, (QAbstractItemView, QAbstractSpinBox, QComboBox, QTabBar)):
                inside = True
            parent = parent.parentWidget()
        if not inside:
            found.add(widget)
    return found


def _cells(widget: QWidget) -> int:
    """How many presses of Tab a widget may keep: the week grid moves across its cells, as in
    a spreadsheet, and a date box across its day, month and year; every other widget none."""
    if isinstance(widget, TimeGridView):
        return widget.model().rowCount() * widget.model().columnCount()
    if isinstance(widget, QDateTimeEdit):
        return widget.sectionCount()
    return 0


def _walk(qtbot: QtBot, start: QWidget, root: QWidget) -> list[QWidget]:
    """Press Tab from `start` until focus is back on it; every widget focused on the way."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    visited: list[QWidget] = [start]
    stays = 0
    for _ in range(MAX_PRESSES):
        before = QApplication.focusWidget()
        assert before is not None
        qtbot.keyClick(before, Qt.Key.Key_Tab)
        after = QApplication.focusWidget()
        assert after is not None
        if after is before:
            stays += 1
            assert stays <= _cells(after), f"Tab is trapped in {after!r}"
            continue
        stays = 0
        if after is start:
            return visited
        assert root.isAncestorOf(after) or after is root, f"focus left for {after!r}"
        visited.append(after)
    raise AssertionError(f"Tab never came back to {start!r}: {visited[-5:]}")


def _window(qtbot: QtBot, db: Database, data_dir: Path) -> MainWindow:
    window = MainWindow(db, data_dir)
    qtbot.addWidget(window)
    window.showNormal()
    window.resize(1024, 640)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


@pytest.mark.parametrize("index", range(6))
def test_tab_walks_every_tab_and_leaves_every_table(
    qtbot: QtBot, sample: Database, data_dir: Path, index: int
) -> None:
    window = _window(qtbot, sample, data_dir)
    window.tabs.setCurrentIndex(index)
    page = window.page(index)
    visited = _walk(qtbot, page.primary_widget(), window)
    missed = _focusable(page) - set(visited)
    assert not missed, f"{page.title}: Tab never reaches {sorted(map(repr, missed))}"
    tables = [w for w in _focusable(page) if isinstance(w, QAbstractItemView)]
    assert tables, page.title
    assert all(t in visited for t in tables)


@pytest.mark.parametrize("page_index", range(4))
def test_tab_walks_the_engagement_editor_pages(
    qtbot: QtBot, sample: Database, page_index: int
) -> None:
    running = next(e for e in engagements.list_all(sample) if e.status == "active")
    editor = EngagementEditor(sample, running)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    if page_index == 0:
        qtbot.waitUntil(editor.title_edit.hasFocus)  # it opens on its first field
    editor.pages.setCurrentIndex(page_index)
    page = editor.pages.currentWidget()
    first = page.nextInFocusChain()
    while not (
        first.isVisible() and first.isEnabled() and first.focusPolicy() & Qt.FocusPolicy.TabFocus
    ):
        first = first.nextInFocusChain()
    visited = _walk(qtbot, first, editor)
    missed = _focusable(page) - set(visited)
    assert not missed, f"page {page_index}: Tab never reaches {sorted(map(repr, missed))}"
    assert editor.isVisible()  # no key of the walk saved or closed it


def test_enter_in_the_deliverables_table_does_not_save_the_engagement(
    qtbot: QtBot, sample: Database
) -> None:
    running = next(e for e in engagements.list_all(sample) if e.status == "active")
    editor = EngagementEditor(sample, running)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.pages.setCurrentIndex(1)
    view = editor.deliverables.view
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert editor.isVisible()
    assert editor.result() == 0


@pytest.mark.parametrize("index", range(6))
def test_no_form_scrolls_sideways_at_1024_by_640(
    qtbot: QtBot, sample: Database, data_dir: Path, index: int
) -> None:
    """Scenario: on the smallest supported screen every tab's forms fit their width: a form
    that needs a sideways scroll hides the ends of its fields and buttons."""
    window = _window(qtbot, sample, data_dir)
    window.tabs.setCurrentIndex(index)
    page = window.page(index)
    qtbot.waitUntil(page.isVisible)
    if index == 0:
        page.list.view.selectRow(0)
    QApplication.processEvents()
    sideways = [
        area.widget().objectName() or type(area.widget()).__name__
        for area in page.findChildren(QScrollArea)
        if area.isVisible() and area.horizontalScrollBar().isVisible()
    ]
    assert not sideways, f"{page.title}: {sideways} scroll sideways at 1024x640"


def test_the_client_list_shows_whole_names_at_1024_by_640(
    qtbot: QtBot, sample: Database, data_dir: Path
) -> None:
    window = _window(qtbot, sample, data_dir)
    window.tabs.setCurrentIndex(0)
    view = window.page(0).list.view
    QApplication.processEvents()
    longest = max(
        view.fontMetrics().horizontalAdvance(str(view.model().index(row, 0).data()))
        for row in range(view.model().rowCount())
    )
    assert view.columnWidth(0) > longest
