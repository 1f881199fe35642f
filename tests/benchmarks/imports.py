"""The import of 100,000 Toggl Track rows, beside a floor measured in the same run: the same file
read by the csv module and its rows inserted into one plain SQLite table in one transaction. The
ratio is what compares across machines; the test suite checks every row and the progress only.

`python -m tests.benchmarks.imports window` is the child process that imports half the rows
through File → Import time… with a heartbeat on the UI thread, and prints its longest stall (ms).
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from storage.file.db import database_file
from storage.file.practice import open_database
from storage.sqlite import sqlite3
from storage.transfer.import_map import ImportMap
from storage.transfer.import_time import import_file
from tests.benchmarks.measure import Figure
from tests.storage.transfer.large_toggl import (
    PROJECT,
    ROWS,
    engagement_since_2000,
    write_large_toggl,
)

RUNS = 3  # each run imports 100,000 rows into a new practice: seconds, not milliseconds
DATASET = "csv"


def _import_once(folder: Path, source: Path) -> float:
    """Milliseconds to import the file into a new practice in `folder`."""
    with open_database(database_file(folder)) as db:
        mapping = ImportMap({PROJECT: engagement_since_2000(db)})
        started = time.perf_counter()
        plan, _ = import_file(db, folder, source, mapping)
        took = (time.perf_counter() - started) * 1000
    if plan.imported != ROWS:
        raise RuntimeError(f"imported {plan.imported} of {ROWS} rows")
    return took


def _floor_once(folder: Path, source: Path) -> float:
    """Milliseconds to read the file with the csv module and insert its rows, nothing else."""
    started = time.perf_counter()
    conn = sqlite3.connect(str(folder / "floor.sqlite3"))
    with source.open(encoding="utf-8", newline="") as file:
        rows = csv.reader(file)
        header = next(rows)
        columns = ", ".join(f"c{i}" for i in range(len(header)))
        conn.execute(f"CREATE TABLE row ({columns})")
        with conn:
            conn.executemany(f"INSERT INTO row VALUES ({', '.join('?' * len(header))})", rows)
    conn.close()
    return (time.perf_counter() - started) * 1000


def import_figures() -> list[Figure]:
    """Import and floor interleaved, so both see the same machine state."""
    imported, floor = [], []
    with tempfile.TemporaryDirectory(prefix="fd-bench-import-") as scratch:
        source = write_large_toggl(Path(scratch) / "large.csv")
        for run in range(RUNS):
            for kind, measure, samples in (("import", _import_once, imported),
                                           ("floor", _floor_once, floor)):  # fmt: skip
                folder = Path(scratch) / f"{kind}-{run}"
                folder.mkdir()
                samples.append(measure(folder, source))
    return [
        Figure(f"import {ROWS:,} Toggl rows", DATASET, tuple(imported),
               floor_name="csv read + plain SQLite insert", floor_samples=tuple(floor)),
        _window_stall(),
    ]  # fmt: skip


def _window_stall() -> Figure:
    """The child's longest UI-thread stall while the dialog reads, previews and imports."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.imports", "window"],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    stall = float(result.stdout.split()[-1])
    return Figure(
        f"UI-thread stall, {ROWS // 2:,} rows in the dialog", DATASET, (stall,), target=100
    )


def _window() -> float:
    """Drive File → Import time… on a new practice; the heartbeat's worst lateness, in ms."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from tests.benchmarks.interactions import Heartbeat
    from widgets.transfer.import_dialog import ImportTimeDialog

    app = QApplication([])
    with tempfile.TemporaryDirectory(prefix="fd-bench-import-") as scratch:
        folder = Path(scratch)
        db = open_database(database_file(folder))
        engagement_since_2000(db)
        dialog = ImportTimeDialog(db, folder, write_large_toggl(folder / "large.csv", ROWS // 2))
        dialog.changed.connect(app.quit)
        steps = [dialog.preview_button, dialog.import_button]

        def click_when_ready() -> None:
            if steps and steps[0].isEnabled():
                steps.pop(0).click()
            if steps:
                QTimer.singleShot(20, click_when_ready)

        dialog.show()
        heartbeat = Heartbeat()
        heartbeat.start()
        QTimer.singleShot(20, click_when_ready)
        app.exec()
        heartbeat.timer.stop()
        dialog.wait()
        dialog.close()
        db.close()
    return heartbeat.worst


if __name__ == "__main__":
    if sys.argv[1:] == ["window"]:
        print(f"{_window():.1f}")
    else:
        from tests.benchmarks import datasets
        from tests.benchmarks.measure import table

        datasets.use_bench_keyring()
        print(table(import_figures()))
