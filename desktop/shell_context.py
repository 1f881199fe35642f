"""What a group of actions gets from the main window, and nothing more.

Each `*_actions` module is given a `ShellContext` and returns what it built; the window keeps
that. So the groups never import the window, never set attributes on it, and what each one uses
of the shell is written down here, typed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QStatusBar, QToolBar

from storage.file import AppDatabase
from storage.rules import DataFileError
from widgets.common.background_task import BackgroundTask
from widgets.common.change_bus import ChangeBus
from widgets.common.tab_page import TabPage

log = logging.getLogger("fractional_desk")


class Pages(Protocol):
    """The window's tabs, each built the first time it is shown."""

    page_created: SignalInstance  # a TabPage, the first time its tab is shown

    def created_pages(self) -> list[TabPage]: ...

    def built_page(self, index: int) -> TabPage | None: ...

    def current_page(self) -> TabPage: ...


@dataclass(frozen=True)
class ShellContext:
    db: AppDatabase
    data_dir: Path
    parent: QMainWindow  # owns the actions and the dialogs
    file_menu: QMenu
    preferences_action: QAction  # File menu: groups about the practice's file go above it
    quit_action: QAction  # File menu: groups about documents and files go above it
    toolbar: QToolBar
    status_bar: QStatusBar
    pages: Pages
    tasks: BackgroundTask  # the one runner of backups, restores and conversions: one at a time
    bus: ChangeBus  # what was written: each tab re-reads the kinds of record it shows

    def say(self, message: str, timeout_ms: int) -> None:
        self.status_bar.showMessage(message, timeout_ms)

    def current_engagement_id(self) -> int | None:
        """The engagement the current tab shows, if it shows one: what an export proposes."""
        return self.pages.current_page().current_engagement()

    def announce(self, changed: frozenset[str]) -> None:
        """The tab shown re-reads if it shows a kind that changed; the others when shown."""
        self.bus.announce(changed)

    def flush_pending_edits(self) -> None:
        """Write edits still waiting for their save delay, so that a backup taken before the data
        is replaced holds the last edit. When writes are refused (a damaged or read-only file)
        the replacement must still be possible, so a refusal here is only logged."""
        for page in self.pages.created_pages():
            try:
                page.flush()
            except (OSError, DataFileError) as exc:
                log.warning("A pending edit could not be saved first: %s", type(exc).__name__)
