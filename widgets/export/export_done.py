"""Said when a document is written: open it, show its folder, or close."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class ExportDoneDialog(QDialog):
    """Non-blocking; its buttons are exposed so tests can click them."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDoneDialog")
        self.setWindowTitle("Document saved")
        self.path = path
        label = QLabel(f"Saved “{path.name}” in\n{path.parent}", self)
        label.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.open_button = buttons.addButton(
            "Open document", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.folder_button = buttons.addButton(
            "Show in folder", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.open_button.clicked.connect(partial(self._on_open, path))
        self.folder_button.clicked.connect(partial(self._on_open, path.parent))
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)
        self.open_button.setDefault(True)
        self.setMinimumWidth(440)

    def _on_open(self, target: Path) -> None:
        open_in_system(target)
        self.accept()


def open_in_system(target: Path) -> bool:
    """Open a file or folder with the system's default application (tests patch this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
