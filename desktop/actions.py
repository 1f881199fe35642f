"""Small factories for menu actions, so the main window only wires them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from widgets.common.shortcuts import set_shortcut

Shortcut = QKeySequence.StandardKey | str | None


def make_action(
    parent: QWidget, text: str, slot: Callable[[], object], shortcut: Shortcut = None, tip: str = ""
) -> QAction:
    action = QAction(text, parent)
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)
    elif shortcut:
        set_shortcut(action, shortcut)
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


def insert_group(menu: QMenu, before: QAction, *items: QAction | QMenu) -> None:
    """Insert a group of actions or submenus above `before`, a named action of the menu (not a
    position, which moves as other groups are added), with a separator below the group."""
    for item in items:
        if isinstance(item, QMenu):
            menu.insertMenu(before, item)
        else:
            menu.insertAction(before, item)
    menu.insertSeparator(before)
