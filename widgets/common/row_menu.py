"""The actions on a table's selected row, from the keyboard: the context menu opens on the Menu
key, on Shift+F10 and on a right click, at the current row."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMenu

MENU_KEYS = ("Shift+F10",)  # the Menu key opens it through Qt's own context menu event


class RowMenu:
    """Puts `actions` in `view`'s context menu; `show()` opens it at the current row."""

    def __init__(self, view: QAbstractItemView, actions: Iterable[QAction]) -> None:
        self.view = view
        self.actions = list(actions)
        self.menu = QMenu(view)
        self.menu.addActions(self.actions)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._on_view_context_menu_requested)
        for keys in MENU_KEYS:
            opener = QAction("Actions on the row", view)
            opener.setShortcut(QKeySequence(keys))
            opener.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            opener.triggered.connect(self.show)
            view.addAction(opener)

    def show(self) -> None:
        """Open the menu beside the current row (or the view's corner when there is none)."""
        rect = self.view.visualRect(self.view.currentIndex())
        corner = rect.bottomLeft() if rect.isValid() else QPoint(0, 0)
        self.menu.popup(self.view.viewport().mapToGlobal(corner))

    def _on_view_context_menu_requested(self, position: QPoint) -> None:
        self.menu.popup(self.view.viewport().mapToGlobal(position))
