"""One machine of the convergence test, run as its own process: `python -m
tests.adversary.sync_driver DATA_DIR SEED COUNT JOURNAL`.

It makes COUNT random edits across every kind of record through storage's own API (the way the
window does), and at random moments runs `fractional-desk sync` as a child process, the way the
app does. Every write the API reported as saved is appended to JOURNAL as one JSON line, so the
test can check afterwards that each one is present on both machines.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from storage.decisions import records as decisions
from storage.exit_plan import milestones
from storage.file.db import database_file
from storage.file.practice import open_database
from storage.practice import clients, engagements
from storage.rules.errors import ValidationError
from storage.time import time_entries

ROOT = Path(__file__).resolve().parents[2]
FIRST_DAY = dt.date(2026, 11, 2)
SYNC_CHANCE = 0.03


class Machine:
    def __init__(self, data_dir: Path, seed: int, journal: Path) -> None:
        self.data_dir = data_dir
        self.rng = random.Random(seed)
        self.tag = f"m{seed}"
        self.journal = journal.open("a", encoding="utf-8")
        self.db = open_database(database_file(data_dir))
        self.made = 0

    def write(self, op: str, table: str, row_id: int | None, **values: Any) -> None:
        line = {"op": op, "table": table, "id": row_id, "values": values, "machine": self.tag}
        self.journal.write(json.dumps(line, default=str) + "\n")
        self.journal.flush()

    def ids(self, table: str) -> list[int]:
        return [r[0] for r in self.db.execute(f"SELECT id FROM [{table}] ORDER BY id")]

    def pick(self, table: str) -> int | None:
        found = self.ids(table)
        return self.rng.choice(found) if found else None

    def text(self) -> str:
        self.made += 1
        return f"{self.tag}-{self.made}-{self.rng.randrange(10**6)}"

    # --- the operations ---------------------------------------------------------------------

    def add_client(self) -> None:
        shared = self.rng.random() < 0.05  # both machines may make a client of the same name
        name = f"Shared {self.rng.randrange(5)}" if shared else f"Client {self.text()}"
        made = clients.add(self.db, clients.Client(name=name))
        self.write("insert", "client", made.id, name=name)

    def edit_client(self) -> None:
        client_id = self.pick("client")
        if client_id is None:
            self.add_client()
            return
        notes = self.text()
        clients.update(self.db, clients.with_changes(clients.get(self.db, client_id), notes=notes))
        self.write("update", "client", client_id, notes=notes)

    def add_engagement(self) -> None:
        client_id = self.pick("client")
        if client_id is None:
            self.add_client()
            return
        new = engagements.with_changes(
            engagements.new_with_profile(self.db, client_id), title=f"CTO {self.text()}",
            start_date=FIRST_DAY, planned_end_date=FIRST_DAY + dt.timedelta(days=200),
            status="active",
        )  # fmt: skip
        made = engagements.add(self.db, new)
        self.write("insert", "engagement", made.id, title=made.title)

    def edit_engagement(self) -> None:
        engagement_id = self.pick("engagement")
        if engagement_id is None:
            self.add_engagement()
            return
        title = f"CTO {self.text()}"
        found = engagements.get(self.db, engagement_id)
        engagements.update(self.db, engagements.with_changes(found, title=title))
        self.write("update", "engagement", engagement_id, title=title)

    def log_time(self) -> None:
        engagement_id = self.pick("engagement")
        if engagement_id is None:
            self.add_engagement()
            return
        entry = time_entries.TimeEntry(
            engagement_id=engagement_id,
            day=FIRST_DAY + dt.timedelta(days=self.rng.randrange(28)),
            bucket=self.rng.choice(["strategy", "team", "leadership"]),
            minutes=self.rng.choice([15, 30, 45, 60, 90]), note=self.text(),
        )  # fmt: skip
        made = time_entries.add(self.db, entry)
        self.write("insert", "time_entry", made.id, note=entry.note, engagement=engagement_id)

    def edit_time(self) -> None:
        entry_id = self.pick("time_entry")
        if entry_id is None:
            self.log_time()
            return
        note = self.text()
        found = time_entries.get(self.db, entry_id)
        time_entries.update(self.db, time_entries.TimeEntry(**{**found.__dict__, "note": note}))
        self.write("update", "time_entry", entry_id, note=note)

    def delete_time(self) -> None:
        entry_id = self.pick("time_entry")
        if entry_id is not None:
            time_entries.delete(self.db, entry_id)
            self.write("delete", "time_entry", entry_id)

    def add_decision(self) -> None:
        engagement_id = self.pick("engagement")
        if engagement_id is None:
            self.add_engagement()
            return
        title = f"Decide {self.text()}"
        made = decisions.add(
            self.db,
            decisions.Decision(engagement_id=engagement_id, title=title, decided_on=FIRST_DAY),
        )
        self.write("insert", "decision", made.id, title=title, engagement=engagement_id)

    def edit_decision(self) -> None:
        decision_id = self.pick("decision")
        if decision_id is None:
            self.add_decision()
            return
        context = self.text()
        found = decisions.get(self.db, decision_id)
        decisions.update(self.db, decisions.with_changes(found, context=context))
        self.write("update", "decision", decision_id, context=context)

    def delete_decision(self) -> None:
        decision_id = self.pick("decision")
        if decision_id is not None:
            decisions.delete(self.db, decision_id)
            self.write("delete", "decision", decision_id)

    def delete_engagement(self) -> None:
        engagement_id = self.pick("engagement")
        if engagement_id is not None:
            engagements.delete(self.db, engagement_id)
            self.write("delete", "engagement", engagement_id)

    def add_milestone(self) -> None:
        engagement_id = self.pick("engagement")
        if engagement_id is None:
            self.add_engagement()
            return
        title = f"Milestone {self.text()}"
        made = milestones.add(
            self.db, milestones.Milestone(engagement_id=engagement_id, title=title)
        )
        self.write("insert", "milestone", made.id, title=title, engagement=engagement_id)

    def edit_milestone(self) -> None:
        milestone_id = self.pick("milestone")
        if milestone_id is None:
            self.add_milestone()
            return
        owner = self.text()
        found = milestones.get(self.db, milestone_id)
        milestones.update(self.db, milestones.Milestone(**{**found.__dict__, "owner": owner}))
        self.write("update", "milestone", milestone_id, owner=owner)

    def delete_milestone(self) -> None:
        milestone_id = self.pick("milestone")
        if milestone_id is not None:
            milestones.delete(self.db, milestone_id)
            self.write("delete", "milestone", milestone_id)

    def sync(self) -> None:
        run_sync(self.data_dir)

    def run(self, count: int) -> None:
        choices: list[tuple[Callable[[], None], int]] = [
            (self.add_client, 4), (self.edit_client, 6), (self.add_engagement, 4),
            (self.edit_engagement, 5), (self.log_time, 25), (self.edit_time, 12),
            (self.delete_time, 5), (self.add_decision, 8), (self.edit_decision, 10),
            (self.add_milestone, 8), (self.edit_milestone, 8), (self.delete_milestone, 3),
            (self.delete_decision, 2), (self.delete_engagement, 1),
        ]  # fmt: skip
        operations, weights = zip(*choices, strict=True)
        for _ in range(count):
            if self.rng.random() < SYNC_CHANCE:
                self.sync()
            operation = self.rng.choices(operations, weights)[0]
            # a refusal comes before anything is written (a full day, a closed engagement)
            with contextlib.suppress(ValidationError):
                operation()
        self.db.close()
        self.journal.close()


def run_sync(data_dir: Path) -> dict[str, Any]:
    """`fractional-desk sync --format json` as a child process, as the app runs it."""
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "sync", "--format", "json"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip
    try:
        return dict(json.loads(done.stdout))
    except ValueError:
        raise AssertionError(f"sync failed: {done.stdout}\n{done.stderr}") from None


if __name__ == "__main__":
    folder, seed, count, journal = sys.argv[1:5]
    Machine(Path(folder), int(seed), Path(journal)).run(int(count))
