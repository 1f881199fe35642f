"""The Month tab: month-end across clients in one table, the days behind the selected line,
the invoices (made for the client selected in the table), and what is owed and left to bill.

The table is `storage.billing.month_report`'s lines (what `report month` prints); the tab runs no SQL.
Selecting an engagement shows its days below; a double-click on a day opens the Time tab at
that week. Alt+Left / Alt+Right / Alt+Home go through the months.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QModelIndex, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from exporters.formatting import month_label
from storage.billing import month_days, month_report
from storage.file import kinds
from storage.rules import Month
from widgets.common import ui_settings
from widgets.common.empty_state import EmptyState
from widgets.common.record_model import IdRole, RecordRole
from widgets.common.tab_page import TabPageBase
from widgets.common.table_view import TableView
from widgets.month.days_model import DaysTableModel, day_rows
from widgets.month.invoice_panel import InvoicePanel
from widgets.month.money_owed import MoneyOwedPanel
from widgets.month.month_model import HEADERS, MonthTableModel
from widgets.month.month_picker import MonthPicker
from widgets.month.month_rows import MonthRow, rows

if TYPE_CHECKING:
    from sqlite_utils import Database

NO_LINES = "Nothing was logged or billed this month. Go to a month with time: Alt+Left."
PICK_A_LINE = "Select an engagement above to see its days."
WORD_COLUMNS = ("client", "title", "commitment", "billing", "flags")  # they give way to money


def table(parent: QWidget, name: str) -> QTableView:
    """A read-only table selecting whole rows, its columns fitted to their contents."""
    view = TableView(parent)  # Tab leaves it; arrows move between its rows
    view.setObjectName(name)
    view.list_rows()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def fit_words(view: QTableView, columns: list[int]) -> None:
    """Money and hours keep their whole width; the word columns share what is left, elided in
    the middle, so a 1024-pixel window never cuts the Amount column off."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    for column in columns:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


class MonthTab(TabPageBase):
    """`navigate_requested("day", ordinal)` on a double-click on a day opens its week."""

    title = "Month"
    shows_kinds = kinds("time_entry", "client", "engagement", "commitment", "invoice", "setting")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("monthTab")
        self.picker = MonthPicker(self, self)
        self.model = MonthTableModel(self)
        self.table = table(self, "monthTable")
        self.table.setModel(self.model)
        fit_words(self.table, [list(HEADERS).index(f) for f in WORD_COLUMNS])
        self.days_model = DaysTableModel(self)
        self.days = table(self, "monthDays")
        self.days.setModel(self.days_model)
        self.days_heading = QLabel(PICK_A_LINE, self)
        self.days_heading.setObjectName("monthDaysHeading")
        self.invoices = InvoicePanel(db, self)
        self.invoices.document_requested.connect(self.document_requested)
        self.owed = MoneyOwedPanel(db, self)
        self.invoices.refreshed.connect(self._on_invoices_refreshed)
        self.invoices.wrote.connect(self._on_invoices_wrote)
        self.empty = EmptyState(self)
        self.empty.setObjectName("monthEmpty")
        self.empty.clicked.connect(self.picker.previous_action.trigger)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self._build_layout()
        self.picker.changed.connect(self._on_picker_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.days.activated.connect(self._on_days_activated)
        self.refresh()

    def _build_layout(self) -> None:
        below = QWidget(self)
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.days_heading)
        below_layout.addWidget(self.days, 1)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(below)
        self.splitter.addWidget(self.invoices)
        self.splitter.addWidget(self.owed)
        for index, stretch in enumerate((2, 2, 3, 2)):
            self.splitter.setStretchFactor(index, stretch)
        self.splitter.restoreState(ui_settings.read(ui_settings.MONTH_SPLITTER))
        self.splitter.splitterMoved.connect(self._on_splitter_moved)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.empty)
        layout.addWidget(self.splitter, 1)

    @property
    def month(self) -> Month:
        return self.picker.month

    # -- the tab contract ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the month, keeping the selected engagement selected (the first line's, so its
        days show, when none was)."""
        selected = self.current_engagement()
        lines = month_report.lines(self.db, self.month)
        self.model.set_rows(rows(lines))
        self.empty.show_state(NO_LINES if not lines else "", "Previous month" if not lines else "")
        if selected is None and lines:
            selected = lines[0].engagement.id
        self.select_engagement(selected)
        self.invoices.refresh()  # and what is owed and left to bill, below

    def primary_widget(self) -> QWidget:
        return self.table

    def add_new(self) -> None:
        """Ctrl+N: a draft invoice for the client selected above, for the month shown."""
        button = self.invoices.buttons["create"]
        if button.isEnabled():
            button.click()
        else:
            self.invoices.show_message("Select a client's line above to create its invoice.")

    def focus_search(self) -> None:
        """Ctrl+F: the month box, to jump to any month."""
        self.picker.date_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def current_engagement(self) -> int | None:
        index = self.table.currentIndex()
        value = index.data(IdRole) if index.isValid() else None
        return int(value) if value is not None else None

    def select_engagement(self, engagement_id: int | None) -> None:
        row = self.model.row_of(engagement_id) if engagement_id is not None else None
        if row is None:
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
            self._show_days(None)
        else:
            self.table.selectRow(row)

    # -- the days --------------------------------------------------------------------------------

    def _show_days(self, record: MonthRow | None) -> None:
        client = (record.client_id, record.client) if record and record.client_id else None
        self.invoices.set_context(client, self.month)
        line = record.line if record else None
        if record is None or line is None:
            self.days_model.set_rows([])
            self.days_heading.setText(PICK_A_LINE)
            return
        found = month_days.days(self.db, line.engagement.id or 0, self.month)
        self.days_model.set_rows(day_rows(found, record.hours[-1]))
        self.days_heading.setText(
            f"{line.engagement.label}: the days of {month_label(self.month.year, self.month.number)} "
            "with time (double-click a day to open its week on the Time tab)"
        )

    # -- slots ---------------------------------------------------------------------------------

    def _on_picker_changed(self, _month: Month) -> None:
        self.refresh()

    def _on_table_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        selected = self.table.selectionModel().selectedRows()
        self._show_days(selected[0].data(RecordRole) if selected else None)

    def _on_days_activated(self, index: QModelIndex) -> None:
        """Double-click or Enter on a day: that week on the Time tab."""
        ordinal = index.data(IdRole)
        if ordinal is not None:
            self.navigate_requested.emit("day", int(ordinal))

    def _on_invoices_wrote(self) -> None:
        self.announce(kinds("invoice"))

    def _on_invoices_refreshed(self) -> None:
        self.owed.refresh(self.month)

    def _on_splitter_moved(self, _position: int, _index: int) -> None:
        ui_settings.write(ui_settings.MONTH_SPLITTER, self.splitter.saveState())
