"""Kill a writing process at random moments: the file stays sound and every reported commit is there."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storage.file.connect import connect
from storage.file.db import database_file
from storage.file.practice import open_database
from storage.practice import clients, engagements

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("crash_writer.py")
KILLS = 30
TABLES = {"client": "client", "time_entry": "time_entry"}


def _prepare(data_dir: Path) -> int:
    db = open_database(database_file(data_dir))
    client = clients.add(db, clients.Client(name="Crash test client"))
    engagement = engagements.add(
        db,
        engagements.Engagement(
            client_id=int(client.id or 0), title="Crash test", start_date=dt.date(2000, 1, 1)
        ),
    )
    db.close()
    return int(engagement.id or 0)


def _run_and_kill(data_dir: Path, engagement_id: int, run: int, rng: random.Random) -> list[str]:
    child = subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir), str(engagement_id), str(run)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    time.sleep(rng.uniform(0.0, 0.25))
    os.kill(child.pid, signal.SIGKILL)
    complete_lines = child.stdout.read().split("\n")[:-1]  # a line cut by the kill is not one
    child.stdout.close()
    assert child.wait() == -signal.SIGKILL
    return complete_lines


def _check(path: Path, committed: dict[str, set[int]]) -> None:
    conn = connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        for kind, ids in committed.items():
            present = {r[0] for r in conn.execute(f"SELECT id FROM [{TABLES[kind]}]")}
            missing = ids - present
            assert not missing, f"{len(missing)} committed {kind} rows lost: {sorted(missing)[:5]}"
    finally:
        conn.close()


@pytest.mark.slow
def test_killing_a_writer_never_loses_a_commit_or_damages_the_file(data_dir: Path) -> None:
    engagement_id = _prepare(data_dir)
    rng = random.Random(7)
    committed: dict[str, set[int]] = {kind: set() for kind in TABLES}
    for run in range(KILLS):
        for line in _run_and_kill(data_dir, engagement_id, run, rng):
            kind, record_id = line.split()
            committed[kind].add(int(record_id))
        _check(database_file(data_dir), committed)
    assert sum(len(ids) for ids in committed.values()) > KILLS  # the writer did write
