"""The timesheet of an engagement over a date range: per week, hours per bucket against the
commitment, then every entry dated (day, bucket, hours, note), weeks without time said so.

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
from storage.practice import (
    CommitmentPeriod,
    Engagement,
    calendar,
    commitments,
    engagements,
    settings,
)
from storage.rules import BUCKET_LABELS, BUCKETS, clock
from storage.time import EntryRow, WeekRow, timesheet

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
    periods: tuple[CommitmentPeriod, ...] = ()
    entries: tuple[EntryRow, ...] = ()
    week_start: str = "monday"

    @property
    def every_week(self) -> list[WeekRow]:
        """Every week of the range, those without time as empty rows (the CSV keeps to `weeks`)."""
        found = {w.week_start: w for w in self.weeks}
        return [
            found.get(day) or WeekRow(day, dict.fromkeys(BUCKETS, 0))
            for day in timesheet.week_starts(self.start, self.end, week_start=self.week_start)
        ]

    def days_of(self, week_start: dt.date) -> tuple[dt.date, dt.date]:
        """The week's days inside the sheet's range: its first and last week are clipped."""
        return max(week_start, self.start), min(week_start + dt.timedelta(days=6), self.end)

    def week_label(self, week_start: dt.date, *, long: bool = False) -> str:
        """ "2 Nov 2026", or "1 Nov 2026 to 1 Nov 2026" clipped: the days the row counts."""
        first, last = self.days_of(week_start)
        shown = long_date if long else short_date
        if (first, last) == (week_start, week_start + dt.timedelta(days=6)):
            return shown(first)
        return shown(first) if first == last else f"{shown(first)} to {shown(last)}"

    @property
    def periods_in_range(self) -> list[CommitmentPeriod]:
        """The commitment periods in force on some day of the range, oldest first."""
        history = self.history
        first = commitments.in_force(history, self.start)
        return [p for p in history if p is first or self.start < p.starts_on <= self.end]

    def entries_of(self, week_start: dt.date) -> list[EntryRow]:
        last = week_start + dt.timedelta(days=6)
        return [entry for entry in self.entries if week_start <= entry.day <= last]

    @property
    def history(self) -> list[CommitmentPeriod]:
        return commitments.history({self.engagement.id or 0: self.periods}, self.engagement)

    @property
    def so_far(self) -> bool:
        """Whether the range reaches today: its committed time is then "so far"."""
        return calendar.under_way(self.end, clock.today())

    def committed_minutes(self, week_start: dt.date) -> int:
        """The week's committed time inside the sheet's range, so far (`storage.practice.
        calendar`): a whole week is the Time tab's and `report week`'s figure, and the weeks
        of a month add up to the Month tab's."""
        first, last = self.days_of(week_start)
        on = clock.today()
        return calendar.minutes(self.engagement, self.history, first, calendar.so_far(last, on), on)

    @property
    def committed_total(self) -> int:
        return sum(self.committed_minutes(w.week_start) for w in self.every_week)

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
    first, last = calendar.record_range(e, clock.today())
    start = start or first
    end = end or max(last, start)
    week_start = settings.load_profile(db).week_start
    found = timesheet.weeks(db, engagement_id, start, end, week_start=week_start)
    listed = tuple(timesheet.entries(db, engagement_id, start, end))
    return Sheet(e, start, end, found, tuple(commitments.of(db, e)), listed, week_start)


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
    for week in sheet.weeks:
        buckets, total = decimal_hours([week.minutes.get(b, 0) for b in BUCKETS])
        committed = decimal_hours([sheet.committed_minutes(week.week_start)])[1]
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
            created=dt.datetime.combine(clock.today(), dt.time(9)),
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
    _entries(document, sheet)
    return document


def _summary(document: common.Document, sheet: Sheet) -> None:
    common.heading(document, "Summary")
    weeks = max(len(sheet.weeks), 1)
    common.paragraph(
        document,
        f"Committed: {_commitment_words(sheet)}. Logged: {hours_words(sheet.total)} over "
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


def _commitment_words(sheet: Sheet) -> str:
    """`2 days a week, 16 hours` or, when it changed within the range, each period in force
    during it from its date (the first from the range's start)."""
    found = sheet.periods_in_range
    if len(found) == 1:
        p = found[0]
        return f"{days_a_week(p.days_per_week)}, {hours_words(round(p.minutes_per_week))}"
    return "; ".join(
        f"{days_a_week(p.days_per_week)} ({hours_words(round(p.minutes_per_week))}) "
        f"from {long_date(max(p.starts_on, sheet.start))}"
        for p in found
    )


def days_a_week(days: float) -> str:
    """ "1 day a week", "0.5 days a week", "2 days a week"."""
    return f"{number(days)} day{'' if days == 1 else 's'} a week"


def _weeks_table(document: common.Document, sheet: Sheet) -> None:
    if not sheet.weeks:
        common.paragraph(document, "No time was logged in this period.")
        return
    rows: list[Sequence[object]] = []
    every = sheet.every_week
    for week in every:
        label = sheet.week_label(week.week_start) + ("" if week.total_minutes else " (no time)")
        row = [label] + [hours(week.minutes.get(b, 0)) for b in BUCKETS]
        committed = hours(sheet.committed_minutes(week.week_start))
        rows.append([*row, hours(week.total_minutes), committed])
    totals = [hours(sheet.bucket_total(b)) for b in BUCKETS]
    rows.append(["Total", *totals, hours(sheet.total), hours(sheet.committed_total)])
    common.table(
        document,
        ["Week", *BUCKET_LABELS.values(), "Total", committed_header(sheet)],
        rows,
        numeric=(1, 2, 3, 4, 5),
        widths=(4.6, 2.2, 1.9, 2.7, 2.1, 2.9),
        bold_last=True,
    )


def committed_header(sheet: Sheet) -> str:
    """ "Committed", or "Committed so far" while the range is under way."""
    return calendar.committed_words(sheet.end, clock.today()).capitalize()


ENTRY_HEADERS = ("Date", "Bucket", "Hours", "Note")


def _entries(document: common.Document, sheet: Sheet) -> None:
    """Each week's entries as a dated table: a note appears once, on the entry it belongs to."""
    if not sheet.weeks:
        return
    common.heading(document, "Entries by week")
    for week in sheet.every_week:
        label = sheet.week_label(week.week_start, long=True)
        whole = sheet.days_of(week.week_start)[0] == week.week_start and len(label.split()) == 3
        common.heading(document, f"Week of {label}" if whole else label, level=2)
        found = sheet.entries_of(week.week_start)
        if not found:
            common.paragraph(document, "No time logged this week.")
            continue
        rows = [
            [short_date(e.day), BUCKET_LABELS.get(e.bucket, e.bucket), hours(e.minutes), e.note]
            for e in found
        ]
        common.table(document, ENTRY_HEADERS, rows, numeric=(2,), widths=(2.9, 2.7, 1.8, 9.0))
