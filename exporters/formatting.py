"""How documents write money, dates and hours, so every document says them the same way."""

from __future__ import annotations

import datetime as dt

TO_BE_AGREED = "To be agreed"
SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€"}
ZERO_DECIMAL = {"JPY", "KRW", "ISK", "CLP", "VND"}


def money(minor: int | None, currency: str) -> str:
    """ "£12,000.00" for known symbols, "CHF 1,200.00" for other codes; None is "To be agreed"."""
    if minor is None:
        return TO_BE_AGREED
    code = currency.upper()
    decimals = 0 if code in ZERO_DECIMAL else 2
    sign = "-" if minor < 0 else ""
    amount = f"{abs(minor) / 10**decimals:,.{decimals}f}"
    symbol = SYMBOLS.get(code)
    return f"{sign}{symbol}{amount}" if symbol else f"{sign}{code} {amount}"


def long_date(day: dt.date | None) -> str:
    """ "2 April 2026" (no leading zero, English month names whatever the machine's locale)."""
    if day is None:
        return TO_BE_AGREED
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date | None) -> str:
    """ "2 Apr 2026", for narrow table columns; empty when there is no date."""
    if day is None:
        return ""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def month_label(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"


def hours(minutes: int) -> str:
    """Minutes as hours with one decimal: 90 -> "1.5"."""
    return f"{minutes / 60:,.1f}"


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"


def number(value: float) -> str:
    """2.0 -> "2", 2.5 -> "2.5"."""
    return f"{value:g}"


MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip
