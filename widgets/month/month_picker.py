"""The month picker: ◀ Today ▶ and a date box showing "November 2026".

Alt+Left, Alt+Right and Alt+Home go to the previous, next and this month, as they go through
weeks on the Time tab. The month shown is remembered for the next start.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QToolButton, QWidget

from storage.rules import MAX_YEAR, MIN_YEAR, Month, ValidationError, clock, month_of, parse_month
from widgets.common import ui_settings
from widgets.common.keys import tab_action


def remembered() -> Month:
    """The month shown last time, or this month."""
    try:
        return parse_month(str(ui_settings.read(ui_settings.MONTH_SHOWN) or ""))
    except ValidationError:
        return month_of(clock.today())


def shifted(month: Month, by: int) -> Month:
    """The month `by` months away (the same one past the years dates allow)."""
    index = month.year * 12 + month.number - 1 + by
    year = index // 12
    return Month(year, index % 12 + 1) if MIN_YEAR <= year <= MAX_YEAR else month


class MonthPicker(QWidget):
    """`changed` fires with the new Month; the keys act anywhere inside `keys_on`."""

    changed = Signal(object)

    def __init__(self, keys_on: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.month = remembered()
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("monthDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("MMMM yyyy")
        self.date_edit.setToolTip("Go to the month holding this date")
        self.previous_action = tab_action(keys_on, "Previous month", "Alt+Left", self._on_previous)
        self.next_action = tab_action(keys_on, "Next month", "Alt+Right", self._on_next)
        self.this_action = tab_action(keys_on, "This month", "Alt+Home", self._on_this_month)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for action, text in ((self.previous_action, "◀"), (self.this_action, "Today"),
                             (self.next_action, "▶")):  # fmt: skip
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setText(text)
            layout.addWidget(button)
        layout.addWidget(self.date_edit)
        self._show_date()
        self.date_edit.dateChanged.connect(self._on_date_changed)

    def go_to(self, month: Month) -> None:
        if month == self.month:
            return
        self.month = month
        ui_settings.write(ui_settings.MONTH_SHOWN, month.label)
        self._show_date()
        self.changed.emit(month)

    def _show_date(self) -> None:
        blocked = self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(self.month.year, self.month.number, 1))
        self.date_edit.blockSignals(blocked)

    def _on_previous(self) -> None:
        self.go_to(shifted(self.month, -1))

    def _on_next(self) -> None:
        self.go_to(shifted(self.month, 1))

    def _on_this_month(self) -> None:
        self.go_to(month_of(clock.today()))

    def _on_date_changed(self, date: QDate) -> None:
        self.go_to(month_of(date.toPython()))  # type: ignore[arg-type]
