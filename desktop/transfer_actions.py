"""Wires File → Import time…, Export the practice…, and decisions as MADR files (out and in)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from desktop.actions import insert_group, make_action
from desktop.export_actions import current_engagement_id
from storage.file import ALL_KINDS
from widgets.transfer.import_dialog import ImportTimeDialog
from widgets.transfer.transfer_flow import TransferFlow

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


def install(window: MainWindow) -> None:
    flow = TransferFlow(window.db, window.data_dir, window, partial(current_engagement_id, window))
    flow.setObjectName("transferFlow")
    flow.changed.connect(partial(refresh_pages, window))
    window.transfer_flow = flow
    items = [
        ("Import &time…", partial(import_time, window), "importTimeAction",
         "Import time from a Toggl Track, Harvest or Clockify CSV export"),
        ("Export the practice as JSON…", flow.export_practice, "exportPracticeAction",
         "Write every record into one JSON file"),
        ("Export decisions as MADR files…", flow.export_madr, "exportMadrAction",
         "Write an engagement's decisions as Markdown files, one per decision"),
        ("Import decisions from MADR files…", flow.import_madr, "importMadrAction",
         "Add a folder of MADR or adr-tools decision files to an engagement"),
    ]  # fmt: skip
    actions = []
    for text, slot, name, tip in items:
        action = make_action(window, text, slot, tip=tip)
        action.setObjectName(name)
        actions.append(action)
    insert_group(window.file_menu, window.quit_action, *actions)


def import_time(window: MainWindow) -> ImportTimeDialog | None:
    chosen, _ = QFileDialog.getOpenFileName(
        window, "Import time", str(Path.home()), "CSV exports (*.csv);;All files (*)"
    )
    return open_import(window, Path(chosen)) if chosen else None


def open_import(window: MainWindow, path: Path) -> ImportTimeDialog:
    dialog = ImportTimeDialog(window.db, window.data_dir, path, window)
    dialog.changed.connect(partial(refresh_pages, window))
    window.import_dialog = dialog
    dialog.open()
    return dialog


def refresh_pages(window: MainWindow) -> None:
    """The tab shown re-reads what was imported; the others when they are shown."""
    window.bus.announce(ALL_KINDS)
