"""Asking for the recovery key of an encrypted practice whose key this machine's keyring does not
hold (a new computer, a lost keyring entry) or whose key file was lost (the file copied alone):
checked against the file itself, then kept in the keyring and the key file written again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from storage.file import keys, recovery
from storage.rules import DataFileError, NoKeyringError, ValidationError
from widgets.common.field_errors import error_label

TYPING = (
    "Type or paste its recovery key (8 groups of 7 letters and digits; spaces, dashes and case "
    "do not matter)."
)


class RecoveryPrompt(QDialog):
    """Unlock accepts once the typed key opens the practice; Quit rejects, changing nothing."""

    def __init__(
        self, data_dir: Path, parent: QWidget | None = None, *, key_file_lost: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryPrompt")
        self.setWindowTitle("Unlock your practice")
        self.data_dir = data_dir
        self.setMinimumWidth(560)  # the explanation wraps to a few readable lines
        self.lead = QLabel(_lead(data_dir, key_file_lost=key_file_lost))
        self.lead.setWordWrap(True)
        self.key = QLineEdit()
        self.key.setObjectName("recoveryKeyField")
        self.key.setPlaceholderText("ABCDEFG-HIJKLMN-…")
        self.key.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.lead.setBuddy(self.key)
        self.error = error_label()
        buttons = QDialogButtonBox()
        self.unlock = buttons.addButton("Unlock", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Quit", QDialogButtonBox.ButtonRole.RejectRole)
        self.unlock.setDefault(True)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.lead, self.key, self.error, buttons):
            layout.addWidget(widget)

    def _on_buttons_accepted(self) -> None:
        try:
            recovery.recover(self.data_dir, self.key.text())
        except ValidationError as exc:
            self._say(f"That is not a recovery key: {exc.message}.")
            return
        except DataFileError as exc:
            self._say(f"That recovery key does not open this practice: the file {exc.problem}.")
            return
        except NoKeyringError as exc:  # a locked keyring: unlocking it is the way on
            self._say(f"The recovery key is right, but {exc}.")
            return
        self.accept()

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)


def _lead(data_dir: Path, *, key_file_lost: bool) -> str:
    if key_file_lost:
        return (
            f"The file in {data_dir} is not plain SQLite, and its key file "
            f"({keys.MARKER_FILENAME}) is not beside it. If it is your encrypted practice "
            f"(copied alone, or its key file deleted), {TYPING[0].lower()}{TYPING[1:]} The key "
            "file is written again."
        )
    return (
        f"The practice in {data_dir} is encrypted, and this computer's keyring does not hold its "
        f"key. {TYPING}"
    )
