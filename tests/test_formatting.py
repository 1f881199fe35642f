"""Money, dates and hours as the documents print them."""

from __future__ import annotations

import datetime as dt

import pytest

from exporters.formatting import TO_BE_AGREED, hours, long_date, money, number, percent


@pytest.mark.parametrize(
    ("minor", "currency", "expected"),
    [
        (1_200_000, "GBP", "£12,000.00"),
        (950_000, "EUR", "€9,500.00"),
        (15_000, "USD", "$150.00"),
        (120_000, "CHF", "CHF 1,200.00"),
        (120_000, "chf", "CHF 1,200.00"),
        (5, "USD", "$0.05"),
        (0, "GBP", "£0.00"),
        (123_456_789_012, "USD", "$1,234,567,890.12"),
        (150_000, "JPY", "JPY 150,000"),
        (-2_500, "EUR", "-€25.00"),
    ],
)
def test_money_is_written_for_its_currency(minor: int, currency: str, expected: str) -> None:
    assert money(minor, currency) == expected


def test_unknown_amount_is_to_be_agreed() -> None:
    assert money(None, "USD") == TO_BE_AGREED == "To be agreed"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 4, 2), "2 April 2026"),
        (dt.date(2026, 11, 22), "22 November 2026"),
        (dt.date(2027, 1, 1), "1 January 2027"),
        (None, "To be agreed"),
    ],
)
def test_dates_are_written_out(day: dt.date | None, expected: str) -> None:
    assert long_date(day) == expected


def test_hours_percent_and_numbers() -> None:
    assert hours(90) == "1.5"
    assert hours(0) == "0.0"
    assert hours(60 * 1234) == "1,234.0"
    assert percent(1, 3) == "33%"
    assert percent(5, 0) == "0%"
    assert number(2.0) == "2"
    assert number(2.5) == "2.5"
