"""The working day of a new engagement comes from Preferences (`default_hours_per_day`), held to
the same bounds as a commitment's hours a day."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from storage.practice import clients, engagements, settings
from storage.rules import ValidationError


def test_a_new_engagement_takes_the_working_day_from_preferences(db: Database) -> None:
    client = clients.add(db, clients.Client("Acme"))
    assert engagements.new_with_profile(db, client.id or 0).hours_per_day == 8
    settings.save_profile(db, settings.Profile(default_hours_per_day=7.5))
    assert settings.load_profile(db).default_hours_per_day == 7.5
    assert engagements.new_with_profile(db, client.id or 0).hours_per_day == 7.5


@pytest.mark.parametrize("hours", [0, 24.5])
def test_a_working_day_out_of_bounds_is_refused(db: Database, hours: float) -> None:
    with pytest.raises(ValidationError) as refused:
        settings.save_profile(db, settings.Profile(default_hours_per_day=hours))
    assert refused.value.field == "default_hours_per_day"
    assert settings.load_profile(db).default_hours_per_day == 8
