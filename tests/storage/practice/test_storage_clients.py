"""Client and engagement records: round trips, constraints and each validation rule."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from storage.practice import clients, engagements, settings
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.rules.errors import NotFoundError, ValidationError
from storage.sqlite import sqlite3


def _client(db: Database, name: str = "Acme") -> Client:
    return clients.add(db, Client(name=name, contact_name="Maya", email="maya@acme.example"))


def _engagement(db: Database, owner_id: int, /, **changes: object) -> Engagement:
    base = Engagement(client_id=owner_id, title="Fractional CTO", start_date=dt.date(2026, 1, 5))
    return engagements.add(db, engagements.with_changes(base, **changes))


def test_client_round_trip(db: Database) -> None:
    stored = clients.add(
        db,
        Client(name="Café Lumière", notes="Line one\n- bullet", status="active", fit_critical=True),
    )
    again = clients.get(db, stored.id or 0)
    assert again == stored
    assert again.name == "Café Lumière"
    assert again.notes == "Line one\n- bullet"
    assert again.fit_critical is True


def test_client_update_and_delete(db: Database) -> None:
    client = _client(db)
    updated = clients.update(db, clients.with_changes(client, status="paused", role="CEO"))
    assert (updated.status, updated.role) == ("paused", "CEO")
    clients.delete(db, updated.id or 0)
    with pytest.raises(NotFoundError):
        clients.get(db, updated.id or 0)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"email": "not-an-email"}, "email"),
        ({"status": "lost"}, "status"),
        ({"notes": "broken \ud800 byte"}, "notes"),
        ({"fit_critical": 3}, "fit_critical"),
    ],
)
def test_client_validation(db: Database, changes: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as error:
        clients.add(db, clients.with_changes(Client(name="Acme"), **changes))
    assert error.value.field == field
    assert db["client"].count == 0


def test_client_name_unique_ignoring_case(db: Database) -> None:
    _client(db, "Acme")
    with pytest.raises(ValidationError, match="already exists"):
        _client(db, "ACME")


def test_fit_verdict_follows_the_domain_rule() -> None:
    assert clients.fit_verdict(1).startswith("Not a fit")
    assert "advisory" in clients.fit_verdict(2)
    assert "strongly indicated" in clients.fit_verdict(3)
    four = Client(
        name="x", fit_critical=True, fit_engineers_not_strategic=True,
        fit_not_ready_full_time=True, fit_decisions_blocking=True,
    )  # fmt: skip
    assert four.fit_score == 4


def test_delete_impact_counts_what_will_be_lost(db: Database) -> None:
    client = _client(db)
    engagement = _engagement(db, client.id or 0)
    for day in (5, 6, 7):
        db["time_entry"].insert(
            {"engagement_id": engagement.id, "day": f"2026-01-0{day}", "bucket": "team",
             "minutes": 60, "note": "", "created_at": "x"}
        )  # fmt: skip
    impact = clients.delete_impact(db, client.id or 0)
    assert impact.describe() == "1 engagement, 3 time entries, 0 decisions, 0 milestones"
    clients.delete(db, client.id or 0)
    assert db["time_entry"].count == 0


def test_engagement_round_trip(db: Database) -> None:
    client = _client(db)
    stored = _engagement(
        db, client.id or 0, planned_end_date=dt.date(2027, 1, 4), days_per_week=2.5,
        split_strategy=80, split_team=20, split_leadership=0, fee_minor=950_000, currency="eur",
    )  # fmt: skip
    again = engagements.get(db, stored.id or 0)
    assert again == stored
    assert again.currency == "EUR"
    assert again.client_name == "Acme"
    assert again.committed_minutes_per_week == 2.5 * 8 * 60
    assert "Project management" in again.out_of_scope


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"days_per_week": 0.25}, "days_per_week"),
        ({"days_per_week": 6}, "days_per_week"),
        ({"hours_per_day": 0}, "hours_per_day"),
        ({"split_strategy": 60}, "split_strategy"),
        ({"split_team": -10, "split_strategy": 90}, "split_team"),
        ({"billing_model": "barter"}, "billing_model"),
        ({"fee_minor": -1}, "fee_minor"),
        ({"currency": "EURO"}, "currency"),
        ({"role": "ceo"}, "role"),
        ({"status": "done"}, "status"),
        ({"start_date": "2026-02-30"}, "start_date"),
        ({"start_date": dt.date(1900, 1, 1)}, "start_date"),
        ({"planned_end_date": dt.date(2025, 1, 1)}, "planned_end_date"),
        ({"client_id": 999}, "client_id"),
    ],
)
def test_engagement_validation(db: Database, changes: dict[str, object], field: str) -> None:
    client = _client(db)
    with pytest.raises(ValidationError) as error:
        _engagement(db, client.id or 0, **changes)
    assert error.value.field == field
    assert db["engagement"].count == 0


def test_schema_constraints_hold_even_without_validation(db: Database) -> None:
    client = _client(db)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO engagement (client_id, title, start_date, split_strategy, created_at) "
            "VALUES (?, 'x', '2026-01-01', 90, 'now')",
            [client.id],
        )
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO engagement (client_id, title, start_date, created_at) VALUES (999, 'x', '2026-01-01', 'n')"
        )


def test_profile_round_trip_and_validation(db: Database) -> None:
    assert settings.load_profile(db) == settings.Profile()
    saved = settings.save_profile(db, settings.Profile(name="Alex", paper_size="Letter"))
    assert settings.load_profile(db) == saved
    with pytest.raises(ValidationError) as error:
        settings.save_profile(db, settings.Profile(timer_rounding_minutes=7))
    assert error.value.field == "timer_rounding_minutes"
