"""Money as a type: exponents, typed text, formatting, arithmetic and totals per currency."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from storage.rules import ValidationError
from storage.rules.money import (
    MAX_MONEY_MINOR,
    Money,
    check_minor,
    exponent,
    format_totals,
    half_up,
    parse,
    totals_by_currency,
)


@pytest.mark.parametrize(
    ("currency", "places"),
    [("JPY", 0), ("KRW", 0), ("GBP", 2), ("usd", 2), (" eur ", 2), ("KWD", 3), ("BHD", 3),
     ("XXX", 2)],
)  # fmt: skip
def test_exponents_follow_iso_4217(currency: str, places: int) -> None:
    assert exponent(currency) == places


@pytest.mark.parametrize(
    ("text", "currency", "minor"),
    [
        ("100000", "JPY", 100_000),
        ("100,000", "JPY", 100_000),
        ("1250.50", "GBP", 125_050),
        ("£1 250.5", "GBP", 125_050),
        ("1.250", "KWD", 1_250),
        ("KWD 1.25", "KWD", 1_250),
        ("25k", "GBP", 2_500_000),
        ("0", "GBP", 0),
        ("", "GBP", None),
        ("  ", "JPY", None),
    ],
)
def test_typed_amounts_are_read_in_the_currencys_minor_unit(
    text: str, currency: str, minor: int | None
) -> None:
    assert parse("fee_minor", text, currency) == minor


@pytest.mark.parametrize(
    ("text", "currency", "says"),
    [
        ("100.5", "JPY", "no decimals"),
        ("1.005", "GBP", "2 decimal places"),
        ("1.2505", "KWD", "3 decimal places"),
        ("a lot", "GBP", "such as"),
        ("nan", "GBP", "such as"),
        ("sNaN", "GBP", "such as"),
        ("Infinity", "GBP", "such as"),
        ("-5", "GBP", "zero or more"),
        ("1e400", "GBP", "up to £100,000,000,000.00"),
        ("1e999999999", "JPY", "up to JPY 10,000,000,000,000"),
        ("-1e999999999", "KWD", "zero or more"),
        ("1e-999999999", "KWD", "3 decimal places"),
    ],
)
def test_text_that_is_not_an_amount_is_refused_on_its_field(
    text: str, currency: str, says: str
) -> None:
    with pytest.raises(ValidationError) as error:
        parse("fee_minor", text, currency)
    assert error.value.field == "fee_minor"
    assert says in error.value.message


def test_a_required_amount_must_be_typed() -> None:
    with pytest.raises(ValidationError, match="enter an amount"):
        parse("amount_minor", "", "GBP", required=True)


def test_the_largest_amount_is_the_stored_maximum() -> None:
    assert parse("fee_minor", "100000000000", "GBP") == MAX_MONEY_MINOR
    assert check_minor("fee_minor", MAX_MONEY_MINOR) == MAX_MONEY_MINOR
    with pytest.raises(ValidationError):
        check_minor("fee_minor", MAX_MONEY_MINOR + 1)
    with pytest.raises(ValidationError, match="above zero"):
        check_minor("amount_minor", 0, low=1)


@pytest.mark.parametrize(
    ("money", "shown", "whole", "plain"),
    [
        (Money(100_000, "JPY"), "JPY 100,000", "JPY 100,000", "100000"),
        (Money(125_050, "GBP"), "£1,250.50", "£1,250.50", "1250.50"),
        (Money(1_200_000, "GBP"), "£12,000.00", "£12,000", "12000.00"),
        (Money(1_250, "KWD"), "KWD 1.250", "KWD 1.250", "1.250"),
        (Money(5_000, "KWD"), "KWD 5.000", "KWD 5", "5.000"),
        (Money(-150, "EUR"), "-€1.50", "-€1.50", "-1.50"),
        (Money(7, "usd"), "$0.07", "$0.07", "0.07"),
    ],
)
def test_one_formatting_of_money(money: Money, shown: str, whole: str, plain: str) -> None:
    assert money.format() == shown == str(money)
    assert money.format(whole=True) == whole
    assert money.plain() == plain
    typed_back = Money(abs(money.minor), money.currency).grouped()
    assert parse("x", typed_back, money.currency) == abs(money.minor)


def test_from_major_rounds_half_up_to_the_minor_unit() -> None:
    assert Money.from_major("100000", "JPY") == Money(100_000, "JPY")
    assert Money.from_major(1250.5, "GBP") == Money(125_050, "GBP")
    assert Money.from_major(Decimal("1.2505"), "KWD") == Money(1_251, "KWD")
    assert Money.from_major("0.5", "JPY") == Money(1, "JPY")
    assert Money.from_major("", "GBP") == Money.zero("GBP")
    assert Money.from_major("1250.50", "GBP").major == Decimal("1250.50")
    with pytest.raises(ValueError, match="not an amount"):
        Money.from_major("twelve", "GBP")


def test_minor_units_are_whole_numbers() -> None:
    with pytest.raises(TypeError):
        Money(12.5, "GBP")  # type: ignore[arg-type]


def test_arithmetic_stays_in_one_currency() -> None:
    a, b = Money(1_000, "GBP"), Money(250, "gbp")
    assert a + b == Money(1_250, "GBP")
    assert a - b == Money(750, "GBP")
    assert -a == Money(-1_000, "GBP")
    assert b < a
    assert a >= b
    assert not a <= b
    assert a > b
    with pytest.raises(ValueError, match="never added"):
        _ = a + Money(1_000, "JPY")
    with pytest.raises(ValueError, match="never added"):
        _ = a < Money(1_000, "JPY")


def test_times_rounds_once_half_up() -> None:
    rate = Money(15_000, "GBP")  # £150.00 an hour
    assert rate.times(Fraction(7, 6)) == Money(17_500, "GBP")  # 1:10 h
    assert Money(1, "JPY").times(Fraction(1, 2)) == Money(1, "JPY")
    assert Money(-1, "JPY").times(Fraction(1, 2)) == Money(-1, "JPY")
    assert half_up(Fraction(5, 2)) == 3
    assert half_up(Fraction(-5, 2)) == -3
    assert half_up(Fraction(7, 3)) == 2


def test_whole_units_drop_minor_units_and_leave_yen_as_they_are() -> None:
    assert Money(1_234_550, "GBP").to_whole_units() == Money(1_234_600, "GBP")
    assert Money(1_234_549, "GBP").to_whole_units() == Money(1_234_500, "GBP")
    assert Money(1_234_567, "JPY").to_whole_units() == Money(1_234_567, "JPY")
    assert Money(1_500, "KWD").to_whole_units() == Money(2_000, "KWD")


def test_totals_are_kept_per_currency() -> None:
    amounts = [Money(100_000, "JPY"), Money(125_050, "GBP"), Money(50, "GBP"), Money(1, "JPY")]
    totals = totals_by_currency(amounts)
    assert totals == {"GBP": Money(125_100, "GBP"), "JPY": Money(100_001, "JPY")}
    assert list(totals) == ["GBP", "JPY"]
    assert format_totals(amounts) == "£1,251.00 + JPY 100,001"
    assert totals_by_currency([]) == {}
