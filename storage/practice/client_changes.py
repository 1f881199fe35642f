"""The Clients tab's writes to a client, each returning the `Change` it made.

Each one reads the client, checks it against what the caller showed (`expected`), writes and
reads it again under one write lock, so undo puts back exactly what the write replaced and an
edit never overwrites, unasked, what another window or the command line saved meanwhile.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.file.changes import CLIENT, Change, ChangedElsewhereError, kinds
from storage.practice import clients
from storage.practice.clients import Client
from storage.practice.presence import SnapshotChange, added, bring_back, removed
from storage.practice.snapshots import Snapshot

if TYPE_CHECKING:
    from sqlite_utils import Database

ClientChange = Change[Client]


def add(db: Database, client: Client) -> SnapshotChange:
    """Store a new client; the change's `after` is the client as stored."""
    with db.atomic():
        stored = clients.add(db, client)
        return added(db, "client", stored.id or 0)


def update(db: Database, client: Client, *, expected: Client | None = None) -> ClientChange:
    """Store the client's new values.

    Raises ChangedElsewhereError (carrying the stored client) when it is no longer `expected`,
    ValidationError when a field is refused, NotFoundError when it was deleted; nothing is
    written in any of those cases.
    """
    if client.id is None:
        raise ValueError("update needs a stored client")
    clients.validate(client)
    with db.atomic():
        before = clients.get(db, client.id)
        if expected is not None and before != expected:
            raise ChangedElsewhereError("name", before)
        clients.update(db, client)
        after = clients.get(db, client.id)
    return Change(before, after, kinds(CLIENT))


def delete(db: Database, client_id: int) -> SnapshotChange:
    """Delete the client with everything recorded for it; `before` holds all of it."""
    return removed(db, "client", client_id, clients.delete)


def restore(db: Database, snapshot: Snapshot) -> SnapshotChange:
    """Undo of a delete, redo of an add: the client comes back whole, with its ids."""
    return bring_back(db, snapshot)
