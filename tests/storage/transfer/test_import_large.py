"""100,000 rows: every one imported, with progress, and the window at work while they import.
How long it takes is `make bench`'s to measure."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.transfer.import_map import ImportMap
from storage.transfer.import_time import import_file
from tests.storage.transfer.large_toggl import (
    PROJECT,
    ROWS,
    engagement_since_2000,
    write_large_toggl,
)
from widgets.transfer.import_dialog import ImportTimeDialog


@pytest.fixture
def since_2000(db: Database) -> int:
    return engagement_since_2000(db)


@pytest.mark.slow
def test_a_hundred_thousand_rows_import_every_row_with_progress(
    db: Database, data_dir: Path, tmp_path: Path, since_2000: int
) -> None:
    path = write_large_toggl(tmp_path / "large.csv")
    reported: list[tuple[int, int]] = []
    plan, _ = import_file(db, data_dir, path, ImportMap({PROJECT: since_2000}),
                          progress=lambda done, total: reported.append((done, total)))  # fmt: skip
    assert (plan.imported, plan.refused) == (ROWS, [])
    assert reported[-1] == (ROWS, ROWS)
    assert len(reported) >= 10


@pytest.mark.slow
def test_the_window_keeps_running_while_a_large_file_imports(
    qtbot: QtBot, db: Database, data_dir: Path, tmp_path: Path, since_2000: int
) -> None:
    """Reading, previewing and importing run off the UI thread: its event loop keeps ticking until
    the import is done. The longest stall is measured by `make bench`, not asserted here."""
    path = write_large_toggl(tmp_path / "large.csv", ROWS // 2)
    dialog = ImportTimeDialog(db, data_dir, path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    gaps = _watch_the_event_loop(dialog)
    qtbot.waitUntil(dialog.preview_button.isEnabled, timeout=20_000)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=20_000)
    ticks_at_click: list[int] = []
    ticks_when_done: list[int] = []
    dialog.import_button.pressed.connect(lambda: ticks_at_click.append(len(gaps)))
    dialog.changed.connect(lambda: ticks_when_done.append(len(gaps)))
    with qtbot.waitSignal(dialog.changed, timeout=60_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    dialog.wait()
    assert ticks_when_done[0] > ticks_at_click[0], "the import held the window until it was done"
    assert db.table("time_entry").count == ROWS // 2


def _watch_the_event_loop(parent: ImportTimeDialog) -> list[int]:
    """Milliseconds between ticks of a 10 ms timer: how long the event loop was kept busy."""
    gaps: list[int] = [0]
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer(parent)
    timer.setInterval(10)

    def tick() -> None:
        gaps.append(int(clock.restart()))

    timer.timeout.connect(tick)
    timer.start()
    return gaps
