"""Slow work runs on a pool thread; its result and its errors come back on the UI thread."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget
from sqlite_utils import Database

from storage.file.db import database_path
from storage.practice import clients
from storage.practice.clients import Client
from widgets.common.background_task import BackgroundTask


def _task(qtbot) -> BackgroundTask:  # type: ignore[no-untyped-def]
    window = QWidget()
    qtbot.addWidget(window)
    return BackgroundTask(window)


def test_work_runs_off_the_ui_thread_and_the_result_comes_back_on_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    task = _task(qtbot)
    seen: dict[str, object] = {}
    release = threading.Event()

    def work() -> int:
        seen["work"] = threading.current_thread()
        release.wait(5)
        return 42

    def done(result: int) -> None:
        seen["done"] = threading.current_thread()
        seen["result"] = result

    with qtbot.waitSignal(task.done, timeout=5000):
        assert task.start("Working…", work, done, seen.setdefault)
        assert task.running
        assert not task.start("Again", work, done, seen.setdefault)  # one at a time
        release.set()
    assert seen["work"] is not threading.main_thread()
    assert seen["done"] is threading.main_thread()
    assert seen["result"] == 42
    assert not task.running


def test_an_error_in_the_work_reaches_the_failure_handler(qtbot) -> None:  # type: ignore[no-untyped-def]
    task = _task(qtbot)
    failures: list[Exception] = []

    def work() -> None:
        raise OSError(28, "No space left on device")

    with qtbot.waitSignal(task.done, timeout=5000):
        task.start("Working…", work, lambda _r: None, failures.append)
    assert [type(e) for e in failures] == [OSError]
    assert "No space" in str(failures[0])
    assert task.start("Next", lambda: None, lambda _r: None, failures.append)  # free again
    task.wait()


def test_database_work_gets_a_worker_connection_of_its_own(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    task = _task(qtbot)
    seen: dict[str, object] = {}
    clients.add(db, Client(name="Acme"))

    def work(worker_db: Database) -> list[str]:
        seen["db"], seen["path"] = worker_db, database_path(worker_db)
        return [c.name for c in clients.list_all(worker_db)]

    results: list[list[str]] = []
    with qtbot.waitSignal(task.done, timeout=5000):
        assert task.start_on_database("Reading…", db, work, results.append, seen.setdefault)
    assert results == [["Acme"]]
    assert seen["db"] is not db
    assert seen["path"] == database_path(db)
