"""Sync figures on a practice: a round with nothing to do, and a round that takes in a week of
the other machine's time, each a whole `fractional-desk sync` process, paired in the same run
with `report week` on the same practice (the command a consultant runs most).

Two machines are made from the (encrypted) practice for the run: the first sets sync up in a
folder of its own, the second joins it from the recovery key. `python -m
tests.benchmarks.sync_rounds add-week DATA_DIR N` is the other machine's week (not timed).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.measure import RUNS, Figure

NOTHING_TARGET_MS = 200.0
A_WEEK_TARGET_MS = 1000.0
ENTRIES_A_WEEK = 50


def _cli(data_dir: Path, *words: str) -> list[str]:
    return [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *words]


def _run(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return (time.perf_counter() - started) * 1000


def _machines(practice: Path) -> tuple[Path, Path]:
    """The practice as the first machine (sync set up) and a second one joined to it."""
    from storage.file import keys

    work = Path(tempfile.mkdtemp(prefix="fd-bench-sync-"))
    first, second, shared = work / "first", work / "second", work / "shared"
    shutil.copytree(practice, first, ignore=shutil.ignore_patterns("backups", "logs", "*.lock"))
    shared.mkdir()
    subprocess.run(_cli(first, "sync", "setup", str(shared)), check=True, capture_output=True)
    key_file = work / "recovery.txt"
    key_file.write_text(keys.recovery_key(keys.key_for_folder(first) or b""), encoding="utf-8")
    subprocess.run(
        _cli(second, "sync", "join", str(shared), "--recovery-key-file", str(key_file)),
        check=True, capture_output=True,
    )  # fmt: skip
    return first, second


def sync_figures(practice: Path, dataset: str) -> list[Figure]:
    first, second = _machines(practice)
    floor: list[float] = []
    nothing: list[float] = []
    a_week: list[float] = []
    _run(_cli(first, "sync"))  # once unmeasured: the bytecode cache is written
    for week in range(RUNS):
        floor.append(_run(_cli(first, "report", "week", "--format", "json")))
        nothing.append(_run(_cli(first, "sync", "--format", "json")))
        subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.sync_rounds", "add-week", str(second),
             str(week)], check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run(_cli(second, "sync"), check=True, capture_output=True)
        a_week.append(_run(_cli(first, "sync", "--format", "json")))
    shutil.rmtree(first.parent, ignore_errors=True)
    paired = {"floor_name": "`report week --format json`", "floor_samples": tuple(floor)}
    return [
        Figure("`sync` with nothing to do", dataset, tuple(nothing), **paired),
        Figure(f"`sync` taking in a week ({ENTRIES_A_WEEK} entries) from the other machine",
               dataset, tuple(a_week), **paired),
        Figure("`sync` with nothing to do (ms)", dataset, tuple(nothing), target=NOTHING_TARGET_MS),
        Figure("`sync` taking in a week (ms)", dataset, tuple(a_week), target=A_WEEK_TARGET_MS),
    ]  # fmt: skip


def add_week(data_dir: Path, week: int) -> None:
    """The other machine's week: ENTRIES_A_WEEK quarter-hours on the engagements open that week
    (a day already full, or an engagement closed that day, is passed over)."""
    from storage.file.db import database_file
    from storage.file.practice import open_database
    from storage.practice import engagements
    from storage.rules.errors import ValidationError
    from storage.time import time_entries

    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday() + 7 * (week + 1))
    days = [monday + dt.timedelta(days=n) for n in range(5)]
    made = 0
    with open_database(database_file(data_dir)) as db:
        every = engagements.list_all(db)
        for n in range(ENTRIES_A_WEEK * 20):
            day = days[n % 5]
            running = [e for e in every if engagements.is_open_on(e, day)]
            if not running:
                continue
            entry = time_entries.TimeEntry(
                running[n % len(running)].id or 0, day, "team", 15, note=f"week {week} entry {n}"
            )
            try:
                time_entries.add(db, entry)
            except ValidationError:
                continue
            made += 1
            if made == ENTRIES_A_WEEK:
                return
    raise SystemExit(f"only {made} entries fitted in the week of {monday}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["add-week"]:
        add_week(Path(sys.argv[2]), int(sys.argv[3]))
