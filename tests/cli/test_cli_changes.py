"""`fractional-desk changes ...`, `log --out-of-scope` and `report week`'s signals."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.cli import main
from storage.practice import commitments, document_versions, engagements
from storage.rules import clock
from storage.scope import change_requests
from storage.time import time_entries

TODAY = dt.date(2026, 3, 6)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def daily(db: Database, acme: int) -> int:
    e = engagements.get(db, acme)
    engagements.update(db, engagements.with_changes(e, billing_model="daily", fee_minor=100_000,
                                                    currency="GBP"))  # fmt: skip
    return acme


def _out(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def _add(capsys: pytest.CaptureFixture[str], eid: int, *extra: str) -> int:
    argv = ["changes", "add", "--engagement", str(eid), "--title", "Hiring loop",
            "--asked-by", "CEO", "--extra-days", "1", "--from", "2026-03-09", "--to", "2026-03-29"]  # fmt: skip
    return int(_out(capsys, *argv, *extra))


def test_log_marks_time_out_of_scope(
    db: Database, acme: int, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["log", "--engagement", str(acme), "--bucket", "team", "--minutes", "60",
            "--date", "2026-03-02", "--note", "Hiring loop", "--out-of-scope"]  # fmt: skip
    entry_id = int(_out(capsys, *argv))
    assert time_entries.get(db, entry_id).out_of_scope
    data = json.loads(_out(capsys, "report", "week", "--date", "2026-03-06", "--format", "json"))
    (signal,) = data["engagements"][0]["signals"]
    assert signal["kind"] == "marked_out_of_scope"
    assert signal["entry_ids"] == [entry_id]
    assert "Signal · Acme Robotics" in _out(capsys, "report", "week", "--date", "2026-03-06")


def test_add_list_show_as_json(daily: int, capsys: pytest.CaptureFixture[str]) -> None:
    change_id = _add(capsys, daily, "--deliverable", "Rubric|Used in two loops|2026-03-31")
    listed = json.loads(
        _out(capsys, "changes", "list", "--engagement", str(daily), "--format", "json")
    )
    (shown,) = listed
    assert shown["id"] == change_id
    assert shown["price_minor"] == 300_000
    assert shown["currency"] == "GBP"
    assert shown["effect"]["deliverables"] == [
        {"title": "Rubric", "acceptance": "Used in two loops", "due_on": "2026-03-31"}
    ]
    one = json.loads(_out(capsys, "changes", "show", str(change_id), "--format", "json"))
    assert one == shown
    assert "£3,000.00" in _out(capsys, "changes", "list")


def test_a_bad_change_is_refused_in_one_line(
    db: Database, daily: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["changes", "add", "--engagement", str(daily), "--title", "Nothing"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "needs an effect" in err
    assert change_requests.list_for(db, daily) == []


def test_accept_writes_the_scope_of_work_and_changes_the_commitment(
    db: Database, daily: int, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    change_id = _add(capsys, daily)
    paper = tmp_path / "cr.docx"
    _out(capsys, "changes", "export", str(change_id), "--out", str(paper))
    assert paper.exists()
    said = _out(capsys, "changes", "accept", str(change_id), "--out", str(tmp_path / "sow.docx"))
    assert "Accepted Change request 1: Hiring loop" in said
    assert document_versions.latest(db, daily, "sow") is not None
    history = commitments.of(db, engagements.get(db, daily))
    assert [p.days_per_week for p in history] == [2.0, 3.0, 2.0]
    assert main(["changes", "decline", str(change_id)]) == 1
    assert "only a proposed one" in capsys.readouterr().err


def test_decline_leaves_the_engagement(
    db: Database, daily: int, capsys: pytest.CaptureFixture[str]
) -> None:
    change_id = _add(capsys, daily)
    assert "declined" in _out(capsys, "changes", "decline", str(change_id))
    assert len(commitments.of(db, engagements.get(db, daily))) == 1
    assert main(["changes", "show", "999"]) == 1
    assert (
        "There is no change request 999 (`fractional-desk changes list" in capsys.readouterr().err
    )
