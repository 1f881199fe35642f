"""Wires File → Back up now and Restore from backup into the main window.

Both copy the whole database, which takes seconds on a large practice, so the copying runs on
a pool thread (with its own connections) behind a busy dialog; only the final swap of a restore,
one rename, happens on the UI thread.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from desktop.actions import insert_group, make_action
from storage.file import Backup, PreparedRestore, backups, restore_in_place
from storage.rules import DataFileError
from widgets.common import dialogs

if TYPE_CHECKING:
    from desktop.main_window import MainWindow
    from widgets.common.background_task import BackgroundTask

log = logging.getLogger("fractional_desk")


def install(window: MainWindow) -> None:
    back_up = make_action(
        window,
        "&Back up now",
        partial(back_up_now, window),
        tip="Copy your data into the backups folder",
    )
    back_up.setObjectName("backUpNowAction")
    restore = make_action(
        window,
        "&Restore from backup…",
        partial(restore_from_backup, window),
        tip="Go back to an earlier backup (what you have now is backed up first)",
    )
    restore.setObjectName("restoreFromBackupAction")
    insert_group(window.file_menu, window.preferences_action, back_up, restore)


def background_task(window: MainWindow) -> BackgroundTask:
    """The window's one runner for backups and restores, made on first use."""
    task = window.backup_task
    if task is None:
        from widgets.common.background_task import BackgroundTask

        task = BackgroundTask(window)
        task.setObjectName("backupTask")
        window.backup_task = task
    return task


def back_up_now(window: MainWindow) -> None:
    data_dir = window.data_dir

    def work(db: Database) -> Path:  # on the pool thread, with a worker connection
        return backups.back_up_and_rotate(db, data_dir, reason="manual")

    failed = partial(_on_failed, window, "Backup failed", "The backup could not be written")
    started = background_task(window).start_on_database(
        "Backing up your data…", window.db, work, partial(_on_backed_up, window), failed
    )
    if not started:
        window.statusBar().showMessage("A backup or restore is still running", 5000)


def _on_backed_up(window: MainWindow, path: Path) -> None:
    log.info("Backed up to %s", path)
    window.statusBar().showMessage(f"Backed up to {path}", 10_000)


def _on_failed(window: MainWindow, title: str, lead: str, error: Exception) -> None:
    if not isinstance(error, (OSError, DataFileError)):
        raise error  # a bug: the error hook reports it with its details
    log.error("%s: %s", title, error)
    dialogs.show_error(window, title, f"{lead}: {error}")


def restore_from_backup(window: MainWindow) -> None:
    from widgets.shell.restore_dialog import RestoreDialog  # only when asked for

    dialog = RestoreDialog(backups.list_backups(window.data_dir), window)
    if not dialog.exec() or dialog.chosen is None:
        return
    chosen, data_dir = dialog.chosen, window.data_dir
    flush_pending_edits(window)  # so the backup of what is replaced holds the last edit
    lead = "Nothing was changed. The backup could not be used"
    started = background_task(window).start(
        "Restoring the backup…",
        partial(backups.prepare_restore, data_dir, chosen.path),
        partial(_on_restore_prepared, window, chosen),
        partial(_on_failed, window, "Restore failed", lead),
    )
    if not started:
        window.statusBar().showMessage("A backup or restore is still running", 5000)


def _on_restore_prepared(window: MainWindow, chosen: Backup, prepared: PreparedRestore) -> None:
    """Back on the UI thread: swap the checked copy in and let every tab read it."""
    try:
        previous = restore_in_place(window.db, prepared)
    except (OSError, DataFileError) as exc:
        backups.discard(prepared)
        log.error("Restore failed: %s", type(exc).__name__)
        dialogs.show_error(
            window, "Restore failed", f"Nothing was changed. The backup could not be used: {exc}"
        )
        return
    log.info("Restored %s (previous state kept in %s)", chosen.path, previous)
    window.after_restore()
    reload_pages(window)
    window.statusBar().showMessage(
        f"Restored the backup of {chosen.taken_at.astimezone():%d %b %Y %H:%M}. "
        "What you had before is in the backups list.",
        15_000,
    )


def flush_pending_edits(window: MainWindow) -> None:
    """Write edits still waiting for their save delay; when writes are refused (a damaged or
    read-only file) the restore must still be possible, so a refusal here is only logged."""
    for page in window.created_pages():
        try:
            page.flush()
        except (OSError, DataFileError) as exc:
            log.warning(
                "A pending edit could not be saved before the restore: %s", type(exc).__name__
            )


def reload_pages(window: MainWindow) -> None:
    """Every tab re-reads the restored data; undo history of the replaced data is dropped."""
    for page in window.created_pages():  # a tab not built yet reads the restored data when shown
        page.undo_stack.clear()
        page.refresh()
