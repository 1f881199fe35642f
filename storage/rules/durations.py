"""Durations as people type them in a timesheet cell, and as the grid shows them.

Accepted: hours as a decimal (`1.5`, `1,5`), hours and minutes (`1:30`, `1h30`, `1h 30m`), minutes
(`90m`, `90 min`) or whole hours (`2h`). Empty text or `0` clears a cell. Anything else, a negative
value or more than 24 hours is refused with a ValidationError naming `minutes`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storage.rules.apportion import largest_remainder
from storage.rules.errors import ValidationError
from storage.rules.lazy_pattern import lazy_compile

MAX_MINUTES = 24 * 60
FIELD = "minutes"
_HOURS_MINUTES = lazy_compile(r"(\d{1,2}):([0-5]\d)", re.ASCII)
_UNITS = lazy_compile(
    r"(?:(\d+(?:[.,]\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*(m(?:in(?:utes?|s)?)?)?)?", re.ASCII
)
_DECIMAL = lazy_compile(r"\d+(?:[.,]\d+)?|[.,]\d+", re.ASCII)
HINT = "type hours and minutes such as 1:30, 1.5, 90m or 1h 30m"


def parse_duration(text: str) -> int:
    """Minutes for what was typed; 0 means "clear the cell"."""
    cleaned = " ".join(text.strip().lower().split())
    if cleaned in {"", "0"}:
        return 0
    if cleaned.startswith("-"):
        raise ValidationError(FIELD, "cannot be negative")
    minutes = _parse_hours_minutes(cleaned)
    if minutes is None:
        minutes = _parse_decimal_hours(cleaned)
    if minutes is None:
        minutes = _parse_units(cleaned)
    if minutes is None:
        raise ValidationError(FIELD, f"“{text.strip()}” is not a duration: {HINT}")
    if minutes > MAX_MINUTES:
        raise ValidationError(FIELD, "cannot be more than 24 hours in one day")
    return minutes


def _parse_hours_minutes(text: str) -> int | None:
    match = _HOURS_MINUTES.fullmatch(text)
    return int(match[1]) * 60 + int(match[2]) if match else None


def _parse_decimal_hours(text: str) -> int | None:
    if not _DECIMAL.fullmatch(text):
        return None
    return _hours_to_minutes(text)


def _parse_units(text: str) -> int | None:
    match = _UNITS.fullmatch(text)
    if not match or not (match[1] or match[2]):
        return None
    if match[2] and not (match[1] or match[3]):  # a bare number is hours, handled before
        return None
    hours = _hours_to_minutes(match[1]) if match[1] else 0
    if hours is None:
        return None
    return hours + (int(match[2]) if match[2] else 0)


def _hours_to_minutes(text: str) -> int | None:
    from decimal import Decimal, InvalidOperation  # for typed hours: a report never loads it

    try:
        hours = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    if hours > MAX_MINUTES:  # keep the arithmetic small; the caller refuses it anyway
        return MAX_MINUTES + 1
    return int((hours * 60).to_integral_value(rounding="ROUND_HALF_UP"))


_style = {"hours": "h:mm"}  # the Preferences' choice, set once by the app: see `use_style`


def use_style(style: str) -> None:
    """Show hours as `h:mm` (17:15) or `decimal` (17.25) on every screen."""
    _style["hours"] = "decimal" if style == "decimal" else "h:mm"


def style() -> str:
    """The hours style in use: `h:mm` or `decimal`."""
    return _style["hours"]


def clock_text(minutes: int, *, grouped: bool = False) -> str:
    """Minutes as hours and minutes, `h:mm`: 90 -> "1:30", 0 -> "0:00"; `grouped` separates
    thousands of hours ("1,234:05") as documents print them. Exact, so rows add up."""
    whole, rest = divmod(max(minutes, 0), 60)
    return f"{whole:,}:{rest:02d}" if grouped else f"{whole}:{rest:02d}"


def hundredths(minutes: int) -> int:
    """Minutes as hundredths of an hour, half up (minutes * 100 / 60 is never exactly half)."""
    return (max(minutes, 0) * 10 + 3) // 6


def hundredths_text(units: int) -> str:
    """Hundredths of an hour as decimal hours with two decimals: 1208 -> "12.08"."""
    return f"{units // 100}.{units % 100:02d}"


def decimal_hours(minutes: Sequence[int]) -> tuple[list[str], str]:
    """Each part and the total as decimal hours with two decimals, the parts shared out from the
    rounded total by the largest remainder, so they add up to it (a spreadsheet sums them)."""
    total = hundredths(sum(minutes))
    parts = largest_remainder(list(minutes), total)
    return [hundredths_text(p) for p in parts], hundredths_text(total)


def format_minutes(minutes: int) -> str:
    """`90` -> `1:30` (or `1.5`); nothing for zero, so an empty cell stays empty."""
    if minutes <= 0:
        return ""
    if _style["hours"] == "decimal":
        return hundredths_text(hundredths(minutes)).rstrip("0").rstrip(".")
    return clock_text(minutes)


def format_hours(minutes: int) -> str:
    """The commitment and the bars, in the same form as the grid: `17:15 h` or `17.25 h`
    (whole hours as `16 h`)."""
    if minutes % 60 == 0:
        return f"{minutes // 60} h"
    return f"{format_minutes(minutes)} h"
