"""Validation messages shown beside the field they are about, in red, in plain words."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from storage.rules import ValidationError
from widgets.common import palette


class ErrorLabel(QLabel):
    """A hidden, wrapping label in the error colour; its `tint` can change that colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tint = palette.Tint(self, "error")
        self.setWordWrap(True)
        self.hide()


def error_label(parent: QWidget | None = None) -> ErrorLabel:
    return ErrorLabel(parent)


class FieldErrors:
    """One hidden label per field; `show(error)` reveals the one the error names."""

    def __init__(self, general: QLabel | None = None) -> None:
        self.labels: dict[str, QLabel] = {}
        self.general = general

    def add(self, field: str, label: QLabel) -> QLabel:
        self.labels[field] = label
        return label

    def show(self, error: ValidationError) -> None:
        self.clear()
        label = self.labels.get(error.field, self.general)
        if label is None:
            return
        label.setText(error.message[:1].upper() + error.message[1:])
        label.show()

    def clear(self) -> None:
        for label in (*self.labels.values(), self.general):
            if label is not None:
                label.clear()
                label.hide()

    def message(self, field: str) -> str:
        label = self.labels.get(field)
        return label.text() if label is not None and label.isVisible() else ""
