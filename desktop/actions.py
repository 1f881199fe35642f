"""Small factories for menu actions, so the main window only wires them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

Shortcut = QKeySequence.StandardKey | str | None


def make_action(
    parent: QWidget, text: str, slot: Callable[[], object], shortcut: Shortcut = None, tip: str = ""
) -> QAction:
    action = QAction(text, parent)
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)
    elif shortcut:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(slot)
    return action


def add_actions(menu: QMenu, *actions: QAction | None) -> None:
    """Add actions in order; None adds a separator."""
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)
