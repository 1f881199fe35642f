"""ISO weeks around the ends of years, a Monday or Sunday start, the heading and parsing."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.rules.errors import ValidationError
from storage.rules.weeks import Week, parse_week, week_of, weeks_in_year


def test_the_heading_of_week_14_2026() -> None:
    week = week_of(dt.date(2026, 4, 2))
    assert week.heading == "Week 14 · 30 Mar – 5 Apr 2026"
    assert week.label == "2026-W14"
    assert (week.start, week.end) == (dt.date(2026, 3, 30), dt.date(2026, 4, 5))
    assert len(week.days) == 7


def test_2026_has_a_week_53_spanning_the_new_year() -> None:
    assert weeks_in_year(2026) == 53
    week = parse_week("2026-W53")
    assert week.start == dt.date(2026, 12, 28)
    assert week.heading == "Week 53 · 28 Dec 2026 – 3 Jan 2027"
    assert week_of(dt.date(2027, 1, 3)) == week
    assert week.shifted(1).label == "2027-W01"
    assert week.shifted(1).start == dt.date(2027, 1, 4)


def test_2025_has_no_week_53() -> None:
    assert weeks_in_year(2025) == 52
    with pytest.raises(ValidationError, match="weeks 1 to 52") as error:
        parse_week("2025-W53")
    assert error.value.field == "week"


def test_week_1_can_start_in_the_previous_year() -> None:
    week = parse_week("2026-W01")
    assert week.start == dt.date(2025, 12, 29)
    assert week_of(dt.date(2025, 12, 31)).label == "2026-W01"
    assert week.heading == "Week 1 · 29 Dec 2025 – 4 Jan 2026"


def test_1_january_can_belong_to_the_previous_years_last_week() -> None:
    assert week_of(dt.date(2021, 1, 1)).label == "2020-W53"
    assert week_of(dt.date(2023, 1, 1)).label == "2022-W52"


def test_a_sunday_start_keeps_the_iso_number_of_its_monday() -> None:
    week = parse_week("2026-W14", "sunday")
    assert (week.start, week.end) == (dt.date(2026, 3, 29), dt.date(2026, 4, 4))
    assert week.heading == "Week 14 · 29 Mar – 4 Apr 2026"
    assert week_of(dt.date(2026, 4, 5), "sunday").label == "2026-W15"
    assert week_of(dt.date(2026, 4, 4), "sunday").label == "2026-W14"


def test_a_week_within_one_month() -> None:
    assert week_of(dt.date(2026, 4, 8)).heading == "Week 15 · 6 – 12 Apr 2026"


@pytest.mark.parametrize("text", ["2026-W00", "2026-W54", "W14", "2026-14", "", "next week"])
def test_bad_week_names_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_week(text)


def test_every_day_of_a_decade_lands_in_the_week_holding_it() -> None:
    day = dt.date(2020, 1, 1)
    while day < dt.date(2030, 1, 1):
        for start in ("monday", "sunday"):
            week = week_of(day, start)
            assert week.contains(day)
            assert parse_week(week.label, start) == week
        day += dt.timedelta(days=1)


def test_shifting_moves_whole_weeks() -> None:
    week = Week(dt.date(2026, 3, 30))
    assert week.shifted(-1).start == dt.date(2026, 3, 23)
    assert week.shifted(-4).shifted(4) == week
