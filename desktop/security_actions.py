"""File → Security… (also reached from Preferences): the encryption of the practice, and the
status bar's note saying whether it is encrypted.

Encrypting or decrypting copies the whole database, so the copy runs on a pool thread behind a
busy dialog; the swap happens on the UI thread with the window's connection closed, as a
restore's does.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

from desktop import practice_start
from desktop.actions import make_action
from desktop.backup_actions import BUSY
from desktop.shell_context import ShellContext
from storage import file as storage_file  # its encryption loads with the first conversion
from storage.file import database_file, is_encrypted, reopen
from storage.rules import DataFileError, NoKeyringError
from widgets.common import dialogs

if TYPE_CHECKING:
    from storage.file import PreparedConversion

log = logging.getLogger("fractional_desk")


class SecurityActions(QObject):
    """File → Security… and the privacy note; `replaced` says the open file was converted."""

    replaced = Signal()  # the converted file is in place: the window and every tab start afresh

    def __init__(self, context: ShellContext) -> None:
        super().__init__(context.parent)
        self.context = context
        self.security_action = make_action(
            context.parent,
            "&Security…",
            self.show_security,
            tip="Encryption of your practice and its recovery key",
        )
        self.security_action.setObjectName("securityAction")
        self.privacy_label = QLabel(context.parent)
        self.privacy_label.setObjectName("privacyLabel")
        self.show_privacy()

    def show_privacy(self) -> None:
        """A permanent note in the status bar: encrypted or not."""
        encrypted = is_encrypted(database_file(self.context.data_dir))
        self.privacy_label.setText("Encrypted" if encrypted else "Not encrypted")
        self.privacy_label.setToolTip(
            "Your practice and its backups are encrypted; the key is in this computer's keyring."
            if encrypted
            else "Your practice is stored in plain text. File → Security… encrypts it."
        )

    def show_security(self) -> None:
        from widgets.shell.security_dialog import ENCRYPT, SecurityDialog  # only when asked for

        dialog = SecurityDialog(self.context.data_dir, self.context.parent)
        if dialog.exec() and dialog.requested:
            encrypt = dialog.requested == ENCRYPT
            self.convert(encrypt=encrypt, backups_too=dialog.encrypt_backups)

    def convert(self, *, encrypt: bool, backups_too: bool = True) -> None:
        self.context.flush_pending_edits()
        prepare = (
            storage_file.encryption.prepare_encrypt
            if encrypt
            else storage_file.encryption.prepare_decrypt
        )
        started = self.context.tasks.start(
            "Encrypting your practice…" if encrypt else "Decrypting your practice…",
            partial(prepare, self.context.data_dir),
            partial(self._on_prepared, backups_too),
            self._on_failed,
        )
        if not started:
            self.context.say(BUSY, 5000)

    def _on_prepared(self, backups_too: bool, prepared: PreparedConversion) -> None:
        """Back on the UI thread: swap the converted file in under a closed connection."""
        db = self.context.db
        db.conn.close()
        try:
            storage_file.encryption.finish(prepared, convert_backups=backups_too)
        finally:
            reopen(db)  # the practice anew: its key changed
        self.replaced.emit()
        self.show_privacy()
        log.info("Practice %s", "encrypted" if prepared.key else "decrypted")
        if prepared.key is not None:
            practice_start.show_new_recovery_key(self.context.parent, prepared.key)
        self.context.say(
            "Your practice is encrypted."
            if prepared.key
            else "Your practice is in plain text now.",
            10_000,
        )

    def _on_failed(self, error: Exception) -> None:
        if not isinstance(error, (OSError, DataFileError, NoKeyringError)):
            raise error  # a bug: the error hook reports it with its details
        log.error("Conversion failed: %s", type(error).__name__)
        dialogs.show_error(
            self.context.parent, "Nothing was changed", f"The practice was not converted: {error}"
        )


def install(context: ShellContext) -> SecurityActions:
    """File → Security… beside Preferences; the privacy note at the right of the status bar."""
    built = SecurityActions(context)
    context.file_menu.insertAction(context.preferences_action, built.security_action)
    context.status_bar.addPermanentWidget(built.privacy_label)
    return built
