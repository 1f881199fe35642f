"""A client's status follows its engagements unless the user set it by hand.

This step adds `status_by_hand`. A paused client was set so by hand (no engagement makes a client
paused) and keeps its status; every other client follows its engagements from now on.
"""

from __future__ import annotations

from sqlite_utils import Database

from storage.schema import run_statements


def m007_client_status_by_hand(db: Database) -> None:
    from storage.clients import follow_engagements  # the rule, written once

    run_statements(
        db,
        [
            "ALTER TABLE client ADD COLUMN status_by_hand INTEGER NOT NULL DEFAULT 0",
            "UPDATE client SET status_by_hand = 1 WHERE status = 'paused'",
        ],
    )
    for (client_id,) in db.execute("SELECT id FROM client").fetchall():
        follow_engagements(db, int(client_id))
