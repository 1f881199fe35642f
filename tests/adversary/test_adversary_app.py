"""The window tried the way an adversary would: the command line writing into a cell it shows, a
damaged page found after start, a read-only folder, a full disk at start, and files others could
read. Each test names the promise it checks."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop.main_window import MainWindow
from storage.file.db import database_file
from storage.file.durability import AppDatabase
from storage.file.practice import open_database
from storage.file.start_checks import check_and_back_up
from storage.practice import clients, engagements
from storage.rules.errors import ReadOnlyDataError, StorageWriteError
from storage.time import time_entries
from storage.time.time_entries import Cell, TimeEntry
from tests.adversary.test_adversary_storage import _fill, _small_disk, damaged_practice
from tests.widgets.time.test_time_tab import _type
from widgets.common import dialogs
from widgets.time import time_tab

ROOT = Path(__file__).resolve().parents[2]
MONDAY = dt.date(2026, 3, 30)


def _practice(db: Database) -> int:
    client = clients.add(db, clients.Client(name="Zebra Confidential Holdings"))
    engagement = engagements.add(
        db,
        engagements.Engagement(
            client_id=client.id or 0,
            title="Fractional CTO",
            start_date=dt.date(2026, 1, 5),
            status="active",
        ),
    )
    return engagement.id or 0


def _cli(data_dir: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """The real command, in its own process, as a script or a second terminal would run it."""
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *argv],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def window(qtbot: QtBot, db: Database, data_dir: Path) -> Iterator[MainWindow]:
    main = MainWindow(db, data_dir)  # type: ignore[arg-type]
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.watch.stop()


def _time_tab(window: MainWindow) -> time_tab.TimeTab:
    window.tabs.setCurrentIndex(1)
    page = window.page(1)
    assert isinstance(page, time_tab.TimeTab)
    page.go_to(MONDAY)
    page.grid.setFocus()
    return page


def test_a_cell_the_command_line_fills_shows_up_in_the_open_window(
    qtbot: QtBot, window: MainWindow, db: Database, data_dir: Path
) -> None:
    """Promise: what another process saves appears in the window within seconds, unasked."""
    engagement_id = _practice(db)
    page = _time_tab(window)
    window.watch.start(full_check=False)
    key = (engagement_id, "team", MONDAY)
    logged = _cli(data_dir, "log", "--engagement", str(engagement_id), "--date",
                  MONDAY.isoformat(), "--bucket", "team", "--minutes", "30")  # fmt: skip
    assert logged.returncode == 0, logged.stderr
    qtbot.waitUntil(lambda: page.model.cells.get(key) == Cell(30, 1), timeout=5000)
    assert page.model.index_of(key).data() == "0:30"


@pytest.mark.parametrize("replace", [False, True], ids=["keep", "replace"])
def test_typing_over_a_cell_changed_elsewhere_asks_first(
    qtbot: QtBot,
    window: MainWindow,
    db: Database,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    replace: bool,
) -> None:
    """Promise: an entry the command line added to the cell being typed over is never deleted
    without a question; keeping it shows it, replacing it is one undoable step."""
    engagement_id = _practice(db)
    page = _time_tab(window)  # the watch is not running: the window has not seen the change
    key = (engagement_id, "strategy", MONDAY)
    logged = _cli(data_dir, "log", "--engagement", str(engagement_id), "--date",
                  MONDAY.isoformat(), "--bucket", "strategy", "--minutes", "45",
                  "--note", "Board prep")  # fmt: skip
    assert logged.returncode == 0, logged.stderr
    questions: list[str] = []

    def answer(_parent: object, _title: str, text: str, **_: str) -> bool:
        questions.append(text)
        return replace

    monkeypatch.setattr(dialogs, "ask", answer)
    _type(qtbot, page, page.model.index_of(key), "2")
    assert len(questions) == 1
    assert "changed since it was shown" in questions[0]
    assert "0:45" in questions[0]
    stored = [(e.minutes, e.note) for e in time_entries.list_cell(db, *key)]
    if replace:
        assert stored == [(120, "Board prep")]
        page.undo_stack.undo()
        assert [e.minutes for e in time_entries.list_cell(db, *key)] == [45]
    else:
        assert stored == [(45, "Board prep")]
        qtbot.waitUntil(lambda: page.model.index_of(key).data() == "0:45")


def test_damage_found_after_start_stops_writes_and_offers_a_backup(
    qtbot: QtBot, data_dir: Path
) -> None:
    """Promise: a damaged page inside a table, which the quick start does not read, is found by
    the background check; writes stop before any goes into the file, and the window says so."""
    path = damaged_practice(data_dir)
    db, main = _window_once_damage_is_found(qtbot, path, data_dir)
    assert main.banner.isVisible()
    assert "damage" in main.banner.label.text()
    assert main.banner.action_button.text() == "Restore a backup…"
    before = path.read_bytes()
    with pytest.raises(StorageWriteError, match="damaged"):
        clients.add(db, clients.Client(name="Not into a damaged file"))
    assert path.read_bytes() == before
    main.watch.stop()
    db.close()


def _window_once_damage_is_found(
    qtbot: QtBot, path: Path, data_dir: Path
) -> tuple[AppDatabase, MainWindow]:
    """The window on a damaged file, after its background check has found the damage."""
    db = open_database(path)
    main = MainWindow(db, data_dir)
    qtbot.addWidget(main)
    main.show()
    main.watch.run_full_check()
    qtbot.waitUntil(lambda: main.banner.kind == "damaged", timeout=10_000)
    return db, main


def _read_only_practice(tmp_path: Path) -> Iterator[Path]:
    with _small_disk(tmp_path, "8m") as disk:
        data_dir = disk / "data"
        with open_database(database_file(data_dir)) as db:
            _practice(db)
        remount = subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=False)
        if remount.returncode != 0:
            pytest.skip("this machine does not allow a read-only mount")
        yield data_dir


@pytest.fixture
def read_only_data(tmp_path: Path) -> Iterator[Path]:
    yield from _read_only_practice(tmp_path)


def test_a_read_only_folder_opens_for_reading_and_refuses_edits_in_plain_words(
    qtbot: QtBot, read_only_data: Path, tmp_path: Path
) -> None:
    """Promise: a practice on a read-only disk or folder can be browsed, reported and exported;
    a change is refused in plain words before anything is tried, and the window says why."""
    db = open_database(database_file(read_only_data))
    assert db.read_only_reason
    assert [c.name for c in clients.list_all(db)] == ["Zebra Confidential Holdings"]
    with pytest.raises(ReadOnlyDataError, match="read-only"):
        clients.add(db, clients.Client(name="Cannot be saved"))
    main = MainWindow(db, read_only_data)  # type: ignore[arg-type]
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.created_pages() != [])  # its tab is filled after the first paint
    assert main.banner.kind == "read-only"
    assert "changes cannot be saved" in main.banner.label.text()
    db.close()
    report = _cli(read_only_data, "engagements", "list", "--format", "json")
    assert report.returncode == 0, report.stderr
    assert "Zebra Confidential Holdings" in report.stdout
    logged = _cli(read_only_data, "log", "--engagement", "1", "--date", "2026-03-30",
                  "--bucket", "team", "--minutes", "30")  # fmt: skip
    assert logged.returncode == 1
    assert "read-only" in logged.stderr
    assert "Traceback" not in logged.stderr
    out = tmp_path / "exported" / "sow.docx"
    out.parent.mkdir()
    exported = _cli(read_only_data, "export", "sow", "--engagement", "1", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    assert out.stat().st_size > 0  # the document, without a version kept in a read-only file
    listed = _cli(read_only_data, "documents", "list", "--engagement", "1", "--format", "json")
    assert (listed.returncode, json.loads(listed.stdout)) == (0, [])


def _self_test(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "--self-test"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_app_starts_with_little_or_no_disk_space_left(tmp_path: Path, qapp: object) -> None:
    """Promise: with too little room for the automatic backup the app starts and says the backup
    failed; with no room at all it starts read-only and says why; neither the lock nor the log
    prints a raw traceback."""
    with _small_disk(tmp_path, "16m") as disk:
        data_dir = disk / "data"
        with open_database(database_file(data_dir)) as db:
            engagement_id = _practice(db)
            for index in range(250):
                day = dt.date(2026, 1, 5) + dt.timedelta(days=index)
                time_entries.add(db, TimeEntry(engagement_id, day, "team", 5, "q" * 4000))
        filler = _fill(disk)
        with filler.open("r+b") as handle:  # room for the -shm, not for a copy of the file
            handle.truncate(filler.stat().st_size - 300 * 1024)
        started = _self_test(data_dir)
        assert started.returncode == 0, started.stderr
        assert "OK" in started.stdout
        assert "Traceback" not in started.stderr
        found = check_and_back_up(data_dir)
        assert not found.damage
        assert "full" in found.backup_problem
        _fill(disk / "data")
        started = _self_test(data_dir)
        assert started.returncode == 0, started.stderr
        assert "Traceback" not in started.stderr
        assert "Logging error" not in started.stderr
        with open_database(database_file(data_dir)) as db:
            assert db.read_only_reason == "the disk is full"
            assert [c.name for c in clients.list_all(db)] == ["Zebra Confidential Holdings"]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_client_data_is_owner_only_and_exports_are_not(
    tmp_path: Path, qapp: object, capsys: pytest.CaptureFixture[str]
) -> None:
    """Promise: the data folder, the database, its -wal/-shm, backups, the lock and the log are
    owner-only; an exported document has the normal mode of a new file, to be shared."""
    from desktop.cli import main

    data_dir = tmp_path / "new-practice"
    assert main(["demo", "--data-dir", str(data_dir), "--years", "1"]) == 0
    assert main(["--data-dir", str(data_dir), "--self-test"]) == 0
    assert main(["--data-dir", str(data_dir), "backup"]) == 0
    out = tmp_path / "exported" / "scope.docx"
    out.parent.mkdir()
    assert main(["--data-dir", str(data_dir), "export", "sow", "--engagement", "1",
                 "--out", str(out)]) == 0  # fmt: skip
    capsys.readouterr()
    assert _mode(data_dir) == 0o700
    private = [p for p in data_dir.rglob("*") if p.is_file()]
    assert {p.name for p in private} >= {"fractional-desk.sqlite3", "fractional-desk.lock"}
    assert any(p.parent.name == "backups" for p in private)
    assert any(p.parent.name == "logs" for p in private)
    for path in private:
        assert _mode(path) & 0o077 == 0, f"{path.relative_to(data_dir)} is {oct(_mode(path))}"
    for folder in (p for p in data_dir.rglob("*") if p.is_dir()):
        assert _mode(folder) == 0o700, f"{folder.relative_to(data_dir)}"
    umask = os.umask(0)
    os.umask(umask)
    assert _mode(out) == 0o666 & ~umask


def test_the_log_keeps_no_client_text(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Promise: names and notes never reach the log, not even in an unexpected error."""
    from desktop.cli import _log_unexpected, build_parser

    with open_database(database_file(data_dir)) as db:
        _practice(db)
    args = build_parser().parse_args(["--data-dir", str(data_dir), "log", "--engagement", "1",
                                      "--bucket", "team", "--minutes", "5",
                                      "--note", "Acquisition of Zebra by Quokka"])  # fmt: skip
    try:
        raise ValueError("Zebra Confidential Holdings: Acquisition of Zebra by Quokka")
    except ValueError as error:
        log_file = _log_unexpected(args, error)
    text = log_file.read_text(encoding="utf-8")
    assert "ValueError" in text
    assert "log" in text
    assert "Zebra" not in text
    assert "Quokka" not in text


def test_after_damage_is_found_the_banner_restores_a_sound_backup_and_writes_resume(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Promise: from the damage banner a backup that passes its check is restored, the damaged
    file is kept aside, the banner goes and the window writes again."""
    from PySide6.QtCore import Qt

    from storage.file import backups
    from widgets.common import dialogs
    from widgets.shell.restore_dialog import RestoreDialog

    with open_database(database_file(data_dir)) as db:
        _practice(db)
        backups.create_backup(db, data_dir, reason="manual")
    db, main = _window_once_damage_is_found(qtbot, damaged_practice_over(data_dir), data_dir)
    monkeypatch.setattr(dialogs, "confirm", lambda *_a, **_k: True)

    class ChooseNewestSound(RestoreDialog):
        def exec(self) -> int:
            self.select_row(0)
            qtbot.mouseClick(self.restore_button, Qt.MouseButton.LeftButton)
            return int(self.result())

    monkeypatch.setattr("widgets.shell.restore_dialog.RestoreDialog", ChooseNewestSound)
    with qtbot.waitSignal(main.tasks.done, timeout=20_000):
        main.banner.action_button.click()
    assert not main.banner.isVisible()
    assert any(p.name.startswith("fractional-desk.sqlite3.unreadable-") for p in data_dir.iterdir())
    clients.add(main.db, clients.Client(name="Written after the restore"))
    assert "Zebra Confidential Holdings" in [c.name for c in clients.list_all(main.db)]
    main.watch.stop()
    db.close()


def damaged_practice_over(data_dir: Path) -> Path:
    """The practice in `data_dir` with many time entries, then one table page scribbled over."""
    from tests.damage import damage_a_table_page

    path = database_file(data_dir)
    with open_database(path) as db:
        engagement_id = db.execute("SELECT min(id) FROM engagement").fetchone()[0]
        for index in range(300):
            day = dt.date(2026, 1, 5) + dt.timedelta(days=index)
            time_entries.add(db, TimeEntry(engagement_id, day, "team", 5, "w" * 500))
    damage_a_table_page(path)
    return path
