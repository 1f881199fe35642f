"""Choosing a backup to restore, and the ways out when the database cannot be opened."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from storage.file import Backup
from widgets.common import dialogs
from widgets.common.record_model import RecordRole, RecordTableModel, SortRole

REASON_LABELS = {
    "manual": "Backed up by you",
    "automatic": "Daily, automatic",
    "before-migration": "Before an update",
    "before-restore": "Before a restore",
    "before-import": "Before an import",
}
COLUMNS = ("Taken", "Kind", "Clients", "Engagements", "Time entries", "Decisions", "Size")
Index = QModelIndex | QPersistentModelIndex


def taken_label(backup: Backup) -> str:
    return backup.taken_at.astimezone().strftime("%a %d %b %Y, %H:%M")


def size_label(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} kB"


class BackupsModel(RecordTableModel[Backup]):
    """The backups of one data folder, newest first, with what each holds."""

    headers = COLUMNS
    fields = ("taken", "kind", "clients", "engagements", "time_entries", "decisions", "size")
    editable = False

    def __init__(self, backups: list[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = list(backups)

    def record_id(self, row: Backup) -> int | None:
        return None  # a backup is a file, chosen by its row

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        backup = self._rows[index.row()]
        if backup.contents is None:
            return Qt.ItemFlag.NoItemFlags  # unreadable: shown, but cannot be chosen
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def display(self, backup: Backup, field: str) -> str:
        if field == "taken":
            return taken_label(backup)
        if field == "kind":
            return REASON_LABELS.get(backup.reason, backup.reason)
        if field == "size":
            return size_label(backup.size_bytes)
        if backup.contents is None:
            return "unreadable" if field == "clients" else ""
        return f"{getattr(backup.contents, field):,}"

    def sort_key(self, backup: Backup, field: str) -> Any:
        if field == "taken":
            return backup.taken_at.timestamp()
        if field == "size":
            return backup.size_bytes
        if field == "kind" or backup.contents is None:
            return self.display(backup, field)
        return int(getattr(backup.contents, field))

    def styled(self, backup: Backup, field: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return backup.problem or str(backup.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and field not in ("taken", "kind"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class RestoreDialog(QDialog):
    """Pick a backup; Restore asks for confirmation, then the dialog accepts with `chosen` set."""

    def __init__(self, backups: list[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Restore from backup")
        self.chosen: Backup | None = None
        self.model = BackupsModel(backups, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = self._make_table()
        intro = QLabel(
            "Choose the backup to go back to. What you have now is backed up first, so a "
            "restore can itself be undone from this list."
            if backups
            else "There are no backups in this data folder yet (File → Back up now makes one)."
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = QPushButton("Restore", self)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setEnabled(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(900, 380)

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("backupsTable")
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        table.doubleClicked.connect(self._on_table_double_clicked)
        return table

    def selected(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        backup = rows[0].data(RecordRole)
        return backup if isinstance(backup, Backup) else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _on_selection_changed(self, *_: object) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def _on_table_double_clicked(self, _index: QModelIndex) -> None:
        self._on_restore_button_clicked()

    def _on_restore_button_clicked(self) -> None:
        backup = self.selected()
        if backup is None or backup.contents is None:
            return
        question = (
            f"Go back to the backup of {taken_label(backup)}?\n\nIt holds "
            f"{backup.contents.describe()}.\n\nWhat you have now is backed up first, so you "
            "can return to it from this list."
        )
        if dialogs.confirm(self, "Restore from backup", question, action="Restore"):
            self.chosen = backup
            self.accept()


class DataFileProblemDialog(QDialog):
    """The database cannot be opened: say which file and why, and offer the ways out."""

    RESTORE = "restore"
    OTHER_FOLDER = "other_folder"
    QUIT = "quit"

    def __init__(
        self, message: str, data_dir: Path, has_backups: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dataFileProblemDialog")
        self.setWindowTitle("Cannot open your data")
        self.choice = self.QUIT
        text = QLabel(message, self)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton(
            "Restore a backup…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setEnabled(has_backups)
        if not has_backups:
            self.restore_button.setToolTip(f"There are no backups in {data_dir / 'backups'}")
        self.other_folder_button = buttons.addButton(
            "Choose another data folder…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.quit_button = buttons.addButton("Quit", QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.other_folder_button.clicked.connect(self._on_other_folder_button_clicked)
        self.quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(620, 200)

    def _on_restore_button_clicked(self) -> None:
        self.choice = self.RESTORE
        self.accept()

    def _on_other_folder_button_clicked(self) -> None:
        self.choice = self.OTHER_FOLDER
        self.accept()
