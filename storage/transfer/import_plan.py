"""The preview of an import: what each row becomes, and why a row is refused.

The same plan is made for a dry run and, inside the write transaction, for the import itself,
so the rules (the engagement's dates, the 24-hour day, rows already imported) are judged on
the data as it will be written. Checks run in memory: 100,000 rows take a few seconds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from storage.practice import engagements
from storage.practice.engagements import Engagement
from storage.rules.durations import MAX_MINUTES, format_minutes
from storage.rules.errors import NotFoundError, ValidationError
from storage.rules.vocabulary import BUCKETS
from storage.time import time_entries
from storage.time.time_entries import TimeEntry
from storage.transfer.import_csv import Refusal, SourceFile
from storage.transfer.import_formats import SourceRow
from storage.transfer.import_map import NEW, ImportMap

CHUNK = 500  # SQLite parameters per lookup


@dataclass(frozen=True)
class PlannedEntry:
    line: int
    fingerprint: str
    target: str  # "<engagement id>" or "new: <Client> / <Project>"
    day: dt.date
    bucket: str
    minutes: int
    note: str


@dataclass
class ImportPlan:
    format: str
    file_name: str
    rows: int
    entries: list[PlannedEntry] = field(default_factory=list)
    imported: int = 0  # rows (an entry across midnight is one row, two entries)
    duplicates: int = 0
    refused: list[Refusal] = field(default_factory=list)
    new_engagements: dict[str, dt.date] = field(default_factory=dict)  # key -> first day
    flagged: list[Refusal] = field(default_factory=list)  # imported, with something to say

    def minutes(self) -> dict[str, dict[str, int]]:
        totals: dict[str, dict[str, int]] = {}
        for entry in self.entries:
            bucket = totals.setdefault(entry.target, dict.fromkeys(BUCKETS, 0))
            bucket[entry.bucket] += entry.minutes
        return totals

    def relabel(self, targets: dict[str, int]) -> None:
        """Name each new engagement by the id it was given, once the import made it."""
        if self.new_engagements:
            self.entries = [
                dataclasses.replace(e, target=str(targets[e.target])) for e in self.entries
            ]

    def as_json(self) -> dict[str, Any]:
        """The stable keys of `fractional-desk import time`."""
        return {
            "format": self.format,
            "rows": self.rows,
            "imported": self.imported,
            "duplicates": self.duplicates,
            "refused": [{"line": r.line, "reason": r.reason} for r in self.refused],
            "flagged": [{"line": r.line, "reason": r.reason} for r in self.flagged],
            "new_engagements": {k: d.isoformat() for k, d in self.new_engagements.items()},
            "minutes": self.minutes(),
        }


def fingerprints(source: SourceFile) -> list[str]:
    """One per row: its format and content, and which of identical rows it is."""
    seen: Counter[str] = Counter()
    found = []
    for row in source.rows:
        seen[row.identity] += 1
        text = f"{source.format}\x1e{row.identity}\x1e{seen[row.identity]}"
        found.append(hashlib.sha256(text.encode()).hexdigest()[:40])
    return found


def known_fingerprints(db: Database, candidates: list[str]) -> set[str]:
    known: set[str] = set()
    for start in range(0, len(candidates), CHUNK):
        chunk = candidates[start : start + CHUNK]
        marks = ", ".join("?" for _ in chunk)
        sql = f"SELECT fingerprint FROM time_import_row WHERE fingerprint IN ({marks})"
        known.update(r[0] for r in db.execute(sql, chunk))
    return known


def make_plan(db: Database, source: SourceFile, mapping: ImportMap) -> ImportPlan:
    plan = ImportPlan(source.format, source.name, source.total, refused=list(source.refused))
    prints = fingerprints(source)
    known = known_fingerprints(db, prints)
    judge = _Judge(db, source.rows, mapping)
    for row, print_ in zip(source.rows, prints, strict=True):
        if print_ in known:
            plan.duplicates += 1
        elif reason := judge.refusal(row):
            plan.refused.append(Refusal(row.line, reason))
        else:
            plan.entries += judge.take(row, print_)
            plan.imported += 1
            if row.flag:
                plan.flagged.append(Refusal(row.line, row.flag))
    plan.refused.sort(key=lambda r: r.line)
    plan.new_engagements = judge.new_starts
    return plan


class _Judge:
    """The rules one row must keep, with the day totals of the rows taken so far."""

    def __init__(self, db: Database, rows: list[SourceRow], mapping: ImportMap) -> None:
        self.db, self.mapping = db, mapping
        self.cache: dict[int, Engagement | None] = {}
        self.days = _day_totals(db, rows)
        self.new_starts: dict[str, dt.date] = {}
        self.made: dict[str, int | None] = {}

    def target(self, row: SourceRow) -> int | str | None:
        """Where the row goes: a project mapped to "new" goes to the engagement made for it
        before (the client's engagement titled as the project), so a re-run makes none."""
        target = self.mapping.engagements.get(row.key)
        if target != NEW:
            return target
        if row.key not in self.made:
            self.made[row.key] = made_for(self.db, row.key)
        return self.made[row.key] or NEW

    def refusal(self, row: SourceRow) -> str:
        target = self.target(row)
        if target is None:
            return f"{row.key!r} is not mapped to an engagement (add it to the map)"
        if reason := self._unstorable(row, target):
            return reason
        if target != NEW and (reason := self._closed(int(target), row)):
            return reason
        return self._over_day(row)

    def take(self, row: SourceRow, fingerprint: str) -> list[PlannedEntry]:
        target = self.target(row)
        assert target is not None  # refusal() refused the unmapped
        label = f"new: {row.key}" if target == NEW else str(target)
        bucket = self.mapping.bucket_of(row)
        if target == NEW:  # the new engagement starts on the first day of the rows it takes
            first = min(day for day, _ in row.pieces)
            self.new_starts[row.key] = min(self.new_starts.get(row.key, first), first)
        taken = []
        for index, (day, minutes) in enumerate(row.pieces):
            self.days[day] = self.days.get(day, 0) + minutes
            part = fingerprint if index == 0 else f"{fingerprint}.{index}"
            taken.append(PlannedEntry(row.line, part, label, day, bucket, minutes, row.note))
        return taken

    def _engagement(self, engagement_id: int) -> Engagement | None:
        if engagement_id not in self.cache:
            try:
                self.cache[engagement_id] = engagements.get(self.db, engagement_id)
            except NotFoundError:
                self.cache[engagement_id] = None
        return self.cache[engagement_id]

    def _unstorable(self, row: SourceRow, target: int | str) -> str:
        """What the time entry's own rules (the date range, the note's length) refuse: the
        checks the write makes, made here so that the dry run says what the import will do."""
        engagement_id = 1 if target == NEW else int(target)  # a new one's id: any valid id
        bucket = self.mapping.bucket_of(row)
        for day, minutes in row.pieces:
            try:
                time_entries.validate(TimeEntry(engagement_id, day, bucket, minutes, row.note))
            except ValidationError as exc:
                return f"{exc.field} {exc.message}"
        return ""

    def _closed(self, engagement_id: int, row: SourceRow) -> str:
        engagement = self._engagement(engagement_id)
        if engagement is None:
            return f"engagement {engagement_id} (mapped from {row.key!r}) does not exist"
        for day, _minutes in row.pieces:
            if engagements.is_open_on(engagement, day):
                continue
            if day < engagement.start_date:
                return f"{day} is before the engagement started ({engagement.start_date})"
            return f"the engagement ended on {engagements.ended_by(engagement)}: no time on {day}"
        return ""

    def _over_day(self, row: SourceRow) -> str:
        for day, minutes in row.pieces:
            logged = self.days.get(day, 0)
            if logged + minutes > MAX_MINUTES:
                left = format_minutes(MAX_MINUTES - logged) or "nothing"
                return (
                    f"a day has 24 hours: {format_minutes(logged)} is already logged or "
                    f"imported on {day}, so {left} is left for {format_minutes(minutes)}"
                )
        return ""


def new_names(key: str) -> tuple[str, str]:
    """The client and the engagement title a project mapped to "new" is given."""
    client_name, _, project = key.partition(" / ")
    return client_name or project, project or client_name


def made_for(db: Database, key: str) -> int | None:
    """The engagement an earlier import made for this project, if it is still there."""
    client_name, title = new_names(key)
    found = db.execute(
        "SELECT e.id FROM engagement e JOIN client c ON c.id = e.client_id "
        "WHERE c.name = ? COLLATE NOCASE AND e.title = ? COLLATE NOCASE ORDER BY e.id LIMIT 1",
        [client_name, title],
    ).fetchone()
    return int(found[0]) if found else None


def _day_totals(db: Database, rows: list[SourceRow]) -> dict[dt.date, int]:
    days = [day for row in rows for day, _ in row.pieces]
    if not days:
        return {}
    sql = (
        "SELECT day, sum(minutes) FROM time_entry WHERE day BETWEEN ? AND ? "
        f"AND {time_entries.SOUND} GROUP BY day"
    )
    found = db.execute(sql, [min(days).isoformat(), max(days).isoformat()])
    return {dt.date.fromisoformat(day): int(total) for day, total in found}
