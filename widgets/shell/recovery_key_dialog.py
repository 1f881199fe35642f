"""The recovery key, shown once when a practice is encrypted (and again from Security after
confirming): the only way into the practice on a machine whose keyring does not hold its key."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from storage.file import recovery
from widgets.common import dialogs


class RecoveryKeyDialog(QDialog):
    """The key in groups a person can type, with Copy, Save as file… and Print…; every button has
    its Alt key, and Tab reaches the key itself (Ctrl+C copies a selection of it)."""

    def __init__(self, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle("Your recovery key")
        self.recovery_key = recovery_key
        self.saved_to: Path | None = None
        lead = QLabel(
            "Your practice is encrypted. Its key is kept in this computer's keyring, so you never "
            "type it. If the keyring is lost (a new computer, a reinstalled system), this recovery "
            "key is the only way back in. Save it or print it, and keep it away from this computer."
        )
        lead.setWordWrap(True)
        self.key_label = QLabel(recovery_key.replace("-", "  "))
        self.key_label.setObjectName("recoveryKey")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(font.pointSize() + 3)
        font.setWeight(QFont.Weight.DemiBold)
        self.key_label.setFont(font)
        self.key_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.key_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it, Ctrl+C copies
        self.copy_button = QPushButton("&Copy")
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.save_button = QPushButton("&Save as file…")
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.print_button = QPushButton("&Print…")
        self.print_button.clicked.connect(self._on_print_button_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("I have kept it")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(lead)
        layout.addWidget(self.key_label)
        layout.addWidget(buttons)

    def save_to(self, path: Path) -> bool:
        try:
            recovery.write_recovery_file(path, self.recovery_key)
        except OSError as exc:
            dialogs.show_error(self, "Not saved", f"The recovery key was not saved: {exc}")
            return False
        self.saved_to = path
        self.save_button.setText("Saved")
        return True

    def copy(self) -> None:
        """The key as typed back (groups joined by dashes) onto the clipboard."""
        QGuiApplication.clipboard().setText(self.recovery_key)
        self.copy_button.setText("Copied")

    def _on_copy_button_clicked(self) -> None:
        self.copy()

    def _on_save_button_clicked(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save the recovery key", "Fractional Desk recovery key.txt", "Text (*.txt)"
        )
        if chosen:
            self.save_to(Path(chosen))

    def _on_print_button_clicked(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # only when asked for

        printer = QPrinter()
        if QPrintDialog(printer, self).exec():
            document = QTextDocument()
            document.setPlainText(f"Fractional Desk recovery key\n\n{self.recovery_key}\n")
            document.print_(printer)
