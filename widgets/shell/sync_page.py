"""Preferences → Sync: where this practice syncs, this machine's name, Sync now, the machines
that share it (Remove…), Stop syncing on this machine…, and how another machine joins.

Every action is a `fractional-desk sync ...` child run by the window's runner (the sync engine
never runs in the app's process); the page asks for it and shows what came back. Nothing here
waits for Save: each action is done when its button is pressed, after a confirmation for the
destructive ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from storage.sync import config as sync_config
from widgets.common import dialogs

JOIN_TEXT = (
    "To add another machine, install Fractional Desk there and run "
    "<code>fractional-desk sync join FOLDER</code> with this practice's recovery key."
)
INTRO = (
    "Keep this practice in step with your other machines through a folder your sync service "
    "already keeps (Dropbox, iCloud Drive, OneDrive, Syncthing, a network share). Every file "
    "there is encrypted with your practice's key; the live database never goes in it."
)
ROUND = ("--format", "json")


class Runner(Protocol):
    """What the page needs of the window's sync runner (desktop.sync_runner.SyncRunner)."""

    finished: SignalInstance  # a result with .words, .ok, .problem, .data, .output

    def request(self, *words: str) -> None: ...


class SyncPage(QWidget):
    def __init__(self, data_dir: Path, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncPage")
        self.data_dir = Path(data_dir)
        self.runner = runner
        self.devices: list[dict[str, Any]] = []
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.folder = QLabel()
        self.folder.setObjectName("syncFolderLabel")
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setObjectName("syncMachineName")
        self.name.setPlaceholderText("Default: this computer's name")
        self.last = QLabel()
        self.last.setObjectName("syncLastLabel")
        self.last.setWordWrap(True)
        self.setup_button = QPushButton("Set &up sync…")
        self.setup_button.setObjectName("syncSetupButton")
        self.setup_button.setToolTip("Choose the folder your sync service keeps")
        self.sync_button = QPushButton("Sync &now")
        self.sync_button.setObjectName("syncNowButton")
        self.device_list = QListWidget()
        self.device_list.setObjectName("syncDevices")
        self.device_list.setMaximumHeight(110)
        self.remove_button = QPushButton("&Remove…")
        self.remove_button.setObjectName("syncRemoveButton")
        self.remove_button.setToolTip("Stop taking a lost or retired machine's changes")
        self.leave_button = QPushButton("Stop syncing on this &machine…")
        self.leave_button.setObjectName("syncLeaveButton")
        self.message = QLabel()
        self.message.setObjectName("syncMessage")
        self.message.setWordWrap(True)
        self.join = QLabel(JOIN_TEXT)
        self.join.setObjectName("syncJoinLabel")
        self.join.setWordWrap(True)
        self.join.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form = form = QFormLayout()
        form.addRow("Sync folder", self.folder)
        form.addRow("This machine", self.name)
        form.addRow("Last sync", self.last)
        buttons = QHBoxLayout()
        buttons.addWidget(self.setup_button)
        buttons.addWidget(self.sync_button)
        buttons.addStretch(1)
        self.devices_box = QGroupBox("Machines sharing this practice")
        devices_layout = QVBoxLayout(self.devices_box)
        devices_layout.addWidget(self.device_list)
        device_buttons = QHBoxLayout()
        device_buttons.addWidget(self.remove_button)
        device_buttons.addStretch(1)
        device_buttons.addWidget(self.leave_button)
        devices_layout.addLayout(device_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.devices_box)
        layout.addWidget(self.join)
        layout.addStretch(1)
        self.setup_button.clicked.connect(self._on_setup_clicked)
        self.sync_button.clicked.connect(self._on_sync_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.leave_button.clicked.connect(self._on_leave_clicked)
        self.device_list.currentRowChanged.connect(self._update_buttons)
        runner.finished.connect(self._on_runner_finished)
        self.reload()

    def reload(self) -> None:
        """Show this machine's set-up as the sync file has it; ask for the devices list."""
        found = sync_config.load(self.data_dir)
        syncing = found is not None
        self.setup_button.setVisible(not syncing)
        self.sync_button.setVisible(syncing)
        self.devices_box.setVisible(syncing)
        self.join.setVisible(syncing)
        self.name.setReadOnly(syncing)
        self.form.setRowVisible(self.last, syncing)
        if found is None:
            self.folder.setText("This practice does not sync on this machine.")
            self.last.setText("")
            self.devices = []
            self.device_list.clear()
        else:
            self.folder.setText(found.folder)
            self.name.setText(found.name)
            self.last.setText(_last_text(found.last))
            self.runner.request("devices", "--format", "json")
        self._update_buttons()

    def show_devices(self, devices: Sequence[dict[str, Any]]) -> None:
        self.devices = [dict(d) for d in devices]
        self.device_list.clear()
        for device in self.devices:
            words = [str(device.get("name") or device.get("device_id", "")[:8])]
            if device.get("series_code"):
                words.append(f"series {device['series_code']}")
            if device.get("this_machine"):
                words.append("this machine")
            if device.get("removed"):
                words.append("removed")
            item = QListWidgetItem(" · ".join(words))
            item.setToolTip(f"Device {device.get('device_id', '')}")
            self.device_list.addItem(item)
        self._update_buttons()

    def chosen_device(self) -> dict[str, Any] | None:
        row = self.device_list.currentRow()
        return self.devices[row] if 0 <= row < len(self.devices) else None

    def choose_folder(self) -> str:
        """The folder the user picks ('' when cancelled)."""
        return QFileDialog.getExistingDirectory(
            self, "Choose the folder your sync service keeps", str(Path.home())
        )

    def _update_buttons(self) -> None:
        device = self.chosen_device()
        removable = (
            device is not None and not device.get("this_machine") and not device.get("removed")
        )
        self.remove_button.setEnabled(removable)

    def _on_setup_clicked(self) -> None:
        folder = self.choose_folder()
        if not folder:
            return
        words = ["setup", folder]
        if self.name.text().strip():
            words += ["--name", self.name.text().strip()]
        self.message.setText("Setting up sync…")
        self.runner.request(*words)

    def _on_sync_clicked(self) -> None:
        self.message.setText("Syncing…")
        self.runner.request(*ROUND)

    def _on_remove_clicked(self) -> None:
        device = self.chosen_device()
        if device is None:
            return
        name = device.get("name") or device.get("device_id", "")
        if dialogs.confirm(
            self,
            "Remove a machine",
            f"Stop taking the changes of {name}? Use this for a lost or retired machine: "
            "every machine ignores its files from its next sync. Its own practice is not "
            "touched.",
            action="Remove",
        ):
            self.runner.request("remove", str(device.get("device_id", "")))

    def _on_leave_clicked(self) -> None:
        if dialogs.confirm(
            self,
            "Stop syncing on this machine",
            "Stop syncing this practice on this machine? The practice stays here as it is, and "
            "the other machines keep theirs; this machine no longer sends or takes changes.",
            action="Stop syncing",
        ):
            self.runner.request("leave", "--yes")

    def _on_runner_finished(self, result: Any) -> None:
        words = tuple(result.words)
        if words[:1] == ("devices",):
            if result.ok and isinstance(result.data, list):
                self.show_devices(result.data)
            elif result.problem:
                self.message.setText(f"The machines could not be listed: {result.problem}")
            return
        if words == ROUND:
            self.message.setText("Synced." if result.ok else f"Not synced: {result.problem}")
        elif words[:1] in (("setup",), ("remove",), ("leave",)):
            done = result.output.splitlines()[0] if result.output else "Done."
            self.message.setText(done if result.ok else f"Not done: {result.problem}")
        else:
            return
        self.reload()


def _when(at: str) -> str:
    """An ISO time as the machine's local date and time ('1 Jun 2026, 10:27')."""
    try:
        when = dt.datetime.fromisoformat(at)
    except ValueError:
        return at
    local = (when if when.tzinfo else when.replace(tzinfo=dt.UTC)).astimezone()
    return f"{local.day} {local:%b %Y, %H:%M}"


def _last_text(last: sync_config.LastSync) -> str:
    if not last.at:
        return "No sync has run yet."
    if last.problem:
        return f"{_when(last.at)}: not finished, {last.problem}"
    text = f"{_when(last.at)}: {last.sent} sent, {last.taken} taken in"
    if last.conflicts:
        text += f"; {last.conflicts} conflict{'s' if last.conflicts != 1 else ''} waiting"
    return text + "."
