"""Durations typed into a timesheet cell: every accepted form, every refused one, round trips."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.rules import durations
from storage.rules.durations import format_hours, format_minutes, parse_duration
from storage.rules.errors import ValidationError


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("1.5", 90),
        ("1,5", 90),
        ("1:30", 90),
        ("90m", 90),
        ("90 min", 90),
        ("1h30", 90),
        ("1h 30m", 90),
        ("1H30M", 90),
        ("2h", 120),
        (".25", 15),
        ("0:05", 5),
        ("  2  ", 120),
        ("24", 1440),
        ("24:00", 1440),
        ("", 0),
        ("0", 0),
        ("   ", 0),
    ],
)
def test_accepted_forms(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "is not a duration"),
        ("-2", "negative"),
        ("-0:30", "negative"),
        ("25h", "24 hours"),
        ("25", "24 hours"),
        ("24:01", "24 hours"),
        ("1441m", "24 hours"),
        ("1:60", "is not a duration"),
        ("1.5.5", "is not a duration"),
        ("h", "is not a duration"),
        ("90", "24 hours"),  # a bare number is hours
        ("1e3", "is not a duration"),
        ("30m 1h", "is not a duration"),
        ("٣", "is not a duration"),
    ],
)
def test_refused_forms_name_the_field(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as error:
        parse_duration(text)
    assert error.value.field == "minutes"


@given(st.integers(min_value=0, max_value=1440))
def test_formatted_minutes_parse_back(minutes: int) -> None:
    assert parse_duration(format_minutes(minutes)) == minutes


@given(st.integers(min_value=0, max_value=24), st.integers(min_value=0, max_value=59))
def test_every_spelling_of_hours_and_minutes_agrees(hours: int, minutes: int) -> None:
    total = hours * 60 + minutes
    if total > 1440:
        return
    spellings = [f"{hours}:{minutes:02d}", f"{hours}h{minutes}", f"{hours}h {minutes}m"]
    spellings.append(f"{total}m")
    assert {parse_duration(s) for s in spellings} == {total}


@given(st.integers(min_value=1, max_value=96))
def test_quarter_hours_as_decimals_with_point_or_comma(quarters: int) -> None:
    hours = quarters / 4
    assert parse_duration(f"{hours}") == quarters * 15
    assert parse_duration(f"{hours}".replace(".", ",")) == quarters * 15


@given(st.text(max_size=12))
def test_any_text_is_minutes_or_a_validation_error(text: str) -> None:
    try:
        minutes = parse_duration(text)
    except ValidationError:
        return
    assert 0 <= minutes <= 1440


def test_formats() -> None:
    assert format_minutes(90) == "1:30"
    assert format_minutes(5) == "0:05"
    assert format_minutes(0) == ""
    assert format_hours(90) == "1:30 h"
    assert format_hours(960) == "16 h"


def test_one_hours_format_everywhere_chosen_in_preferences() -> None:
    try:
        durations.use_style("decimal")
        assert (format_minutes(1035), format_minutes(20), format_hours(90)) == (
            "17.25", "0.33", "1.5 h",
        )  # fmt: skip
        assert parse_duration(format_minutes(20)) == 20
    finally:
        durations.use_style("h:mm")
    assert format_minutes(1035) == "17:15"
    assert format_hours(960) == "16 h"
