"""The files a practice takes along: the whole practice as JSON, and an engagement's decisions
as MADR files (out, and back in). Each asks where, then writes in the background."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from exporters.errors import ExportError
from storage.rules import DataFileError, NotFoundError, ValidationError
from widgets.common import dialogs
from widgets.common.background_task import BackgroundTask

if TYPE_CHECKING:
    from sqlite_utils import Database

    from storage.transfer import madr_import

EXPECTED = (ExportError, ValidationError, NotFoundError, DataFileError, OSError)


def choose_engagement(db: Database, parent: QWidget, current: int | None, title: str) -> int | None:
    """The engagement to use, proposed from the current tab; None when cancelled."""
    from storage.practice import engagements  # when asked, not at start

    found = engagements.list_all(db)
    if not found:
        dialogs.warn(parent, title, "There is no engagement yet: add one on the Clients tab.")
        return None
    labels = [e.label for e in found]
    start = next((i for i, e in enumerate(found) if e.id == current), 0)
    label, ok = QInputDialog.getItem(parent, title, "Engagement:", labels, start, False)
    return found[labels.index(label)].id if ok else None


class TransferFlow(QObject):
    """`changed` fires after decisions were imported, so the window re-reads its tabs."""

    changed = Signal()

    def __init__(
        self, db: Database, data_dir: Path, parent: QWidget, current: Callable[[], int | None]
    ) -> None:
        super().__init__(parent)
        self.db, self.data_dir, self.window, self.current = db, data_dir, parent, current
        self.task = BackgroundTask(parent)
        self.task.setObjectName("transferTask")

    def export_practice(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, "Export the practice", str(Path.home() / "practice.json"), "JSON (*.json)"
        )
        if chosen:
            target = Path(chosen).with_suffix(".json")
            self._run("Writing the practice…", partial(_practice, target=target),
                      partial(self._done, f"Saved the whole practice to {target}"))  # fmt: skip

    def export_madr(self) -> None:
        engagement_id = choose_engagement(self.db, self.window, self.current(), "Export decisions")
        if engagement_id is None:
            return
        chosen = QFileDialog.getExistingDirectory(self.window, "Folder for the decision files")
        if chosen:
            work = partial(_madr_out, engagement_id=engagement_id, folder=Path(chosen))
            self._run("Writing the decision files…", work, self._on_madr_written)

    def import_madr(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self.window, "Folder of decision files")
        if not chosen:
            return
        engagement_id = choose_engagement(self.db, self.window, self.current(), "Import decisions")
        if engagement_id is not None:
            work = partial(_madr_in, data_dir=self.data_dir, folder=Path(chosen),
                           engagement_id=engagement_id)  # fmt: skip
            self._run("Importing decisions…", work, self._on_madr_imported)

    def _run(self, text: str, work: Callable[[Database], Any], done: Callable[[Any], None]) -> None:
        if not self.task.start_on_database(text, self.db, work, done, self._on_failed):
            self._status("Another export or import is still running")

    def _on_madr_written(self, written: list[Path]) -> None:
        self._done(f"Wrote {len(written) - 1} decision files to {written[-1].parent}", written)

    def _on_madr_imported(self, result: madr_import.MadrImport) -> None:
        from storage.transfer import madr_import

        self._done(madr_import.summary(result), result)
        if result.skipped:
            listed = "\n".join(f"{name}: {reason}" for name, reason in result.skipped)
            dialogs.inform(
                self.window, "Files skipped", f"These files were not imported:\n\n{listed}"
            )
        self.changed.emit()

    def _done(self, message: str, _result: object) -> None:
        self._status(message)

    def _status(self, message: str) -> None:
        status = getattr(self.window, "statusBar", None)
        if callable(status):
            status().showMessage(message, 10_000)

    def _on_failed(self, error: Exception) -> None:
        if not isinstance(error, EXPECTED):
            raise error  # a bug: the error hook reports it with its details
        message = getattr(error, "message", None) or str(error)
        dialogs.show_error(self.window, "Nothing was written", message)

    def wait(self) -> None:
        self.task.wait()


# The exporters and the Markdown reader load on the pool thread with the work that needs them,
# not with the window (the Markdown reader alone cost the start 40 ms).


def _practice(db: Database, *, target: Path) -> Path:
    from exporters.practice import export_practice

    return export_practice(db, target)


def _madr_out(db: Database, *, engagement_id: int, folder: Path) -> list[Path]:
    from exporters.madr import export_madr

    return export_madr(db, engagement_id, folder)


def _madr_in(
    db: Database, *, data_dir: Path, folder: Path, engagement_id: int
) -> madr_import.MadrImport:
    from storage.transfer import madr_import

    return madr_import.import_folder(db, data_dir, folder, engagement_id)
