"""`fractional-desk update week`: the draft as Markdown or JSON, and kept as sent."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlite_utils import Database

from desktop.cli import main
from storage.rules import clock, week_of
from storage.updates import sent

FRIDAY = dt.date(2026, 3, 13)


@pytest.fixture(autouse=True)
def _friday(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: FRIDAY)


def test_update_week_prints_the_draft_as_markdown_and_json(
    db: Database, acme: int, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["log", "--engagement", str(acme), "--date", "2026-03-10", "--bucket", "team"]
    assert main([*argv, "--minutes", "90", "--note", "Budget for two hires", "--ask"]) == 0
    capsys.readouterr()
    assert main(["update", "week", "--engagement", str(acme), "--date", "2026-03-12"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# Weekly update: Acme Robotics · Fractional CTO\n")
    assert "## Needs from you\n\n- Budget for two hires\n" in text
    assert "## Done" not in text  # an ask is what the client is to do, not work done
    assert main(["update", "week", "--engagement", str(acme), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["markdown"] == text
    assert data["figures"]["total_minutes"] == 90
    assert data["sent_on"] is None
    needs = next(s for s in data["sections"] if s["key"] == "needs")
    assert needs["lines"] == [
        {"text": "Budget for two hires", "group": "", "sources": [{"kind": "time_entry", "id": 1}]}
    ]


def test_update_week_sent_keeps_it_and_a_missing_engagement_is_one_line(
    db: Database, acme: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["update", "week", "--engagement", str(acme), "--sent", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["sent_on"] == "2026-03-13"
    assert sent.sent_in_week(db, week_of(FRIDAY).start) == {acme: FRIDAY}
    assert main(["update", "week", "--engagement", "99"]) == 1
    assert capsys.readouterr().err.strip() == (
        "fractional-desk: There is no engagement 99 (`fractional-desk engagements list` shows them)."
    )
