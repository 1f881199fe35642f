"""Importing time from Toggl Track, Harvest and Clockify: preview, import, undo.

An import is one transaction after a checked backup: the plan is made again under the write
lock, new engagements are created, the entries and a fingerprint of every source row are
written, and the rules used are remembered for the next file from the same source.
`import_undo` takes an import away again.
"""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from storage.file import backups, ids, rows
from storage.practice import clients, engagements, settings
from storage.practice.engagements import Engagement
from storage.rules.clock import now_iso
from storage.time import time_entries
from storage.time.time_entries import TimeEntry
from storage.transfer.import_csv import SourceFile, read_file
from storage.transfer.import_map import NEW, ImportMap, remember
from storage.transfer.import_plan import (
    ImportPlan,
    PlannedEntry,
    made_for,
    make_plan,
    new_names,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

Progress = Callable[[int, int], None]  # done, total
Made = dict[str, list[int]]  # the clients and engagements an import created
REPORT_EVERY = 2_000


def _quiet(_done: int, _total: int) -> None:
    pass


@contextlib.contextmanager
def calm_collector() -> Iterator[None]:
    """Put off Python's full garbage collections while a large file is read and imported (and
    while the import dialog holds its rows).

    Each of the 100,000 rows makes a few objects; every so often the collector walks all of
    them at once while holding the interpreter lock, and the window, waiting for that lock,
    stalls for 100-200 ms. Young generations are still collected; the rows hold no cycles and
    are freed by their reference counts when they are let go.
    """
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, max(old, 1_000))
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)


@dataclass(frozen=True)
class ImportRecord:
    id: int
    format: str
    file_name: str
    imported_at: str
    entries: int


def _source(given: Path | SourceFile, format_name: str | None) -> SourceFile:
    return given if isinstance(given, SourceFile) else read_file(given, format_name)


def preview(
    db: Database, given: Path | SourceFile, mapping: ImportMap, format_name: str | None = None
) -> ImportPlan:
    """What importing the file would do; nothing is written."""
    with calm_collector():
        return make_plan(db, _source(given, format_name), mapping)


def import_file(
    db: Database,
    data_dir: Path,
    given: Path | SourceFile,
    mapping: ImportMap,
    format_name: str | None = None,
    progress: Progress = _quiet,
) -> tuple[ImportPlan, int | None]:
    """Import the file: the plan as carried out, and the import's id (None: nothing to add)."""
    with calm_collector():
        return _import(db, data_dir, _source(given, format_name), mapping, progress)


def _import(
    db: Database, data_dir: Path, source: SourceFile, mapping: ImportMap, progress: Progress
) -> tuple[ImportPlan, int | None]:
    planned = make_plan(db, source, mapping)
    if not planned.entries:  # nothing to add: no backup, no import, no engagement
        return planned, None
    backups.back_up_and_rotate(db, data_dir, reason="before-import")
    with db.atomic():
        plan = make_plan(db, source, mapping)
        if not plan.entries:
            return plan, None
        targets, made = _create_engagements(db, plan)
        plan.relabel(targets)
        import_id = _write(db, plan, made, progress)
        remember(db, plan.format, _kept_map(db, mapping))
    return plan, import_id


def _create_engagements(db: Database, plan: ImportPlan) -> tuple[dict[str, int], Made]:
    """The engagement id of each target label, creating the "new" ones (and their clients);
    what was made, so that undoing the import takes it away again."""
    targets = {e.target: int(e.target) for e in plan.entries if e.target.isdigit()}
    made: Made = {"clients": [], "engagements": []}
    currency = settings.load_profile(db).default_currency
    for key, first_day in plan.new_engagements.items():
        client_name, title = new_names(key)
        client_id = _client_named(db, client_name, made)
        engagement = engagements.add(
            db, Engagement(client_id, title, first_day, status="active", currency=currency)
        )
        targets[f"new: {key}"] = engagement.id or 0
        made["engagements"].append(engagement.id or 0)
    return targets, made


def _client_named(db: Database, name: str, made: Made) -> int:
    found = db.execute("SELECT id FROM client WHERE name = ? COLLATE NOCASE", [name]).fetchone()
    if found:
        return int(found[0])
    client_id = clients.add(db, clients.Client(name, status="active")).id or 0
    made["clients"].append(client_id)
    return client_id


def _write(db: Database, plan: ImportPlan, made: Made, progress: Progress) -> int:
    import_id = rows.insert(db, "time_import", {
        "format": plan.format, "file_name": plan.file_name[:300],
        "imported_at": now_iso(), "entries": len(plan.entries), "made": json.dumps(made),
    })  # fmt: skip
    next_id = ids.next_id(db, "time_entry", len(plan.entries))
    created = now_iso()
    total = len(plan.entries)
    for start in range(0, total, REPORT_EVERY):
        batch = plan.entries[start : start + REPORT_EVERY]
        _write_batch(db, batch, import_id, next_id + start, created)
        progress(start + len(batch), total)
    return import_id


def _write_batch(
    db: Database,
    batch: list[PlannedEntry],
    import_id: int,
    first_id: int,
    created: str,
) -> None:
    entries, prints = [], []
    for offset, planned in enumerate(batch):
        entry = TimeEntry(
            int(planned.target), planned.day, planned.bucket, planned.minutes, planned.note
        )
        row = time_entries.validate(entry)
        entries.append({"id": first_id + offset, **row, "created_at": created})
        prints.append(
            {
                "fingerprint": planned.fingerprint,
                "import_id": import_id,
                "entry_id": first_id + offset,
            }
        )
    rows.insert_many(db, "time_entry", entries)
    rows.insert_many(db, "time_import_row", prints)


def _kept_map(db: Database, mapping: ImportMap) -> ImportMap:
    """The map to remember: a "new" project now maps to the engagement made for it."""
    kept = {
        key: (made_for(db, key) or NEW) if target == NEW else target
        for key, target in mapping.engagements.items()
    }
    return ImportMap(
        {k: t for k, t in kept.items() if t != NEW}, mapping.buckets, mapping.default_bucket
    )


def list_imports(db: Database) -> list[ImportRecord]:
    found = db.execute(
        "SELECT id, format, file_name, imported_at, entries FROM time_import ORDER BY id DESC"
    )
    return [ImportRecord(*row) for row in found]
