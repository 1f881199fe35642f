"""Every tab reads in a dark theme: text against its background reaches WCAG's 4.5:1 for body
text, and a change of theme while the app runs reaches the colours already on screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop.main_window import MainWindow
from storage.sample import SampleOptions, generate
from tools.screenshots import dark_palette
from widgets.common import palette
from widgets.common.palette import ACCENTS
from widgets.exit_plan.exit_tab import ExitPlanTab
from widgets.time.time_tab import TimeTab

BODY_TEXT = 4.5
Role = QPalette.ColorRole


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: QColor, second: QColor) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _over(colour: QColor, below: QColor) -> QColor:
    """A see-through colour as it shows over `below`."""
    return palette.mix(below, QColor(colour.red(), colour.green(), colour.blue()), colour.alphaF())


def _colour(value: object, default: QColor) -> QColor:
    if isinstance(value, QBrush):
        return value.color()
    return value if isinstance(value, QColor) else default


@pytest.fixture
def dark() -> Iterator[QPalette]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    app.setPalette(dark_palette())
    QApplication.processEvents()
    yield app.palette()
    app.setPalette(light)
    QApplication.processEvents()


@pytest.fixture
def window(qtbot: QtBot, db: Database, data_dir: Path) -> MainWindow:
    generate(db, SampleOptions(seed=3))
    shown = MainWindow(db, data_dir)
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    return shown


def _cell_failures(view: QAbstractItemView) -> list[str]:
    model: QAbstractItemModel = view.model()
    base, text = view.palette().color(Role.Base), view.palette().color(Role.Text)
    failures = []
    for row in range(min(model.rowCount(), 60)):
        for column in range(model.columnCount()):
            index = model.index(row, column, QModelIndex())
            shown = index.data(Qt.ItemDataRole.DisplayRole)
            if shown in (None, ""):
                continue
            back = _over(_colour(index.data(Qt.ItemDataRole.BackgroundRole), base), base)
            fore = _colour(index.data(Qt.ItemDataRole.ForegroundRole), text)
            ratio = contrast(fore, back)
            if ratio < BODY_TEXT:
                failures.append(f"{view.objectName()} {shown!r}: {ratio:.1f}")
    return failures


def _label_failures(page: QWidget) -> list[str]:
    failures = []
    for label in page.findChildren(QLabel):
        if not label.isVisibleTo(page) or not label.text():
            continue
        colours = label.palette()
        ratio = contrast(colours.color(label.foregroundRole()), colours.color(Role.Window))
        if ratio < BODY_TEXT:
            failures.append(f"label {label.text()[:40]!r}: {ratio:.1f}")
    return failures


def test_every_tab_reads_in_a_dark_theme(dark: QPalette, window: MainWindow) -> None:
    failures = []
    for page in window.pages:
        window.tabs.setCurrentWidget(page)
        if isinstance(page, TimeTab):
            page.show_message("A refused value says why here", error=True)
        QApplication.processEvents()
        assert not page.grab().isNull()  # every custom painter runs under the dark palette
        for view in page.findChildren(QAbstractItemView):
            failures += _cell_failures(view)
        failures += _label_failures(page)
    assert failures == []


def test_painted_text_colours_read_in_a_dark_theme(dark: QPalette) -> None:
    """The bars and charts paint text in these, on the window's colour."""
    found = palette.colours(dark)
    window = dark.color(Role.Window)
    text_colours = {"text": found.text, "muted": found.muted} | {
        name: found.accent(name) for name in ACCENTS
    }
    low = {name: round(contrast(c, window), 1) for name, c in text_colours.items()}
    assert {name: ratio for name, ratio in low.items() if ratio < BODY_TEXT} == {}


def test_a_change_of_theme_reaches_what_is_already_shown(window: MainWindow, qtbot: QtBot) -> None:
    time_tab = next(page for page in window.pages if isinstance(page, TimeTab))
    exit_tab = next(page for page in window.pages if isinstance(page, ExitPlanTab))
    time_tab.show_message("Refused", error=True)
    light_error = time_tab.message.palette().color(Role.WindowText)
    light_rows = time_tab.model.brushes.group.color()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    try:
        app.setPalette(dark_palette())
        QApplication.processEvents()  # the palette change reaches widgets as posted events
        assert time_tab.message.palette().color(Role.WindowText) != light_error
        assert time_tab.message.palette().color(Role.WindowText) == QColor(ACCENTS["error"][1])
        assert time_tab.model.brushes.group.color() != light_rows
        assert palette.is_dark()
        assert exit_tab.grab().size() == exit_tab.size()
    finally:
        app.setPalette(light)
        QApplication.processEvents()
    assert time_tab.message.palette().color(Role.WindowText) == light_error


def test_a_message_back_from_an_error_takes_the_palette_text_again(
    dark: QPalette, window: MainWindow
) -> None:
    time_tab = next(page for page in window.pages if isinstance(page, TimeTab))
    time_tab.show_message("Refused", error=True)
    assert time_tab.message.palette().color(Role.WindowText) == QColor(ACCENTS["error"][1])
    time_tab.show_message("3 cells selected", error=False)
    assert time_tab.message.palette().color(Role.WindowText) == dark.color(Role.WindowText)
