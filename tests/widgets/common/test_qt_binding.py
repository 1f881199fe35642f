"""The Qt binding itself: a release that loses references to None aborts the app after hours of use."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_setting_text_does_not_lose_references_to_none(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
        label.text()
    assert sys.getrefcount(None) >= before - 50
