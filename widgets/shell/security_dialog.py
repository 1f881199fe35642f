"""Preferences → Security: whether the practice is encrypted, its recovery key (after confirming),
and encrypting or decrypting it. The conversion itself is run by the window, which must close its
connection for the swap; this dialog only says which was asked for."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from storage.file import encryption, keys
from widgets.common import dialogs
from widgets.shell.recovery_key_dialog import RecoveryKeyDialog

ENCRYPT, DECRYPT = "encrypt", "decrypt"


class SecurityDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("securityDialog")
        self.setWindowTitle("Security")
        self.data_dir = data_dir
        self.setMinimumWidth(480)
        self.requested = ""  # ENCRYPT or DECRYPT, once confirmed
        self.encrypt_backups = True
        self.state = encryption.status(data_dir)
        self.summary = QLabel(_summary(self.state))
        self.summary.setObjectName("securitySummary")
        self.summary.setWordWrap(True)
        self.show_key = QPushButton("Show recovery key…")
        self.show_key.setEnabled(self.state.encrypted and self.state.key_in_keyring)
        self.show_key.clicked.connect(self._on_show_key_clicked)
        self.convert = QPushButton(
            "Decrypt this practice…" if self.state.encrypted else "Encrypt this practice…"
        )
        self.convert.setObjectName("convertButton")
        self.convert.setEnabled(self.state.encrypted or keys.keyring_works())
        if not self.convert.isEnabled():
            why = "This computer has no working keyring to keep a key in, so it cannot encrypt."
            self.convert.setToolTip(why)
            self.summary.setText(f"{self.summary.text()}\n\n{why}")
        self.convert.clicked.connect(self._on_convert_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.summary, self.show_key, self.convert, buttons):
            layout.addWidget(widget)

    def _on_show_key_clicked(self) -> None:
        if not dialogs.ask(self, "Show the recovery key?",
                           "Anyone who sees the recovery key can open your practice's files. "
                           "Show it now?", yes="Show it", no="Cancel"):  # fmt: skip
            return
        key = keys.key_for_folder(self.data_dir)
        if key is not None:
            RecoveryKeyDialog(keys.recovery_key(key), self).exec()

    def _on_convert_clicked(self) -> None:
        if self.state.encrypted:
            self._confirm_decrypt()
        else:
            self._confirm_encrypt()

    def _confirm_encrypt(self) -> None:
        if not dialogs.ask(self, "Encrypt this practice?",
                           "Your practice is backed up first, then encrypted; its key goes to "
                           "this computer's keyring and you get a recovery key to keep.",
                           yes="Encrypt", no="Cancel"):  # fmt: skip
            return
        plain = not self.state.backups_encrypted
        self.encrypt_backups = not plain or dialogs.ask(
            self, "Encrypt the backups too?",
            "Some backups are in plain text. Encrypt them as well, so no copy of your practice "
            "stays readable?", yes="Encrypt them", no="Keep them as they are",
        )  # fmt: skip
        self.requested = ENCRYPT
        self.accept()

    def _confirm_decrypt(self) -> None:
        if dialogs.confirm(self, "Decrypt this practice?",
                           "Your practice and its backups will be stored in plain text: anyone "
                           "who gets the files (a lost laptop, a synced folder) can read them.",
                           action="Decrypt"):  # fmt: skip
            self.requested = DECRYPT
            self.accept()


def _summary(state: encryption.EncryptionStatus) -> str:
    if not state.encrypted:
        return ("Your practice is not encrypted: anyone who gets its files can read them. "
                "Encrypt it to keep client data unreadable without this computer's keyring.")  # fmt: skip
    where = ("Its key is in this computer's keyring." if state.key_in_keyring
             else "Its key was typed in this session only.")  # fmt: skip
    backups = ("Every backup is encrypted." if state.backups_encrypted
               else "Some backups are still in plain text.")  # fmt: skip
    return f"Your practice is encrypted ({state.cipher}). {where} {backups}"
