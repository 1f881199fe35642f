"""Today and now, in one place, so tests and the sample practice can pin them."""

from __future__ import annotations

import datetime as dt


def today() -> dt.date:
    return dt.date.today()


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
