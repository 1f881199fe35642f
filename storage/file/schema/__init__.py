"""Schema steps, one module per area; `storage.file.migrations` applies them in order.

A released step is never edited: a change to the schema is a new step.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


def run_statements(db: Database, statements: Iterable[str]) -> None:
    """Execute each statement inside the caller's transaction (never executescript, which commits)."""
    for sql in statements:
        db.execute(sql)
