"""The window's one broadcast of what changed, so each tab re-reads only what moved.

After a write, an undo or redo, an import or a restore, the window announces the kinds of record
touched (`storage.file.changes`: "time_entry", "decision", ...) with the tab that wrote, which
is already up to date. Every other tab showing one of those kinds refreshes itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal


class ChangeBus(QObject):
    """Owned by the main window; a tab attaches to it when built."""

    changed = Signal(object, object)  # frozenset[str] of kinds, the source object or None

    def announce(self, kinds: Iterable[str], source: object = None) -> None:
        touched = frozenset(kinds)
        if touched:
            self.changed.emit(touched, source)
