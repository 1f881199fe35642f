"""Dates in every contract: ISO text, or null."""

from __future__ import annotations

import datetime as dt


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
