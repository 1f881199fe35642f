"""Client and engagement writes return what they changed, read under their own write lock; a
write told what the editor last saw refuses, writing nothing, when a second connection (another
window, the command line) saved in between; putting `before` back and then `after` restores each
side exactly."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlite_utils import Database

from storage.file import ChangedElsewhereError
from storage.practice import (
    Client,
    Deliverable,
    client_changes,
    clients,
    engagement_changes,
    engagements,
    presence,
)
from storage.practice.engagements import Engagement
from storage.time import TimeEntry, time_entries


def test_a_client_edit_returns_the_client_before_and_after(db: Database) -> None:
    added = client_changes.add(db, Client("Acme Robotics"))
    stored = clients.get(db, presence.record_id(added))
    assert added.before is None
    assert added.kinds == frozenset({"client"})
    change = client_changes.update(db, dataclasses.replace(stored, email="cto@acme.io"))
    assert change.before == stored
    assert change.after == dataclasses.replace(stored, email="cto@acme.io")
    assert change.kinds == frozenset({"client"})


def test_a_stale_client_edit_writes_nothing_and_carries_what_is_stored(
    db: Database, other: Database
) -> None:
    shown = clients.add(db, Client("Acme Robotics"))
    clients.update(other, dataclasses.replace(shown, contact_name="Maya Okafor"))
    with pytest.raises(ChangedElsewhereError) as raised:
        client_changes.update(db, dataclasses.replace(shown, email="cto@acme.io"), expected=shown)
    assert raised.value.stored.contact_name == "Maya Okafor"
    assert clients.get(db, shown.id or 0).email == ""


def test_undo_then_redo_of_a_client_edit_restores_each_side(db: Database) -> None:
    shown = clients.add(db, Client("Acme Robotics"))
    change = client_changes.update(db, dataclasses.replace(shown, notes="Series A"))
    assert change.before is not None
    assert change.after is not None
    client_changes.update(db, change.before, expected=change.after)
    assert clients.get(db, shown.id or 0) == shown
    client_changes.update(db, change.after, expected=change.before)
    assert clients.get(db, shown.id or 0) == change.after


def test_deleting_a_client_records_everything_it_took_and_brings_it_back(
    db: Database, acme: int
) -> None:
    client_id = engagements.get(db, acme).client_id
    time_entries.add(db, TimeEntry(acme, dt.date(2026, 3, 30), "strategy", 60, "Roadmap"))
    change = client_changes.delete(db, client_id)
    assert change.after is None
    assert change.before is not None
    assert change.kinds >= {"client", "engagement", "commitment", "time_entry"}
    assert clients.list_all(db) == []
    client_changes.restore(db, change.before)
    assert engagements.get(db, acme).client_id == client_id
    assert [
        e.minutes for e in time_entries.list_cell(db, acme, "strategy", dt.date(2026, 3, 30))
    ] == [60]


def test_an_engagement_edit_returns_its_rows_before_and_after(db: Database, acme: int) -> None:
    shown = engagements.saved_state(db, engagements.get(db, acme))
    edited = dataclasses.replace(shown.engagement, title="Fractional AI CTO")
    change = engagement_changes.save(
        db, edited, deliverables=[Deliverable(acme, "Roadmap")], expected=shown
    )
    assert change.before is not None
    assert change.after is not None
    assert engagement_changes.same(change.before, shown)
    assert change.after.engagement.title == "Fractional AI CTO"
    assert [d.title for d in change.after.deliverables] == ["Roadmap"]
    assert change.kinds == frozenset({"engagement", "commitment", "client"})


def test_a_stale_engagement_edit_writes_nothing(db: Database, other: Database, acme: int) -> None:
    shown = engagements.saved_state(db, engagements.get(db, acme))
    engagements.update(other, dataclasses.replace(shown.engagement, days_per_week=3.0))
    edited = dataclasses.replace(shown.engagement, title="Fractional AI CTO")
    with pytest.raises(ChangedElsewhereError) as raised:
        engagement_changes.save(db, edited, phases=[], expected=shown)
    assert raised.value.stored.engagement.days_per_week == 3.0
    assert engagements.get(db, acme).title == "Fractional CTO"


def test_undo_then_redo_of_an_engagement_edit_restores_each_side(db: Database, acme: int) -> None:
    shown = engagements.saved_state(db, engagements.get(db, acme))
    edited = dataclasses.replace(shown.engagement, title="Advisory", days_per_week=1.0)
    change = engagement_changes.save(db, edited, deliverables=[Deliverable(acme, "Audit")])
    assert change.before is not None
    assert change.after is not None
    undone = engagement_changes.restore_state(db, change.before, expected=change.after)
    assert undone.after is not None
    assert engagement_changes.same(undone.after, shown)
    redone = engagement_changes.restore_state(db, change.after, expected=undone.after)
    assert redone.after is not None
    assert engagement_changes.same(redone.after, change.after)


def test_undo_of_an_edit_refuses_when_the_engagement_moved_since(
    db: Database, other: Database, acme: int
) -> None:
    shown = engagements.saved_state(db, engagements.get(db, acme))
    change = engagement_changes.save(db, dataclasses.replace(shown.engagement, title="Advisory"))
    assert change.before is not None
    engagements.update(other, dataclasses.replace(engagements.get(other, acme), title="Audit"))
    with pytest.raises(ChangedElsewhereError):
        engagement_changes.restore_state(db, change.before, expected=change.after)
    assert engagements.get(db, acme).title == "Audit"


def test_adding_and_deleting_an_engagement_record_it_whole(db: Database) -> None:
    client = clients.add(db, Client("Globex"))
    new = Engagement(client.id or 0, "Fractional CTO", dt.date(2026, 2, 2), status="active")
    added = engagement_changes.add(db, new, phases=[])
    engagement_id = presence.record_id(added)
    assert added.kinds >= {"engagement", "commitment", "client"}
    assert clients.get(db, client.id or 0).status == "active"  # follows the engagement
    deleted = engagement_changes.delete(db, engagement_id)
    assert deleted.before is not None
    assert engagements.list_all(db, client_id=client.id) == []
    engagement_changes.restore(db, deleted.before)
    assert engagements.get(db, engagement_id).title == "Fractional CTO"
