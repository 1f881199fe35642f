"""Sync conflicts: what a sync settled by the rules, to review and flip.

The dialog shows the list `fractional-desk sync conflicts --format json` gives and asks for a
flip or a review through signals; the window runs the command and hands back the new list, so
this module never touches the sync engine (which runs in its own process).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from widgets.common.record_model import TableModel
from widgets.common.table_view import TableView

AnyIndex = QModelIndex | QPersistentModelIndex
FLIP_KEY, REVIEWED_KEY = "Alt+F", "Alt+R"


def kind_text(found: dict[str, Any]) -> str:
    """What happened, in the words the command line gives (storage's), or the kind itself."""
    words = str(found.get("what_happened", ""))
    return words or str(found.get("kind", "")).replace("_", " ").capitalize()


class ConflictsModel(TableModel):
    headers = ("Record", "Field", "What happened", "Kept", "Other value")
    header_tips = {  # noqa: RUF012 - read-only
        3: "The value the practice holds now",
        4: "The value the other side had: Flip keeps it instead",
    }

    def set_conflicts(self, rows: Sequence[Mapping[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = [dict(r) for r in rows]
        self.endResetModel()

    def conflict(self, row: int) -> dict[str, Any]:
        return dict(self._rows[row])

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        found = self._rows[index.row()]
        values = (
            str(found.get("record", ""))
            or f"{str(found.get('table', '')).replace('_', ' ')} {found.get('row', '')}".strip(),
            str(found.get("column", "")),
            kind_text(found),
            str(found.get("kept", "")),
            str(found.get("other", "")),
        )
        return values[index.column()]


class SyncConflictsDialog(QDialog):
    flip_requested = Signal(int)  # a conflict's id: keep the other value
    reviewed_requested = Signal(int)  # a conflict's id: keep what was kept
    refresh_requested = Signal()

    def __init__(self, conflicts: Sequence[Mapping[str, Any]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Sync conflicts")
        self.setObjectName("syncConflictsDialog")
        self.model = ConflictsModel(self)
        self.table = TableView(self)
        self.table.setModel(self.model)
        self.table.list_rows()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.intro = QLabel(
            "A sync settled these by the rules and kept one value. Flip keeps the other value "
            "instead; Mark reviewed keeps what was kept. Either takes it off this list."
        )
        self.intro.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("syncConflictsMessage")
        self.message.setWordWrap(True)
        self.flip_button = QPushButton(f"Flip ({FLIP_KEY})")
        self.flip_button.setObjectName("flipConflictButton")
        self.flip_button.setToolTip("Keep the other value instead")
        self.reviewed_button = QPushButton(f"Mark reviewed ({REVIEWED_KEY})")
        self.reviewed_button.setObjectName("reviewedConflictButton")
        self.reviewed_button.setToolTip("Keep what was kept and take it off the list")
        self.flip_button.clicked.connect(self._on_flip_clicked)
        self.reviewed_button.clicked.connect(self._on_reviewed_clicked)
        for key, slot in ((FLIP_KEY, self._on_flip_clicked),
                          (REVIEWED_KEY, self._on_reviewed_clicked)):  # fmt: skip
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(slot)
            self.addAction(action)  # the keys work wherever the focus is in the dialog
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.flip_button)
        row.addWidget(self.reviewed_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._busy = False
        self.resize(820, 420)
        self.set_conflicts(conflicts)

    def set_conflicts(self, conflicts: Sequence[Mapping[str, Any]]) -> None:
        """Show this list (after each flip or review, the waiting ones as the command gives
        them), keeping the selection on the same row number so the next one is at hand."""
        current = self.table.currentIndex().row()
        self.model.set_conflicts(conflicts)
        self._busy = False
        if self.model.rowCount():
            self.table.selectRow(min(max(current, 0), self.model.rowCount() - 1))
            self.table.resizeColumnsToContents()
            self.message.setText("")
        else:
            self.message.setText("No conflicts waiting.")
        self._update_buttons()

    def show_problem(self, problem: str) -> None:
        self._busy = False
        self.message.setText(f"Not done: {problem}")
        self._update_buttons()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return int(self.model.conflict(rows[0].row()).get("id", 0)) or None

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None and not self._busy
        self.flip_button.setEnabled(chosen)
        self.reviewed_button.setEnabled(chosen)

    def _on_flip_clicked(self) -> None:
        self._ask(self.flip_requested)

    def _on_reviewed_clicked(self) -> None:
        self._ask(self.reviewed_requested)

    def _ask(self, signal: Any) -> None:
        chosen = self.selected_id()
        if chosen is None or self._busy:
            return
        self._busy = True  # one at a time: the list comes back with set_conflicts
        self.message.setText("Working…")
        self._update_buttons()
        signal.emit(chosen)


def conflicts_dialog(
    conflicts: Sequence[Mapping[str, Any]], parent: QWidget | None = None
) -> SyncConflictsDialog:
    """The dialog for a parsed `sync conflicts --format json` list."""
    return SyncConflictsDialog(conflicts, parent)
