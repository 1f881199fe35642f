"""File → Import time…: read a Toggl Track, Harvest or Clockify export, map it, preview, import.

Reading, previewing and importing run in the background (a large export takes seconds); the
preview lists the minutes per engagement and bucket and every refused row with its reason
before anything is written. After an import, Undo import takes its time out again.
"""

from __future__ import annotations

import contextlib
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from storage.practice import engagements
from storage.rules import BUCKETS, DataFileError, ValidationError, format_minutes
from storage.transfer import (
    DATE_ORDER_LABELS,
    FORMAT_LABELS,
    ImportMap,
    ImportPlan,
    SourceFile,
    import_time,
    import_undo,
)
from widgets.common import dialogs
from widgets.common.background_task import BackgroundTask
from widgets.transfer.import_rules import ImportRules, ReadFile, read_for_mapping

if TYPE_CHECKING:
    from sqlite_utils import Database

EXPECTED = (ValidationError, DataFileError, OSError)
SHOWN_REFUSALS = 1_000  # a text box of 100,000 lines would hold the window while it lays out


class ImportTimeDialog(QDialog):
    """`changed` fires after an import or an undo, so the window re-reads its tabs."""

    changed = Signal()

    def __init__(
        self, db: Database, data_dir: Path, path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importTimeDialog")
        self.setWindowTitle("Import time")
        self.db, self.data_dir, self.path = db, data_dir, path
        self.source: SourceFile | None = None
        self.rules: ImportRules | None = None
        self.import_id: int | None = None
        self.task = BackgroundTask(self)
        self.task.setObjectName("importTask")
        self._calm = contextlib.ExitStack()  # the rows held here make full collections slow
        self._calm.enter_context(import_time.calm_collector())
        self.finished.connect(self._on_finished)
        self._build()
        self._read()

    def _read(self) -> None:
        order = self.date_order.currentData()
        self.task.start_on_database(f"Reading “{self.path.name}”…", self.db,
                                    partial(read_for_mapping, path=self.path, order=order),
                                    self._on_read, self._on_failed)  # fmt: skip

    def _build(self) -> None:
        self.heading = QLabel(f"Reading “{self.path.name}”…", self)
        self.heading.setWordWrap(True)
        self.date_order = QComboBox(self)
        self.date_order.addItem("As the file's dates show", None)
        for order, label in DATE_ORDER_LABELS.items():
            self.date_order.addItem(label, order)
        self.date_order.currentIndexChanged.connect(self._on_date_order_current_index_changed)
        dates_label = QLabel("&Dates are written", self)
        dates_label.setBuddy(self.date_order)
        dates = QHBoxLayout()
        dates.addWidget(dates_label)
        dates.addWidget(self.date_order, 1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.result = QPlainTextEdit(self)
        self.result.setObjectName("importPreview")
        self.result.setReadOnly(True)
        self.result.setPlaceholderText("Choose where the time goes, then Preview.")
        buttons = QDialogButtonBox(self)
        self.preview_button = self._button(buttons, "&Preview", "importPreviewButton")
        self.import_button = self._button(buttons, "&Import", "importButton")
        self.undo_button = self._button(buttons, "&Undo import", "importUndoButton")
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.preview_button.clicked.connect(self._on_preview_button_clicked)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.undo_button.clicked.connect(self._on_undo_button_clicked)
        buttons.rejected.connect(self.reject)
        self.undo_button.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(dates)
        for widget, stretch in (
            (self.heading, 0),
            (self.scroll, 2),
            (self.result, 1),
            (buttons, 0),
        ):
            layout.addWidget(widget, stretch)
        self.resize(720, 640)

    def _button(self, buttons: QDialogButtonBox, text: str, name: str) -> QPushButton:
        button = buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.setEnabled(False)
        return button

    def _on_read(self, read: ReadFile) -> None:
        self.source = source = read.source
        self.rules = ImportRules(read, self.scroll)
        self.scroll.setWidget(self.rules)
        self.heading.setText(f"“{self.path.name}”: a {FORMAT_LABELS[source.format]} export "
                             f"of {source.total} rows.")  # fmt: skip
        self.preview_button.setEnabled(True)

    def mapping(self) -> ImportMap:
        return self.rules.mapping() if self.rules else ImportMap()

    def _on_preview_button_clicked(self) -> None:
        if self.source is None:
            return
        self.import_button.setEnabled(False)
        work = partial(_preview, source=self.source, mapping=self.mapping())
        self.task.start_on_database("Making the preview…", self.db, work,
                                    self._on_previewed, self._on_failed)  # fmt: skip

    def _on_previewed(self, plan: ImportPlan) -> None:
        self.result.setPlainText(describe(plan, self._labels()))
        self.import_button.setEnabled(plan.imported > 0)

    def _labels(self) -> dict[str, str]:
        return {str(e.id): e.label for e in engagements.list_all(self.db)}

    def _on_import_button_clicked(self) -> None:
        if self.source is None:
            return
        self.import_button.setEnabled(False)
        self.preview_button.setEnabled(False)
        work = partial(_import, data_dir=self.data_dir, source=self.source,
                       mapping=self.mapping(), report=self.task.report)  # fmt: skip
        self.task.start_on_database("Importing time…", self.db, work,
                                    self._on_imported, self._on_failed)  # fmt: skip

    def _on_imported(self, done: tuple[ImportPlan, int | None]) -> None:
        plan, self.import_id = done
        self.result.setPlainText("Imported.\n\n" + describe(plan, self._labels()))
        self.undo_button.setVisible(self.import_id is not None)
        self.undo_button.setEnabled(self.import_id is not None)
        self.changed.emit()

    def _on_undo_button_clicked(self) -> None:
        if self.import_id is None:
            return
        self.undo_button.setEnabled(False)
        work = partial(_undo, data_dir=self.data_dir, import_id=self.import_id)
        self.task.start_on_database("Undoing the import…", self.db, work,
                                    self._on_undone, self._on_failed)  # fmt: skip

    def _on_undone(self, deleted: int) -> None:
        self.import_id = None
        self.undo_button.hide()
        self.preview_button.setEnabled(True)
        self.result.setPlainText(f"The import was undone: {deleted} time entries were deleted.")
        self.changed.emit()

    def _on_date_order_current_index_changed(self, _index: int) -> None:
        if self.task.running:
            return
        self.source = None
        self.preview_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self._read()

    def _on_failed(self, error: Exception) -> None:
        if not isinstance(error, EXPECTED):
            raise error  # a bug: the error hook reports it with its details
        if isinstance(error, ValidationError) and error.field == "date_order":
            self.heading.setText(f"“{self.path.name}”: {error.message}. Choose above how "
                                 "its dates are written.")  # fmt: skip
            self.date_order.setFocus()
            return
        self.preview_button.setEnabled(self.source is not None)
        message = error.message if isinstance(error, ValidationError) else str(error)
        dialogs.show_error(self, "Nothing was imported", message)

    def _on_finished(self, _result: int) -> None:
        self.task.wait()
        self.source = None
        self._calm.close()

    def wait(self) -> None:
        self.task.wait()


def _preview(db: Database, *, source: SourceFile, mapping: ImportMap) -> ImportPlan:
    return import_time.preview(db, source, mapping)


def _import(
    db: Database,
    *,
    data_dir: Path,
    source: SourceFile,
    mapping: ImportMap,
    report: import_time.Progress,
) -> tuple[ImportPlan, int | None]:
    return import_time.import_file(db, data_dir, source, mapping, progress=report)


def _undo(db: Database, *, data_dir: Path, import_id: int) -> int:
    return import_undo.undo_import(db, data_dir, import_id)


def describe(plan: ImportPlan, labels: dict[str, str]) -> str:
    """The preview in words: counts, hours per engagement and bucket, each refused row."""
    lines = [f"{plan.rows} rows: {plan.imported} to import, {plan.duplicates} already imported, "
             f"{len(plan.refused)} refused."]  # fmt: skip
    lines += [f"  New engagement: {key}, from {day.isoformat()}"
              for key, day in plan.new_engagements.items()]  # fmt: skip
    for target, minutes in plan.minutes().items():
        split = ", ".join(f"{b} {format_minutes(minutes[b]) or '0:00'}" for b in BUCKETS)
        lines.append(f"  {labels.get(target, target)}: {split}")
    if plan.refused:
        lines += ["", "Refused:"]
        lines += [f"  line {r.line}: {r.reason}" for r in plan.refused[:SHOWN_REFUSALS]]
    if len(plan.refused) > SHOWN_REFUSALS:
        more = len(plan.refused) - SHOWN_REFUSALS
        lines.append(f"  … and {more:,} more (`fractional-desk import time --dry-run` lists all)")
    if plan.flagged:
        lines += ["", "Imported, but look again:"]
        lines += [f"  line {r.line}: {r.reason}" for r in plan.flagged[:SHOWN_REFUSALS]]
    return "\n".join(lines)
