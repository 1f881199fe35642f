"""The timesheet as Word and CSV: weeks, hours per bucket, totals, notes, formula escaping."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from pathlib import Path

import pytest
from sqlite_utils import Database

from exporters import timesheet
from storage.practice import settings
from storage.practice.engagements import Engagement
from storage.time import time_entries
from storage.time.time_entries import TimeEntry
from tests.export_support import (
    PROFILE,
    body_text,
    footer_xml,
    headings,
    make_engagement,
    open_document,
    table_rows,
)

JAN_5 = dt.date(2026, 1, 5)  # a Monday


def _log(db: Database, e: Engagement) -> None:
    for day, bucket, minutes, note in [
        (JAN_5, "strategy", 120, "Architecture review"),
        (JAN_5 + dt.timedelta(days=2), "team", 90, "=SUM(A1:A9)"),
        (JAN_5 + dt.timedelta(days=2), "strategy", 30, ""),
        (JAN_5 + dt.timedelta(days=7), "leadership", 60, "+44 board call\n@ceo follow-up"),
        (JAN_5 + dt.timedelta(days=30), "team", 45, "outside the range"),
    ]:
        time_entries.add(db, TimeEntry(e.id or 0, day, bucket, minutes, note))


def _sheet_range() -> dict[str, dt.date]:
    return {"start": JAN_5, "end": JAN_5 + dt.timedelta(days=13)}


def test_word_timesheet_has_weeks_buckets_and_totals(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    _log(db, e)
    path = timesheet.export(db, e.id or 0, tmp_path / "t.docx", **_sheet_range())
    document = open_document(path)
    assert headings(document) == [
        ("Title", "Timesheet"),
        ("Heading 1", "Summary"),
        ("Heading 1", "Hours per week"),
        ("Heading 1", "Entries by week"),
        ("Heading 2", "Week of 5 January 2026"),
        ("Heading 2", "Week of 12 January 2026"),
    ]
    summary, weeks, first, second = (table_rows(t) for t in document.tables)
    assert summary == [
        ["Bucket", "Hours", "Actual split", "Target split"],
        ["Strategy", "2:30", "50%", "50%"],
        ["Team", "1:30", "30%", "30%"],
        ["Leadership", "1:00", "20%", "20%"],
        ["Total", "5:00", "100%", "100%"],
    ]
    assert weeks == [
        ["Week", "Strategy", "Team", "Leadership", "Total", "Committed"],
        ["5 Jan 2026", "2:30", "1:30", "0:00", "4:00", "16:00"],
        ["12 Jan 2026", "0:00", "0:00", "1:00", "1:00", "16:00"],
        ["Total", "2:30", "1:30", "1:00", "5:00", "32:00"],
    ]
    assert first == [
        ["Date", "Bucket", "Hours", "Note"],
        ["5 Jan 2026", "Strategy", "2:00", "Architecture review"],
        ["7 Jan 2026", "Team", "1:30", "=SUM(A1:A9)"],
        ["7 Jan 2026", "Strategy", "0:30", ""],
    ]
    assert second == [
        ["Date", "Bucket", "Hours", "Note"],
        ["12 Jan 2026", "Leadership", "1:00", "+44 board call\n@ceo follow-up"],
    ]
    assert not [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert "outside the range" not in body_text(document)
    assert "NUMPAGES" in footer_xml(document)


def test_weeks_without_time_are_shown_as_such(db: Database, tmp_path: Path) -> None:
    """A quiet week is a row of the table and a line under its heading, not a silent gap."""
    e = make_engagement(db)
    note = "Roadmap workshop"
    for day in (JAN_5, JAN_5 + dt.timedelta(days=1), JAN_5 + dt.timedelta(days=14)):
        time_entries.add(db, TimeEntry(e.id or 0, day, "strategy", 60, note))
    document = open_document(timesheet.export(
        db, e.id or 0, tmp_path / "t.docx", start=JAN_5, end=JAN_5 + dt.timedelta(days=20)))  # fmt: skip
    weeks = table_rows(document.tables[1])
    assert [row[0] for row in weeks] == [
        "Week", "5 Jan 2026", "12 Jan 2026 (no time)", "19 Jan 2026", "Total"]  # fmt: skip
    assert weeks[2][1:] == ["0:00", "0:00", "0:00", "0:00", "16:00"]
    assert weeks[-1][-1] == "48:00"
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index("Week of 12 January 2026") + 1] == "No time logged this week."
    # the same note on two entries: one row each, dated, never a list of repeated bullets
    assert [row[3] for row in table_rows(document.tables[2])[1:]] == [note, note]
    assert body_text(document).count(note) == 3


def test_heading_levels_never_skip(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    _log(db, e)
    document = open_document(timesheet.export(db, e.id or 0, tmp_path / "t.docx"))
    levels = [int(style[-1]) for style, _ in headings(document) if style.startswith("Heading")]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_every_timesheet_row_is_kept_whole(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    _log(db, e)
    document = open_document(timesheet.export(db, e.id or 0, tmp_path / "t.docx"))
    assert all(row._tr.xpath("./w:trPr/w:cantSplit") for t in document.tables for row in t.rows)


def test_week_header_row_repeats_on_every_page(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    _log(db, e)
    document = open_document(timesheet.export(db, e.id or 0, tmp_path / "t.docx"))
    weeks = document.tables[1]
    assert weeks.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert not weeks.rows[1]._tr.xpath("./w:trPr/w:tblHeader")


def test_csv_rows_and_formula_escaping(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    _log(db, e)
    path = timesheet.export(db, e.id or 0, tmp_path / "t.csv", **_sheet_range())
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == list(timesheet.CSV_HEADERS)
    # a formula after the first line is not at the start of the cell: a spreadsheet ignores it
    assert rows[1] == ["2026-01-05", "2.50", "1.50", "0.00", "4.00", "16.00",
                       "Architecture review\n=SUM(A1:A9)"]  # fmt: skip
    assert rows[2] == ["2026-01-12", "0.00", "0.00", "1.00", "1.00", "16.00",
                       "'+44 board call\n@ceo follow-up"]  # fmt: skip
    assert len(rows) == 3


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("Plain", "Plain"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_escape_cell(cell: str, expected: str) -> None:
    assert timesheet.escape_cell(cell) == expected


def test_csv_keeps_accents_rtl_and_emoji(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    time_entries.add(db, TimeEntry(e.id or 0, JAN_5, "team", 60, "Café 🚀 مرحبا"))
    path = timesheet.export(db, e.id or 0, tmp_path / "t.csv", **_sheet_range())
    assert "Café 🚀 مرحبا" in path.read_text(encoding="utf-8-sig")


def test_sunday_weeks_follow_the_profile(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    settings.save_profile(db, settings.Profile(**{**PROFILE.__dict__, "week_start": "sunday"}))
    _log(db, e)
    sheet = timesheet.load(db, e.id or 0, **_sheet_range())
    assert [w.week_start for w in sheet.weeks] == [dt.date(2026, 1, 4), dt.date(2026, 1, 11)]


def test_no_time_in_range_says_so(db: Database, tmp_path: Path) -> None:
    e = make_engagement(db)
    document = open_document(timesheet.export(db, e.id or 0, tmp_path / "t.docx", **_sheet_range()))
    assert "No time was logged in this period." in [p.text for p in document.paragraphs]
    rows = list(csv.reader(io.StringIO(
        timesheet.export(db, e.id or 0, tmp_path / "t.csv").read_text("utf-8-sig"))))  # fmt: skip
    assert rows == [list(timesheet.CSV_HEADERS)]


def test_a_week_before_or_around_the_start_commits_only_the_days_inside_it(db: Database) -> None:
    """The timesheet's Committed column counts the days inside the engagement's dates, as the
    Time tab and `report week` do: nothing before the start, part of the week it starts in."""
    from storage.practice import clients, engagements

    client = clients.add(db, clients.Client(name="Started on a Friday"))
    friday = dt.date(2026, 3, 6)
    e = engagements.add(db, Engagement(client_id=client.id or 0, title="Fractional CTO",
                                       start_date=friday, days_per_week=2, hours_per_day=8,
                                           status="active"))  # fmt: skip
    sheet = timesheet.load(db, e.id or 0, dt.date(2026, 2, 23), dt.date(2026, 3, 15))
    before, start_week, full = (sheet.committed_minutes(dt.date(2026, 2, 23) + dt.timedelta(weeks=n))
                                for n in range(3))  # fmt: skip
    assert before == 0
    assert 0 < start_week < full
    assert full == 2 * 8 * 60
