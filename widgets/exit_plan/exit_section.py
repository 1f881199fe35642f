"""A table of one engagement's records with Add / Delete, edits in place, errors shown below it,
and every change on the tab's undo stack. Every section of the Exit plan tab uses it; those whose
order matters (milestones, risks, recommendations, the access inventory) also move rows.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from storage.exit_plan import plan_changes
from storage.file import Change, ChangedElsewhereError
from storage.rules import NotFoundError, ValidationError
from widgets.common import dialogs
from widgets.common.empty_state import EmptyState
from widgets.common.field_errors import FieldErrors, error_label
from widgets.common.record_model import RecordTableModel
from widgets.common.table_view import TableView
from widgets.common.undo import DoneCommand
from widgets.exit_plan.plan_commands import PlanCommand

if TYPE_CHECKING:
    from sqlite_utils import Database

CHANGED_ELSEWHERE = (
    "saved elsewhere (another window or the command line) since it was shown here: nothing was "
    "written, and the {noun} is shown as stored now"
)

NO_ENGAGEMENT = "Add an engagement on the Clients tab first: an exit plan belongs to one."
MOVE_UP_KEY, MOVE_DOWN_KEY = "Ctrl+Up", "Ctrl+Down"


class RecordSection(QGroupBox):
    """Subclasses set `noun`, `store` (a storage module) and build `new_record()`."""

    changed = Signal()
    noun = "record"
    empty_text = ""  # what to do while the table is empty, said above it with a button for it
    store: ModuleType

    def __init__(
        self,
        db: Database,
        undo_stack: QUndoStack,
        model: RecordTableModel[Any],
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self.db = db
        self.undo_stack = undo_stack
        self.engagement_id = 0
        self.model = model
        self.model.commit = self._commit_edit
        self.model.invalid.connect(self._on_model_invalid)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = _table(self.proxy, self)
        self.errors = FieldErrors(error_label(self))
        self.buttons = QHBoxLayout()
        self.add_button = self.add_button_for(f"Add {self.noun}", self._on_add_clicked)
        self.delete_button = self.add_button_for("Delete", self._on_delete_clicked)
        self.delete_action = QAction(f"Delete {self.noun}", self.table)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self._on_delete_clicked)
        self.table.addAction(self.delete_action)
        self.empty = EmptyState(self)
        self.empty.setObjectName(f"{self.noun}Empty")
        self.empty.clicked.connect(self._on_empty_clicked)
        layout = QVBoxLayout(self)
        layout.addLayout(self.buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        assert self.errors.general is not None
        layout.addWidget(self.errors.general)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def add_button_for(self, text: str, slot: Any, tip: str = "") -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    def new_record(self) -> Any:
        raise NotImplementedError

    def label_of(self, record: Any) -> str:
        raise NotImplementedError

    # Loading and selection.
    def set_engagement(self, engagement_id: int) -> None:
        self.engagement_id = engagement_id
        self.errors.clear()
        self.reload()

    def reload(self) -> None:
        selected = self.selected()
        rows = self.store.list_for(self.db, self.engagement_id) if self.engagement_id else []
        self.model.set_rows(rows)
        if selected is not None:
            self.select(int(selected.id))
        self._on_selection_changed()

    def selected(self) -> Any:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        return self.model.record(self.proxy.mapToSource(index).row())

    def select(self, record_id: int, column: int = 0) -> bool:
        row = self.model.row_of(record_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, column))
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def _show_empty_state(self) -> None:
        """Say what to do next while the table is empty; disable what cannot work, saying why."""
        has_engagement = bool(self.engagement_id)
        empty = self.model.rowCount() == 0
        self.add_button.setEnabled(has_engagement)
        self.add_button.setToolTip("" if has_engagement else NO_ENGAGEMENT)
        text = (self.empty_text if has_engagement else NO_ENGAGEMENT) if empty else ""
        self.empty.show_state(text, self.empty_action_text() if has_engagement else "")

    def empty_action_text(self) -> str:
        return f"Add {self.noun}"

    def empty_action(self) -> None:
        self.add_new()

    def _on_empty_clicked(self) -> None:
        self.empty_action()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_selection_changed(self, *_: object) -> None:
        self._show_empty_state()
        has = self.selected() is not None
        self.delete_button.setEnabled(has)
        self.delete_action.setEnabled(has)

    # Writes, each pushed on the undo stack.
    def after_change(self) -> None:
        self.reload()
        self.changed.emit()

    def push(self, text: str, redo: Any, undo: Any, *, reload: bool = True) -> None:
        """Put a change already written on the undo stack and show it (an edit in place is
        already shown: reloading inside the model's setData would pull the row from under it)."""
        command = DoneCommand(text, redo, undo, self.after_change, self.report_problem)
        self._push_command(command, reload=reload)

    def push_change(self, text: str, change: Change[Any], *, reload: bool = True) -> None:
        """Put a written change on the undo stack; undo and redo apply its recorded sides."""
        command = PlanCommand(self.db, text, change, self.after_change, self.report_problem)
        self._push_command(command, reload=reload)

    def _push_command(self, command: Any, *, reload: bool) -> None:
        self.undo_stack.push(command)
        if reload:
            self.after_change()
        else:
            self.changed.emit()

    def _commit_edit(self, old: Any, new: Any) -> bool:
        try:
            change = plan_changes.update(self.db, new, expected=old)
        except ChangedElsewhereError:
            self.stale()
            return False
        except ValidationError as error:
            self._on_model_invalid(error)
            return False
        self.errors.clear()
        self.model.replace(change.after)
        self.push_change(f"Edit {self.noun}", change, reload=False)
        return True

    def stale(self) -> None:
        """What was shown is no longer stored: say so and show what is (after the edit closes)."""
        message = CHANGED_ELSEWHERE.format(noun=self.noun)
        self.errors.show(ValidationError("general", f"This {self.noun} was {message}"))
        QTimer.singleShot(0, self._reload_keeping_errors)

    def _reload_keeping_errors(self) -> None:
        self.reload()
        self.changed.emit()

    def report_problem(self, message: str) -> None:
        """An undo or redo the data no longer allows: nothing was written."""
        dialogs.warn(self, "Cannot undo", message)

    def _on_model_invalid(self, error: object) -> None:
        if isinstance(error, ValidationError):
            self.errors.show(error)

    def add_new(self) -> None:
        """Add a record and open its first cell for typing."""
        if not self.engagement_id:
            return
        change = plan_changes.add(self.db, self.new_record())
        self.push_change(f"Add {self.noun}", change)
        self.select(int(change.after.id))
        self.table.edit(self.table.currentIndex())

    def _on_add_clicked(self) -> None:
        self.add_new()

    def _on_delete_clicked(self) -> None:
        record = self.selected()
        if record is None:
            return
        question = f"Delete the {self.noun} “{self.label_of(record)}”? Edit → Undo brings it back."
        if not dialogs.confirm(self, f"Delete {self.noun}", question):
            return
        try:
            change = plan_changes.delete(self.db, record)
        except (ChangedElsewhereError, NotFoundError):
            self.stale()
            return
        self.push_change(f"Delete {self.noun}", change)


class MovableSection(RecordSection):
    """A section whose rows keep the order the consultant gives them: Move up / Move down
    (Ctrl+Up / Ctrl+Down) and drag and drop, each move undoable. `store` has `move_to`."""

    def add_move_buttons(self) -> None:
        noun = self.noun
        self.up_button = self.add_button_for(
            "Move up", self._on_up_clicked, f"Move the {noun} up ({MOVE_UP_KEY})"
        )
        self.down_button = self.add_button_for(
            "Move down", self._on_down_clicked, f"Move it down ({MOVE_DOWN_KEY})"
        )
        for key, slot in (
            (MOVE_UP_KEY, self._on_up_clicked),
            (MOVE_DOWN_KEY, self._on_down_clicked),
        ):
            action = QAction(self.table)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.table.addAction(action)
        self.model.reorder = self.move_to  # type: ignore[attr-defined]
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDragDropOverwriteMode(False)
        self.table.setDropIndicatorShown(True)

    def _on_selection_changed(self, *args: object) -> None:
        super()._on_selection_changed(*args)
        if not hasattr(self, "down_button"):
            return
        record = self.selected()
        last = self.model.rowCount() - 1
        self.up_button.setEnabled(record is not None and record.position > 0)
        self.down_button.setEnabled(record is not None and record.position < last)

    def move_selected(self, step: int) -> None:
        record = self.selected()
        if record is not None and 0 <= record.position + step < self.model.rowCount():
            self.move_to(int(record.id or 0), record.position + step)

    def move_to(self, record_id: int, position: int) -> None:
        """Move a row (buttons, shortcuts, drag and drop), undoably, and keep it selected."""
        row = self.model.row_of(record_id)
        if row is None:
            return
        shown = self.model.record(row)
        try:
            change = plan_changes.move(self.db, shown, position)
        except (ChangedElsewhereError, NotFoundError):
            self.stale()
            return
        self.push_change(f"Move {self.noun}", change)
        self.select(record_id)

    def _on_up_clicked(self) -> None:
        self.move_selected(-1)

    def _on_down_clicked(self) -> None:
        self.move_selected(1)


def _table(model: QSortFilterProxyModel, parent: QWidget) -> QTableView:
    table = TableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.setWordWrap(False)
    return table
