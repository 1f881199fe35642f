"""The weekly update's headline is `report week`'s figure for the engagement, never counted
again: on the sample practice, for every engagement under way, through the CLI's JSON."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlite_utils import Database

from desktop.cli import main
from storage import sample
from storage.practice import engagements
from storage.rules import clock, format_minutes, week_of

TODAY = dt.date(2026, 12, 9)  # a Wednesday: the week is under way


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:  # type: ignore[type-arg]
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_the_headline_is_report_weeks_figure(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    sample.generate(db, sample.SampleOptions(seed=1, as_of=TODAY))
    running = [e.id for e in engagements.list_all(db) if engagements.is_running(e)]
    assert len(running) >= 3
    for eid in running:
        report = _json(capsys, "report", "week", "--engagement", str(eid), "--format", "json")
        item = report["engagements"][0]
        update = _json(capsys, "update", "week", "--engagement", str(eid), "--format", "json")
        figures = update["figures"]
        assert figures["total_minutes"] == item["total_minutes"]
        assert figures["committed_minutes"] == item["committed_minutes"]
        assert figures["week_committed_minutes"] == item["week_committed_minutes"]
        assert figures["actual_split"] == item["actual_split"]
        assert figures["standing"] == item["standing"]
        headline = update["sections"][0]["lines"][0]["text"]
        logged = format_minutes(item["total_minutes"]) or "0:00"
        committed = format_minutes(item["committed_minutes"]) or "0:00"
        assert headline.startswith(f"{logged} logged against {committed} committed so far")
        assert update["start"] == week_of(TODAY).start.isoformat()
