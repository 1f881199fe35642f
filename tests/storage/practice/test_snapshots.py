"""Undo of a delete: a client and everything that cascaded with it come back with the same ids."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlite_utils import Database

from storage.practice import clients, engagements, snapshots
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.practice.snapshots import RestoreConflictError

NOW = "2026-03-02T09:00:00+00:00"
DEPENDENT_TABLES = (
    "engagement",
    "time_entry",
    "running_timer",
    "decision",
    "decision_status_change",
    "milestone",
    "responsibility",
    "readiness_snapshot",
)


def _insert(db: Database, table: str, **values: Any) -> int:
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cursor = db.execute(
        f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", list(values.values())
    )
    return int(cursor.lastrowid or 0)


def _engagement(db: Database, client_id: int, title: str) -> Engagement:
    return engagements.add(
        db, Engagement(client_id=client_id, title=title, start_date=dt.date(2026, 1, 5))
    )


def _decision(db: Database, engagement_id: int, number: int, title: str, **extra: Any) -> int:
    return _insert(
        db,
        "decision",
        engagement_id=engagement_id,
        number=number,
        title=title,
        decided_on="2026-02-01",
        context="We compared hosting options for the vector database.",
        created_at=NOW,
        **extra,
    )


def _practice(db: Database) -> dict[str, int]:
    """A client with a row in every dependent table, and a neighbour client that stays."""
    acme = clients.add(db, Client(name="Acme Robotics", status="active", fit_critical=True))
    other = clients.add(db, Client(name="Brightwave Health"))
    first = _engagement(db, acme.id or 0, "Fractional CTO")
    second = _engagement(db, acme.id or 0, "AI platform")
    kept = _engagement(db, other.id or 0, "Advisory")
    with db.atomic():
        for day in ("2026-02-02", "2026-02-03", "2026-02-04"):
            _insert(db, "time_entry", engagement_id=first.id, day=day, bucket="team",
                    minutes=90, note="One-on-ones", created_at=NOW)  # fmt: skip
        _insert(db, "running_timer", id=1, engagement_id=second.id, bucket="strategy",
                note="Architecture review", started_at=NOW)  # fmt: skip
        old = _decision(db, first.id or 0, 1, "Self-host Qdrant", status="superseded")
        new = _decision(db, first.id or 0, 2, "Use a managed pgvector", supersedes_id=old)
        db.execute("UPDATE decision SET superseded_by_id = ? WHERE id = ?", [new, old])
        outside = _decision(db, kept.id or 0, 1, "Follow Acme's hosting choice", supersedes_id=new)
        for status in ("proposed", "accepted"):
            _insert(db, "decision_status_change", decision_id=new, status=status,
                    changed_on="2026-02-01")  # fmt: skip
        _insert(db, "milestone", engagement_id=first.id, title="Roadmap handed over",
                due_date="2026-06-30", created_at=NOW)  # fmt: skip
        _insert(db, "responsibility", engagement_id=first.id, duty="Architecture reviews",
                successor="Lead engineer", created_at=NOW)  # fmt: skip
        _insert(db, "readiness_snapshot", engagement_id=second.id, taken_on="2026-03-01",
                score=40, verdict="not ready")  # fmt: skip
    return {"client": acme.id or 0, "outside_decision": outside, "new_decision": new}


def _dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    tables = ("client", *DEPENDENT_TABLES)
    return {t: db.execute(f"SELECT * FROM [{t}] ORDER BY 1").fetchall() for t in tables}


def _fts_hits(db: Database, word: str) -> list[int]:
    sql = "SELECT rowid FROM decision_fts WHERE decision_fts MATCH ? ORDER BY rowid"
    return [row[0] for row in db.execute(sql, [word]).fetchall()]


def test_capture_finds_a_row_in_every_dependent_table(db: Database) -> None:
    ids = _practice(db)
    snapshot = snapshots.capture_client(db, ids["client"])
    counts = {t: snapshot.count(t) for t in ("client", *DEPENDENT_TABLES)}
    assert counts == {
        "client": 1, "engagement": 2, "time_entry": 3, "running_timer": 1, "decision": 2,
        "decision_status_change": 2, "milestone": 1, "responsibility": 1, "readiness_snapshot": 1,
    }  # fmt: skip
    order = [part.table for part in snapshot.tables]
    assert order[0] == "client"
    assert (
        order.index("engagement") < order.index("decision") < order.index("decision_status_change")
    )


def test_restore_brings_everything_back_with_the_same_ids(db: Database) -> None:
    ids = _practice(db)
    before = _dump(db)
    snapshot = snapshots.capture_client(db, ids["client"])
    clients.delete(db, ids["client"])
    assert db["engagement"].count == 1
    assert db["running_timer"].count == 0
    outside = db.execute(
        "SELECT supersedes_id FROM decision WHERE id = ?", [ids["outside_decision"]]
    )
    assert outside.fetchone()[0] is None  # the delete set the neighbour's reference to NULL

    snapshots.restore(db, snapshot)

    assert _dump(db) == before
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_restored_decision_is_found_by_full_text_search(db: Database) -> None:
    ids = _practice(db)
    assert _fts_hits(db, "pgvector") == [ids["new_decision"]]
    snapshot = snapshots.capture_client(db, ids["client"])
    clients.delete(db, ids["client"])
    assert _fts_hits(db, "pgvector") == []
    snapshots.restore(db, snapshot)
    assert _fts_hits(db, "pgvector") == [ids["new_decision"]]
    assert _fts_hits(db, "Qdrant") != []


def test_restore_of_an_engagement_alone(db: Database) -> None:
    ids = _practice(db)
    first = engagements.list_all(db, client_id=ids["client"])[0]
    before = _dump(db)
    snapshot = snapshots.capture_engagement(db, first.id or 0)
    assert snapshot.count("client") == 0
    engagements.delete(db, first.id or 0)
    snapshots.restore(db, snapshot)
    assert _dump(db) == before


def test_restore_refuses_when_the_place_was_taken_and_writes_nothing(db: Database) -> None:
    ids = _practice(db)
    snapshot = snapshots.capture_client(db, ids["client"])
    clients.delete(db, ids["client"])
    clients.add(db, Client(name="Acme Robotics"))  # the name is unique: the old one cannot return
    before = _dump(db)
    with pytest.raises(RestoreConflictError, match="cannot be brought back"):
        snapshots.restore(db, snapshot)
    assert _dump(db) == before


def test_capture_of_a_client_without_dependants(db: Database) -> None:
    client = clients.add(db, Client(name="Quill Legal"))
    snapshot = snapshots.capture_client(db, client.id or 0)
    assert [part.table for part in snapshot.tables] == ["client"]
    clients.delete(db, client.id or 0)
    snapshots.restore(db, snapshot)
    assert clients.get(db, client.id or 0) == client


def test_a_table_added_later_is_captured_through_its_foreign_key(db: Database) -> None:
    """A later migration's table (here without a rowid) needs no change to the snapshot code."""
    db.execute(
        "CREATE TABLE engagement_tag (engagement_id INTEGER NOT NULL REFERENCES engagement(id) "
        "ON DELETE CASCADE, tag TEXT NOT NULL, PRIMARY KEY (engagement_id, tag)) WITHOUT ROWID"
    )
    ids = _practice(db)
    for engagement in engagements.list_all(db, client_id=ids["client"]):
        _insert(db, "engagement_tag", engagement_id=engagement.id, tag="ai")
    snapshot = snapshots.capture_client(db, ids["client"])
    clients.delete(db, ids["client"])
    assert db["engagement_tag"].count == 0
    snapshots.restore(db, snapshot)
    assert db["engagement_tag"].count == 2
