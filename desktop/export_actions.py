"""Wires File → Export and the export buttons into the main window."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


def install(window: MainWindow) -> None:
    """Filled in by the documents feature."""
