"""The cost of a wrong decision is typed and shown in its engagement's currency."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.decisions import decision_cost
from storage.practice import Engagement
from storage.rules import ValidationError


@pytest.mark.parametrize(
    ("text", "currency", "minor", "shown"),
    [
        ("100000", "JPY", 100_000, "100,000"),
        ("¥2,500,000", "JPY", 2_500_000, "2,500,000"),
        ("25k", "JPY", 25_000, "25,000"),
        ("1250.50", "GBP", 125_050, "1,250.50"),
        ("25k", "GBP", 2_500_000, "25,000"),
        ("1.250", "KWD", 1_250, "1.250"),
    ],
)
def test_the_cost_is_read_and_shown_in_the_currency(
    text: str, currency: str, minor: int, shown: str
) -> None:
    assert decision_cost.parse_amount(text, currency) == minor
    assert decision_cost.format_amount(minor, currency) == shown


def test_yen_have_no_decimals() -> None:
    with pytest.raises(ValidationError, match="JPY amounts have no decimals"):
        decision_cost.parse_amount("100.5", "JPY")


def test_three_months_of_yen_fees_are_yen() -> None:
    e = Engagement(
        client_id=1, title="x", start_date=dt.date(2026, 1, 1), billing_model="monthly_retainer",
        fee_minor=1_000_000, currency="JPY",
    )  # fmt: skip
    assert decision_cost.three_months_of_fees_minor(e) == 3_000_000
    assert decision_cost.describe(3_000_000, e) == "about 1.0x three months of fees"
