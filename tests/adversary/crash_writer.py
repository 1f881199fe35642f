"""A child process for the crash test: writes through the storage API until it is killed.

After each commit it prints what it committed (`<kind> <id>`) and flushes, so whatever the
parent read was committed before the kill. Usage: crash_writer.py DATA_DIR ENGAGEMENT_ID RUN
"""

from __future__ import annotations

import datetime as dt
import itertools
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from storage.file.db import database_file
from storage.file.practice import open_database
from storage.practice import clients

if TYPE_CHECKING:  # sqlite-utils is loaded after storage has chosen the SQLite driver
    from sqlite_utils import Database

try:
    from storage.time import time_entries
except ImportError:  # pragma: no cover - before time entries existed
    time_entries = None  # type: ignore[assignment]

FIRST_DAY = dt.date(2000, 1, 3)


def write_one(db: Database, engagement_id: int, run: int, index: int) -> tuple[str, int]:
    """One user action: a one-minute time entry (a new client every tenth action)."""
    if time_entries is None or index % 10 == 9:
        client = clients.add(db, clients.Client(name=f"Crash client {run}-{index}"))
        return "client", int(client.id or 0)
    day = FIRST_DAY + dt.timedelta(days=run * 30 + index // 1000)
    entry = time_entries.add(
        db,
        time_entries.TimeEntry(
            engagement_id=engagement_id, day=day, bucket="strategy", minutes=1, note=f"run {run}"
        ),
    )
    return "time_entry", int(entry.id or 0)


def main(argv: list[str]) -> int:
    data_dir, engagement_id, run = Path(argv[1]), int(argv[2]), int(argv[3])
    db = open_database(database_file(data_dir))
    print("ready", flush=True)
    for index in itertools.count():
        kind, record_id = write_one(db, engagement_id, run, index)
        print(f"{kind} {record_id}", flush=True)
    return 0  # pragma: no cover - runs until killed


if __name__ == "__main__":
    sys.exit(main(sys.argv))
