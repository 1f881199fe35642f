"""Small input widgets the engagement editor needs: a date, and a date that may be empty."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget

from storage.rules import today

DATE_FORMAT = "yyyy-MM-dd"


def date_edit(value: dt.date | None, parent: QWidget | None = None) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setDate(_qdate(value or today()))
    return edit


def _qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def to_date(edit: QDateEdit) -> dt.date:
    q = edit.date()
    return dt.date(q.year(), q.month(), q.day())


class OptionalDateEdit(QWidget):
    """A date with a check box in front: unticked means "no date"."""

    def __init__(self, value: dt.date | None, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox(label, self)
        self.date = date_edit(value, self)
        self.enabled.setChecked(value is not None)
        self.date.setEnabled(value is not None)
        self.enabled.toggled.connect(self.date.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.date, 1)

    def value(self) -> dt.date | None:
        return to_date(self.date) if self.enabled.isChecked() else None

    def set_value(self, value: dt.date | None) -> None:
        self.enabled.setChecked(value is not None)
        if value is not None:
            self.date.setDate(_qdate(value))
