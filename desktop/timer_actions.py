"""The running timer: its toolbar button, its shortcuts, and its tray icon."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from desktop import APP_NAME
from desktop.shell_context import ShellContext
from storage.file import kinds
from widgets.time.timer_control import TimerControl

if TYPE_CHECKING:
    from storage.time import TimeEntry


@dataclass(frozen=True)
class TimerActions:
    control: TimerControl  # its text_changed gives the window its title
    tray: QSystemTrayIcon | None  # where the platform has a tray


def install(context: ShellContext) -> TimerActions:
    """The button and its actions on the toolbar; the shortcuts work anywhere in the window."""
    control = TimerControl(context.db, context.parent)
    control.setObjectName("timerControl")
    context.toolbar.addWidget(control.button)
    context.toolbar.addAction(control.switch_action)
    context.toolbar.addAction(control.discard_action)
    for action in (control.toggle_action, control.switch_action, control.discard_action):
        context.parent.addAction(action)
    tray = _tray(context, control)
    control.entry_logged.connect(partial(_on_timer_entry_logged, context, control))
    return TimerActions(control, tray)


def title(text: str) -> str:
    """The window's title (and the tray's tip) while a timer runs, or without one."""
    return f"{text} — {APP_NAME}" if text else APP_NAME


def _tray(context: ShellContext, control: TimerControl) -> QSystemTrayIcon | None:
    """A tray icon showing the running timer, where the platform has a tray."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    tray = QSystemTrayIcon(context.parent.windowIcon(), context.parent)
    menu = QMenu(context.parent)
    for action in (control.toggle_action, control.switch_action, control.discard_action):
        menu.addAction(action)
    tray.setContextMenu(menu)
    tray.setToolTip(title(control.text))
    control.text_changed.connect(partial(_on_timer_text_changed, tray))
    tray.show()
    return tray


def _on_timer_text_changed(tray: QSystemTrayIcon, text: str) -> None:
    tray.setToolTip(title(text))


def _on_timer_entry_logged(context: ShellContext, control: TimerControl, entry: TimeEntry) -> None:
    context.say(control.logged_message(entry), 5000)
    context.announce(kinds("time_entry"))  # a tab not built yet reads it when first shown
