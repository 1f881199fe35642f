"""Wires File → Back up now and Restore from backup into the main window."""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop.actions import make_action
from storage import backups
from storage.errors import DataFileError
from widgets.dialogs import show_error
from widgets.restore_dialog import RestoreDialog

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

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
    first = window.file_menu.actions()[0]  # Preferences: backups go above it
    window.file_menu.insertActions(first, [back_up, restore])
    window.file_menu.insertSeparator(first)


def back_up_now(window: MainWindow) -> None:
    try:
        path = backups.create_backup(window.db, window.data_dir, reason="manual")
        backups.rotate(window.data_dir)
    except (OSError, DataFileError) as exc:
        log.exception("Backup failed")
        show_error(window, "Backup failed", f"The backup could not be written: {exc}")
        return
    log.info("Backed up to %s", path)
    window.statusBar().showMessage(f"Backed up to {path}", 10_000)


def restore_from_backup(window: MainWindow) -> None:
    dialog = RestoreDialog(backups.list_backups(window.data_dir), window)
    if not dialog.exec() or dialog.chosen is None:
        return
    chosen = dialog.chosen
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        previous = backups.restore_in_place(window.db, chosen.path)
    except (OSError, DataFileError) as exc:
        log.exception("Restore failed")
        show_error(
            window, "Restore failed", f"Nothing was changed. The backup could not be used: {exc}"
        )
        return
    finally:
        QGuiApplication.restoreOverrideCursor()
    log.info("Restored %s (previous state kept in %s)", chosen.path, previous)
    reload_pages(window)
    window.statusBar().showMessage(
        f"Restored the backup of {chosen.taken_at.astimezone():%d %b %Y %H:%M}. "
        "What you had before is in the backups list.",
        15_000,
    )


def reload_pages(window: MainWindow) -> None:
    """Every tab re-reads the restored data; undo history of the replaced data is dropped."""
    for page in window.created_pages():  # a tab not built yet reads the restored data when shown
        page.undo_stack.clear()
        page.refresh()
