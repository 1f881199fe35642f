"""`fractional-desk export`: each document to a path, ranges, and errors in plain words."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import docx
import pytest
from sqlite_utils import Database

from desktop.cli import main
from storage.time import time_entries
from storage.time.time_entries import TimeEntry
from tests.export_support import make_engagement


def _run(data_dir: Path, *args: str) -> int:
    return main(["export", *args, "--data-dir", str(data_dir)])


@pytest.mark.parametrize("kind", ["sow", "handoff", "timesheet"])
def test_exports_each_document(
    db: Database, data_dir: Path, tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    e = make_engagement(db)
    out = tmp_path / f"{kind}.docx"
    assert _run(data_dir, kind, "--engagement", str(e.id), "--out", str(out)) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert docx.Document(str(out)).paragraphs[0].style.name == "Title"


def test_timesheet_as_csv_over_a_range(db: Database, data_dir: Path, tmp_path: Path) -> None:
    e = make_engagement(db)
    for day in (dt.date(2026, 1, 6), dt.date(2026, 2, 10)):
        time_entries.add(db, TimeEntry(e.id or 0, day, "team", 60, "=cmd"))
    out = tmp_path / "t.csv"
    args = ["--engagement", str(e.id), "--out", str(out), "--from", "2026-01-01"]
    assert _run(data_dir, "timesheet", *args, "--to", "2026-01-31") == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["2026-01-05"]
    assert rows[1][-1] == "'=cmd"


def test_unknown_engagement_is_a_plain_error(
    db: Database, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(data_dir, "sow", "--engagement", "999", "--out", str(tmp_path / "x.docx")) == 1
    assert "There is no engagement 999" in capsys.readouterr().err
    assert not (tmp_path / "x.docx").exists()


def test_missing_folder_is_a_plain_error(
    db: Database, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    e = make_engagement(db)
    out = tmp_path / "missing" / "x.docx"
    assert _run(data_dir, "handoff", "--engagement", str(e.id), "--out", str(out)) == 1
    assert "does not exist" in capsys.readouterr().err


def test_wrong_extension_and_reversed_range_are_refused(
    db: Database, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    e = make_engagement(db)
    assert _run(data_dir, "sow", "--engagement", str(e.id), "--out", str(tmp_path / "x.csv")) == 1
    assert "give --out a name ending in .docx" in capsys.readouterr().err
    args = ["--engagement", str(e.id), "--out", str(tmp_path / "t.csv")]
    assert _run(data_dir, "timesheet", *args, "--from", "2026-02-01", "--to", "2026-01-01") == 1
    assert "--from must not be after --to" in capsys.readouterr().err


def test_a_bad_date_is_refused_by_the_parser(data_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        _run(data_dir, "timesheet", "--engagement", "1", "--out", "t.csv", "--from", "April")
