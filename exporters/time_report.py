"""The time report for a client and a month (the hours behind the invoice), each day's hours per
bucket with the notes, the totals per engagement and the amount each bills.

Written as a Word document or as CSV (UTF-8 with a byte-order mark, formula-like cells escaped,
decimal hours with two decimals that add up to each engagement's total, as the timesheet's CSV).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from exporters import docx_common as common
from exporters import safe_text
from exporters.atomic_write import write_bytes
from exporters.formatting import decimal_hours, hours, money, month_label, short_date
from exporters.timesheet import escape_cell
from storage.billing import MonthLine, month_report
from storage.practice import Client, clients, settings
from storage.rules import BUCKET_LABELS, BUCKETS, Money, Month, clock, totals_by_currency
from storage.time import timesheet

TITLE = "Time report"
CSV_HEADERS = ("date", "engagement", "bucket", "hours", "note", "amount", "currency")


@dataclass(frozen=True)
class DayRow:
    """One day's time in one bucket, its notes joined."""

    day: dt.date
    bucket: str
    minutes: int
    notes: str


@dataclass(frozen=True)
class Part:
    """One engagement's month on the statement."""

    line: MonthLine
    days: tuple[DayRow, ...]


@dataclass(frozen=True)
class Statement:
    client: Client
    month: Month
    parts: tuple[Part, ...]


def load(db: Database, client_id: int, month: Month) -> Statement:
    client = clients.get(db, client_id)
    parts = []
    for line in month_report.lines(db, month, client_id):
        if not (line.total_minutes or line.billing.amount_minor):
            continue
        found = timesheet.entries(db, line.engagement.id or 0, month.start, month.end)
        parts.append(Part(line, tuple(day_rows(found))))
    return Statement(client, month, tuple(parts))


def day_rows(entries: list[timesheet.EntryRow]) -> list[DayRow]:
    """Entries summed per day and bucket (in date and bucket order), their notes one a line."""
    sums: dict[tuple[dt.date, str], list[timesheet.EntryRow]] = {}
    for entry in entries:
        sums.setdefault((entry.day, entry.bucket), []).append(entry)
    order = {bucket: n for n, bucket in enumerate(BUCKETS)}
    return [
        DayRow(day, bucket, sum(e.minutes for e in found), _notes(found))
        for (day, bucket), found in sorted(sums.items(), key=lambda x: (x[0][0], order[x[0][1]]))
    ]


def _notes(found: list[timesheet.EntryRow]) -> str:
    """The day's notes in the order written, each once."""
    return "\n".join(dict.fromkeys(e.note.strip() for e in found if e.note.strip()))


def export(db: Database, client_id: int, month: Month, target: Path) -> Path:
    """A .csv target gets CSV; anything else gets a Word document."""
    statement = load(db, client_id, month)
    if Path(target).suffix.lower() == ".csv":
        return write_bytes(target, to_csv(statement))
    return common.save(build(statement, settings.load_profile(db)), target)


def amount_text(minor: int | None, currency: str) -> str:
    """An amount for a spreadsheet: `4629.38` (no symbol, no thousands separator)."""
    return "" if minor is None else Money(minor, currency).plain()


def to_csv(statement: Statement) -> bytes:
    """The day rows of each engagement, then its total row with the amount."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    for part in statement.parts:
        e = part.line.engagement
        each, total = decimal_hours([row.minutes for row in part.days])
        for row, text in zip(part.days, each, strict=True):
            cells = [row.day.isoformat(), e.title, row.bucket, text, safe_text.clean(row.notes)]
            writer.writerow([escape_cell(cell) for cell in [*cells, "", ""]])
        amount = amount_text(part.line.billing.amount_minor, e.currency)
        writer.writerow([escape_cell(c) for c in ["total", e.title, "", total, "", amount,
                                                  e.currency]])  # fmt: skip
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def build(statement: Statement, profile: settings.Profile) -> common.Document:
    name = statement.client.legal_name or statement.client.name
    when = month_label(statement.month.year, statement.month.number)
    document = common.new_document(
        common.DocumentInfo(
            title=f"{TITLE}: {statement.client.name}",
            subject=when,
            client=statement.client.name,
            profile=profile,
            created=dt.datetime.combine(min(clock.today(), statement.month.end), dt.time(9)),
        )
    )
    common.paragraph(document, TITLE, style="Title")
    common.paragraph(
        document, f"{name}, {when}, from {common.consultant(profile)}", style="Subtitle"
    )
    _summary(document, statement)
    for part in statement.parts:
        _part(document, part)
    return document


def _summary(document: common.Document, statement: Statement) -> None:
    common.heading(document, "Summary")
    if not statement.parts:
        common.paragraph(document, "No time was logged and nothing is billed this month.")
        return
    rows = [_summary_row(part) for part in statement.parts]
    lines = [p.line for p in statement.parts]
    for total in totals_by_currency(line.billed for line in lines).values():
        rows.append(_total_row([x for x in lines if x.billed.currency == total.currency], total))
    common.table(
        document,
        ["Engagement", *BUCKET_LABELS.values(), "Total", "Amount"],
        rows,
        numeric=(1, 2, 3, 4, 5),
        widths=(4.2, 2.4, 1.8, 2.9, 2.0, 3.1),
        bold_last=True,
    )
    common.paragraph(document, "Hours are written as hours and minutes (h:mm).")


def _summary_row(part: Part) -> list[str]:
    line = part.line
    amount = money(line.billing.amount_minor, line.engagement.currency)
    if line.billing.amount_minor is None:
        amount = line.billing.note.split(": ")[-1].capitalize()
    buckets = [hours(line.minutes.get(b, 0)) for b in BUCKETS]
    return [line.engagement.title, *buckets, hours(line.total_minutes), amount]


def _total_row(found: list[MonthLine], amount: Money) -> list[str]:
    buckets = [hours(sum(x.minutes.get(b, 0) for x in found)) for b in BUCKETS]
    total = hours(sum(x.total_minutes for x in found))
    return [f"Total ({amount.currency})", *buckets, total, amount.format()]


def _part(document: common.Document, part: Part) -> None:
    e = part.line.engagement
    common.heading(document, e.title)
    if not part.days:
        common.paragraph(document, "No time logged this month.")
        return
    rows = [
        [short_date(r.day), BUCKET_LABELS.get(r.bucket, r.bucket), hours(r.minutes), r.notes]
        for r in part.days
    ]
    rows.append(["Total", "", hours(part.line.total_minutes), ""])
    common.table(
        document,
        ("Date", "Bucket", "Hours", "Notes"),
        rows,
        numeric=(2,),
        widths=(2.9, 2.7, 1.8, 9.0),
        bold_last=True,
    )
