"""The status bar's part of sync: when the last sync was ("Synced 3 min ago"), why it could not
finish ("Sync: the sync folder cannot be reached — retrying"), and the conflicts waiting for
review as a link ("2 sync conflicts") that opens them. Nothing shows when the practice does not
sync on this machine; a problem is said here and retried, never put up as a dialog.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from storage.sync import config as sync_config
from widgets.common import palette

Clock = Callable[[], dt.datetime]
PROBLEM_CHARS = 70  # the status bar keeps its width at 1024 px; the whole problem is in the tip


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def age_text(at: str, now: dt.datetime) -> str:
    """'just now', '3 min ago', '2 h ago', 'on 5 Dec' from an ISO time; '' when unreadable."""
    try:
        when = dt.datetime.fromisoformat(at)
    except ValueError:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    minutes = int((now - when).total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    if minutes < 24 * 60:
        return f"{minutes // 60} h ago"
    local = when.astimezone()
    return f"on {local.day} {local:%b}" + (f" {local.year}" if local.year != now.year else "")


def status_text(last: sync_config.LastSync, now: dt.datetime, *, running: bool = False) -> str:
    """The one line about the last sync."""
    if running:
        return "Syncing…"
    refused = len(last.refused)
    if last.problem:
        return f"Sync: {_short(last.problem)} — retrying"
    if refused:  # a file changed after it was written, or another practice's: never applied
        return f"Sync: {refused} file{'s' if refused != 1 else ''} refused, nothing applied from it"
    if not last.ok:
        return "Sync: the last sync did not finish — retrying"
    if not last.at:
        return "Not synced yet"
    return f"Synced {age_text(last.at, now)}".rstrip()


def _short(problem: str) -> str:
    first = problem.split(". ")[0].rstrip(".")
    return first if len(first) <= PROBLEM_CHARS else first[: PROBLEM_CHARS - 1].rstrip() + "…"


def when_text(at: str) -> str:
    """An ISO time as the machine's local date and time ('1 Jun 2026, 10:27')."""
    try:
        when = dt.datetime.fromisoformat(at)
    except ValueError:
        return at
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    local = when.astimezone()
    return f"{local.day} {local:%b %Y, %H:%M}"


def conflicts_text(count: int) -> str:
    if count <= 0:
        return ""
    return f"{count} sync conflict{'s' if count != 1 else ''}"


class ConflictsLink(QLabel):
    """'2 sync conflicts', underlined like a link; a click opens the review."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncConflictsLink")
        self.setToolTip("Conflicts a sync settled by the rules: review them, flip any (File → "
                        "Sync conflicts…)")  # fmt: skip
        self.linkActivated.connect(lambda _link: self.clicked.emit())

    def show_count(self, count: int) -> None:
        text = conflicts_text(count)
        self.setText(f'<a href="#conflicts">{text}</a>' if text else "")
        self.setVisible(bool(text))


class SyncStatus:
    """The two permanent labels of the status bar; `show` decides what they say."""

    def __init__(self, status_bar: QStatusBar, parent: QWidget, now: Clock = utc_now) -> None:
        self.now = now
        self.label = QLabel(parent)
        self.label.setObjectName("syncStatus")
        self.link = ConflictsLink(parent)
        status_bar.addPermanentWidget(self.link)
        status_bar.addPermanentWidget(self.label)
        self.last: sync_config.LastSync | None = None
        self.running = False
        self.hide()

    def hide(self) -> None:
        """Not syncing here: nothing about sync shows."""
        self.last = None
        self.running = False
        self.label.setText("")
        self.label.setVisible(False)
        self.link.show_count(0)

    def show(self, last: sync_config.LastSync, *, running: bool = False) -> None:
        self.last, self.running = last, running
        self.update()

    def set_running(self, running: bool) -> None:
        if self.last is not None:
            self.running = running
            self.update()

    def update(self) -> None:
        """Re-say the line (its age moves on each minute)."""
        last = self.last
        if last is None:
            return
        failing = bool(last.problem or last.refused) or not last.ok
        self.label.setText(status_text(last, self.now(), running=self.running))
        colour = palette.colours().accent("error").name() if failing else ""
        self.label.setStyleSheet(f"color: {colour};" if colour and not self.running else "")
        tip = [f"Last sync: {when_text(last.at)}" if last.at else "No sync has finished yet"]
        if last.problem:
            tip.append(f"Why it stopped: {last.problem}. Nothing was lost; it tries again.")
        tip += [f"Refused: {line}" for line in last.refused]
        self.label.setToolTip("\n".join(tip))
        self.label.setVisible(True)
        self.link.show_count(last.conflicts)
