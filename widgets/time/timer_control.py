"""The running timer in the window: a start/stop action, a status-bar label and the title text.

The timer itself is a row in the database (storage.timer); this only shows it, ticking once a
second, and starts or stops it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QWidget
from sqlite_utils import Database

from storage import engagements, timer
from storage.durations import format_minutes
from storage.engagements import BUCKET_LABELS
from storage.errors import NotFoundError, ValidationError
from storage.time_entries import TimeEntry
from widgets.common import dialogs
from widgets.time.timer_dialog import TimerDialog

START_TEXT = "Start timer"
STOP_TEXT = "Stop timer"


class TimerControl(QObject):
    """Ctrl+T starts (asking what for) or stops; Ctrl+Shift+T starts another one."""

    text_changed = Signal(str)  # "0:12:05 · Acme · Strategy", or "" when nothing runs
    entry_logged = Signal(object)  # the TimeEntry a stopped timer created

    def __init__(self, db: Database, parent: QWidget) -> None:
        super().__init__(parent)
        self.db = db
        self.window = parent
        self.label = QLabel()
        self.label.setObjectName("timerLabel")
        self.toggle_action = QAction(START_TEXT, parent)
        self.toggle_action.setObjectName("timerToggleAction")
        self.toggle_action.setShortcut(QKeySequence("Ctrl+T"))
        self.toggle_action.triggered.connect(self._on_toggle_action_triggered)
        self.switch_action = QAction("Switch timer…", parent)
        self.switch_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.switch_action.setStatusTip("Stop the running timer and start one on something else")
        self.switch_action.triggered.connect(self._on_switch_action_triggered)
        self._running: bool | None = None  # unknown until first read
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._on_ticker_timeout)
        parent.installEventFilter(self)
        self.show_current()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Tick only while the window is open: a closed window's database may be closed too."""
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.ticker.stop()
        elif watched is self.window and event.type() == QEvent.Type.Show:
            self.show_current()
        return False

    def show_current(self) -> None:
        """Read the timer from the database (it survives restarts) and show it."""
        running = timer.current(self.db)
        if self._running is not (running is not None):  # only when it starts or stops
            self._running = running is not None
            self.toggle_action.setText(STOP_TEXT if running else START_TEXT)
            self.toggle_action.setToolTip(f"{self.toggle_action.text()} (Ctrl+T)")
            self.switch_action.setEnabled(self._running)
        if running is None:
            self.ticker.stop()
            self._show("")
            return
        if not self.ticker.isActive():
            self.ticker.start()
        self._show(
            f"Timer {timer.format_elapsed(running.elapsed_seconds())} · {self._what(running)}"
        )

    def _what(self, running: timer.RunningTimer) -> str:
        try:
            label = engagements.get(self.db, running.engagement_id).label
        except NotFoundError:
            label = "a deleted engagement"
        return f"{label} · {BUCKET_LABELS[running.bucket]}"

    @property
    def text(self) -> str:
        """What the status bar shows: the running timer, or nothing."""
        return self.label.text()

    def _show(self, text: str) -> None:
        if text == self.label.text():
            return
        self.label.setText(text)
        self.label.setVisible(bool(text))
        self.text_changed.emit(text)

    def start(self) -> bool:
        """Ask what to time and start; True if a timer now runs."""
        dialog = TimerDialog(self.db, self.window)
        started = bool(dialog.exec())
        if dialog.stopped is not None:
            self.entry_logged.emit(dialog.stopped)
        self.show_current()
        return started

    def stop(self) -> TimeEntry | None:
        try:
            entry = timer.stop(self.db)
        except ValidationError as error:
            dialogs.warn(
                self.window, "Timer not stopped", f"The time cannot be logged: {error.message}."
            )
            return None
        self.show_current()
        if entry is not None:
            self.entry_logged.emit(entry)
        return entry

    def logged_message(self, entry: TimeEntry) -> str:
        return f"Logged {format_minutes(entry.minutes)} ({BUCKET_LABELS[entry.bucket]})"

    def _on_toggle_action_triggered(self) -> None:
        if timer.current(self.db) is None:
            self.start()
        else:
            self.stop()

    def _on_switch_action_triggered(self) -> None:
        self.start()

    def _on_ticker_timeout(self) -> None:
        self.show_current()
