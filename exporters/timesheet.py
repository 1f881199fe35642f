"""The timesheet of an engagement over a date range: per week, hours per bucket and the notes.

Written as a Word document or as CSV (UTF-8 with a byte-order mark so Excel reads the accents;
cells that a spreadsheet would run as a formula are escaped).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from exporters import docx_common as common
from exporters import safe_text
from exporters.atomic_write import write_bytes
from exporters.formatting import (
    SPLIT_HEADERS,
    decimal_hours,
    hours,
    hours_words,
    long_date,
    number,
    short_date,
    split_rows,
)
from storage import engagements, settings, timesheet
from storage.clock import today
from storage.engagements import BUCKET_LABELS, BUCKETS, Engagement
from storage.timesheet import WeekRow

TITLE = "Timesheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_HEADERS = ("week_start", "strategy_hours", "team_hours", "leadership_hours",
               "total_hours", "committed_hours", "notes")  # fmt: skip


@dataclass(frozen=True)
class Sheet:
    """The rows a timesheet prints, in either format."""

    engagement: Engagement
    start: dt.date
    end: dt.date
    weeks: list[WeekRow]

    @property
    def committed_minutes(self) -> int:
        return self.engagement.committed_minutes_per_week

    def bucket_total(self, bucket: str) -> int:
        return sum(w.minutes.get(bucket, 0) for w in self.weeks)

    @property
    def total(self) -> int:
        return sum(w.total_minutes for w in self.weeks)


def load(
    db: Database, engagement_id: int, start: dt.date | None = None, end: dt.date | None = None
) -> Sheet:
    """The sheet for a range; without one, from the engagement's start to today (or its end)."""
    e = engagements.get(db, engagement_id)
    start = start or e.start_date
    end = end or e.ended_on or max(today(), start)
    week_start = settings.load_profile(db).week_start
    return Sheet(
        e, start, end, timesheet.weeks(db, engagement_id, start, end, week_start=week_start)
    )


def export(
    db: Database,
    engagement_id: int,
    target: Path,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Path:
    """A .csv target gets CSV; anything else gets a Word document."""
    sheet = load(db, engagement_id, start, end)
    if Path(target).suffix.lower() == ".csv":
        return write_bytes(target, to_csv(sheet))
    return common.save(build(db, sheet), target)


def escape_cell(value: str) -> str:
    """A cell a spreadsheet would treat as a formula gets a leading apostrophe (OWASP advice)."""
    return f"'{value}" if value.startswith(FORMULA_START) else value


def to_csv(sheet: Sheet) -> bytes:
    """Decimal hours (two decimals) whose buckets add up to each row's total."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    committed = decimal_hours([sheet.committed_minutes])[1]
    for week in sheet.weeks:
        buckets, total = decimal_hours([week.minutes.get(b, 0) for b in BUCKETS])
        row = [week.week_start.isoformat(), *buckets, total, committed]
        row.append(safe_text.clean("\n".join(week.notes)))
        writer.writerow([escape_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def build(db: Database, sheet: Sheet) -> common.Document:
    e = sheet.engagement
    profile = settings.load_profile(db)
    document = common.new_document(
        common.DocumentInfo(
            title=f"{TITLE}: {e.client_name}",
            subject=f"{e.title}, {long_date(sheet.start)} to {long_date(sheet.end)}",
            client=e.client_name,
            profile=profile,
            created=dt.datetime.combine(today(), dt.time(9)),
        )
    )
    common.paragraph(document, TITLE, style="Title")
    common.paragraph(
        document,
        f"{e.title} for {e.client_name}: {long_date(sheet.start)} to {long_date(sheet.end)}",
        style="Subtitle",
    )
    _summary(document, sheet)
    common.heading(document, "Hours per week")
    _weeks_table(document, sheet)
    _notes(document, sheet.weeks)
    return document


def _summary(document: common.Document, sheet: Sheet) -> None:
    common.heading(document, "Summary")
    e, weeks = sheet.engagement, max(len(sheet.weeks), 1)
    common.paragraph(
        document,
        f"Committed: {number(e.days_per_week)} days a week, "
        f"{hours_words(sheet.committed_minutes)}. Logged: {hours_words(sheet.total)} over "
        f"{len(sheet.weeks)} weeks with time, {hours_words(sheet.total // weeks)} a week on "
        "average. Hours are written as hours and minutes (h:mm).",
    )
    common.table(
        document,
        SPLIT_HEADERS,
        split_rows({b: sheet.bucket_total(b) for b in BUCKETS}, sheet.engagement),
        numeric=(1, 2, 3),
        bold_last=True,
    )


def _weeks_table(document: common.Document, sheet: Sheet) -> None:
    if not sheet.weeks:
        common.paragraph(document, "No time was logged in this period.")
        return
    committed = hours(sheet.committed_minutes)
    rows: list[Sequence[object]] = []
    for week in sheet.weeks:
        row = [short_date(week.week_start)] + [hours(week.minutes.get(b, 0)) for b in BUCKETS]
        rows.append([*row, hours(week.total_minutes), committed])
    totals = [hours(sheet.bucket_total(b)) for b in BUCKETS]
    committed_total = hours(sheet.committed_minutes * len(sheet.weeks))
    rows.append(["Total", *totals, hours(sheet.total), committed_total])
    common.table(
        document,
        ["Week of", *BUCKET_LABELS.values(), "Total", "Committed"],
        rows,
        numeric=(1, 2, 3, 4, 5),
        widths=(3.4, 2.5, 2.3, 2.7, 2.5, 3.0),
        bold_last=True,
    )


def _notes(document: common.Document, weeks: Sequence[WeekRow]) -> None:
    with_notes = [w for w in weeks if w.notes]
    if not with_notes:
        return
    common.heading(document, "Notes")
    for week in with_notes:
        common.heading(document, f"Week of {long_date(week.week_start)}", level=3)
        for note in week.notes:
            common.bullet_with_lines(document, note)
