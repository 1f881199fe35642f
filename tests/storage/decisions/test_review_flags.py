"""Review flags: overdue reviews, accepted without an owner, proposals older than 30 days."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from storage.decisions import decision_cost
from storage.decisions import records as decisions
from storage.decisions.decision_list import DecisionFilter, list_ids
from storage.decisions.records import Decision, flags_of, review_flags
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules import clock
from storage.rules.errors import ValidationError

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def engagement_id(db: Database, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    client = clients.add(db, Client(name="Acme"))
    engagement = engagements.add(
        db, Engagement(client_id=client.id or 0, title="x", start_date=dt.date(2026, 1, 5))
    )
    return engagement.id or 0


def _add(db: Database, engagement_id: int, **changes: object) -> Decision:
    base = Decision(engagement_id, "A decision", dt.date(2026, 6, 1), owner="Maya")
    return decisions.add(db, decisions.with_changes(base, **changes))


def test_each_flag(db: Database, engagement_id: int) -> None:
    overdue = _add(db, engagement_id, status="accepted", review_by=dt.date(2026, 6, 14))
    due_today = _add(db, engagement_id, status="accepted", review_by=TODAY)
    closed = _add(db, engagement_id, status="rejected", review_by=dt.date(2026, 6, 2))
    no_owner = _add(db, engagement_id, status="accepted", owner="  ")
    proposed_without_owner = _add(db, engagement_id, owner="")
    stale = _add(db, engagement_id, decided_on=dt.date(2026, 5, 15))
    recent = _add(db, engagement_id, decided_on=dt.date(2026, 5, 16))
    flags = review_flags(db, engagement_id)
    assert [d.id for d in flags.overdue] == [overdue.id]
    assert [d.id for d in flags.accepted_without_owner] == [no_owner.id]
    assert [d.id for d in flags.stale_proposed] == [stale.id]
    assert flags.count == 3
    for quiet in (due_today, closed, proposed_without_owner, recent):
        assert flags_of(quiet, TODAY) == ()
    assert flags_of(overdue, TODAY) == ("overdue",)
    assert flags_of(no_owner, TODAY) == ("no_owner",)
    assert flags_of(stale, TODAY) == ("stale",)


def test_flags_belong_to_their_engagement(db: Database, engagement_id: int) -> None:
    _add(db, engagement_id, status="accepted", owner="")
    client = clients.add(db, Client(name="Other"))
    other = engagements.add(
        db, Engagement(client_id=client.id or 0, title="x", start_date=dt.date(2026, 1, 5))
    )
    assert review_flags(db, other.id or 0).count == 0


def test_due_for_review_and_flagged_filters(db: Database, engagement_id: int) -> None:
    overdue = _add(db, engagement_id, status="accepted", review_by=dt.date(2026, 6, 10))
    soon = _add(db, engagement_id, status="accepted", review_by=dt.date(2026, 6, 29))
    _add(db, engagement_id, status="accepted", review_by=dt.date(2026, 6, 30))
    _add(db, engagement_id, status="deprecated", review_by=dt.date(2026, 6, 10))
    assert list_ids(db, DecisionFilter(due_for_review=True), TODAY) == [soon.id, overdue.id]
    assert list_ids(db, DecisionFilter(flagged=True), TODAY) == [overdue.id]


@pytest.mark.parametrize(
    ("model", "fee", "expected"),
    [
        ("monthly_retainer", 1_000_000, 3_000_000),
        ("daily", 100_000, 100_000 * 2 * 13),
        ("hourly", 15_000, 15_000 * 2 * 8 * 13),
        ("fixed_fee", 1_200_000, 300_000),  # a year's fixed fee, pro-rated to three months
        ("monthly_retainer", 0, None),
    ],
)
def test_three_months_of_fees(model: str, fee: int, expected: int | None) -> None:
    e = Engagement(
        client_id=1,
        title="x",
        start_date=dt.date(2026, 1, 1),
        planned_end_date=dt.date(2027, 1, 1),
        billing_model=model,
        fee_minor=fee,
    )
    assert decision_cost.three_months_of_fees_minor(e) == expected


def test_cost_described_against_three_months() -> None:
    e = Engagement(client_id=1, title="x", start_date=dt.date(2026, 1, 1), fee_minor=1_000_000)
    assert decision_cost.describe(2_400_000, e) == "about 0.8x three months of fees"
    assert decision_cost.describe(None, e) == ""
    assert decision_cost.describe(45_000_000, e) == "about 15x three months of fees"


@pytest.mark.parametrize(
    ("text", "minor"),
    [("", None), ("25,000", 2_500_000), ("25k", 2_500_000), ("£1 200.5", 120_050), ("0", 0)],
)
def test_amounts_typed_for_the_cost(text: str, minor: int | None) -> None:
    assert decision_cost.parse_amount(text, "GBP") == minor
    assert decision_cost.parse_amount(decision_cost.format_amount(minor, "GBP"), "GBP") == minor


@pytest.mark.parametrize("text", ["a lot", "-5", "nan", "1e400", "12,5,x"])
def test_amounts_refused_name_the_field(text: str) -> None:
    with pytest.raises(ValidationError) as error:
        decision_cost.parse_amount(text, "GBP")
    assert error.value.field == "cost_if_wrong_minor"
