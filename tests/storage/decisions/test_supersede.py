"""Supersede: linked both ways, the old one superseded, no self-reference and no circle."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from storage.decisions import records as decisions
from storage.decisions.decision_chain import chain, link, replacement, supersede
from storage.decisions.records import Decision
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules.errors import ValidationError

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def engagement_id(db: Database) -> int:
    client = clients.add(db, Client(name="Acme"))
    engagement = engagements.add(
        db, Engagement(client_id=client.id or 0, title="Fractional CTO", start_date=DAY)
    )
    return engagement.id or 0


def _add(db: Database, engagement_id: int, title: str, status: str = "accepted") -> Decision:
    return decisions.add(db, Decision(engagement_id, title, DAY, status=status))


def test_supersede_links_both_ways(db: Database, engagement_id: int) -> None:
    old = _add(db, engagement_id, "Self-host Qdrant")
    new = supersede(db, old.id or 0, Decision(engagement_id, "Move to pgvector", DAY))
    old = decisions.get(db, old.id or 0)
    assert new.supersedes_id == old.id
    assert old.superseded_by_id == new.id
    assert old.status == "superseded"
    assert new.number_label == "D-002"
    assert [c.status for c in decisions.status_history(db, old.id or 0)] == [
        "accepted",
        "superseded",
    ]


def test_chain_is_in_order_from_any_member(db: Database, engagement_id: int) -> None:
    first = _add(db, engagement_id, "One provider")
    second = supersede(db, first.id or 0, Decision(engagement_id, "Two providers", DAY))
    third = supersede(db, second.id or 0, Decision(engagement_id, "Router", DAY))
    for member in (first, second, third):
        assert [d.id for d in chain(db, member.id or 0)] == [first.id, second.id, third.id]
    alone = _add(db, engagement_id, "Alone")
    assert [d.id for d in chain(db, alone.id or 0)] == [alone.id]


def test_cannot_supersede_itself(db: Database, engagement_id: int) -> None:
    only = _add(db, engagement_id, "Only")
    with pytest.raises(ValidationError, match="itself"):
        link(db, only.id or 0, only.id or 0)
    assert decisions.get(db, only.id or 0).status == "accepted"


def test_cannot_make_a_cycle(db: Database, engagement_id: int) -> None:
    a = _add(db, engagement_id, "A")
    b = _add(db, engagement_id, "B")
    link(db, a.id or 0, b.id or 0)
    with pytest.raises(ValidationError):
        link(db, b.id or 0, a.id or 0)  # B superseded by A, which B already superseded
    c = _add(db, engagement_id, "C")
    link(db, b.id or 0, c.id or 0)
    with pytest.raises(ValidationError, match="circle"):
        link(db, c.id or 0, a.id or 0)
    assert [d.id for d in chain(db, a.id or 0)] == [a.id, b.id, c.id]


def test_already_superseded_cannot_be_superseded_again(db: Database, engagement_id: int) -> None:
    old = _add(db, engagement_id, "Old")
    supersede(db, old.id or 0, Decision(engagement_id, "New", DAY))
    with pytest.raises(ValidationError, match="already superseded by D-002"):
        supersede(db, old.id or 0, Decision(engagement_id, "Newer", DAY))
    assert db["decision"].count == 2


def test_superseded_status_is_kept_while_linked(db: Database, engagement_id: int) -> None:
    old = _add(db, engagement_id, "Old")
    supersede(db, old.id or 0, Decision(engagement_id, "New", DAY))
    old = decisions.get(db, old.id or 0)
    with pytest.raises(ValidationError) as error:
        decisions.update(db, decisions.with_changes(old, status="accepted"))
    assert error.value.field == "status"


def test_other_engagement_cannot_supersede(db: Database, engagement_id: int) -> None:
    old = _add(db, engagement_id, "Old")
    client = clients.add(db, Client(name="Other"))
    other = engagements.add(db, Engagement(client_id=client.id or 0, title="x", start_date=DAY))
    with pytest.raises(ValidationError):
        supersede(db, old.id or 0, Decision(other.id or 0, "New", DAY))


def test_deleting_the_newer_clears_the_link(db: Database, engagement_id: int) -> None:
    old = _add(db, engagement_id, "Old")
    new = supersede(db, old.id or 0, Decision(engagement_id, "New", DAY))
    decisions.delete(db, new.id or 0)
    assert decisions.get(db, old.id or 0).superseded_by_id is None
    restored = decisions.restore(db, new)
    assert decisions.get(db, old.id or 0).superseded_by_id == restored.id


def test_the_replacement_starts_from_the_old_decision(db: Database, engagement_id: int) -> None:
    old = decisions.with_changes(
        _add(db, engagement_id, "Pinecone"), context="Managed vector search.", owner="Maya"
    )
    new = replacement(old)
    assert (new.title, new.status, new.owner) == ("Pinecone (revised)", "proposed", "Maya")
    assert new.context.startswith(f"Supersedes {old.number_label} “Pinecone”.")
    assert new.context.endswith("Managed vector search.")
    added = supersede(db, old.id or 0, new)
    assert decisions.get(db, old.id or 0).superseded_by_id == added.id
