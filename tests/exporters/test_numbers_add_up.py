"""Every table in every document of the sample practice adds up to its printed totals.

Hours printed to one decimal with each cell rounded on its own made 0.0 + 0.8 + 1.5 sit beside
2.2, and an actual split of 40% + 33% + 26% beside "100%"; every document is read back here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from sqlite_utils import Database

from exporters import documents
from storage import sample
from storage.file.db import database_file
from storage.file.practice import open_database
from storage.rules.weeks import week_of
from storage.time import week_report

AS_OF = dt.date(2026, 11, 20)
HOURS = re.compile(r"^(\d[\d,]*):([0-5]\d)$")
PERCENT = re.compile(r"^(\d+)%$")
DECIMAL = re.compile(r"^\d[\d,]*\.(\d+)$")


@pytest.fixture(scope="module")
def practice(tmp_path_factory: pytest.TempPathFactory) -> tuple[Database, list[int]]:
    folder = tmp_path_factory.mktemp("sample")
    db = open_database(database_file(folder))
    sample.generate(db, sample.SampleOptions(seed=1, as_of=AS_OF))
    ids = [int(r[0]) for r in db.execute("SELECT id FROM engagement ORDER BY id")]
    return db, ids


def number(text: str) -> tuple[str, int] | None:
    """("h", minutes) for `h:mm`, ("%", n) for a percentage, (".1", tenths) for decimal hours
    with one decimal, None for anything else."""
    text = text.strip()
    if match := HOURS.match(text):
        return "h", int(match[1].replace(",", "")) * 60 + int(match[2])
    if match := PERCENT.match(text):
        return "%", int(match[1])
    if match := DECIMAL.match(text):
        return f".{len(match[1])}", int(text.replace(",", "").replace(".", ""))
    return None


def check_table(rows: list[list[str]]) -> int:
    """Assert the columns sum to a Total row and the buckets to a Total column; the sums checked."""
    checked = 0
    header, body = rows[0], rows[1:]
    if body and body[-1][0] == "Total":
        for column in range(1, len(header)):
            values = [number(r[column]) for r in body]
            if all(values) and len({v[0] for v in values if v}) == 1:
                parts = [v[1] for v in values[:-1] if v]
                assert sum(parts) == values[-1][1], (header[column], rows)  # type: ignore[index]
                checked += 1
    if "Total" in header[1:]:
        total_at = header.index("Total")
        for row in body:
            values = [number(c) for c in row[1 : total_at + 1]]
            if all(values):
                parts = [v[1] for v in values[:-1] if v]
                assert sum(parts) == values[-1][1], (row, header)  # type: ignore[index]
                checked += 1
    return checked


def table_rows(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.mark.parametrize("kind", ["sow", "handoff", "timesheet"])
def test_every_table_of_every_document_adds_up(
    practice: tuple[Database, list[int]], tmp_path: Path, kind: str
) -> None:
    db, ids = practice
    checked = 0
    for eid in ids:
        path = documents.export(db, kind, eid, tmp_path / f"{kind}-{eid}.docx", end=AS_OF)
        for table in docx.Document(str(path)).tables:
            checked += check_table(table_rows(table))
    if kind != "sow":  # the scope of work has no sums in tables
        assert checked > len(ids), "no sums were found to check"


def test_every_timesheet_csv_row_adds_up(
    practice: tuple[Database, list[int]], tmp_path: Path
) -> None:
    db, ids = practice
    rows_checked = 0
    for eid in ids:
        path = documents.export(db, "timesheet", eid, tmp_path / f"{eid}.csv", end=AS_OF)
        for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
            parts = [Decimal(row[f"{b}_hours"]) for b in ("strategy", "team", "leadership")]
            assert sum(parts) == Decimal(row["total_hours"]), row
            rows_checked += 1
    assert rows_checked > 50


def test_the_scope_of_work_shares_the_week_out_exactly(
    practice: tuple[Database, list[int]], tmp_path: Path
) -> None:
    """ "Strategy: 50% (about 9 hours 23 minutes a week)": the three add up to the commitment."""
    db, ids = practice
    path = documents.export(db, "sow", ids[0], tmp_path / "sow.docx")
    headings = [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Heading 2"]
    assert len([h for h in headings if "a week)" in h]) == 3


def test_the_actual_split_in_the_app_adds_up_to_100(practice: tuple[Database, list[int]]) -> None:
    db, _ = practice
    week = week_of(AS_OF - dt.timedelta(days=7))
    shown = week_report.week_engagements(db, week)
    for c in week_report.recent_commitments(db, shown, week):
        assert sum(c.actual_split.values()) in (0, 100)
