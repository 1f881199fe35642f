"""The Time tab: the weekly timesheet, the selected cell's entries, commitment and split.

Keyboard: arrows and Tab move, typing starts editing, Enter commits, Delete clears, Ctrl+C and
Ctrl+V copy and paste cells; Alt+Left / Alt+Right / Alt+Home go to the previous, next and this week.
Undo and redo bring the week they change back into view, with the changed cells selected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QDate,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from storage.file import Change, ChangedElsewhereError, kinds
from storage.practice import load_profile
from storage.rules import (
    BUCKET_LABELS,
    ValidationError,
    Week,
    format_minutes,
    parse_duration,
    today,
    week_of,
)
from storage.scope import signals
from storage.time import (
    Cell,
    CellKey,
    committed_words,
    copy_rows_from_last_week,
    recent_commitments,
    week_cells,
    week_commitments,
    week_engagements,
)
from widgets.common import dialogs
from widgets.common.empty_state import EmptyState
from widgets.common.field_errors import error_label
from widgets.common.keys import tab_action
from widgets.common.signals_view import SignalsView
from widgets.common.tab_page import TabPageBase
from widgets.time.split_bars import SplitBars
from widgets.time.time_cell_edits import CellEdits, Restored
from widgets.time.time_entries_panel import TimeEntriesPanel
from widgets.time.time_grid_model import EntriesRole, RecordRole, TimeGridModel
from widgets.time.time_grid_view import TimeGridView, TotalsView

if TYPE_CHECKING:
    from sqlite_utils import Database

NO_ROWS = (
    "No engagement is under way this week. Add a client and an engagement on the Clients tab "
    "(or go to a week with time: Alt+Left)."
)


class TimeTab(TabPageBase):
    title = "Time"
    shows_kinds = kinds("time_entry", "engagement", "commitment", "client", "setting")
    week_shown = Signal(object)  # the Week shown, after each (re)load: notices follow it

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("timeTab")
        self.week = week_of(today(), load_profile(db).week_start)
        self.edits = CellEdits(db, self.undo_stack, self)
        self.model = TimeGridModel(self)
        self.grid = TimeGridView(self)
        self.grid.setModel(self.model)
        self.totals = TotalsView(self.grid, self)
        self.unfolded: set[int] = set()  # engagements the user unfolded, kept across weeks
        self.panel = TimeEntriesPanel(self.edits, self)
        self.bars = SplitBars(self)
        self.signals_view = SignalsView(self)
        self.message = error_label(self)
        self.message.setObjectName("timeMessage")
        self.empty = EmptyState(self)
        self.empty.setObjectName("timeEmpty")
        self.empty.clicked.connect(self._on_empty_clicked)
        self._build_navigation()
        self._build_layout()
        self._connect()
        self.show_week(self.week)

    # Building

    def _build_navigation(self) -> None:
        self.heading = QLabel()
        self.heading.setObjectName("timeWeekHeading")
        self.heading.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("d MMM yyyy")
        self.date_edit.setToolTip("Go to the week holding this date")
        self.copy_rows_button = QPushButton("Copy rows from last week")
        self.timesheet_button = QPushButton("Timesheet…")  # wired by File → Export
        self.timesheet_button.setObjectName("exportTimesheetButton")
        self.timesheet_button.setMinimumWidth(40)  # may shrink: the window's minimum width holds
        self.timesheet_button.setToolTip("Export an engagement's timesheet (Word or CSV)")
        self.copy_rows_button.setToolTip("Show last week's engagements this week (rows, not hours)")
        self.previous_action = tab_action(
            self, "Previous week", "Alt+Left", self._on_previous_triggered
        )
        self.next_action = tab_action(self, "Next week", "Alt+Right", self._on_next_triggered)
        self.this_week_action = tab_action(
            self, "This week", "Alt+Home", self._on_this_week_triggered
        )

    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        for action, arrow in ((self.previous_action, "◀"), (self.this_week_action, "Today"),
                              (self.next_action, "▶")):  # fmt: skip
            button = QToolButton()
            button.setDefaultAction(action)
            button.setText(arrow)
            bar.addWidget(button)
        bar.addWidget(self.heading, 1)
        bar.addWidget(self.date_edit)
        bar.addWidget(self.copy_rows_button)
        bar.addWidget(self.timesheet_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.notices = QVBoxLayout()  # what the window adds above the week (`add_notice`)
        left_layout.addLayout(self.notices)
        left_layout.addWidget(self.empty)
        left_layout.addWidget(self.grid, 1)
        left_layout.addWidget(self.totals)
        left_layout.addWidget(self.message)
        left_layout.addWidget(self.signals_view)
        scroll = QScrollArea()
        scroll.setWidget(self.bars)
        scroll.setWidgetResizable(True)
        self.vertical = QSplitter(Qt.Orientation.Vertical)
        self.vertical.addWidget(left)
        self.vertical.addWidget(scroll)
        self.vertical.setStretchFactor(0, 1)
        self.vertical.setStretchFactor(1, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.vertical)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        self.model.edit_requested.connect(self._on_model_edit_requested)
        self.edits.cell_changed.connect(self._on_edits_cell_changed)
        self.edits.restored.connect(self._on_edits_restored)
        self.edits.wrote.connect(self._on_edits_wrote)
        self.grid.clear_requested.connect(self._on_grid_clear_requested)
        self.grid.copy_requested.connect(self._on_grid_copy_requested)
        self.grid.paste_requested.connect(self._on_grid_paste_requested)
        self.grid.fold_toggled.connect(self._on_grid_fold_toggled)
        self.grid.selectionModel().currentChanged.connect(self._on_grid_current_changed)
        self.grid.selectionModel().selectionChanged.connect(self._on_grid_selection_changed)
        self.date_edit.dateChanged.connect(self._on_date_edit_date_changed)
        self.copy_rows_button.clicked.connect(self._on_copy_rows_button_clicked)

    # Weeks

    def refresh(self) -> None:
        """Re-read the week (and the week start, which Preferences may have changed)."""
        self.show_week(week_of(self.week.monday, load_profile(self.db).week_start))

    def show_week(self, week: Week) -> None:
        current = self.grid.currentIndex()
        position = (current.row(), current.column()) if current.isValid() else (1, 1)
        self.week = week
        shown = week_engagements(self.db, week)
        self.model.folded = {e.id or 0 for e in shown} - self.unfolded
        self.model.load(week, shown, week_cells(self.db, week.start, week.end))
        self.grid.size_columns()
        self.grid.apply_folding()
        self.totals.show_totals()
        self.heading.setText(week.heading)
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(week.start.year, week.start.month, week.start.day))
        self.date_edit.blockSignals(False)
        self._update_bars()
        self.show_message("")
        self.empty.show_state(NO_ROWS if not shown else "", "Go to Clients" if not shown else "")
        row = min(position[0], self.model.rowCount() - 2)
        while row > 0 and self.grid.isRowHidden(row):
            row -= 1
        self.grid.setCurrentIndex(self.model.index(max(row, 0), position[1]))
        self.week_shown.emit(week)

    def add_notice(self, widget: QWidget, show_week: Callable[[Week], None]) -> None:
        """Put a notice above the week's grid (the Friday "Updates to send"); `show_week` shows
        or hides it for each week the tab shows."""
        self.notices.addWidget(widget)
        self.week_shown.connect(show_week)
        show_week(self.week)

    def _on_grid_fold_toggled(self, engagement_id: int) -> None:
        """Unfold an engagement's empty buckets to type into them, or fold them away again."""
        folding = engagement_id not in self.model.folded
        (self.model.folded.add if folding else self.model.folded.discard)(engagement_id)
        (self.unfolded.discard if folding else self.unfolded.add)(engagement_id)
        self.grid.apply_folding()
        heading = self.grid.currentIndex().siblingAtColumn(0)
        self.model.dataChanged.emit(heading, heading)
        if not folding:
            below = self.model.index(heading.row() + 1, max(self.grid.currentIndex().column(), 1))
            self.grid.setCurrentIndex(below)

    def _on_empty_clicked(self) -> None:
        self.navigate_requested.emit("client", 0)

    def go_to(self, day: dt.date) -> None:
        self.show_week(week_of(day, load_profile(self.db).week_start))

    def _on_previous_triggered(self) -> None:
        self.show_week(self.week.shifted(-1))

    def _on_next_triggered(self) -> None:
        self.show_week(self.week.shifted(1))

    def _on_this_week_triggered(self) -> None:
        self.go_to(today())

    def _on_date_edit_date_changed(self, date: QDate) -> None:
        self.go_to(date.toPython())  # type: ignore[arg-type]

    def _on_copy_rows_button_clicked(self) -> None:
        added = copy_rows_from_last_week(self.db, self.week)
        self.show_week(self.week)
        self.show_message(f"Added {len(added)} rows from last week." if added else
                          "Every engagement from last week is already here.", error=False)  # fmt: skip

    def _update_bars(self) -> None:
        shown = [row.engagement for row in self.model.rows if row.kind == "engagement"]
        engagements = [e for e in shown if e is not None]
        self.bars.set_commitments(
            week_commitments(self.db, engagements, self.week),
            recent_commitments(self.db, engagements, self.week),
            committed_words(self.week),
        )
        found = signals.for_engagements(self.db, engagements, self.week)
        self.signals_view.show_signals(found, {e.id or 0: e.label for e in engagements})
        total = sum(self.vertical.sizes()) or 600
        wanted = min(self.bars.sizeHint().height() + 4, total * 2 // 5)  # every line, if it fits
        self.vertical.setSizes([total - wanted, wanted])

    # Editing

    def show_message(self, text: str, *, error: bool = True) -> None:
        self.message.tint.set("error" if error else None)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _on_model_edit_requested(self, key: CellKey, text: str) -> None:
        try:
            minutes = parse_duration(text)
        except ValidationError as error:
            self.show_message(
                f"{error.message[:1].upper()}{error.message[1:]}. The old value stays."
            )
            return
        self.write_cells([(key, minutes)])

    def write_cells(self, changes: list[tuple[CellKey, int]], text: str = "Edit time") -> bool:
        """Write typed, pasted or cleared values; ask before replacing several entries, or a
        cell that another process changed since the week was read.

        Storage checks the cells against what the grid shows in the write's own transaction, so
        nothing saved elsewhere between the reading and the writing is ever replaced unasked.
        """
        changes = [(k, m) for k, m in changes if m != self._cell(k)[0] or self._entries(k) > 1]
        if not changes or not self._may_replace(changes):
            return False
        shown = {key: Cell(*self._cell(key)) for key, _minutes in changes}
        try:
            self.edits.set_minutes(changes, text, expected=shown)  # all or none, one undo step
        except ChangedElsewhereError as moved:
            return self._replace_if_asked(changes, text, moved.stored)
        except ValidationError as error:
            old = "The old value stays." if len(changes) == 1 else "Nothing was changed."
            self.show_message(f"{error.message[:1].upper()}{error.message[1:]}. {old}")
            return False
        self.show_message("")
        return True

    def _replace_if_asked(
        self, changes: list[tuple[CellKey, int]], text: str, stored: dict[CellKey, Cell]
    ) -> bool:
        """Cells were saved elsewhere since they were shown: replace them if the user says so
        (writing against what is stored now), otherwise re-read the week and write nothing."""
        moved = list(stored)
        key = moved[0]
        minutes = dict(changes)[key]
        now = stored[key]
        where = f"{BUCKET_LABELS[key[1]]} on {key[2]:%A} {key[2].day} {key[2]:%b}"
        holds = (
            f"{format_minutes(now.minutes)} in {now.entries} entries" if now.entries else "nothing"
        )
        action = f"{format_minutes(minutes)}" if minutes else "nothing (clear it)"
        more = f" (and {len(moved) - 1} more cells)" if len(moved) > 1 else ""
        question = (f"{where}{more} changed since it was shown: it now holds {holds}, saved "
                    f"elsewhere (another window or the command line). Replace it with {action}?")  # fmt: skip
        if dialogs.ask(
            self, "Changed elsewhere", question, yes="Replace", no="Keep what was saved"
        ):
            for changed in moved:
                self.model.update_cell(changed, stored[changed])
            return self.write_cells(changes, text)
        QTimer.singleShot(0, self.refresh)  # after the cell editor has closed
        self.show_message("Kept what was saved elsewhere; the week shows it now.", error=False)
        return False

    def _cell(self, key: CellKey) -> tuple[int, int]:
        cell = self.model.cells.get(key)
        return (cell.minutes, cell.entries) if cell else (0, 0)

    def _entries(self, key: CellKey) -> int:
        return self._cell(key)[1]

    def _may_replace(self, changes: list[tuple[CellKey, int]]) -> bool:
        several = [(k, m) for k, m in changes if self._entries(k) > 1]
        if not several:
            return True
        key, minutes = several[0]
        where = f"{BUCKET_LABELS[key[1]]} on {key[2]:%A} {key[2].day} {key[2]:%b}"
        count, total = self._entries(key), format_minutes(self._cell(key)[0])
        action = f"one entry of {format_minutes(minutes)}" if minutes else "nothing"
        more = f" (and {len(several) - 1} more cells like it)" if len(several) > 1 else ""
        question = (f"{where} holds {count} entries ({total} in all){more}. Replace them with "
                    f"{action}? Their notes are kept on the new entry only if it is one entry.")  # fmt: skip
        return dialogs.ask(
            self, "Replace several entries?", question, yes="Replace", no="Keep them"
        )

    def _on_edits_cell_changed(self, key: CellKey) -> None:
        self.model.update_cell(key, self.edits.cell(key))
        self._update_bars()

    def _on_edits_wrote(self, change: Change[object]) -> None:
        self.announce(change.kinds)

    def _on_edits_restored(self, restored: Restored) -> None:
        """Undo and redo show the week they changed, re-read, with its cells selected.

        The step may belong to a week other than the one shown, and may add or remove an ended
        engagement's row, so the whole week is read again rather than patched cell by cell.
        """
        self.go_to(restored.keys[0][2])
        found = [i for i in map(self.model.index_of, restored.keys) if i.isValid()]
        if found:
            self.grid.setCurrentIndex(found[0])
            selection = QItemSelection()
            for index in found:
                selection.select(index, index)
            self.grid.selectionModel().select(
                selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.grid.scrollTo(found[0])
        self.show_message(restored.message, error=restored.refused)

    def _selected_keys(self) -> list[CellKey]:
        indexes = self.grid.selectionModel().selectedIndexes() or [self.grid.currentIndex()]
        keys = [self.model.cell_key(i) for i in indexes if self.model.is_open(i)]
        return [k for k in keys if k is not None]

    def _on_grid_clear_requested(self) -> None:
        keys = [k for k in self._selected_keys() if self._cell(k)[0]]
        self.write_cells([(k, 0) for k in keys], "Clear time")

    def _on_grid_copy_requested(self) -> None:
        indexes = self.grid.selectionModel().selectedIndexes() or [self.grid.currentIndex()]
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        chosen = {(i.row(), i.column()) for i in indexes}
        lines = [
            "\t".join(
                str(self.model.index(r, c).data()) if (r, c) in chosen else "" for c in columns
            )
            for r in rows
        ]
        QGuiApplication.clipboard().setText("\n".join(lines))

    def _on_grid_paste_requested(self) -> None:
        start = self.grid.currentIndex()
        text = QGuiApplication.clipboard().text().rstrip("\n")
        if not start.isValid() or not text:
            return
        changes = []
        try:
            for r, line in enumerate(text.split("\n")):
                for c, value in enumerate(line.rstrip("\r").split("\t")):
                    index = self.model.index(start.row() + r, start.column() + c)
                    key = self.model.cell_key(index)
                    if key is not None and self.model.is_open(index):
                        changes.append((key, parse_duration(value)))
        except ValidationError as error:
            self.show_message(f"Nothing pasted: {error.message}.")
            return
        self.write_cells(changes, "Paste time")

    def _on_grid_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = self.model.cell_key(current)
        row = current.data(RecordRole) if current.isValid() else None
        self.panel.show_cell(key, row.engagement if row is not None else None)

    def _on_grid_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        keys = self._selected_keys()
        if len(keys) > 1:
            total = sum(self._cell(k)[0] for k in keys)
            self.show_message(
                f"{len(keys)} cells selected: {format_minutes(total) or '0:00'}", error=False
            )

    def show_record(self, kind: str, record_id: int) -> None:
        """A "Go to" from the exit-readiness review: this week, on the engagement's first bucket;
        or from the Month tab's days, the week holding a day (`record_id` is its ordinal)."""
        if kind == "day":
            self.go_to(dt.date.fromordinal(record_id))
            return
        if kind != "time":
            return
        self.go_to(today())
        for row, line in enumerate(self.model.rows):
            if line.kind == "bucket" and line.engagement and line.engagement.id == record_id:
                self.grid.setCurrentIndex(self.model.index(row, 1))
                break
        self.grid.setFocus(Qt.FocusReason.OtherFocusReason)

    # The tab contract

    def primary_widget(self) -> QWidget:
        return self.grid

    def current_engagement(self) -> int | None:
        row = self.grid.currentIndex().data(RecordRole)
        return row.engagement.id if row is not None and row.engagement is not None else None

    def export_buttons(self) -> dict[str, QAbstractButton]:
        return {"timesheet": self.timesheet_button}

    def focus_search(self) -> None:
        """Ctrl+F: the date picker, to jump to any week."""
        self.date_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def add_new(self) -> None:
        """Ctrl+N: a new entry for the selected cell, in the side panel."""
        if self.panel.key is not None:
            self.panel.duration.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.grid.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def cell_entries(self, key: CellKey) -> int:
        index = self.model.index_of(key)
        return int(index.data(EntriesRole) or 0) if index.isValid() else 0
