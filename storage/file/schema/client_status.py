"""A client's status follows its engagements unless the user set it by hand.

This step adds `status_by_hand`. A paused client was set so by hand (no engagement makes a client
paused) and keeps its status; every other client follows its engagements from now on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.file.schema import run_statements

if TYPE_CHECKING:
    from sqlite_utils import Database


def m007_client_status_by_hand(db: Database) -> None:
    run_statements(
        db,
        [
            "ALTER TABLE client ADD COLUMN status_by_hand INTEGER NOT NULL DEFAULT 0",
            "UPDATE client SET status_by_hand = 1 WHERE status = 'paused'",
        ],
    )
    # The rule as it stood when this step was released (a step never changes afterwards):
    # active while an engagement is under way, former once all have ended, else a prospect.
    db.execute(
        """
        UPDATE client SET status = CASE
            WHEN EXISTS (SELECT 1 FROM engagement e WHERE e.client_id = client.id
                         AND e.status IN ('active', 'exiting')) THEN 'active'
            WHEN NOT EXISTS (SELECT 1 FROM engagement e WHERE e.client_id = client.id
                             AND e.status != 'ended') THEN 'former'
            ELSE 'prospect' END
        WHERE status_by_hand = 0
          AND EXISTS (SELECT 1 FROM engagement e WHERE e.client_id = client.id)
        """
    )
