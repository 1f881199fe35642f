"""One app per data folder: a second holder is refused by name, a crashed holder's lock is recovered."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.log_file import QuietFileHandler
from storage.file.instance_lock import AlreadyRunningError, InstanceLock, holder_of, lock_file

ROOT = Path(__file__).resolve().parents[3]
HOLD_SCRIPT = (
    "import sys, time\n"
    "from storage.file.instance_lock import InstanceLock\n"
    "lock = InstanceLock(sys.argv[1]); lock.acquire()\n"
    "print('held', flush=True)\n"
    "time.sleep(60)\n"
)


def _hold_in_child(data_dir: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_SCRIPT, str(data_dir)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "held"
    return child


def test_second_lock_on_the_same_folder_is_refused_with_the_holder(data_dir: Path) -> None:
    first = InstanceLock(data_dir)
    first.acquire()
    try:
        with pytest.raises(AlreadyRunningError, match="already running") as caught:
            InstanceLock(data_dir).acquire()
        assert caught.value.holder.pid == os.getpid()
        assert str(data_dir) in str(caught.value)
        assert holder_of(data_dir) is not None
    finally:
        first.release()
    assert holder_of(data_dir) is None
    with InstanceLock(data_dir) as again:
        assert again.held


def test_other_folders_are_independent(tmp_path: Path) -> None:
    with InstanceLock(tmp_path / "one"), InstanceLock(tmp_path / "two") as two:
        assert two.held


def test_lock_file_names_pid_and_host(data_dir: Path) -> None:
    with InstanceLock(data_dir):
        data = json.loads(lock_file(data_dir).read_text(encoding="utf-8"))
        assert data["pid"] == os.getpid()
        assert data["host"]


def test_another_process_holding_the_folder_is_named(data_dir: Path) -> None:
    child = _hold_in_child(data_dir)
    try:
        with pytest.raises(AlreadyRunningError) as caught:
            InstanceLock(data_dir).acquire()
        assert caught.value.holder.pid == child.pid
    finally:
        child.kill()
        child.wait()
        assert child.stdout is not None
        child.stdout.close()


def test_lock_left_by_a_killed_process_is_recovered(data_dir: Path) -> None:
    child = _hold_in_child(data_dir)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.stdout is not None
    child.stdout.close()
    assert lock_file(data_dir).exists()  # the file stays behind ...
    assert holder_of(data_dir) is None  # ... but nobody holds it
    with InstanceLock(data_dir) as lock:
        assert lock.held


def test_stale_lock_file_with_a_dead_pid_is_not_obeyed(data_dir: Path) -> None:
    lock_file(data_dir).write_text(json.dumps({"pid": 999_999, "host": "elsewhere"}))
    with InstanceLock(data_dir) as lock:
        assert lock.held
        assert json.loads(lock_file(data_dir).read_text())["pid"] == os.getpid()


@pytest.fixture
def app_hooks(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """run_app installs the error hook and the log file: undo both after the test."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    yield
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, QuietFileHandler)]:
        root.removeHandler(handler)
        handler.close()


def test_a_second_app_on_the_same_folder_says_so_and_exits_1(
    data_dir: Path, qapp: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.app import run_app

    with InstanceLock(data_dir):
        assert run_app(data_dir, self_test=True) == 1
    err = capsys.readouterr().err
    assert "already running" in err
    assert str(data_dir) in err
    assert holder_of(data_dir) is None


@pytest.mark.usefixtures("app_hooks")
def test_the_app_releases_the_folder_when_it_ends(
    data_dir: Path, qapp: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.app import run_app

    assert run_app(data_dir, self_test=True) == 0
    assert capsys.readouterr().out.strip() == "OK"
    assert holder_of(data_dir) is None
    with InstanceLock(data_dir) as lock:
        assert lock.held


def test_several_windows_on_one_folder_in_one_process(qtbot, db, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.main_window import MainWindow

    first, second = MainWindow(db, data_dir), MainWindow(db, data_dir)
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    assert holder_of(data_dir) is None  # the lock belongs to run_app, not to the window


def test_a_second_start_from_the_command_line_exits_1(data_dir: Path) -> None:
    """End to end: `fractional-desk --self-test` while another process holds the folder."""
    child = _hold_in_child(data_dir)
    try:
        second = subprocess.run(
            [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "--self-test"],
            cwd=ROOT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        child.kill()
        child.wait()
        assert child.stdout is not None
        child.stdout.close()
    assert second.returncode == 1
    assert "already running" in second.stderr
    assert f"process {child.pid}" in second.stderr
    assert "Traceback" not in second.stderr
