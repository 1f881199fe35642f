"""The running timer in the window: start, stop, switch and discard, a toolbar button showing
the elapsed time and what is timed, and the text for the title and the tray.

The timer itself is a row in the database (storage.time.timer); this only shows it, ticking once a
second, and starts or stops it. Stopping one shorter than the minimum set in Preferences asks
whether to log it, so a start and an immediate stop does not log a rounded 0:15.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton, QWidget

from storage.rules import BUCKET_LABELS, NotFoundError, ValidationError, format_minutes
from storage.time import timer
from widgets.common import dialogs
from widgets.common.shortcuts import set_shortcut

if TYPE_CHECKING:
    from sqlite_utils import Database

    from storage.time import TimeEntry

START_TEXT = "Start timer"
STOP_TEXT = "Stop timer"
SHORT_ANSWERS = ("Log it", "Discard it", "Keep it running")


class TimerControl(QObject):
    """Ctrl+T starts (asking what for) or stops; Ctrl+Shift+T starts another one."""

    text_changed = Signal(str)  # "0:12:05 · Acme · Strategy", or "" when nothing runs
    entry_logged = Signal(object)  # the TimeEntry a stopped timer created

    def __init__(self, db: Database, parent: QWidget) -> None:
        super().__init__(parent)
        self.db = db
        self.window = parent
        self.button = QToolButton(parent)
        self.button.setObjectName("timerButton")
        self.button.clicked.connect(self._on_button_clicked)
        self._text = ""
        self.toggle_action = QAction(START_TEXT, parent)
        self.toggle_action.setObjectName("timerToggleAction")
        set_shortcut(self.toggle_action, "Ctrl+T")
        self.toggle_action.triggered.connect(self._on_toggle_action_triggered)
        self.switch_action = QAction("Switch timer…", parent)
        set_shortcut(self.switch_action, "Ctrl+Shift+T")
        self.switch_action.setStatusTip("Stop the running timer and start one on something else")
        self.switch_action.triggered.connect(self._on_switch_action_triggered)
        self.discard_action = QAction("Discard timer…", parent)
        set_shortcut(self.discard_action, "Ctrl+Alt+T")
        self.discard_action.setStatusTip("Throw the running timer away without logging it")
        self.discard_action.triggered.connect(self._on_discard_action_triggered)
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
            self.discard_action.setEnabled(self._running)
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
        from storage.practice import engagements  # only while a timer runs

        try:
            label = engagements.get(self.db, running.engagement_id).label
        except NotFoundError:
            label = "a deleted engagement"
        return f"{label} · {BUCKET_LABELS[running.bucket]}"

    @property
    def text(self) -> str:
        """The running timer ("Timer 0:12:05 · Acme Robotics — Fractional CTO · Strategy"), or
        nothing: the toolbar button, the window title and the tray show it."""
        return self._text

    def _show(self, text: str) -> None:
        if text == self._text and self.button.text():
            return
        self._text = text
        self.button.setText(f"■ {text}" if text else f"▶ {START_TEXT}")
        self.button.setToolTip(
            f"{STOP_TEXT} (Ctrl+T) · Discard (Ctrl+Alt+T)" if text else f"{START_TEXT} (Ctrl+T)"
        )
        self.button.setAccessibleName(text or START_TEXT)
        self.text_changed.emit(text)

    def start(self) -> bool:
        """Ask what to time and start; True if a timer now runs."""
        from widgets.time.timer_dialog import TimerDialog  # on the first start

        dialog = TimerDialog(self.db, self.window)
        started = bool(dialog.exec())
        if dialog.stopped is not None:
            self.entry_logged.emit(dialog.stopped)
        self.show_current()
        return started

    def stop(self) -> TimeEntry | None:
        """Log the running timer; one shorter than the minimum asks first."""
        if timer.is_short(self.db) and not self._log_short():
            return None
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

    def _log_short(self) -> bool:
        """Ask about a timer under the minimum: True to log it; discarding happens here."""
        from storage.practice import settings

        minimum = settings.load_profile(self.db).timer_minimum_minutes
        running = timer.current(self.db)
        elapsed = timer.format_elapsed(running.elapsed_seconds()) if running else "0:00:00"
        answer = dialogs.choose(
            self.window,
            "Log a short timer?",
            f"The timer ran {elapsed}, less than the {minimum}-minute minimum set in "
            "Preferences. Log it (rounded up as set there), or discard it?",
            SHORT_ANSWERS,
            default=2,
        )
        if answer == 1:
            self.discard(ask=False)
        return answer == 0

    def discard(self, *, ask: bool = True) -> bool:
        """Throw the running timer away, asking first unless told not to."""
        if timer.current(self.db) is None:
            return False
        question = f"Discard the running timer ({self.text}) without logging it?"
        if ask and not dialogs.confirm(self.window, "Discard timer", question, action="Discard"):
            return False
        timer.discard(self.db)
        self.show_current()
        return True

    def logged_message(self, entry: TimeEntry) -> str:
        return f"Logged {format_minutes(entry.minutes)} ({BUCKET_LABELS[entry.bucket]})"

    def _on_toggle_action_triggered(self) -> None:
        if timer.current(self.db) is None:
            self.start()
        else:
            self.stop()

    def _on_switch_action_triggered(self) -> None:
        self.start()

    def _on_discard_action_triggered(self) -> None:
        self.discard()

    def _on_button_clicked(self) -> None:
        self.toggle_action.trigger()

    def _on_ticker_timeout(self) -> None:
        self.show_current()
