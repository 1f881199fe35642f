"""`fractional-desk decisions list`: filters, rank order when searching, the stable JSON shape."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from sqlite_utils import Database

from desktop.cli import main
from storage.decisions import records as decisions
from storage.decisions.decision_chain import supersede
from storage.decisions.records import Decision
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def log(db: Database) -> dict[str, int]:
    ids: dict[str, int] = {}
    for name in ("Acme", "Verde"):
        client = clients.add(db, Client(name=name))
        e = engagements.add(db, Engagement(client_id=client.id or 0, title="CTO", start_date=DAY))
        ids[name] = e.id or 0
    add = decisions.add
    ids["qdrant"] = (
        add(db, Decision(ids["Acme"], "Self-host Qdrant", DAY, status="accepted")).id or 0
    )
    ids["pgvector"] = (
        supersede(db, ids["qdrant"], Decision(ids["Acme"], "Move vectors to pgvector", DAY)).id or 0
    )
    mention = Decision(ids["Verde"], "Reporting", DAY, context="pgvector was mentioned once")
    ids["mention"] = add(db, mention).id or 0
    return ids


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, Any]]:
    assert main(["decisions", "list", *argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_json_shape(log: dict[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    rows = _json(capsys, "--engagement", str(log["Acme"]))
    by_id = {r["id"]: r for r in rows}
    old = by_id[log["qdrant"]]
    assert {
        "id", "engagement_id", "number", "title", "date", "category", "status", "owner",
        "review_by", "superseded_by",
    } <= set(old)  # fmt: skip
    assert old["number"] == "D-001"
    assert old["status"] == "superseded"
    assert old["superseded_by"] == "D-002"
    assert old["date"] == "2026-03-02"
    assert old["review_by"] is None
    assert by_id[log["pgvector"]]["supersedes"] == "D-001"
    assert by_id[log["pgvector"]]["superseded_by"] is None
    assert {r["engagement_id"] for r in rows} == {log["Acme"]}


def test_search_is_in_rank_order(log: dict[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    rows = _json(capsys, "--search", "pgvector")
    assert [r["id"] for r in rows] == [log["pgvector"], log["mention"]]
    assert "[pgvector]" in rows[0]["snippet"]


def test_status_filter(log: dict[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    assert [r["id"] for r in _json(capsys, "--status", "superseded")] == [log["qdrant"]]


def test_hostile_search_text(log: dict[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    assert _json(capsys, "--search", '"AND" OR NEAR(') == []


def test_table(log: dict[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decisions", "list", "--search", "qdrant"]) == 0
    out = capsys.readouterr().out
    assert "D-001" in out
    assert "superseded by D-002" in out
    assert "[Qdrant]" in out


def test_unknown_engagement(log: dict[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decisions", "list", "--engagement", "999"]) == 1
    assert "no engagement 999" in capsys.readouterr().err
