"""Which engagement to export, and for a timesheet which dates: asked before the save dialog."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QWidget,
)
from sqlite_utils import Database

from storage import engagements
from storage.clock import today
from storage.engagements import Engagement


@dataclass(frozen=True)
class ExportRequest:
    """What to write: the document kind, the engagement and (timesheets) the date range."""

    kind: str
    engagement: Engagement
    start: dt.date | None = None
    end: dt.date | None = None


class ExportOptionsDialog(QDialog):
    """Engagement (preselected from the tab) and, for a timesheet, From and To dates."""

    def __init__(
        self, db: Database, kind: str, label: str, engagement_id: int | None, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportOptionsDialog")
        self.setWindowTitle(f"Export {label.lower()}")
        self.kind = kind
        self.engagement = QComboBox(self)
        self.engagement.setObjectName("exportEngagementCombo")
        for e in engagements.list_all(db):
            self.engagement.addItem(e.label, e)
        found = next((i for i in range(self.engagement.count())
                      if self.engagement.itemData(i).id == engagement_id), 0)  # fmt: skip
        self.engagement.setCurrentIndex(found)
        self.start = _date_edit(self, "exportFromDate")
        self.end = _date_edit(self, "exportToDate")
        buttons = QDialogButtonBox(self)
        self.ok_button: QPushButton = buttons.addButton(
            "Choose file…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._layout(buttons)
        self.engagement.currentIndexChanged.connect(self._on_engagement_current_index_changed)
        self._on_engagement_current_index_changed(self.engagement.currentIndex())

    def _layout(self, buttons: QDialogButtonBox) -> None:
        form = QFormLayout(self)
        form.addRow("&Engagement:", self.engagement)
        if self.kind == "timesheet":
            form.addRow("&From:", self.start)
            form.addRow("&To:", self.end)
        else:
            self.start.hide()
            self.end.hide()
        if self.engagement.count() == 0:
            form.addRow(QLabel("There is no engagement yet: add one on the Clients tab.", self))
            self.ok_button.setEnabled(False)
        form.addRow(buttons)

    def _on_engagement_current_index_changed(self, _index: int) -> None:
        e = self.engagement.currentData()
        if e is None:
            return
        self.start.setDate(_qdate(e.start_date))
        self.end.setDate(_qdate(e.ended_on or max(today(), e.start_date)))

    def request(self) -> ExportRequest | None:
        e = self.engagement.currentData()
        if e is None:
            return None
        if self.kind != "timesheet":
            return ExportRequest(self.kind, e)
        start, end = self.start.date().toPython(), self.end.date().toPython()
        return ExportRequest(self.kind, e, min(start, end), max(start, end))


def _date_edit(parent: QWidget, name: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    return edit


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
