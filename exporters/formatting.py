"""How documents write money, dates and hours, so every document says them the same way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from storage.practice import Engagement
from storage.rules import BUCKET_LABELS, BUCKETS, largest_remainder

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


def money_whole(minor: int, currency: str) -> str:
    """Money without zero cents ("£12,000", "£1,250.50"): how a fee basis reads in a sentence."""
    text = money(minor, currency)
    return text.removesuffix(".00")


def title_case(label: str) -> str:
    """ "Fractional AI officer" -> "Fractional AI Officer": each word capitalised, acronyms kept."""
    return " ".join(word[:1].upper() + word[1:] for word in label.split(" "))


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
    """Minutes as hours and minutes, `h:mm`: 90 -> "1:30". Exact, so a table's rows and columns
    add up to its printed totals (one decimal printed 0.0 + 0.8 + 1.5 beside 2.2)."""
    whole, rest = divmod(max(minutes, 0), 60)
    return f"{whole:,}:{rest:02d}"


def hours_words(minutes: int) -> str:
    """ "2 hours 30 minutes", "1 hour", "45 minutes": hours in a sentence."""
    whole, rest = divmod(max(minutes, 0), 60)
    parts = [f"{whole:,} hour{'s' if whole != 1 else ''}"] if whole or not rest else []
    if rest:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def decimal_hours(minutes: Sequence[int]) -> tuple[list[str], str]:
    """Each part and the total as decimal hours with two decimals, the parts shared out from the
    rounded total by the largest remainder, so they add up to it (a spreadsheet sums them)."""
    total = sum(minutes)
    hundredths = (total * 10 + 3) // 6  # total * 100 / 60, half up
    parts = largest_remainder(minutes, hundredths)
    return [_hundredths(p) for p in parts], _hundredths(hundredths)


def _hundredths(value: int) -> str:
    return f"{value // 100}.{value % 100:02d}"


def percents(parts: Sequence[int]) -> list[str]:
    """Whole percentages of the parts that add up to exactly 100% (all 0% when they are zero)."""
    return [f"{p}%" for p in largest_remainder(parts, 100)]


def number(value: float) -> str:
    """2.0 -> "2", 2.5 -> "2.5"."""
    return f"{value:g}"


SPLIT_HEADERS = ("Bucket", "Hours", "Actual split", "Target split")


def split_rows(minutes: dict[str, int], e: Engagement) -> list[list[str]]:
    """Hours per bucket, the actual split (adding up to 100%) and the target, with a total row."""
    total = sum(minutes.values())
    actual = percents([minutes[b] for b in BUCKETS])
    rows = [
        [BUCKET_LABELS[b], hours(minutes[b]), share, f"{e.target_split[b]}%"]
        for b, share in zip(BUCKETS, actual, strict=True)
    ]
    rows.append(["Total", hours(total), "100%" if total else "0%", "100%"])
    return rows


MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip
