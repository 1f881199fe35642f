"""Asking for the recovery key of an encrypted practice whose key this machine's keyring does not
hold (a new computer, a lost keyring entry): checked against the file, then kept in the keyring."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from storage.file import encryption
from storage.rules import DataFileError, ValidationError
from widgets.common.field_errors import error_label


class RecoveryPrompt(QDialog):
    """Unlock accepts once the typed key opens the practice; Quit rejects, changing nothing."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryPrompt")
        self.setWindowTitle("Unlock your practice")
        self.data_dir = data_dir
        self.setMinimumWidth(560)  # the explanation wraps to a few readable lines
        lead = QLabel(
            f"The practice in {data_dir} is encrypted, and this computer's keyring does not hold "
            "its key. Type or paste its recovery key (8 groups of 7 letters and digits; spaces, "
            "dashes and case do not matter)."
        )
        lead.setWordWrap(True)
        self.key = QLineEdit()
        self.key.setObjectName("recoveryKeyField")
        self.key.setPlaceholderText("ABCDEFG-HIJKLMN-…")
        self.key.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.error = error_label()
        buttons = QDialogButtonBox()
        self.unlock = buttons.addButton("Unlock", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Quit", QDialogButtonBox.ButtonRole.RejectRole)
        self.unlock.setDefault(True)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (lead, self.key, self.error, buttons):
            layout.addWidget(widget)

    def _on_buttons_accepted(self) -> None:
        try:
            encryption.recover(self.data_dir, self.key.text())
        except ValidationError as exc:
            self._say(f"That is not a recovery key: {exc.message}.")
            return
        except DataFileError as exc:
            self._say(f"That recovery key does not open this practice ({exc.problem}).")
            return
        self.accept()

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)
