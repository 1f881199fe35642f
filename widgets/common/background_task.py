"""The one background runner: slow work on a pool thread behind a busy progress dialog.

Backups, restores and exports all run through it. The work never gets the UI thread's connection:
`start_on_database` hands it a worker connection of its own, from the one connection factory
(`storage.file.worker_opener`: the practice the window opened, resolved once, with writes
refused there when they are refused in the window).
The result (or the exception) comes back to the UI thread through a queued signal.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

if TYPE_CHECKING:
    from sqlite_utils import Database

    from storage.file import AppDatabase

SHOW_AFTER_MS = 250  # quick work finishes without a dialog flashing up


def _ignore(_value: object) -> None:
    pass


def _on_worker_connection(
    open_worker: Callable[[], Database], work: Callable[[Database], Any]
) -> Any:
    """On the pool thread: open a connection of its own, run the work, close it."""
    with open_worker() as db:
        return work(db)


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)  # the exception


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # handed to the UI thread, which says it in plain words
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


class BackgroundTask(QObject):
    """One piece of work at a time for `parent`'s window; the window stays responsive but
    modal, so nothing else writes while it runs."""

    done = Signal()  # after on_done or on_failed has run
    progressed = Signal(int, int)  # done, total: emitted by `report` from the pool thread

    def __init__(self, parent: QWidget, *, quiet: bool = False) -> None:
        super().__init__(parent)
        self.window = parent
        self.quiet = quiet  # no busy dialog: the work goes on while the user does
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.progress: QProgressDialog | None = None
        self._running: _Runnable | None = None
        self._on_done: Callable[[Any], None] = _ignore
        self._on_failed: Callable[[Exception], None] = _ignore
        self.progressed.connect(self._on_progressed)  # queued: `report` runs on the pool thread

    @property
    def running(self) -> bool:
        return self._running is not None

    def start(
        self,
        text: str,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[Exception], None],
    ) -> bool:
        """Start `work`; False (and nothing started) when another task is still running."""
        if self._running is not None:
            return False
        runnable = _Runnable(work)
        runnable.setAutoDelete(False)
        # Methods of this object, which lives on the UI thread: the signals arrive queued there.
        runnable.signals.finished.connect(self._on_runnable_finished)
        runnable.signals.failed.connect(self._on_runnable_failed)
        self._running, self._on_done, self._on_failed = runnable, on_done, on_failed
        if not self.quiet:
            self.progress = self._make_progress(text)
            QTimer.singleShot(SHOW_AFTER_MS, self._show_progress)
        self.pool.start(runnable)
        return True

    def start_on_database(
        self,
        text: str,
        db: AppDatabase,
        work: Callable[[Database], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[Exception], None],
    ) -> bool:
        """`start` for work that reads or writes the database: it gets a worker connection."""
        from storage.file import worker_opener  # the opening machinery, on the first task

        opener = worker_opener(db)  # read here, on the thread that owns `db`
        return self.start(text, partial(_on_worker_connection, opener, work), on_done, on_failed)

    def report(self, done: int, total: int) -> None:
        """Called by the work on the pool thread; the busy dialog shows how far it got."""
        self.progressed.emit(done, total)

    def _on_progressed(self, done: int, total: int) -> None:
        if self.progress is not None and total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def wait(self) -> None:
        """Block until the work is done (closing the window, tests)."""
        self.pool.waitForDone()

    def _make_progress(self, text: str) -> QProgressDialog:
        from PySide6.QtCore import Qt  # with the first long task (widgets.common.shortcuts)

        progress = QProgressDialog(text, "", 0, 0, self.window)
        progress.setObjectName("backgroundProgress")
        progress.setWindowTitle("Please wait")
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoReset(False)
        progress.setAutoClose(False)
        progress.hide()
        return progress

    def _show_progress(self) -> None:
        if self._running is not None and self.progress is not None:
            self.progress.show()

    def _on_runnable_finished(self, result: object) -> None:
        self._finish(self._on_done, result)

    def _on_runnable_failed(self, error: Exception) -> None:
        self._finish(self._on_failed, error)

    def _finish(self, handler: Callable[[Any], None], value: Any) -> None:
        self._running = None
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        try:
            handler(value)
        finally:
            self.done.emit()
