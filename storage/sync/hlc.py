"""A hybrid logical clock: wall-clock milliseconds shifted left 16 bits, plus a counter.

A stamp is always greater than every stamp this device has made or seen, so two edits of one
field compare by when they were made even when one machine's clock is a little behind, and never
tie on one device. The row-clock triggers compute the same value in SQL (`SQL_NEXT`).
"""

from __future__ import annotations

import time

SHIFT = 16

# The next stamp in SQL, for the row-clock triggers: wall ms << 16, or one more than the latest.
SQL_WALL = "(CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) << 16)"
SQL_NEXT = f"max({SQL_WALL}, coalesce((SELECT max(hlc) FROM sync_row_clock), 0) + 1)"


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


def pack(ms: int, counter: int = 0) -> int:
    return (ms << SHIFT) | counter


def unpack(stamp: int) -> tuple[int, int]:
    """(wall ms, counter) of a stamp, for showing when an edit was made."""
    return stamp >> SHIFT, stamp & ((1 << SHIFT) - 1)


def tick(latest: int, now_ms: int | None = None) -> int:
    """The next stamp after `latest` (the greatest stamp made or seen here)."""
    return max(pack(wall_ms() if now_ms is None else now_ms), latest + 1)


def receive(latest: int, remote: int) -> int:
    """The latest stamp once a remote one has been seen: never goes back."""
    return max(latest, remote)
