"""The window's first paint loads what the frame, the menus and the shown tab's frame need, not
what the File menu's actions do once chosen: a budget of modules (never of milliseconds), read
in a real process started through the real entry point, at its first paint."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from storage.file.db import database_file
from storage.file.practice import open_database

ROOT = Path(__file__).resolve().parents[2]
# Modules in `sys.modules` at the first paint: 547 while the File menu's actions loaded their
# work with the window, 383 since they load it on first use, 281 since the practice's connection
# reads through the driver and the actions' work waits for its first use. The budget leaves room
# for a few.
FIRST_PAINT_BUDGET = 300
# Each loads with the action, check or export that uses it, after the window is on screen.
NOT_BEFORE_THE_FIRST_PAINT = {
    "sqlite_utils",  # a table object, a migration or a table listing; never to read or save
    "logging.handlers",  # the log turns over by itself (`desktop.log_file`)
    "importlib.resources",  # the packaged files are found by their path
    "widgets.export.export_flow",  # File → Export, on the first export
    "storage.billing.receivables",  # the status bar's overdue line, read after the paint
    "storage.practice.engagements",  # the shown tab's records, read after the paint
    "markdown_it",  # importing MADR files
    "docx",  # writing a document
    "storage.transfer.madr_import",
    "storage.file.backups",  # File → Back up now, Restore, and the start's checks
    "storage.file.file_swap",
    "storage.file.encryption",  # File → Security…
    "storage.updates.draft",  # the weekly update's editor and the Time tab's nudge
    "exporters.practice",
    "exporters.madr",
}
CHILD = """
import json, sys
from PySide6.QtWidgets import QApplication
from desktop import cli
from desktop.main_window import MainWindow

paint = MainWindow.paintEvent

def painted(window, event):
    if not window._first_paint_done:
        from PySide6 import QtCore
        qt_enums = "Qt" in QtCore.__dict__  # PySide builds the `Qt` namespace on first use
        print(json.dumps({"modules": sorted(sys.modules), "qt_enums": qt_enums}), flush=True)
        window._first_paint_done = True  # the shown tab is never filled: this run ends here
        window.close()
        QApplication.quit()
    paint(window, event)

MainWindow.paintEvent = painted
sys.exit(cli.main(["--data-dir", sys.argv[1]]))
"""


def _at_first_paint(data_dir: Path) -> dict[str, Any]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(data_dir.parent / "settings"),
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    found: dict[str, Any] = json.loads(done.stdout.splitlines()[0])
    return found


def test_the_first_paint_loads_its_budget_and_none_of_the_menus_work(data_dir: Path) -> None:
    open_database(database_file(data_dir), encrypt=False).close()
    loaded = set(_at_first_paint(data_dir)["modules"])
    assert {"desktop.main_window", "storage.file.durability"} <= loaded  # of the real start
    assert loaded & NOT_BEFORE_THE_FIRST_PAINT == set()
    assert len(loaded) <= FIRST_PAINT_BUDGET, len(loaded)


def test_the_first_paint_does_not_wait_for_qts_enums(data_dir: Path) -> None:
    """Qt's namespace of enums takes PySide 14 ms to build in Python: the frame, its menus and
    their keys are made without it (`widgets.common.shortcuts`), and the shown tab builds it."""
    open_database(database_file(data_dir), encrypt=False).close()
    assert _at_first_paint(data_dir)["qt_enums"] is False
