"""Errors people can act on: one plain dialog with Details, the traceback in the log file, and
no raw traceback from the command line either."""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from desktop import cli
from desktop.commands.common import CommandError
from desktop.error_hook import LOG_FILE, ErrorReporter, log_folder, setup_logging
from desktop.log_file import QuietFileHandler
from storage.practice import clients
from widgets.common import dialogs

Shown = list[tuple[str, str, str]]


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> Iterator[Shown]:
    """The hook installed for real (restored afterwards), logging to the data folder."""
    seen: Shown = []

    def record(_parent: object, title: str, text: str, details: str = "") -> None:
        seen.append((title, text, details))

    monkeypatch.setattr(dialogs, "show_error", record)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    setup_logging(data_dir)
    reporter = ErrorReporter()
    reporter.install()
    yield seen
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, QuietFileHandler)]:
        root.removeHandler(handler)
        handler.close()


def _log_text(data_dir: Path) -> str:
    return (log_folder(data_dir) / LOG_FILE).read_text(encoding="utf-8")


def _fail_in_slot() -> None:
    raise RuntimeError("the slot failed: ✗ déjà")


def test_an_exception_in_a_slot_shows_one_dialog_and_is_logged(
    qtbot: QtBot, shown: Shown, data_dir: Path
) -> None:
    button = QPushButton("Go")
    qtbot.addWidget(button)
    button.clicked.connect(_fail_in_slot)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1
    title, text, details = shown[0]
    assert title == "Something went wrong"
    assert "Traceback" not in text
    assert "saved data is safe" in text
    assert "RuntimeError: the slot failed: ✗ déjà" in details
    log = _log_text(data_dir)
    assert "Traceback (most recent call last)" in log
    assert "RuntimeError" in log
    assert "the slot failed" not in log  # a message may quote client text: the log keeps none
    assert "_fail_in_slot" in log


def test_an_exception_in_a_worker_thread_reaches_the_dialog_once(
    qtbot: QtBot, shown: Shown, data_dir: Path
) -> None:
    worker = threading.Thread(target=_fail_in_slot, name="worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert "RuntimeError" in shown[0][2]
    assert "RuntimeError" in _log_text(data_dir)


def _fill_the_disk(db: Database) -> None:
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 2}")
    for n in range(50):
        clients.add(db, clients.Client(name=f"Big {n}", notes="x" * 50_000))


def test_a_full_disk_in_a_slot_is_said_in_plain_words(
    qtbot: QtBot, shown: Shown, db: Database
) -> None:
    button = QPushButton("Save")
    qtbot.addWidget(button)
    button.clicked.connect(partial(_fill_the_disk, db))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1
    text = shown[0][1]
    assert "disk is full" in text
    assert "Nothing already saved was lost" in text


def _explode(_args: argparse.Namespace) -> int:
    raise KeyError("a bug, not the user's fault")


def _refuse(_args: argparse.Namespace) -> int:
    raise CommandError("Engagement 7 does not exist.")


def _parser_running(func: object) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fractional-desk")
    parser.add_argument("--data-dir")
    parser.set_defaults(func=func)
    return parser


def test_the_command_line_logs_an_unexpected_error_instead_of_a_traceback(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "build_parser", lambda **_: _parser_running(_explode))
    assert cli.main(["--data-dir", str(data_dir)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "unexpected error" in err
    assert "a bug, not the user's fault" in err
    assert str(log_folder(data_dir) / LOG_FILE) in err
    log = _log_text(data_dir)
    assert "Traceback (most recent call last)" in log
    assert "_explode" in log


def test_the_command_line_keeps_plain_command_errors(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "build_parser", lambda **_: _parser_running(_refuse))
    assert cli.main(["--data-dir", str(data_dir)]) == 1
    assert capsys.readouterr().err == "fractional-desk: Engagement 7 does not exist.\n"
    assert not log_folder(data_dir).exists()


def test_logging_to_another_folder_closes_the_first_log(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    setup_logging(first)
    root = logging.getLogger()
    [old] = [h for h in root.handlers if isinstance(h, QuietFileHandler)]
    try:
        setup_logging(second)
        [new] = [h for h in root.handlers if isinstance(h, QuietFileHandler)]
        assert old.stream is None  # closed, not left open until exit
        assert Path(new.baseFilename).parent == log_folder(second)
    finally:
        for handler in [h for h in root.handlers if isinstance(h, QuietFileHandler)]:
            root.removeHandler(handler)
            handler.close()


def test_the_log_turns_over_at_its_size_and_keeps_five_owner_only_files(tmp_path: Path) -> None:
    from desktop import log_file

    handler = log_file.open_handler(tmp_path)
    assert handler is not None
    logger = logging.getLogger("fractional_desk.test_turnover")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        line = "x" * 1000
        for _ in range(log_file.MAX_BYTES * 7 // 1000):
            logger.warning(line)
    finally:
        logger.removeHandler(handler)
        handler.close()
    folder = log_file.log_folder(tmp_path)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [log_file.LOG_FILE] + [f"{log_file.LOG_FILE}.{n}" for n in range(1, 6)]
    for path in folder.iterdir():
        assert path.stat().st_size < log_file.MAX_BYTES
        assert path.stat().st_mode & 0o077 == 0
    assert (folder / f"{log_file.LOG_FILE}.1").read_text(encoding="utf-8").count(line) > 900
