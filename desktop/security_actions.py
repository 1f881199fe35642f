"""Wires File → Security… (also reached from Preferences): the encryption of the practice.

Encrypting or decrypting copies the whole database, so the copy runs on a pool thread behind a
busy dialog; the swap happens on the UI thread with the window's connection closed, as a
restore's does.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from desktop import practice_start
from desktop.actions import make_action
from desktop.backup_actions import background_task, flush_pending_edits, reload_pages
from storage.file import (
    PreparedConversion,
    database_file,
    encryption,
    is_encrypted,
    reopen,
)
from storage.rules import DataFileError, NoKeyringError
from widgets.common import dialogs

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

log = logging.getLogger("fractional_desk")


def install(window: MainWindow) -> None:
    security = make_action(window, "&Security…", partial(show_security, window),
                           tip="Encryption of your practice and its recovery key")  # fmt: skip
    security.setObjectName("securityAction")
    window.file_menu.insertAction(window.preferences_action, security)  # beside Preferences
    show_privacy(window)


def show_privacy(window: MainWindow) -> None:
    """A permanent note in the status bar: encrypted or not."""
    encrypted = is_encrypted(database_file(window.data_dir))
    window.privacy_label.setText("Encrypted" if encrypted else "Not encrypted")
    window.privacy_label.setToolTip(
        "Your practice and its backups are encrypted; the key is in this computer's keyring."
        if encrypted
        else "Your practice is stored in plain text. File → Security… encrypts it."
    )


def show_security(window: MainWindow) -> None:
    from widgets.shell.security_dialog import ENCRYPT, SecurityDialog  # only when asked for

    dialog = SecurityDialog(window.data_dir, window)
    if dialog.exec() and dialog.requested:
        convert(window, encrypt=dialog.requested == ENCRYPT, backups_too=dialog.encrypt_backups)


def convert(window: MainWindow, *, encrypt: bool, backups_too: bool = True) -> None:
    flush_pending_edits(window)
    prepare = encryption.prepare_encrypt if encrypt else encryption.prepare_decrypt
    started = background_task(window).start(
        "Encrypting your practice…" if encrypt else "Decrypting your practice…",
        partial(prepare, window.data_dir),
        partial(_on_prepared, window, backups_too),
        partial(_on_failed, window),
    )
    if not started:
        window.statusBar().showMessage("A backup, restore or conversion is still running", 5000)


def _on_prepared(window: MainWindow, backups_too: bool, prepared: PreparedConversion) -> None:
    """Back on the UI thread: swap the converted file in under a closed connection."""
    window.db.conn.close()
    try:
        encryption.finish(prepared, convert_backups=backups_too)
    finally:
        reopen(window.db)  # the practice anew: its key changed
    window.after_restore()
    reload_pages(window)
    show_privacy(window)
    log.info("Practice %s", "encrypted" if prepared.key else "decrypted")
    if prepared.key is not None:
        practice_start.show_new_recovery_key(window, prepared.key)
    window.statusBar().showMessage(
        "Your practice is encrypted." if prepared.key else "Your practice is in plain text now.",
        10_000,
    )


def _on_failed(window: MainWindow, error: Exception) -> None:
    if not isinstance(error, (OSError, DataFileError, NoKeyringError)):
        raise error  # a bug: the error hook reports it with its details
    log.error("Conversion failed: %s", type(error).__name__)
    dialogs.show_error(window, "Nothing was changed", f"The practice was not converted: {error}")
