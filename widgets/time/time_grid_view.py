"""The timesheet's table view: spreadsheet keys on top of QTableView's arrows, Tab and typing.

Delete (or Backspace) clears the selected cells, Ctrl+C copies them, Ctrl+V pastes; the tab does
the work, so the view only says what was asked. Buckets with no time fold into their engagement's
row; Enter, Space, + or a click on the engagement's row unfolds them. The totals row is pinned
below, in a view of its own over the same model, so it never scrolls away.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from widgets.time.time_grid_model import LABEL_COLUMN, TOTAL_COLUMN

FOLD_KEYS = (
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    Qt.Key.Key_Space,
    Qt.Key.Key_Plus,
    Qt.Key.Key_Minus,
)

SHIFT = Qt.KeyboardModifier.ShiftModifier


class TimeGridView(QTableView):
    clear_requested = Signal()
    copy_requested = Signal()
    paste_requested = Signal()
    fold_toggled = Signal(int)  # an engagement id: fold or unfold its empty buckets

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeGrid")
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(26)
        self.setCornerButtonEnabled(False)
        self.clicked.connect(self._on_clicked)

    def apply_folding(self) -> None:
        """Hide the folded engagements' empty buckets, and the totals row (pinned below)."""
        model = self.model()
        empty = set(model.empty_buckets())
        for number, row in enumerate(model.rows):
            folded = row.engagement is not None and (row.engagement.id or 0) in model.folded
            hidden = row.kind == "total" or (folded and number in empty)
            self.setRowHidden(number, hidden)

    def _engagement_at(self, row: int) -> int | None:
        rows = self.model().rows
        found = rows[row] if 0 <= row < len(rows) else None
        if found is None or found.kind != "engagement" or found.engagement is None:
            return None
        return found.engagement.id

    def _on_clicked(self, index: QModelIndex) -> None:
        engagement_id = self._engagement_at(index.row())
        if engagement_id is not None and index.column() == LABEL_COLUMN:
            self.fold_toggled.emit(engagement_id)

    def size_columns(self) -> None:
        header = self.horizontalHeader()
        header.setSectionResizeMode(LABEL_COLUMN, QHeaderView.ResizeMode.Stretch)
        for column in range(LABEL_COLUMN + 1, TOTAL_COLUMN + 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, 64)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            forward = event.key() == Qt.Key.Key_Tab and not event.modifiers() & SHIFT
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self._leave(forward)  # Ctrl+Tab never moves between cells
            else:
                self._across(forward, partial(super().keyPressEvent, event))
            return
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_requested.emit()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste_requested.emit()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_requested.emit()
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._start_editing(event):
                return
            engagement_id = self._engagement_at(self.currentIndex().row())
            if engagement_id is not None and event.key() in FOLD_KEYS:
                self.fold_toggled.emit(engagement_id)
                return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab moves across the days; after the last cell (Shift+Tab: before the first) it
        leaves the grid instead of wrapping round to its other end, as a spreadsheet's last
        cell does."""
        return self._across(next, partial(super().focusNextPrevChild, next))

    def _across(self, forward: bool, move: Callable[[], object]) -> bool:
        """Move to the next cell with `move`; leave the grid instead where it wraps round."""
        before = self.currentIndex()
        if not self.tabKeyNavigation() or not before.isValid():
            return self._leave(forward)
        move()
        after = self.currentIndex()
        here, there = (before.row(), before.column()), (after.row(), after.column())
        if there <= here if forward else there >= here:  # wrapped round, or nowhere to go
            self.setCurrentIndex(before)
            return self._leave(forward)
        return True

    def _leave(self, forward: bool) -> bool:
        """Focus to the next (or previous) control after the grid."""
        self.setTabKeyNavigation(False)
        try:
            return super().focusNextPrevChild(forward)
        finally:
            self.setTabKeyNavigation(True)

    def _start_editing(self, event: QKeyEvent) -> bool:
        """Enter on a cell starts editing it, as in a spreadsheet (Enter again commits)."""
        index = self.currentIndex()
        if not index.isValid() or not index.flags() & Qt.ItemFlag.ItemIsEditable:
            return False
        return bool(self.edit(index, QAbstractItemView.EditTrigger.EditKeyPressed, event))


class TotalsView(QTableView):
    """The week's totals row, pinned under the grid: the same model, only its last row."""

    def __init__(self, grid: TimeGridView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeTotals")
        self.grid = grid
        self.setModel(grid.model())
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFixedHeight(grid.verticalHeader().defaultSectionSize() + 2)
        grid.horizontalHeader().sectionResized.connect(self._on_grid_section_resized)
        self.model().modelReset.connect(self.show_totals)

    def show_totals(self) -> None:
        last = self.model().rowCount() - 1
        for number in range(last + 1):
            self.setRowHidden(number, number != last)
        for column in range(self.model().columnCount()):
            self.setColumnWidth(column, self.grid.columnWidth(column))

    def _on_grid_section_resized(self, column: int, _old: int, new: int) -> None:
        self.setColumnWidth(column, new)
