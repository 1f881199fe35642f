"""Decision records: numbering per engagement, validation of each field, status history."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from storage.decisions import records as decisions
from storage.decisions.decision_list import DecisionFilter, list_decisions, list_ids, list_ids_sql
from storage.decisions.records import Decision, DecisionOption, StatusChange
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules import clock
from storage.rules.errors import NotFoundError, ValidationError

DAY = dt.date(2026, 3, 2)


def _engagement(db: Database, name: str = "Acme") -> int:
    client = clients.add(db, Client(name=name))
    engagement = engagements.add(
        db, Engagement(client_id=client.id or 0, title="Fractional CTO", start_date=DAY)
    )
    return engagement.id or 0


def _decision(engagement_id: int, /, **changes: object) -> Decision:
    base = Decision(engagement_id=engagement_id, title="Buy, do not build", decided_on=DAY)
    return decisions.with_changes(base, **changes)


def test_round_trip_keeps_every_field(db: Database) -> None:
    engagement_id = _engagement(db)
    full = _decision(
        engagement_id,
        category="build_vs_buy",
        status="accepted",
        context="Line one\n- bullet one\n- bullet two",
        drivers="- Speed",
        options=(DecisionOption("Build", "- control", "- time"), DecisionOption("Buy", "fast", "")),
        outcome="Buy: the team's time matters more",
        consequences="- Good: speed\n- Bad: a vendor",
        owner="Maya Okafor",
        consulted="Lead engineer",
        reversibility="one_way",
        cost_if_wrong_minor=2_500_000,
        review_by=dt.date(2026, 9, 1),
        links="https://wiki.example/adr/1",
    )
    stored = decisions.add(db, full)
    again = decisions.get(db, stored.id or 0)
    assert again == stored
    assert again.options[0] == DecisionOption("Build", "- control", "- time")
    assert again.context == "Line one\n- bullet one\n- bullet two"
    assert (again.number, again.number_label) == (1, "D-001")


def test_numbers_are_per_engagement_and_never_reused(db: Database) -> None:
    first, second = _engagement(db, "Acme"), _engagement(db, "Brightwave")
    a1 = decisions.add(db, _decision(first))
    a2 = decisions.add(db, _decision(first))
    b1 = decisions.add(db, _decision(second))
    assert [a1.number_label, a2.number_label, b1.number_label] == ["D-001", "D-002", "D-001"]
    decisions.delete(db, a2.id or 0)
    a3 = decisions.add(db, _decision(first))
    assert a3.number_label == "D-003"  # the gap D-002 stays a gap
    decisions.delete(db, a3.id or 0)
    assert decisions.add(db, _decision(first)).number_label == "D-004"


def test_failed_add_takes_no_number(db: Database) -> None:
    engagement_id = _engagement(db)
    with pytest.raises(ValidationError):
        decisions.add(db, _decision(engagement_id, title=" "))
    assert decisions.add(db, _decision(engagement_id)).number == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"engagement_id": 0}, "engagement_id"),
        ({"engagement_id": 999}, "engagement_id"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"decided_on": None}, "decided_on"),
        ({"decided_on": "2026-02-30"}, "decided_on"),
        ({"category": "gut feeling"}, "category"),
        ({"status": "done"}, "status"),
        ({"context": "broken \ud800"}, "context"),
        ({"drivers": 3}, "drivers"),
        ({"options": "Build"}, "options"),
        ({"options": (DecisionOption(" "),)}, "options"),
        ({"options": ("Build",)}, "options"),
        ({"outcome": "broken \ud800"}, "outcome"),
        ({"consequences": "\ud800"}, "consequences"),
        ({"owner": "x" * 201}, "owner"),
        ({"consulted": None, "owner": 5}, "owner"),
        ({"reversibility": "sideways"}, "reversibility"),
        ({"cost_if_wrong_minor": -1}, "cost_if_wrong_minor"),
        ({"cost_if_wrong_minor": 1.5}, "cost_if_wrong_minor"),
        ({"review_by": "soon"}, "review_by"),
        ({"review_by": DAY - dt.timedelta(days=1)}, "review_by"),
        ({"links": "broken \ud800"}, "links"),
    ],
)
def test_each_field_is_validated_before_writing(
    db: Database, changes: dict[str, object], field: str
) -> None:
    engagement_id = _engagement(db)
    with pytest.raises(ValidationError) as error:
        decisions.add(db, _decision(engagement_id, **changes))
    assert error.value.field == field
    assert db["decision"].count == 0
    assert engagements.get(db, engagement_id).next_decision_number == 1


def test_status_history_records_each_change_with_its_date(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    engagement_id = _engagement(db)
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 3, 2))
    stored = decisions.add(db, _decision(engagement_id))
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 3, 9))
    accepted = decisions.update(db, decisions.with_changes(stored, status="accepted"))
    decisions.update(db, decisions.with_changes(accepted, title="Buy the flag service"))
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 6, 1))
    decisions.update(db, decisions.with_changes(accepted, status="deprecated"))
    assert decisions.status_history(db, stored.id or 0) == [
        StatusChange("proposed", dt.date(2026, 3, 2)),
        StatusChange("accepted", dt.date(2026, 3, 9)),
        StatusChange("deprecated", dt.date(2026, 6, 1)),
    ]


def test_update_keeps_number_and_engagement(db: Database) -> None:
    first, second = _engagement(db, "Acme"), _engagement(db, "Brightwave")
    stored = decisions.add(db, _decision(first))
    with pytest.raises(ValidationError) as error:
        decisions.update(db, decisions.with_changes(stored, engagement_id=second))
    assert error.value.field == "engagement_id"
    renumbered = decisions.update(db, decisions.with_changes(stored, number=42, title="New"))
    assert (renumbered.number, renumbered.title) == (1, "New")


def test_delete_then_restore_puts_back_number_and_history(db: Database) -> None:
    engagement_id = _engagement(db)
    stored = decisions.add(db, _decision(engagement_id))
    history = decisions.status_history(db, stored.id or 0)
    decisions.delete(db, stored.id or 0)
    with pytest.raises(NotFoundError):
        decisions.get(db, stored.id or 0)
    back = decisions.restore(db, stored, history)
    assert back == stored
    assert decisions.status_history(db, stored.id or 0) == history


def test_list_filters(db: Database) -> None:
    first, second = _engagement(db, "Acme"), _engagement(db, "Brightwave")
    old = decisions.add(db, _decision(first, decided_on=DAY, category="vendor"))
    new = decisions.add(db, _decision(first, decided_on=DAY + dt.timedelta(days=5)))
    other = decisions.add(db, _decision(second, status="accepted"))
    assert list_ids(db, DecisionFilter(engagement_id=first)) == [new.id, old.id]
    assert list_ids(db, DecisionFilter(category="vendor")) == [old.id]
    assert list_ids(db, DecisionFilter(status="accepted")) == [other.id]
    assert len(list_decisions(db)) == 3


def test_list_query_uses_an_index(db: Database) -> None:
    for f in (DecisionFilter(engagement_id=1), DecisionFilter()):
        sql, params = list_ids_sql(f)
        plan = " ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", params))
        assert "USING COVERING INDEX decision_" in plan, plan
        assert "TEMP B-TREE" not in plan, plan
