"""File → Back up now and Restore from backup.

Both copy the whole database, which takes seconds on a large practice, so the copying runs on
a pool thread (with its own connections) behind a busy dialog; only the final swap of a restore,
one rename, happens on the UI thread.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from desktop.actions import insert_group, make_action
from desktop.shell_context import ShellContext
from storage import file as storage_file  # its backups load with the first backup or restore
from storage.file import restore_in_place
from storage.rules import DataFileError
from widgets.common import dialogs

if TYPE_CHECKING:
    from sqlite_utils import Database

    from storage.file import Backup, PreparedRestore

log = logging.getLogger("fractional_desk")

BUSY = "A backup, restore or conversion is still running"


class BackupActions(QObject):
    """The two actions, and what they do; `replaced` says the open file was replaced."""

    replaced = Signal()  # after a restore: the window lets writes and every tab start afresh

    def __init__(self, context: ShellContext) -> None:
        super().__init__(context.parent)
        self.context = context
        self.back_up_action = make_action(
            context.parent,
            "&Back up now",
            self.back_up_now,
            tip="Copy your data into the backups folder",
        )
        self.back_up_action.setObjectName("backUpNowAction")
        self.restore_action = make_action(
            context.parent,
            "&Restore from backup…",
            self.restore_from_backup,
            tip="Go back to an earlier backup (what you have now is backed up first)",
        )
        self.restore_action.setObjectName("restoreFromBackupAction")

    @property
    def actions(self) -> tuple[QAction, QAction]:
        return self.back_up_action, self.restore_action

    def back_up_now(self) -> None:
        data_dir = self.context.data_dir

        def work(db: Database) -> Path:  # on the pool thread, with a worker connection
            return storage_file.backups.back_up_and_rotate(db, data_dir, reason="manual")

        failed = partial(self._on_failed, "Backup failed", "The backup could not be written")
        started = self.context.tasks.start_on_database(
            "Backing up your data…", self.context.db, work, self._on_backed_up, failed
        )
        if not started:
            self.context.say(BUSY, 5000)

    def _on_backed_up(self, path: Path) -> None:
        log.info("Backed up to %s", path)
        self.context.say(f"Backed up to {path}", 10_000)

    def _on_failed(self, title: str, lead: str, error: Exception) -> None:
        if not isinstance(error, (OSError, DataFileError)):
            raise error  # a bug: the error hook reports it with its details
        log.error("%s: %s", title, error)
        dialogs.show_error(self.context.parent, title, f"{lead}: {error}")

    def restore_from_backup(self) -> None:
        from widgets.shell.restore_dialog import RestoreDialog  # only when asked for

        data_dir = self.context.data_dir
        dialog = RestoreDialog(storage_file.backups.list_backups(data_dir), self.context.parent)
        if not dialog.exec() or dialog.chosen is None:
            return
        chosen = dialog.chosen
        self.context.flush_pending_edits()  # so the backup of what is replaced holds the last edit
        lead = "Nothing was changed. The backup could not be used"
        started = self.context.tasks.start(
            "Restoring the backup…",
            partial(storage_file.backups.prepare_restore, data_dir, chosen.path),
            partial(self._on_restore_prepared, chosen),
            partial(self._on_failed, "Restore failed", lead),
        )
        if not started:
            self.context.say(BUSY, 5000)

    def _on_restore_prepared(self, chosen: Backup, prepared: PreparedRestore) -> None:
        """Back on the UI thread: swap the checked copy in and let every tab read it."""
        try:
            previous = restore_in_place(self.context.db, prepared)
        except (OSError, DataFileError) as exc:
            storage_file.backups.discard(prepared)
            log.error("Restore failed: %s", type(exc).__name__)
            dialogs.show_error(
                self.context.parent,
                "Restore failed",
                f"Nothing was changed. The backup could not be used: {exc}",
            )
            return
        log.info("Restored %s (previous state kept in %s)", chosen.path, previous)
        self.replaced.emit()
        self.context.say(
            f"Restored the backup of {chosen.taken_at.astimezone():%d %b %Y %H:%M}. "
            "What you had before is in the backups list.",
            15_000,
        )


def install(context: ShellContext) -> BackupActions:
    """The actions, in the File menu above Preferences."""
    built = BackupActions(context)
    insert_group(context.file_menu, context.preferences_action, *built.actions)
    return built
