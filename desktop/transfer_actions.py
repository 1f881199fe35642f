"""File → Import time…, Export the practice…, and decisions as MADR files (out and in)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from desktop.actions import insert_group, make_action
from desktop.shell_context import ShellContext
from storage.file import ALL_KINDS
from widgets.transfer.transfer_flow import TransferFlow

if TYPE_CHECKING:
    from widgets.transfer.import_dialog import ImportTimeDialog


class TransferActions:
    """The four actions, the flow behind three of them, and the last Import time… dialog."""

    def __init__(self, context: ShellContext) -> None:
        self.context = context
        flow = TransferFlow(context.db, context.data_dir, context.parent,
                            context.current_engagement_id)  # fmt: skip
        flow.setObjectName("transferFlow")
        flow.changed.connect(self._on_changed)
        self.flow = flow
        self.import_dialog: ImportTimeDialog | None = None
        items = [
            ("Import &time…", self.import_time, "importTimeAction",
             "Import time from a Toggl Track, Harvest or Clockify CSV export"),
            ("Export the practice as JSON…", flow.export_practice, "exportPracticeAction",
             "Write every record into one JSON file"),
            ("Export decisions as MADR files…", flow.export_madr, "exportMadrAction",
             "Write an engagement's decisions as Markdown files, one per decision"),
            ("Import decisions from MADR files…", flow.import_madr, "importMadrAction",
             "Add a folder of MADR or adr-tools decision files to an engagement"),
        ]  # fmt: skip
        self.actions: list[QAction] = []
        for text, slot, name, tip in items:
            action = make_action(context.parent, text, slot, tip=tip)
            action.setObjectName(name)
            self.actions.append(action)

    def import_time(self) -> ImportTimeDialog | None:
        chosen, _ = QFileDialog.getOpenFileName(
            self.context.parent,
            "Import time",
            str(Path.home()),
            "CSV exports (*.csv);;All files (*)",
        )
        return self.open_import(Path(chosen)) if chosen else None

    def open_import(self, path: Path) -> ImportTimeDialog:
        from widgets.transfer.import_dialog import ImportTimeDialog  # with its first use

        context = self.context
        dialog = ImportTimeDialog(context.db, context.data_dir, path, context.parent)
        dialog.changed.connect(self._on_changed)
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def _on_changed(self) -> None:
        """The tab shown re-reads what was imported; the others when they are shown."""
        self.context.announce(ALL_KINDS)


def install(context: ShellContext) -> TransferActions:
    """The actions, in the File menu above Quit."""
    built = TransferActions(context)
    insert_group(context.file_menu, context.quit_action, *built.actions)
    return built
