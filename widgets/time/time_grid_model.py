"""The weekly timesheet as a table model: a row per engagement and bucket, a column per day.

Rows are grouped: a heading row per engagement (client · title, with its day subtotals), then its
Strategy, Team and Leadership rows; a totals row closes the week. The numbers come from one SQL
aggregate for the week (`time_entries.week_cells`); after an edit only the changed cell, its row,
its group and the totals are reported changed. There is no proxy: grouped rows under a totals row
have one meaningful order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont

from storage.practice import Engagement, is_open_on
from storage.rules import BUCKET_LABELS, BUCKETS, Week, clock, format_minutes
from storage.time import Cell, CellKey
from widgets.common import palette

RecordRole = Qt.ItemDataRole.UserRole  # the GridRow
MinutesRole = Qt.ItemDataRole.UserRole + 1  # minutes in the cell (int)
EntriesRole = Qt.ItemDataRole.UserRole + 2  # how many entries make up a day cell (int)
CellKeyRole = Qt.ItemDataRole.UserRole + 3  # (engagement id, bucket, day) for a bucket's day cell

LABEL_COLUMN = 0
FIRST_DAY_COLUMN = 1
TOTAL_COLUMN = 8
DAY_MINUTES = 24 * 60  # a day's total beyond it can only come from a merge of two devices' time
READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
EDITABLE = READ_ONLY | Qt.ItemFlag.ItemIsEditable
NUMBER_ALIGNMENT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Brushes:
    """Made once per palette: a repaint of the week asks for a brush for every cell."""

    group: QBrush
    closed: QBrush
    weekend: QBrush
    closed_text: QBrush
    today: QBrush
    over_text: QBrush

    @classmethod
    def from_palette(cls) -> Brushes:
        found = palette.colours()
        return cls(
            QBrush(found.shaded), QBrush(found.closed), QBrush(found.weekend),
            QBrush(found.muted), QBrush(found.today), QBrush(found.accent("over")),
        )  # fmt: skip


@dataclass(frozen=True)
class GridRow:
    """One line of the timesheet: an engagement heading, one of its buckets, or the totals."""

    kind: str  # "engagement", "bucket" or "total"
    engagement: Engagement | None = None
    bucket: str = ""


class TimeGridModel(QAbstractTableModel):
    """Read-only numbers for a week; `edit_requested` asks the tab to write a typed value."""

    edit_requested = Signal(object, str)  # CellKey, the text typed

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.week: Week | None = None
        self.rows: list[GridRow] = []
        self.cells: dict[CellKey, Cell] = {}
        self._days: list[dt.date] = []
        self._sums: dict[tuple[str, int | None, str, int], int] = {}  # until the next change
        self._fonts: dict[str, QFont] = {}
        self.folded: set[int] = set()  # engagements whose empty buckets are folded away
        self.brushes = Brushes.from_palette()
        palette.theme_changed().connect(self._on_theme_changed)

    def _on_theme_changed(self) -> None:
        """Light to dark or back: new brushes, and every cell painted again with them."""
        self.brushes = Brushes.from_palette()
        if self.rows:
            last = self.index(len(self.rows) - 1, TOTAL_COLUMN)
            self.dataChanged.emit(self.index(0, 0), last)

    def load(self, week: Week, shown: list[Engagement], cells: dict[CellKey, Cell]) -> None:
        self.beginResetModel()
        self.week = week
        self._days = week.days
        self.cells = dict(cells)
        self._sums.clear()
        self.rows = []
        for engagement in shown:
            self.rows.append(GridRow("engagement", engagement))
            self.rows += [GridRow("bucket", engagement, bucket) for bucket in BUCKETS]
        self.rows.append(GridRow("total"))
        self.endResetModel()

    @property
    def days(self) -> list[dt.date]:
        return self._days

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.week is None else TOTAL_COLUMN + 1

    def day_of(self, column: int) -> dt.date | None:
        if FIRST_DAY_COLUMN <= column < TOTAL_COLUMN and self.week:
            return self.days[column - FIRST_DAY_COLUMN]
        return None

    def cell_key(self, index: Index) -> CellKey | None:
        """The cell a bucket row's day column stands for; None elsewhere."""
        if not index.isValid():
            return None
        row, day = self.rows[index.row()], self.day_of(index.column())
        if row.kind != "bucket" or day is None or row.engagement is None:
            return None
        return (row.engagement.id or 0, row.bucket, day)

    def index_of(self, key: CellKey) -> QModelIndex:
        eid, bucket, day = key
        if day not in self.days:
            return QModelIndex()
        for number, row in enumerate(self.rows):
            engagement_id = row.engagement.id if row.engagement else None
            if row.kind == "bucket" and (engagement_id, row.bucket) == (eid, bucket):
                return self.index(number, FIRST_DAY_COLUMN + self.days.index(day))
        return QModelIndex()

    def is_open(self, index: Index) -> bool:
        """Whether time can be typed here: a bucket's day within the engagement's dates."""
        key = self.cell_key(index)
        row = self.rows[index.row()] if index.isValid() else None
        if key is None or row is None or row.engagement is None:
            return False
        return is_open_on(row.engagement, key[2])

    def minutes(self, row: GridRow, column: int) -> int:
        """The sum a cell shows, summed once per change of the week's cells."""
        memo = (row.kind, row.engagement.id if row.engagement else None, row.bucket, column)
        found = self._sums.get(memo)
        if found is None:
            day = self.day_of(column)
            days = [day] if day else self.days
            found = self._sums[memo] = sum(
                cell.minutes
                for (eid, bucket, cell_day), cell in self.cells.items()
                if cell_day in days and _row_holds(row, eid, bucket)
            )
        return found

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return EDITABLE if self.is_open(index) else READ_ONLY

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._label(row) if column == LABEL_COLUMN else _text(self.minutes(row, column))
        if role == Qt.ItemDataRole.EditRole:
            return "" if column == LABEL_COLUMN else format_minutes(self.minutes(row, column))
        return self._decoration(index, row, role)

    def _decoration(self, index: Index, row: GridRow, role: int) -> Any:
        column = index.column()
        if role == RecordRole:
            return row
        if role == MinutesRole:
            return 0 if column == LABEL_COLUMN else self.minutes(row, column)
        if role == EntriesRole:
            key = self.cell_key(index)
            return self.cells.get(key, Cell()).entries if key else 0
        if role == CellKeyRole:
            return self.cell_key(index)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != LABEL_COLUMN:
            return NUMBER_ALIGNMENT
        if role == Qt.ItemDataRole.FontRole:
            return self._font(index, row)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(index, row)
        if role == Qt.ItemDataRole.ForegroundRole and self._over_a_day(index, row):
            return self.brushes.over_text
        if role == Qt.ItemDataRole.ForegroundRole and row.kind == "bucket":
            closed = column != LABEL_COLUMN and column != TOTAL_COLUMN and not self.is_open(index)
            return self.brushes.closed_text if closed else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index, row)
        return None

    def _over_a_day(self, index: Index, row: GridRow) -> bool:
        """A day's total over 24 hours (time from two devices merged): shown, never dropped."""
        column = index.column()
        return (
            row.kind == "total"
            and self.day_of(column) is not None
            and (self.minutes(row, column) > DAY_MINUTES)
        )

    def _label(self, row: GridRow) -> str:
        if row.kind == "engagement" and row.engagement:
            return self.fold_mark(row.engagement) + row.engagement.label
        return "Total" if row.kind == "total" else f"    {BUCKET_LABELS[row.bucket]}"

    def _font(self, index: Index, row: GridRow) -> QFont | None:
        if row.kind != "bucket" or index.column() == TOTAL_COLUMN:
            return self._styled("bold")
        if self.data(index, EntriesRole) > 1:
            return self._styled("italic")
        return None

    def _styled(self, style: str) -> QFont:
        font = self._fonts.get(style)
        if font is None:
            font = self._fonts[style] = QFont()
            font.setBold(style == "bold")
            font.setItalic(style == "italic")
        return font

    def _background(self, index: Index, row: GridRow) -> QBrush | None:
        if row.kind != "bucket":
            return self.brushes.group
        day = self.day_of(index.column())
        if day is not None and not self.is_open(index):
            return self.brushes.closed
        if day is not None and day == clock.today():
            return self.brushes.today
        if day is not None and day.weekday() >= 5:
            return self.brushes.weekend
        return None

    def _tooltip(self, index: Index, row: GridRow) -> str | None:
        if self._over_a_day(index, row):
            logged = format_minutes(self.minutes(row, index.column()))
            return (
                f"{logged} logged on this day: more than its 24 hours. Time entered on two "
                "devices was kept from both; correct the entries (fractional-desk check lists the day)."
            )
        key = self.cell_key(index)
        if key is None:
            return None
        if not self.is_open(index):
            return "The engagement does not take time on this day."
        count = self.cells.get(key, Cell()).entries
        return f"{count} entries: typing a new value replaces them with one" if count > 1 else None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or self.week is None:
            return None
        day = self.day_of(section)
        today = day is not None and day == clock.today()
        if role == Qt.ItemDataRole.DisplayRole:
            if day is not None:
                return f"• {day:%a} {day.day}" if today else f"{day:%a} {day.day}"
            return "Engagement" if section == LABEL_COLUMN else "Total"
        if role == Qt.ItemDataRole.ToolTipRole and day is not None:
            return f"{day:%A} {day.day} {day:%B %Y}" + (" (today)" if today else "")
        if role == Qt.ItemDataRole.FontRole and today:
            return self._styled("bold")
        return None

    def fold_mark(self, engagement: Engagement) -> str:
        """▸ when empty buckets are folded into the row, ▾ when they are shown, else nothing."""
        holds = [self.minutes(GridRow("bucket", engagement, b), TOTAL_COLUMN) for b in BUCKETS]
        if all(holds):
            return ""
        return "▸ " if (engagement.id or 0) in self.folded else "▾ "

    def empty_buckets(self) -> list[int]:
        """Rows of buckets with no time this week: they fold into their engagement's row."""
        return [
            number
            for number, row in enumerate(self.rows)
            if row.kind == "bucket" and not self.minutes(row, TOTAL_COLUMN)
        ]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Typed text goes to the tab, which validates, writes and then calls `update_cell`."""
        key = self.cell_key(index)
        if role != Qt.ItemDataRole.EditRole or key is None or not self.is_open(index):
            return False
        self.edit_requested.emit(key, "" if value is None else str(value))
        return False

    def update_cell(self, key: CellKey, cell: Cell) -> None:
        """A cell changed: report it, its row's total, its group and the totals as changed.

        Only a cell the grid shows is taken in; any other would count in the totals unseen.
        """
        index = self.index_of(key)
        if not index.isValid():
            return
        if cell.minutes:
            self.cells[key] = cell
        else:
            self.cells.pop(key, None)
        self._sums.clear()
        group = next(n for n in range(index.row(), -1, -1) if self.rows[n].kind == "engagement")
        for row in (index.row(), group, len(self.rows) - 1):
            for column in (index.column(), TOTAL_COLUMN):
                changed = self.index(row, column)
                self.dataChanged.emit(changed, changed)


def _row_holds(row: GridRow, eid: int, bucket: str) -> bool:
    if row.kind == "total":
        return True
    if row.engagement is None or row.engagement.id != eid:
        return False
    return row.kind == "engagement" or row.bucket == bucket


def _text(minutes: int) -> str:
    return format_minutes(minutes)
