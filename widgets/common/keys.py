"""Keys every tab handles the same way."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def on_escape(widget: QWidget, text: str, slot: Callable[[], object]) -> QAction:
    """Esc anywhere inside `widget` (a popup or an open cell editor takes it first)."""
    action = QAction(text, widget)
    action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(slot)
    widget.addAction(action)
    return action
