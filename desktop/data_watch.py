"""Keeping the window true to the file: changes saved by another process, and damage that only a
full check finds.

The command line may write while the app is open. `PRAGMA data_version` changes when another
connection commits, so a cheap poll every second and a half tells the window to re-read what it
shows. The full `integrity_check` reads every page, too slow for the start, so it runs once in
the background after the window is up; if it finds damage, writes stop before any goes into
the damaged file.
"""

from __future__ import annotations

import logging
import sqlite3
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from storage.db import database_path
from storage.durability import AppDatabase
from storage.file_check import integrity_problems
from widgets.background_task import BackgroundTask

log = logging.getLogger("fractional_desk")
POLL_MS = 1500
FULL_CHECK_DELAY_MS = 2000


class DataWatch(QObject):
    changed_elsewhere = Signal()  # another process committed since the last look
    damaged = Signal(str)  # the full check's first problem; writes are stopped already

    def __init__(self, db: AppDatabase, parent: QWidget) -> None:
        super().__init__(parent)
        self.db = db
        self.window = parent
        self._version = self._read_version()
        self._pending = False
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.check_task: BackgroundTask | None = None

    def start(self, *, full_check: bool = True) -> None:
        self.timer.start()
        if full_check:
            QTimer.singleShot(FULL_CHECK_DELAY_MS, self.run_full_check)

    def stop(self) -> None:
        self.timer.stop()
        if self.check_task is not None:
            self.check_task.wait()

    def defer(self) -> None:
        """The window could not re-read now (the user is typing): tell it again next time."""
        self._pending = True

    def reset(self) -> None:
        """The connection was replaced (a restore): what it holds now is the new baseline."""
        self._version = self._read_version()
        self._pending = False

    def _read_version(self) -> int | None:
        try:
            return int(self.db.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return None

    def _on_timer_timeout(self) -> None:
        version = self._read_version()
        if version is None:
            return
        if version != self._version or self._pending:
            self._version, self._pending = version, False
            self.changed_elsewhere.emit()

    def run_full_check(self) -> None:
        """SQLite's integrity check on a pool thread, with its own read-only connection."""
        if self.check_task is None:
            self.check_task = BackgroundTask(self.window, quiet=True)
        path = database_path(self.db)
        self.check_task.start(
            "", partial(integrity_problems, path), self._on_checked, self._on_check_failed
        )

    def _on_checked(self, problems: list[str]) -> None:
        if not problems:
            log.info("Full integrity check: ok")
            return
        log.error("Full integrity check found %d problem(s); writes stopped", len(problems))
        self.db.stop_writes(problems[0])
        self.damaged.emit(problems[0])

    def _on_check_failed(self, error: Exception) -> None:
        log.warning("The full integrity check could not run (%s)", type(error).__name__)
