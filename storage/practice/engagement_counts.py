"""How many engagements are under way, per client: what the window reads before its first paint
(to open on the Portfolio when there are several) and the Clients table shows, in a module of
its own so that the first does not load the engagements' records."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.rules.vocabulary import RUNNING_STATUSES

if TYPE_CHECKING:
    from sqlite_utils import Database


def running_counts(db: Database) -> dict[int, int]:
    """Engagements under way (active or exiting) per client id: the Clients table's column."""
    marks = ", ".join("?" for _ in RUNNING_STATUSES)
    sql = f"SELECT client_id, count(*) FROM engagement WHERE status IN ({marks}) GROUP BY client_id"
    found = db.execute(sql, RUNNING_STATUSES).fetchall()
    return {int(client_id): int(n) for client_id, n in found}
