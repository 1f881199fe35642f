"""Child processes for the adversary tests: they write through the app's real code paths and
print each save they were told succeeded, flushed, so the parent knows what was reported.

    adversary_writer.py checkpoint DATA_DIR ENGAGEMENT_ID   fill the -wal, then checkpoint it
    adversary_writer.py log-loop DATA_DIR ENGAGEMENT_ID TAG N   N `fractional-desk log` commands
    adversary_writer.py fill-day DATA_DIR ENGAGEMENT_ID DAY    5-minute entries until the day is full
    adversary_writer.py add-clients DATA_DIR N              clients named "Same n" for n < N
    adversary_writer.py invoice-months DATA_DIR MONTH...    an invoice for every client and month
    adversary_writer.py log-at-gate DATA_DIR ENGAGEMENT_ID  one `log` that says when the gate holds it
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import sys
from pathlib import Path

from desktop.cli import main as cli_main
from storage.file.db import database_file
from storage.file.practice import open_database
from storage.practice import clients
from storage.rules.errors import StorageWriteError, ValidationError
from storage.time import time_entries

NOTE = "x" * 3000  # big rows, so that the -wal holds megabytes


def checkpoint(data_dir: Path, engagement_id: int) -> None:
    db = open_database(database_file(data_dir))
    db.execute("PRAGMA wal_autocheckpoint = 0")  # everything stays in the -wal until we say
    for index in range(700):
        day = dt.date(2001, 1, 1) + dt.timedelta(days=index)
        entry = time_entries.TimeEntry(engagement_id, day, "strategy", 5, f"{index} {NOTE}")
        print(f"saved {time_entries.add(db, entry).id}", flush=True)
    print("checkpointing", flush=True)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print("checkpointed", flush=True)


def log_loop(data_dir: Path, engagement_id: int, tag: str, count: int) -> None:
    for n in range(count):
        day = dt.date(2002, 1, 1) + dt.timedelta(days=n % 300)
        argv = ["--data-dir", str(data_dir), "log", "--engagement", str(engagement_id),
                "--date", day.isoformat(), "--bucket", "team", "--minutes", "1",
                "--note", f"{tag}-{n}"]  # fmt: skip
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = cli_main(argv)
        if code == 0:
            print(f"saved {tag}-{n}", flush=True)


def fill_day(data_dir: Path, engagement_id: int, day: str) -> None:
    db = open_database(database_file(data_dir))
    while True:
        entry = time_entries.TimeEntry(engagement_id, dt.date.fromisoformat(day), "team", 5, "")
        try:
            print(f"saved {time_entries.add(db, entry).id}", flush=True)
        except ValidationError:
            print("refused", flush=True)
            return
        except StorageWriteError as exc:  # busy beyond the timeout: reported as not saved
            print(f"failed {exc}", flush=True)


def add_clients(data_dir: Path, count: int) -> None:
    db = open_database(database_file(data_dir))
    for n in range(count):
        try:
            print(f"saved {clients.add(db, clients.Client(name=f'Same {n}')).id}", flush=True)
        except ValidationError:
            print("refused", flush=True)


def invoice_months(data_dir: Path, months: list[str]) -> None:
    """Every client's invoice for each month, in the same order as the other processes."""
    from storage.billing import invoices

    db = open_database(database_file(data_dir))
    for month in months:
        for client in clients.list_all(db):
            try:
                made = invoices.create_for_month(db, client.id or 0, month, dt.date(2026, 6, 1))
                print(f"saved {made.number} {client.id} {month}", flush=True)
            except ValidationError:
                print("refused", flush=True)
            except StorageWriteError as exc:
                print(f"failed {exc}", flush=True)


def log_at_gate(data_dir: Path, engagement_id: int) -> int:
    """One `fractional-desk log` of 9 minutes on 7 July 2007 that prints "waiting at the gate" the
    first time the folder's gate turns it away, so the parent knows it is held there (and is not
    still starting); then the entry's id, as the command prints it."""
    from storage.file import writers_gate

    real_try_lock = writers_gate.try_lock
    said = False

    def try_lock(fd: int, *, exclusive: bool = True) -> bool:
        nonlocal said
        taken = real_try_lock(fd, exclusive=exclusive)
        if not taken and not said:
            said = True
            print("waiting at the gate", flush=True)
        return taken

    writers_gate.try_lock = try_lock
    return cli_main(["--data-dir", str(data_dir), "log", "--engagement", str(engagement_id),
                     "--date", "2007-07-07", "--bucket", "team", "--minutes", "9"])  # fmt: skip


def main(argv: list[str]) -> int:
    mode, data_dir = argv[1], Path(argv[2])
    if mode == "checkpoint":
        checkpoint(data_dir, int(argv[3]))
    elif mode == "log-loop":
        log_loop(data_dir, int(argv[3]), argv[4], int(argv[5]))
    elif mode == "fill-day":
        fill_day(data_dir, int(argv[3]), argv[4])
    elif mode == "add-clients":
        add_clients(data_dir, int(argv[3]))
    elif mode == "invoice-months":
        invoice_months(data_dir, argv[3:])
    elif mode == "log-at-gate":
        return log_at_gate(data_dir, int(argv[3]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
