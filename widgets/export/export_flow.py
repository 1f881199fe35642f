"""The export flow: engagement, file name, writing off the UI thread, then open or show it.

The worker opens its own database connection and never touches a widget; it reports through
signals that arrive on the UI thread. python-docx is first imported by the worker.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget
from sqlite_utils import Database

from exporters.documents import KINDS, export, suggested_name
from exporters.errors import ExportError
from storage import engagements
from storage.clock import today
from storage.db import database_path, open_database
from storage.errors import DataFileError, NotFoundError
from widgets.common import dialogs, ui_settings
from widgets.export.export_done import ExportDoneDialog
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


class _Signals(QObject):
    finished = Signal(object)  # Path
    failed = Signal(str, str)  # message, details


class ExportWorker(QRunnable):
    """Writes one document on a pool thread with its own connection (what
    storage.db.open_worker_connection opens, but resolved before the thread starts)."""

    def __init__(self, source: Database, request: ExportRequest, target: Path) -> None:
        super().__init__()
        # Read here, on the UI thread: the source connection belongs to that thread.
        self.database = database_path(source)
        self.request = request
        self.target = target
        self.signals = _Signals()

    def run(self) -> None:
        try:
            with open_database(self.database, migrate=False) as db:
                path = export(
                    db,
                    self.request.kind,
                    self.request.engagement.id or 0,
                    self.target,
                    start=self.request.start,
                    end=self.request.end,
                )
        except (ExportError, DataFileError) as exc:
            self.signals.failed.emit(getattr(exc, "message", str(exc)), "")
        except NotFoundError:
            self.signals.failed.emit("The engagement was deleted before it could be exported.", "")
        except Exception as exc:  # the message box says it; the details hold the traceback
            self.signals.failed.emit(
                f"The document could not be written ({exc.__class__.__name__}: {exc}).",
                traceback.format_exc(),
            )
        else:
            self.signals.finished.emit(path)


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
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.options: ExportOptionsDialog | None = None
        self.progress: QProgressDialog | None = None
        self.done: ExportDoneDialog | None = None
        self._workers: list[ExportWorker] = []

    def start(self, kind: str) -> None:
        """Ask for the engagement (and dates) when needed, then for the file name."""
        current = self.current_engagement()
        if kind != "timesheet" and current:
            try:
                self._ask_path(ExportRequest(kind, engagements.get(self.db, current)))
                return
            except NotFoundError:
                pass
        self.options = ExportOptionsDialog(self.db, kind, KINDS[kind].label, current, self.window)
        self.options.accepted.connect(self._on_options_accepted)
        self.options.open()

    def _on_options_accepted(self) -> None:
        request = self.options.request() if self.options else None
        if request is not None:
            self._ask_path(request)

    def _ask_path(self, request: ExportRequest) -> None:
        kind = KINDS[request.kind]
        folder = Path(ui_settings.read(ui_settings.LAST_EXPORT_FOLDER) or Path.home())
        proposed = folder / suggested_name(request.kind, request.engagement, today())
        target = ask_save_path(
            self.window, f"Export {kind.label.lower()}", proposed, kind.extensions
        )
        if target is None:
            return
        ui_settings.write(ui_settings.LAST_EXPORT_FOLDER, str(target.parent))
        self.run(request, target)

    def run(self, request: ExportRequest, target: Path) -> None:
        """Write in the background with a busy progress dialog."""
        worker = ExportWorker(self.db, request, target)
        worker.setAutoDelete(False)
        worker.signals.finished.connect(partial(self._on_worker_finished, worker))
        worker.signals.failed.connect(partial(self._on_worker_failed, worker))
        self._workers.append(worker)
        self._show_progress(f"Writing “{target.name}”…")
        self.pool.start(worker)

    def _show_progress(self, text: str) -> None:
        self.progress = QProgressDialog(text, "", 0, 0, self.window)
        self.progress.setObjectName("exportProgress")
        self.progress.setWindowTitle("Exporting")
        self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.show()

    def _finish(self, worker: ExportWorker) -> None:
        if worker in self._workers:
            self._workers.remove(worker)
        if self.progress is not None and not self._workers:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _on_worker_finished(self, worker: ExportWorker, path: Path) -> None:
        self._finish(worker)
        status = getattr(self.window, "statusBar", None)
        if callable(status):
            status().showMessage(f"Saved {path}", 8000)
        self.done = ExportDoneDialog(path, self.window)
        self.done.open()
        self.exported.emit(path)

    def _on_worker_failed(self, worker: ExportWorker, message: str, details: str) -> None:
        self._finish(worker)
        dialogs.show_error(self.window, "The document was not saved", message, details)
        self.failed.emit(message)

    def wait(self) -> None:
        """Block until running exports are done (closing the window, tests)."""
        self.pool.waitForDone()
