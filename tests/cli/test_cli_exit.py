"""`fractional-desk exit review`: the table, the stable JSON shape, and a plain error."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.cli import main
from storage.exit_plan import milestones
from storage.exit_plan.milestones import Milestone
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules import clock

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _engagement(db: Database) -> int:
    client = clients.add(db, Client(name="Acme"))
    engagement = Engagement(
        client_id=client.id or 0, title="Fractional CTO", start_date=dt.date(2026, 1, 5),
        planned_end_date=dt.date(2026, 12, 31), status="exiting",
    )  # fmt: skip
    engagement_id = engagements.add(db, engagement).id or 0
    milestones.add(db, Milestone(engagement_id, "Roadmap", status="done", weight=2, owner="Mei"))
    milestones.add(db, Milestone(engagement_id, "Late", due_date=dt.date(2026, 5, 1), owner="Mei"))
    return engagement_id


def test_json_review(db: Database, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    engagement_id = _engagement(db)
    args = ["exit", "review", "--engagement", str(engagement_id), "--format", "json"]
    assert main([*args, "--data-dir", str(data_dir)]) == 0
    shape = json.loads(capsys.readouterr().out)
    assert list(shape) == [
        "engagement_id", "score", "verdict", "checks", "days_left", "projected_finish",
    ]  # fmt: skip
    assert shape["engagement_id"] == engagement_id
    assert 0 <= shape["score"] <= 100
    assert shape["verdict"] == "not ready"
    assert shape["days_left"] == 213
    assert shape["projected_finish"] == "2027-01-08"  # 2 of 5 weight done in 147 days: 368 days
    overdue = next(c for c in shape["checks"] if c["name"] == "no_overdue_milestone")
    assert overdue["passed"] is False
    assert "“Late” was due 1 May 2026" in overdue["detail"]
    assert all(set(c) == {"name", "passed", "detail"} for c in shape["checks"])


def test_table_review(db: Database, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    engagement_id = _engagement(db)
    assert (
        main(["exit", "review", "--engagement", str(engagement_id), "--data-dir", str(data_dir)])
        == 0
    )
    out = capsys.readouterr().out
    assert f"Engagement {engagement_id}:" in out
    assert "not ready" in out
    assert "213 days left" in out
    assert "Ready: 80 or more" in out
    assert "No overdue milestone" in out
    assert "FAIL" in out


def test_unknown_engagement_is_a_plain_error(
    db: Database, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["exit", "review", "--engagement", "42", "--data-dir", str(data_dir)]) == 1
    assert "There is no engagement 42" in capsys.readouterr().err
