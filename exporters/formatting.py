"""How documents write money, dates and hours, so every document says them the same way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from storage.practice import Engagement
from storage.rules import BUCKET_LABELS, BUCKETS, Money, durations, largest_remainder

TO_BE_AGREED = "To be agreed"


def money(minor: int | None, currency: str) -> str:
    """ "£12,000.00", "JPY 100,000", "KWD 1.250" (`Money.format`); None is "To be agreed"."""
    return TO_BE_AGREED if minor is None else Money(minor, currency).format()


PER_UNIT = {
    "hour": "an hour",
    "day": "a day",
    "month": "a month",
    "instalment": "each",  # "Instalments: Phase 1, Phase 2" × "€10,000.00 each"
    "item": "each",
}


def unit_price(unit: str | None, price_minor: int | None, currency: str) -> str:
    """ "£150.00 an hour", "£9,000.00 a month"; empty for a line that keeps no unit price."""
    if unit is None or price_minor is None:
        return ""
    return f"{money(price_minor, currency)} {PER_UNIT.get(unit, 'each')}"


def money_whole(minor: int, currency: str) -> str:
    """Money without zero minor units ("£12,000", "£1,250.50"): how a fee basis reads in a
    sentence."""
    return Money(minor, currency).format(whole=True)


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
    return durations.clock_text(minutes, grouped=True)


def hours_words(minutes: int) -> str:
    """ "2 hours 30 minutes", "1 hour", "45 minutes": hours in a sentence."""
    whole, rest = divmod(max(minutes, 0), 60)
    parts = [f"{whole:,} hour{'s' if whole != 1 else ''}"] if whole or not rest else []
    if rest:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def decimal_hours(minutes: Sequence[int]) -> tuple[list[str], str]:
    """Decimal hours that add up to their printed total (`durations.decimal_hours`)."""
    return durations.decimal_hours(minutes)


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
