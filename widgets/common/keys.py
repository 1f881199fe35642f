"""Keys every tab handles the same way."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def tab_action(widget: QWidget, text: str, shortcut: str, slot: Callable[[], object]) -> QAction:
    """A key for a tab (Alt+Left…), alive while the keyboard is anywhere inside it, with the
    key in its tooltip."""
    action = QAction(text, widget)
    action.setShortcut(QKeySequence(shortcut))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    native = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{text} ({native})")
    action.triggered.connect(slot)
    widget.addAction(action)
    return action


def on_escape(widget: QWidget, text: str, slot: Callable[[], object]) -> QAction:
    """Esc anywhere inside `widget` (a popup or an open cell editor takes it first)."""
    action = QAction(text, widget)
    action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(slot)
    widget.addAction(action)
    return action
