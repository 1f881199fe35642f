"""Keeping the window true to the file: changes saved by another process, and damage that only a
full check finds.

The command line may write while the app is open. `PRAGMA data_version` changes when another
connection commits, so a cheap poll every second and a half tells the window to re-read what it
shows. The full `integrity_check` reads every page, too slow for the start, so it runs once in
the background after the window is up, followed by the automatic daily backup; if it finds
damage, writes stop before any goes into the damaged file.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from storage.file import AppDatabase, data_version, database_path
from widgets.common.background_task import BackgroundTask

if TYPE_CHECKING:
    from storage.file import StartChecks

log = logging.getLogger("fractional_desk")
POLL_MS = 1500
FULL_CHECK_DELAY_MS = 2000


class DataWatch(QObject):
    changed_elsewhere = Signal()  # another process committed since the last look
    damaged = Signal(str)  # the full check's first problem; writes are stopped already
    backup_failed = Signal(str)  # why the automatic backup could not be made

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
        return data_version(self.db)

    def _on_timer_timeout(self) -> None:
        version = self._read_version()
        if version is None:
            return
        if version != self._version or self._pending:
            self._version, self._pending = version, False
            self.changed_elsewhere.emit()

    def run_full_check(self) -> None:
        """The integrity check, then the automatic backup if due, on a pool thread with
        connections of their own."""
        if self.check_task is None:
            self.check_task = BackgroundTask(self.window, quiet=True)
        from storage.file import check_and_back_up  # its backups load with it, after the start

        data_dir = database_path(self.db).parent
        self.check_task.start(
            "", partial(check_and_back_up, data_dir), self._on_checked, self._on_check_failed
        )

    def _on_checked(self, found: StartChecks) -> None:
        if found.damage:
            log.error("The full integrity check found damage; writes stopped")
            self.db.stop_writes(found.damage)
            self.damaged.emit(found.damage)
            return
        log.info("Full integrity check: ok")
        if found.backup_problem:
            log.error("The automatic backup failed")
            self.backup_failed.emit(found.backup_problem)
        elif found.backup is not None:
            log.info("Automatic backup: %s", found.backup.name)

    def _on_check_failed(self, error: Exception) -> None:
        log.warning("The full integrity check could not run (%s)", type(error).__name__)
