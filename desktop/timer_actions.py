"""Wires the running timer's toolbar button, shortcuts, title and tray icon into the main window."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from desktop import APP_NAME
from storage.file import kinds
from storage.time import TimeEntry
from widgets.time.timer_control import TimerControl

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


def install(window: MainWindow) -> None:
    control = TimerControl(window.db, window)
    control.setObjectName("timerControl")
    window.toolbar.addWidget(control.button)
    window.toolbar.addAction(control.switch_action)
    window.toolbar.addAction(control.discard_action)
    for action in (control.toggle_action, control.switch_action, control.discard_action):
        window.addAction(action)
    window.tray = _tray(window, control)
    control.text_changed.connect(partial(_on_timer_text_changed, window))
    control.entry_logged.connect(partial(_on_timer_entry_logged, window, control))
    _on_timer_text_changed(window, control.text)


def _tray(window: MainWindow, control: TimerControl) -> QSystemTrayIcon | None:
    """A tray icon showing the running timer, where the platform has a tray."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    tray = QSystemTrayIcon(window.windowIcon(), window)
    menu = QMenu(window)
    for action in (control.toggle_action, control.switch_action, control.discard_action):
        menu.addAction(action)
    tray.setContextMenu(menu)
    tray.setToolTip(APP_NAME)
    tray.show()
    return tray


def _on_timer_text_changed(window: MainWindow, text: str) -> None:
    window.setWindowTitle(f"{text} — {APP_NAME}" if text else APP_NAME)
    if window.tray is not None:
        window.tray.setToolTip(f"{text} — {APP_NAME}" if text else APP_NAME)


def _on_timer_entry_logged(window: MainWindow, control: TimerControl, entry: TimeEntry) -> None:
    window.statusBar().showMessage(control.logged_message(entry), 5000)
    window.bus.announce(kinds("time_entry"))  # a tab not built yet reads it when first shown
