"""The side panel: the selected cell's entries with their notes; add, edit and delete them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from storage.practice import Engagement
from storage.rules import BUCKET_LABELS, ValidationError, format_minutes, parse_duration
from storage.time import CellKey, TimeEntry
from widgets.common.field_errors import FieldErrors, error_label
from widgets.common.record_model import RecordRole
from widgets.common.table_view import TableView
from widgets.common.text_box import TextBox
from widgets.time.time_cell_edits import CellEdits
from widgets.time.time_entry_model import TimeEntryModel

EMPTY_TEXT = "Select a day of an engagement's bucket to see its entries and notes."


class TimeEntriesPanel(QWidget):
    """Shows one cell; writes go through CellEdits, so the grid updates and undo works."""

    def __init__(self, edits: CellEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeEntriesPanel")
        self.edits = edits
        self.key: CellKey | None = None
        self.heading = QLabel(EMPTY_TEXT)
        self.heading.setWordWrap(True)
        self.model = TimeEntryModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = _entries_table(self.proxy)
        self.duration = QLineEdit()
        self.duration.setPlaceholderText("1:30")
        self.note = TextBox(enter_submits=True)  # Enter adds the entry, Shift+Enter a new line
        self.note.setPlaceholderText("What the time was spent on")
        self.note.setMaximumHeight(90)
        self.out_of_scope = QCheckBox("Out of &scope")
        self.out_of_scope.setToolTip(
            "Work the scope of work does not provide for: evidence for a change request"
        )
        self.ask = QCheckBox("An ask: needed from the client")
        self.ask.setToolTip('The weekly update lists it under "Needs from you"')
        self.errors = FieldErrors(error_label(self))
        self.add_button = QPushButton("&Add entry")
        self.save_button = QPushButton("&Save entry")
        self.delete_button = QPushButton("Delete entry")
        self._build_layout()
        self._connect()
        self.show_cell(None)

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow("Time", self.duration)
        form.addRow("", self.errors.add("minutes", error_label(self)))
        form.addRow("Note", self.note)
        form.addRow("", self.errors.add("note", error_label(self)))
        form.addRow("", self.out_of_scope)
        form.addRow("", self.ask)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        assert self.errors.general is not None
        layout.addWidget(self.errors.general)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.duration.returnPressed.connect(self._on_duration_return_pressed)
        self.note.submitted.connect(self._on_duration_return_pressed)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.edits.cell_changed.connect(self._on_edits_cell_changed)

    def show_cell(self, key: CellKey | None, engagement: Engagement | None = None) -> None:
        """Show a cell's entries (None: nothing selected), keeping the typed form if it is open."""
        self.key = key
        self.errors.clear()
        if key is None:
            self.heading.setText(EMPTY_TEXT)
            self.model.set_rows([])
        else:
            where = f"{BUCKET_LABELS[key[1]]} · {key[2]:%A} {key[2].day} {key[2]:%b %Y}"
            label = engagement.label if engagement else ""
            self.heading.setText(f"<b>{label}</b><br>{where}")
            self.model.set_rows(self.edits.entries(key))
        self._clear_form()

    def selected_entry(self) -> TimeEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        entry = rows[0].data(RecordRole)
        return entry if isinstance(entry, TimeEntry) else None

    def _clear_form(self) -> None:
        self.table.clearSelection()
        self.duration.clear()
        self.note.clear()
        self.out_of_scope.setChecked(False)
        self.ask.setChecked(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_cell, has_entry = self.key is not None, self.selected_entry() is not None
        for widget in (self.duration, self.note, self.out_of_scope, self.ask, self.add_button):
            widget.setEnabled(has_cell)
        self.save_button.setEnabled(has_entry)
        self.delete_button.setEnabled(has_entry)

    def _on_table_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.duration.setText(format_minutes(entry.minutes))
            self.note.setPlainText(entry.note)
            self.out_of_scope.setChecked(entry.out_of_scope)
            self.ask.setChecked(entry.ask)
        self._update_buttons()

    def _typed_entry(self) -> TimeEntry:
        assert self.key is not None
        minutes = parse_duration(self.duration.text())
        if not minutes:
            raise ValidationError("minutes", "type how long, such as 1:30 or 45m")
        eid, bucket, day = self.key
        note, marked = self.note.toPlainText(), self.out_of_scope.isChecked()
        return TimeEntry(
            eid, day, bucket, minutes, note, out_of_scope=marked, ask=self.ask.isChecked()
        )  # fmt: skip

    def _on_duration_return_pressed(self) -> None:
        """Enter in the time field or the note: save the selected entry, or add a new one."""
        self._write(self._save if self.selected_entry() is not None else self._add)

    def _on_add_button_clicked(self) -> None:
        self._write(self._add)

    def _on_save_button_clicked(self) -> None:
        self._write(self._save)

    def _add(self) -> None:
        self.edits.add_entry(self._typed_entry())

    def _save(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            typed = self._typed_entry()
            self.edits.update_entry(_replace(entry, typed))

    def _write(self, action: Callable[[], None]) -> None:
        try:
            action()
        except ValidationError as error:
            self.errors.show(error)

    def _on_delete_button_clicked(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.edits.delete_entry(entry)

    def _on_edits_cell_changed(self, key: CellKey) -> None:
        if key == self.key:
            self.errors.clear()
            self.model.set_rows(self.edits.entries(key))
            self._clear_form()


def _replace(entry: TimeEntry, typed: TimeEntry) -> TimeEntry:
    return TimeEntry(
        entry.engagement_id, entry.day, entry.bucket, typed.minutes, typed.note, entry.id,
        entry.created_at, typed.out_of_scope, typed.ask,
    )  # fmt: skip


def _entries_table(model: QSortFilterProxyModel) -> QTableView:
    table = TableView()
    table.setObjectName("timeEntriesTable")
    table.setModel(model)
    table.list_rows()
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setSortingEnabled(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    return table
