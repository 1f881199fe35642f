"""The export flow: engagement, file name, writing off the UI thread, then open or show it.

Before a scope of work, the sections that would print "To be agreed" are found off the UI thread
and listed in a warning ("Export anyway" or "Cancel").

The document is written by the one background runner, on a worker connection of its own, never
touching a widget; python-docx is first imported there.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from exporters.documents import KINDS, export, suggested_name
from exporters.errors import ExportError
from storage.rules import DataFileError, NotFoundError, today
from widgets.common import dialogs, ui_settings
from widgets.common.background_task import BackgroundTask
from widgets.common.documents import DocumentRequest
from widgets.export.export_done import ExportDoneDialog

if TYPE_CHECKING:
    from sqlite_utils import Database

    from widgets.export.export_options import ExportOptionsDialog, ExportRequest

FILTERS = {".docx": "Word document (*.docx)", ".csv": "CSV spreadsheet (*.csv)"}


def ask_save_path(
    parent: QWidget, title: str, proposed: Path, extensions: tuple[str, ...]
) -> Path | None:
    """The save dialog (tests patch this); None when the user cancels."""
    filters = ";;".join(FILTERS[e] for e in extensions)
    chosen, selected = QFileDialog.getSaveFileName(parent, title, str(proposed), filters)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() not in extensions:
        wanted = next((e for e in extensions if FILTERS[e] == selected), extensions[0])
        path = path.with_name(path.name + wanted)
    return path


def ask_export_anyway(parent: QWidget, sections: list[str]) -> bool:
    """The warning before a scope of work that still says "To be agreed" (tests patch this)."""
    listed = "\n".join(f"• {section}" for section in sections)
    text = (
        f"These sections of the scope of work say “To be agreed”:\n\n{listed}\n\n"
        "Agree them in the engagement's terms and the client's details first, or export the "
        "document as it is."
    )
    answer = dialogs.choose(
        parent, "Some terms are not agreed yet", text, ("Export anyway", "Cancel"), default=1
    )
    return answer == 0


def sections_to_agree(engagement_id: int, db: Database) -> list[str]:
    """On the pool thread: python-docx is first imported there, not on the UI thread."""
    from exporters.scope_of_work import to_be_agreed

    return to_be_agreed(db, engagement_id)


def write_document(request: ExportRequest, target: Path, db: Database) -> Path:
    """On the pool thread, with the worker connection the background runner opened."""
    return export(
        db,
        request.kind,
        request.engagement.id or 0,
        target,
        start=request.start,
        end=request.end,
    )


def failure_text(error: Exception) -> tuple[str, str]:
    """The message, and the details (a traceback for what nobody foresaw), of a failed export."""
    if isinstance(error, (ExportError, DataFileError)):
        return getattr(error, "message", str(error)), ""
    if isinstance(error, NotFoundError):
        return "The engagement was deleted before it could be exported.", ""
    message = f"The document could not be written ({error.__class__.__name__}: {error})."
    return message, "".join(traceback.format_exception(error))


class ExportFlow(QObject):
    """Starts exports for a window; `exported` fires with the path of each document written."""

    exported = Signal(object)
    failed = Signal(str)

    def __init__(
        self, db: Database, parent: QWidget, current_engagement: Callable[[], int | None]
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.window = parent
        self.current_engagement = current_engagement
        self.task = BackgroundTask(parent)
        self.task.setObjectName("exportTask")
        self.options: ExportOptionsDialog | None = None
        self.done: ExportDoneDialog | None = None

    @property
    def pool(self) -> QThreadPool:
        return self.task.pool

    @property
    def progress(self) -> QProgressDialog | None:
        return self.task.progress

    def start(self, kind: str) -> None:
        """Ask for the engagement (and dates) when needed, then for the file name."""
        from storage.practice import engagements  # on the first export, not at start
        from widgets.export.export_options import ExportOptionsDialog, ExportRequest

        current = self.current_engagement()
        if kind != "timesheet" and current:
            try:
                self._check_then_ask(ExportRequest(kind, engagements.get(self.db, current)))
                return
            except NotFoundError:
                pass
        self.options = ExportOptionsDialog(self.db, kind, KINDS[kind].label, current, self.window)
        self.options.accepted.connect(self._on_options_accepted)
        self.options.open()

    def _on_options_accepted(self) -> None:
        request = self.options.request() if self.options else None
        if request is not None:
            self._check_then_ask(request)

    def _check_then_ask(self, request: ExportRequest) -> None:
        """A scope of work is checked for terms still to be agreed before its file is asked."""
        if request.kind != "sow":
            self._ask_path(request)
            return
        started = self.task.start_on_database(
            "Checking the scope of work…",
            self.db,
            partial(sections_to_agree, request.engagement.id or 0),
            partial(self._on_checked, request),
            self._on_task_failed,
        )
        if not started:
            self._show_status("An export is still being written", 5000)

    def _on_checked(self, request: ExportRequest, sections: list[str]) -> None:
        if sections and not ask_export_anyway(self.window, sections):
            return
        self._ask_path(request)

    def _ask_path(self, request: ExportRequest) -> None:
        kind = KINDS[request.kind]
        name = suggested_name(request.kind, request.engagement, today())
        target = self._choose_target(f"Export {kind.label.lower()}", name, kind.extensions)
        if target is not None:
            self.run(request, target)

    def save(self, request: DocumentRequest) -> None:
        """A document a tab describes (an invoice, a statement): ask where, then write it."""
        target = self._choose_target(f"Save {request.label}", request.name, request.extensions)
        if target is not None:
            self._write(target, partial(request.write, target))

    def _choose_target(self, title: str, name: str, extensions: tuple[str, ...]) -> Path | None:
        """The save dialog in the last export folder; the folder chosen is remembered."""
        folder = Path(ui_settings.read(ui_settings.LAST_EXPORT_FOLDER) or Path.home())
        target = ask_save_path(self.window, title, folder / name, extensions)
        if target is not None:
            ui_settings.write(ui_settings.LAST_EXPORT_FOLDER, str(target.parent))
        return target

    def run(self, request: ExportRequest, target: Path) -> None:
        """Write in the background with a busy progress dialog."""
        self._write(target, partial(write_document, request, target))

    def _write(self, target: Path, work: Callable[[Database], Path]) -> None:
        started = self.task.start_on_database(
            f"Writing “{target.name}”…", self.db, work, self._on_task_done, self._on_task_failed
        )
        if not started:
            self._show_status("An export is still being written", 5000)

    def _show_status(self, text: str, timeout: int) -> None:
        status = getattr(self.window, "statusBar", None)
        if callable(status):
            status().showMessage(text, timeout)

    def _on_task_done(self, path: Path) -> None:
        self._show_status(f"Saved {path}", 8000)
        self.done = ExportDoneDialog(path, self.window)
        self.done.open()
        self.exported.emit(path)

    def _on_task_failed(self, error: Exception) -> None:
        message, details = failure_text(error)
        dialogs.show_error(self.window, "The document was not saved", message, details)
        self.failed.emit(message)

    def wait(self) -> None:
        """Block until running exports are done (closing the window, tests)."""
        self.task.wait()
