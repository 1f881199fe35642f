"""Wires the running timer's toolbar button, shortcut, status bar and title into the main window."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from desktop import APP_NAME
from storage.time_entries import TimeEntry
from widgets.time.timer_control import TimerControl

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


def install(window: MainWindow) -> None:
    control = TimerControl(window.db, window)
    control.setObjectName("timerControl")
    window.toolbar.addAction(control.toggle_action)
    window.toolbar.addAction(control.switch_action)
    window.addAction(control.toggle_action)
    window.addAction(control.switch_action)
    window.statusBar().addPermanentWidget(control.label)
    control.text_changed.connect(partial(_on_timer_text_changed, window))
    control.entry_logged.connect(partial(_on_timer_entry_logged, window, control))
    _on_timer_text_changed(window, control.text)


def _on_timer_text_changed(window: MainWindow, text: str) -> None:
    window.setWindowTitle(f"{text} — {APP_NAME}" if text else APP_NAME)


def _on_timer_entry_logged(window: MainWindow, control: TimerControl, entry: TimeEntry) -> None:
    window.statusBar().showMessage(control.logged_message(entry), 5000)
    for page in window.created_pages():  # a tab not built yet reads the entry when first shown
        if page.objectName() == "timeTab":
            page.refresh()
