"""Every import door, tried with what is not a file: a named pipe no one writes to, an endless
device, a folder. Each is refused in one line by a real `fractional-desk` process, which never
waits on it; nothing is written. The pytest-timeout marker fails a test that would hang."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

ROOT = Path(__file__).parents[2]
CLI = "import sys; from desktop.cli import main; sys.exit(main())"

pytestmark = [
    pytest.mark.timeout(180),
    pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes"),
]


def _run(data_dir: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """The command in a child process; its standard input is closed, so it cannot wait there."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FRACTIONAL_DESK_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-c", CLI, *argv], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
        capture_output=True, text=True, timeout=150, check=False,
    )  # fmt: skip


def _refused_in_one_line(done: subprocess.CompletedProcess[str], said: str) -> None:
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert said in done.stderr
    assert "unexpected" not in done.stderr


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "export.csv"
    os.mkfifo(path)
    return path


def _entries(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM time_entry").fetchone()[0])


def test_import_time_from_a_pipe_is_refused_not_waited_on(
    db: Database, data_dir: Path, fifo: Path
) -> None:
    for extra in ([], ["--dry-run"]):
        done = _run(data_dir, "import", "time", str(fifo), *extra)
        _refused_in_one_line(done, f"{fifo} is a pipe (FIFO), not a regular file")
    assert _entries(db) == 0


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_import_time_from_an_endless_device_is_refused_not_read(
    db: Database, data_dir: Path
) -> None:
    done = _run(data_dir, "import", "time", "/dev/zero")
    _refused_in_one_line(done, "/dev/zero is a device, not a regular file")
    assert _entries(db) == 0


def test_import_time_from_a_folder_is_refused(db: Database, data_dir: Path, tmp_path: Path) -> None:
    done = _run(data_dir, "import", "time", str(tmp_path))
    _refused_in_one_line(done, f"{tmp_path} is a folder, not a regular file")


def test_a_map_file_that_is_a_pipe_is_refused(
    db: Database, acme: int, data_dir: Path, fifo: Path
) -> None:
    export = ROOT / "tests" / "fixtures" / "imports" / "harvest-detailed.csv"
    done = _run(data_dir, "import", "time", str(export), "--map", str(fifo))
    _refused_in_one_line(done, "map: ")
    assert "is a pipe (FIFO)" in done.stderr
    assert _entries(db) == 0


def test_import_practice_from_a_pipe_or_a_device_writes_nothing(tmp_path: Path, fifo: Path) -> None:
    target = tmp_path / "new"
    done = _run(tmp_path / "unused", "import", "practice", str(fifo), "--data-dir", str(target))
    _refused_in_one_line(done, "is a pipe (FIFO), not a regular file")
    if Path("/dev/zero").exists():
        done = _run(
            tmp_path / "unused", "import", "practice", "/dev/zero", "--data-dir", str(target)
        )
        _refused_in_one_line(done, "is a device, not a regular file")
    assert not target.exists()


def test_a_decision_folder_holding_a_pipe_is_refused(
    db: Database, acme: int, data_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / "0001-use-postgres.md").write_text("# Use Postgres\n")
    os.mkfifo(folder / "0002-use-a-queue.md")
    done = _run(data_dir, "decisions", "import-madr", str(folder), "--engagement", str(acme))
    _refused_in_one_line(done, "0002-use-a-queue.md is a pipe (FIFO)")
    assert db.execute("SELECT count(*) FROM decision").fetchone()[0] == 0


def test_a_practice_nested_200000_deep_is_refused_by_a_real_process(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"format": "fractional-desk-practice", "tables": ' + "[" * 200_000)
    target = tmp_path / "new"
    done = _run(tmp_path / "unused", "import", "practice", str(deep), "--data-dir", str(target))
    _refused_in_one_line(done, "nests deeper than 32 levels")
    huge = tmp_path / "huge.json"
    huge.write_text(json.dumps({"format": "fractional-desk-practice", "n": 2**64}))
    done = _run(tmp_path / "unused", "import", "practice", str(huge), "--data-dir", str(target))
    _refused_in_one_line(done, "the number 18446744073709551616, too large to keep")
    assert not target.exists()
