"""When the window syncs, and what it shows of it.

A round runs a few seconds after the window is shown, every five minutes while it is open, 20
seconds after the last of a burst of edits, at quit (a bounded wait, said in the status bar),
and on File → Sync now (Ctrl+Shift+S). Each is a `fractional-desk sync` child process started by
the one runner, never two at once. A folder that cannot be reached or is full is shown in the
status bar and retried at the next turn; no automatic round ever puts up a dialog.

Installed after the window's first paint (this module and the sync code load only then). When
the practice does not sync on this machine (no sync file beside the database) no timer runs
and the status bar says nothing about sync.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from desktop.actions import insert_group, make_action
from desktop.data_watch import POLL_MS
from desktop.shell_context import ShellContext
from desktop.sync_runner import SyncResult, SyncRunner
from desktop.sync_status import Clock, SyncStatus, utc_now
from storage.file import ALL_KINDS
from storage.sync import config as sync_config

log = logging.getLogger("fractional_desk")

START_DELAY_MS = 5_000  # after the window is shown: its tab fills first
INTERVAL_MS = 5 * 60_000
DEBOUNCE_MS = 20_000  # after the last edit of a burst
QUIT_WAIT_MS = 10_000  # at quit: longer than this and the next start finishes the work
AGE_TICK_MS = 60_000  # "Synced 3 min ago" moves on
ELSEWHERE_GRACE_S = 2 * POLL_MS / 1000  # the window sees the round's commits within a poll
SHORTCUT = "Ctrl+Shift+S"
ROUND = ("--format", "json")
CONFLICTS = ("conflicts", "--format", "json")


class SyncActions(QObject):
    def __init__(
        self,
        context: ShellContext,
        *,
        start_delay_ms: int = START_DELAY_MS,
        interval_ms: int = INTERVAL_MS,
        debounce_ms: int = DEBOUNCE_MS,
        quit_wait_ms: int = QUIT_WAIT_MS,
        now: Clock = utc_now,
        frozen: bool | None = None,
        program: Sequence[str] = (),
    ) -> None:
        super().__init__(context.parent)
        self.context = context
        self.start_delay_ms = start_delay_ms
        self.quit_wait_ms = quit_wait_ms
        self.runner = SyncRunner(context.data_dir, self, frozen=frozen, program=program)
        self.runner.started.connect(self._on_runner_started)
        self.runner.finished.connect(self._on_runner_finished)
        self.status = SyncStatus(context.status_bar, context.parent, now)
        self.status.link.clicked.connect(self.open_conflicts)
        self.interval = self._timer(interval_ms, single=False)
        self.debounce = self._timer(debounce_ms, single=True)
        self.age = self._timer(AGE_TICK_MS, single=False)
        self.age.timeout.disconnect()
        self.age.timeout.connect(self.status.update)
        self.dirty = False  # edits since the last round started: the quit round is needed
        self._round_ended = -1.0  # monotonic time the last round ended (its commits are no edit)
        self.dialog: Any = None  # the conflicts dialog while open
        self.rounds_started = 0
        self.sync_now_action = make_action(
            context.parent, "S&ync now", self.sync_now, SHORTCUT,
            "Send this machine's changes to the sync folder and take in the others'",
        )  # fmt: skip
        self.sync_now_action.setObjectName("syncNowAction")
        self.conflicts_action = make_action(
            context.parent, "Sync &conflicts…", self.open_conflicts, None,
            "What a sync settled by the rules: review, or flip to the other value",
        )  # fmt: skip
        self.conflicts_action.setObjectName("syncConflictsAction")
        insert_group(
            context.file_menu, context.preferences_action, self.sync_now_action,
            self.conflicts_action,
        )  # fmt: skip
        context.bus.changed.connect(self._on_bus_changed)
        self.config = sync_config.load(context.data_dir)
        self._show_config()

    def _timer(self, interval_ms: int, *, single: bool) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(interval_ms)
        timer.setSingleShot(single)
        timer.timeout.connect(self.run_round)
        return timer

    @property
    def syncing(self) -> bool:
        return self.config is not None

    def start(self) -> None:
        """The window is on screen: the first round soon, then every few minutes."""
        if not self.syncing:
            return
        QTimer.singleShot(self.start_delay_ms, self, self.run_round)
        self.interval.start()
        self.age.start()

    def reload(self) -> None:
        """The sync file may have come or gone (set up, stopped here): follow it."""
        was = self.syncing
        self.config = sync_config.load(self.context.data_dir)
        self._show_config()
        if self.syncing and not was:
            self.interval.start()
            self.age.start()
        elif not self.syncing:
            self.interval.stop()
            self.debounce.stop()
            self.age.stop()

    def _show_config(self) -> None:
        if self.config is None:
            self.status.hide()
        else:
            self.status.show(self.config.last, running=self.runner.busy)
        self.conflicts_action.setEnabled(self.syncing)

    def run_round(self) -> None:
        """One round, now or after the child running (a burst of requests gives one)."""
        if self.syncing:
            self.runner.request(*ROUND)

    def sync_now(self) -> None:
        if not self.syncing:
            self.context.say(
                "This practice does not sync on this machine: set it up in Preferences → Sync",
                6000,
            )
            return
        self.debounce.stop()
        self.run_round()

    def _on_bus_changed(self, kinds: frozenset[str], source: object) -> None:
        if not self.syncing:
            return
        if source is None and kinds == ALL_KINDS and self._round_just_ran():
            return  # the window re-reading what the round itself wrote: no edit to send
        self.dirty = True
        self.debounce.start()  # restarted by each edit: one round 20 s after the last

    def _round_just_ran(self) -> bool:
        """A round is running, or ended within the window's look for changes made elsewhere."""
        if self.runner.running_words == ROUND:
            return True
        return self._round_ended >= 0 and time.monotonic() - self._round_ended < ELSEWHERE_GRACE_S

    def _on_runner_started(self, words: tuple[str, ...]) -> None:
        if words == ROUND:
            self.rounds_started += 1
            self.dirty = False
            self.status.set_running(True)

    def _on_runner_finished(self, result: SyncResult) -> None:
        if result.words == ROUND:
            self._on_round(result)
        elif result.words[:1] == ("conflicts",):
            self._on_conflicts(result)
        elif result.words[:1] in (("setup",), ("leave",)):
            self.reload()
            if self.syncing and result.words[:1] == ("setup",):
                self.run_round()

    def _on_round(self, result: SyncResult) -> None:
        data = result.data if isinstance(result.data, dict) else None
        found = sync_config.load(self.context.data_dir)
        previous = found.last if found is not None else sync_config.LastSync()
        if data is not None:
            last = sync_config.LastSync(
                at=str(data.get("at", "")), ok=bool(data.get("ok")),
                problem=str(data.get("problem", "")), sent=int(data.get("sent", 0)),
                taken=int(data.get("taken", 0)), conflicts=int(data.get("conflicts", 0)),
                refused=[str(r) for r in data.get("refused", [])],
            )  # fmt: skip
        else:  # it stopped before saying anything: keep what is known, say why
            last = sync_config.LastSync(
                at=self.status.now().isoformat(timespec="seconds"), ok=False,
                problem=result.problem or "the sync did not finish", conflicts=previous.conflicts,
            )  # fmt: skip
        if last.problem:
            log.warning("Sync did not finish: %s", last.problem)
        self._round_ended = time.monotonic()
        self.config = found if found is not None else self.config
        self.status.show(last)
        if self.dialog is not None and last.conflicts:
            self.runner.request(*CONFLICTS)

    def open_conflicts(self) -> None:
        """The conflicts waiting, in a window that stays open while syncs go on."""
        from widgets.shell.sync_conflicts_dialog import conflicts_dialog

        if self.dialog is None:
            self.dialog = conflicts_dialog([], self.context.parent)
            self.dialog.message.setText("Reading the conflicts…")
            self.dialog.flip_requested.connect(self._on_flip_requested)
            self.dialog.reviewed_requested.connect(self._on_reviewed_requested)
            self.dialog.finished.connect(self._on_dialog_finished)
        if self.dialog.isVisible():
            self.dialog.activateWindow()
        else:
            self.dialog.show()
        self.runner.request(*CONFLICTS)

    def _on_dialog_finished(self, _code: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def _on_flip_requested(self, conflict_id: int) -> None:
        self.runner.request("conflicts", "--flip", str(conflict_id))

    def _on_reviewed_requested(self, conflict_id: int) -> None:
        self.runner.request("conflicts", "--reviewed", str(conflict_id))

    def _on_conflicts(self, result: SyncResult) -> None:
        if result.words == CONFLICTS:
            if result.ok and isinstance(result.data, list):
                if self.status.last is not None:  # the count follows the list
                    self.status.show(
                        _with_conflicts(self.status.last, len(result.data)),
                        running=self.status.running,
                    )
                if self.dialog is not None:
                    self.dialog.set_conflicts(result.data)
            elif self.dialog is not None:
                self.dialog.show_problem(result.problem)
            return
        if not result.ok and self.dialog is not None:  # a flip or a review that failed
            self.dialog.show_problem(result.problem)
            return
        if "--flip" in result.words:
            self.dirty = True
            self.debounce.start()  # the flipped value goes to the other machines
        self.runner.request(*CONFLICTS)

    def sync_page(self, parent: QWidget | None = None) -> QWidget:
        """Preferences → Sync, driven by this runner."""
        from widgets.shell.sync_page import SyncPage

        return SyncPage(self.context.data_dir, self.runner, parent)

    def at_quit(self) -> None:
        """Send the last edits before the window goes, waiting at most `quit_wait_ms`; a
        round still running then is stopped (the engine is safe to stop anywhere, and the next
        start finishes the work)."""
        if self.syncing:
            self.context.flush_pending_edits()  # an edit still in its save delay goes too
        for timer in (self.interval, self.debounce, self.age):
            timer.stop()
        if not self.syncing or not (self.dirty or self.runner.busy):
            self.runner.stop()
            return
        self.context.say("Syncing before closing…", 0)
        self.context.status_bar.repaint()
        self.runner.drop_waiting(keep=ROUND)
        self.run_round()
        if not self.runner.wait(self.quit_wait_ms):
            log.warning("The sync at quit did not end in time; the next start finishes it")
        self.runner.stop()


def _with_conflicts(last: sync_config.LastSync, count: int) -> sync_config.LastSync:
    return replace(last, conflicts=count)


def install(context: ShellContext, **timing: Any) -> SyncActions:
    return SyncActions(context, **timing)
