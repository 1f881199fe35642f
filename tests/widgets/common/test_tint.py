"""A tint keeps a label's text in a named colour, follows a change of theme, and hands the
label back to the palette's own text when cleared."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from tools.screenshots import dark_palette
from widgets.common import palette
from widgets.common.field_errors import error_label

Role = QPalette.ColorRole


@pytest.fixture
def app() -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    yield app
    app.setPalette(light)
    QApplication.processEvents()


def _text(label: QLabel) -> str:
    return label.palette().color(Role.WindowText).name()


def test_a_tint_colours_the_text_and_changes_through_its_holder(qtbot: QtBot) -> None:
    label = QLabel("Adds up to 90%")
    qtbot.addWidget(label)
    plain = _text(label)
    tint = palette.Tint(label, "error")
    assert _text(label) == palette.colour_named("error").name() != plain
    tint.set("success")
    assert _text(label) == palette.colour_named("success").name()
    tint.set(None)
    assert _text(label) == plain


def test_a_tint_follows_a_change_of_theme(qtbot: QtBot, app: QApplication) -> None:
    label = error_label()
    qtbot.addWidget(label)
    light_error = _text(label)
    app.setPalette(dark_palette())
    QApplication.processEvents()
    assert _text(label) == palette.ACCENTS["error"][1] != light_error


def test_a_cleared_tint_leaves_the_theme_to_the_palette(qtbot: QtBot, app: QApplication) -> None:
    label = error_label()
    qtbot.addWidget(label)
    label.tint.set(None)
    app.setPalette(dark_palette())
    QApplication.processEvents()
    assert _text(label) == app.palette().color(Role.WindowText).name()
