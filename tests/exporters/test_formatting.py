"""Money, dates and hours as the documents print them."""

from __future__ import annotations

import datetime as dt

import pytest

from exporters.formatting import (
    TO_BE_AGREED,
    decimal_hours,
    hours,
    hours_words,
    long_date,
    money,
    number,
    percents,
)


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
    assert hours(90) == "1:30"
    assert hours(0) == "0:00"
    assert hours(60 * 1234 + 5) == "1,234:05"
    assert hours_words(150) == "2 hours 30 minutes"
    assert hours_words(60) == "1 hour"
    assert hours_words(1) == "1 minute"
    assert hours_words(0) == "0 hours"


def test_percents_add_up_to_100() -> None:
    """40% + 33% + 26% beside "100%" was the bug: rounding each share on its own."""
    assert percents([405, 335, 265]) == ["40%", "33%", "27%"]  # each rounded: 40 + 33 + 26
    assert percents([1, 1, 1]) == ["34%", "33%", "33%"]
    assert percents([0, 0, 0]) == ["0%", "0%", "0%"]


def test_decimal_hours_add_up_along_the_row() -> None:
    """0 + 50 + 90 minutes printed 0.0 + 0.8 + 1.5 beside 2.3 (one decimal, half even)."""
    parts, total = decimal_hours([0, 50, 90])
    assert total == "2.33"
    assert sum(float(p) for p in parts) == pytest.approx(float(total))
    assert decimal_hours([1, 1, 1]) == (["0.02", "0.02", "0.01"], "0.05")
    assert number(2.0) == "2"
    assert number(2.5) == "2.5"
