"""The engagement rules storage keeps in one place: when time can be logged, and the defaults."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlite_utils import Database

from storage.practice import clients, engagements, settings
from storage.practice.clients import Client
from storage.practice.engagements import Engagement, is_open_between, is_open_on

START = dt.date(2026, 3, 2)


def _engagement(status: str = "active", ended_on: dt.date | None = None) -> Engagement:
    return Engagement(1, "Fractional CTO", START, status=status, ended_on=ended_on)


@pytest.mark.parametrize(
    ("engagement", "day", "open_"),
    [
        (_engagement(), START - dt.timedelta(days=1), False),
        (_engagement(), START, True),
        (_engagement("proposed"), START + dt.timedelta(days=400), True),
        (_engagement("ended", dt.date(2026, 4, 1)), dt.date(2026, 4, 1), True),
        (_engagement("ended", dt.date(2026, 4, 1)), dt.date(2026, 4, 2), False),
        (_engagement("ended"), START, False),  # ended without a date: no time at all
    ],
)
def test_is_open_on(engagement: Engagement, day: dt.date, open_: bool) -> None:
    assert is_open_on(engagement, day) is open_


def test_is_open_between_needs_one_open_day() -> None:
    ended = _engagement("ended", dt.date(2026, 3, 4))
    assert is_open_between(ended, dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    assert not is_open_between(ended, dt.date(2026, 3, 9), dt.date(2026, 3, 15))
    assert not is_open_between(_engagement(), dt.date(2026, 2, 23), dt.date(2026, 3, 1))


def test_a_new_engagement_takes_the_profile_currency_and_day_rate(db: Database) -> None:
    client_id = clients.add(db, Client(name="Acme")).id or 0
    assert engagements.new_with_profile(db, client_id) == engagements.with_changes(
        engagements.new_for_client(client_id), currency=settings.load_profile(db).default_currency
    )
    profile = dataclasses.replace(
        settings.load_profile(db), default_currency="EUR", default_rate_minor=150_000
    )
    settings.save_profile(db, profile)
    new = engagements.new_with_profile(db, client_id)
    assert (new.currency, new.billing_model, new.fee_minor) == ("EUR", "daily", 150_000)
