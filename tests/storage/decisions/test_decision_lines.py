"""`decisions list` prints table lines read without whole records: each line says what the
record it stands for says, for the same decisions in the same order."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from storage.decisions import records as decisions
from storage.decisions.decision_chain import supersede
from storage.decisions.decision_list import DecisionFilter, list_decisions, list_lines
from storage.decisions.records import Decision
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement

DAY = dt.date(2026, 3, 2)


def test_each_line_says_what_its_record_says(db: Database) -> None:
    client = clients.add(db, Client(name="Acme"))
    made = engagements.add(db, Engagement(client_id=client.id or 0, title="CTO", start_date=DAY))
    eid = made.id or 0
    old = decisions.add(db, Decision(eid, "Pinecone", DAY, status="accepted", owner="Ana"))
    supersede(db, old.id or 0, Decision(eid, "pgvector", DAY + dt.timedelta(days=3)))
    decisions.add(db, Decision(eid, "Undated", DAY, date_unknown=True, review_by=DAY))
    decisions.add(db, Decision(eid, "Evals", DAY, category="vendor", review_by=DAY))
    for f in (
        DecisionFilter(),
        DecisionFilter(status="accepted"),
        DecisionFilter(engagement_id=eid + 1),
    ):
        records = list_decisions(db, f)
        lines = list_lines(db, f)
        assert [
            (d.id, d.engagement_id, d.number_label, d.date_label, d.title, d.category, d.status,
             d.owner, str(d.review_by or ""), d.supersedes_id, d.superseded_by_id)
            for d in records
        ] == [tuple(line) for line in lines]  # fmt: skip
    assert {line.date_label for line in list_lines(db)} >= {"date unknown", "2026-03-05"}
