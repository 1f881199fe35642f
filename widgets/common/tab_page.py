"""The tab contract: what the window's shell may use of a tab, and the base the tabs build on.

`TabPage` is all the shell (desktop/) relies on, so a new tab is whatever satisfies it and is
listed in the one registry, desktop/tab_pages.py; nothing in the shell asks `hasattr`.
`TabPageBase` is the QWidget every tab derives from, with the parts a tab may leave as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QAbstractButton, QWidget

from widgets.common.change_bus import ChangeBus

if TYPE_CHECKING:
    from sqlite_utils import Database


@runtime_checkable
class TabPage(Protocol):
    """What the shell uses of a tab (each one is also the QWidget shown in its tab)."""

    title: str
    undo_stack: QUndoStack  # joins the window's undo group; active while the tab is shown
    navigate_requested: SignalInstance  # (kind, record id): show that record on another tab
    document_requested: SignalInstance  # a DocumentRequest: save it through the export flow

    def refresh(self) -> None: ...

    def attach(self, bus: ChangeBus) -> None: ...

    def flush(self) -> None: ...

    def focus_search(self) -> None: ...

    def add_new(self) -> None: ...

    def show_record(self, kind: str, record_id: int) -> None: ...

    def primary_widget(self) -> QWidget: ...

    def current_engagement(self) -> int | None: ...

    def export_buttons(self) -> dict[str, QAbstractButton]: ...


class TabPageBase(QWidget):
    """Base of the tabs. The shell calls `refresh()` when the tab is shown, and the window's
    change bus calls it while the tab is shown when a kind of record in `shows_kinds` changed."""

    title = ""
    shows_kinds: frozenset[str] = frozenset()  # storage.file.changes kinds this tab displays
    navigate_requested = Signal(str, int)
    document_requested = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = QUndoStack(self)
        self.bus: ChangeBus | None = None

    def refresh(self) -> None:
        """Re-read what other tabs may have changed."""

    def attach(self, bus: ChangeBus) -> None:
        """Hear what other tabs and the window write; say what this tab writes."""
        self.bus = bus
        bus.changed.connect(self._on_bus_changed)

    def announce(self, kinds: Iterable[str]) -> None:
        """Tell the other tabs what this tab has just written, undone or redone."""
        if self.bus is not None:
            self.bus.announce(kinds, self)

    def _on_bus_changed(self, kinds: frozenset[str], source: object) -> None:
        """Re-read when a kind shown here changed elsewhere; a hidden tab re-reads when shown."""
        if source is not self and kinds & self.shows_kinds and self.isVisible():
            self.refresh()

    def flush(self) -> None:
        """Write an edit still waiting for its save delay (before a restore replaces the data)."""

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in this tab's filter or search box."""

    def add_new(self) -> None:
        """Ctrl+N: add this tab's kind of record."""

    def show_record(self, kind: str, record_id: int) -> None:
        """Select a record of a kind the registry says this tab shows (a "Go to")."""

    def primary_widget(self) -> QWidget:
        """The widget the tab's work happens in (its list, grid or plan)."""
        return self

    def current_engagement(self) -> int | None:
        """The engagement the tab shows, if it shows one: what File → Export proposes."""
        return None

    def export_buttons(self) -> dict[str, QAbstractButton]:
        """The tab's buttons for File → Export's kinds ("sow", "handoff", "timesheet")."""
        return {}
