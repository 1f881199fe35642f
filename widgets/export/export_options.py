"""Which engagement to export, and for a timesheet which dates (typed, or a preset: last month,
this month, last week): asked before the save dialog."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

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

from storage.practice import Engagement, calendar, engagements, settings
from storage.rules import clock, month_of, week_of

if TYPE_CHECKING:
    from sqlite_utils import Database

CUSTOM = "Custom"
PRESETS = ("Last month", "This month", "Last week")


def preset_range(
    preset: str, today: dt.date, week_start: str = "monday"
) -> tuple[dt.date, dt.date]:
    """The dates a preset means as of `today`: whole calendar months and weeks, except this
    month, which runs to today (no time is logged ahead)."""
    if preset == "Last month":
        last = month_of(month_of(today).start - dt.timedelta(days=1))
        return last.start, last.end
    if preset == "This month":
        return month_of(today).start, today
    if preset == "Last week":
        week = week_of(today - dt.timedelta(days=7), week_start)
        return week.start, week.end
    raise ValueError(f"no preset named {preset!r}")


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
        self.week_start = settings.load_profile(db).week_start
        self.preset = QComboBox(self)
        self.preset.setObjectName("exportRangePreset")
        self.preset.addItems([CUSTOM, *PRESETS])
        self.preset.setToolTip("Set From and To to a common range; typing a date makes it Custom")
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
        self.preset.currentTextChanged.connect(self._on_preset_current_text_changed)
        self.start.userDateChanged.connect(self._on_date_user_date_changed)
        self.end.userDateChanged.connect(self._on_date_user_date_changed)

    def _layout(self, buttons: QDialogButtonBox) -> None:
        form = QFormLayout(self)
        form.addRow("&Engagement:", self.engagement)
        if self.kind == "timesheet":
            form.addRow("&Range:", self.preset)
            form.addRow("&From:", self.start)
            form.addRow("&To:", self.end)
        else:
            for widget in (self.preset, self.start, self.end):
                widget.hide()
        if self.engagement.count() == 0:
            form.addRow(QLabel("There is no engagement yet: add one on the Clients tab.", self))
            self.ok_button.setEnabled(False)
        form.addRow(buttons)

    def _on_engagement_current_index_changed(self, _index: int) -> None:
        e = self.engagement.currentData()
        if e is None:
            return
        if self.preset.currentText() != CUSTOM:
            return  # a preset's dates hold for whichever engagement
        self._set_dates(*calendar.record_range(e, clock.today()))

    def _set_dates(self, start: dt.date, end: dt.date) -> None:
        """Set both dates without turning a preset into Custom."""
        for edit, day in ((self.start, start), (self.end, end)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    def _on_preset_current_text_changed(self, preset: str) -> None:
        if preset == CUSTOM:
            return
        self._set_dates(*preset_range(preset, clock.today(), self.week_start))

    def _on_date_user_date_changed(self, _date: QDate) -> None:
        self.preset.setCurrentText(CUSTOM)

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
