"""The sync engine between two devices of one practice: changes captured as changesets against
the base, applied by the business rules, and both sides ending with the same practice whichever
device applies first (real encrypted practices, made and edited with storage's own API, closed
before APSW opens them)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from storage.billing import invoices
from storage.decisions import records
from storage.practice import clients, engagements
from storage.rules.errors import ValidationError
from storage.sync import conflicts
from tests.invoice_practice import billed_practice
from tests.storage.sync.engine_support import (
    Device,
    Folder,
    content,
    settle,
    sync,
    two_devices,
)


def _client_practice(db: Database) -> None:
    made = clients.add(db, clients.Client("Acme Robotics", notes="first notes"))
    engagements.add(
        db,
        engagements.Engagement(
            made.id or 0, "Fractional CTO", dt.date(2026, 1, 5), status="active"
        ),
    )


def _client(device: Device, name: str = "Acme Robotics") -> clients.Client:
    with device.practice() as db:
        return next(c for c in clients.list_all(db) if c.name == name)


def _listed(device: Device) -> list[conflicts.Conflict]:
    with device.engine() as engine:
        return conflicts.list_conflicts(engine.main)


def _edit_client(device: Device, **changes: Any) -> None:
    with device.practice() as db:
        client = next(c for c in clients.list_all(db) if c.name == "Acme Robotics")
        clients.update(db, dataclasses.replace(client, **changes))


def test_two_devices_exchange_inserts_edits_and_deletes_both_ways(tmp_path: Path) -> None:
    """Promise: what each device adds, edits and deletes reaches the other, table by table."""
    a, b = two_devices(tmp_path, _client_practice)
    folder = Folder()
    with a.practice() as db:
        clients.add(db, clients.Client("Bravo Labs"))
    with b.practice() as db:
        made = clients.add(db, clients.Client("Charlie Health"))
        b.own_id(db, "client", made.id or 0)
    _edit_client(b, contact_name="Dana")
    settle(a, b, folder)
    assert content(a) == content(b)
    assert {c.name for c in clients.list_all(_open(a))} == {
        "Acme Robotics",
        "Bravo Labs",
        "Charlie Health",
    }
    with a.practice() as db:
        bravo = next(c for c in clients.list_all(db) if c.name == "Bravo Labs")
        clients.delete(db, bravo.id or 0)
    settle(a, b, folder)
    assert content(a) == content(b)
    assert "Bravo Labs" not in {c.name for c in clients.list_all(_open(b))}
    assert _client(a).contact_name == "Dana"


def _open(device: Device) -> Database:
    """A throwaway read through the app's driver (closed by the caller's garbage)."""
    from storage.file.practice import open_database

    return open_database(device.db_file)


def test_nothing_changed_captures_nothing(tmp_path: Path) -> None:
    a, _ = two_devices(tmp_path, _client_practice)
    with a.engine() as engine:
        assert engine.capture() is None
        assert engine.capture(full=True) is None


@pytest.mark.parametrize("later", ["a", "b"])
def test_the_same_field_edited_on_both_sides_takes_the_later_edit_on_both(
    tmp_path: Path, later: str
) -> None:
    """Promise: the later edit wins on both devices, whichever syncs first, and the other value
    is listed on each; a field edited on one side only is merged in, not lost."""
    a, b = two_devices(tmp_path, _client_practice)
    folder = Folder()
    first, second = (b, a) if later == "a" else (a, b)
    _edit_client(first, notes="notes from the earlier edit", email="first@acme.example")
    _edit_client(second, notes="notes from the later edit", role="CEO")
    settle(a, b, folder)
    assert content(a) == content(b)
    client = _client(a)
    assert client.notes == "notes from the later edit"
    assert (client.email, client.role) == ("first@acme.example", "CEO")
    for device in (a, b):
        listed = [c for c in _listed(device) if c.column == "notes"]
        assert len(listed) == 1
        assert listed[0].kept == "notes from the later edit"
        assert listed[0].other == "notes from the earlier edit"


def test_a_flipped_conflict_wins_on_both_devices(tmp_path: Path) -> None:
    a, b = two_devices(tmp_path, _client_practice)
    folder = Folder()
    _edit_client(a, notes="earlier")
    _edit_client(b, notes="later")
    settle(a, b, folder)
    listed = _listed(a)[0]
    with a.engine() as engine:
        flipped = conflicts.flip(engine.main, listed.id)
        assert (flipped.kept, flipped.other, flipped.resolved) == ("earlier", "later", True)
        with pytest.raises(ValidationError, match="already flipped"):
            conflicts.flip(engine.main, listed.id)
    settle(a, b, folder)
    assert _client(b).notes == "earlier"
    assert content(a) == content(b)


@pytest.mark.parametrize("deleter_syncs_first", [True, False])
@pytest.mark.parametrize("deleter", ["a", "b"])
def test_an_edit_against_a_delete_keeps_the_edited_record_on_both(
    tmp_path: Path, deleter: str, deleter_syncs_first: bool
) -> None:
    """Promise: edit beats delete: the record is back, with the edit, on both, and listed."""

    def practice(db: Database) -> None:
        _client_practice(db)
        clients.add(db, clients.Client("Bravo Labs", notes="old"))

    a, b = two_devices(tmp_path, practice)
    folder = Folder()
    deleting, editing = (a, b) if deleter == "a" else (b, a)
    with deleting.practice() as db:
        bravo = next(c for c in clients.list_all(db) if c.name == "Bravo Labs")
        clients.delete(db, bravo.id or 0)
    with editing.practice() as db:
        bravo = next(c for c in clients.list_all(db) if c.name == "Bravo Labs")
        clients.update(db, dataclasses.replace(bravo, notes="edited while the other deleted"))
    order = (deleting, editing) if deleter_syncs_first else (editing, deleting)
    for _ in range(3):
        for device in order:
            sync(device, folder)
    assert content(a) == content(b)
    assert _client(a, "Bravo Labs").notes == "edited while the other deleted"
    for device in (a, b):
        assert any(c.kind == "edit_over_delete" for c in _listed(device))


@pytest.mark.parametrize("deleter", ["a", "b"])
def test_a_record_added_under_a_parent_deleted_on_the_other_side_keeps_its_parent(
    tmp_path: Path, deleter: str
) -> None:
    """Promise: a reported write is never dropped: a time entry logged on one device against an
    engagement the other deleted brings the engagement back on both."""
    from storage.time import time_entries

    a, b = two_devices(tmp_path, _client_practice)
    folder = Folder()
    deleting, logging = (a, b) if deleter == "a" else (b, a)
    with deleting.practice() as db:
        engagement = engagements.list_all(db)[0] if hasattr(engagements, "list_all") else None
        eid = db.execute("SELECT id FROM engagement").fetchone()[0]
        engagements.delete(db, eid)
    with logging.practice() as db:
        eid = db.execute("SELECT id FROM engagement").fetchone()[0]
        made = time_entries.add(
            db, time_entries.TimeEntry(eid, dt.date(2026, 3, 2), "strategy", 90)
        )
        logging.own_id(db, "time_entry", made.id or 0)
    del engagement
    settle(a, b, folder)
    assert content(a) == content(b)
    with a.practice() as db:
        assert db.execute("SELECT count(*) FROM time_entry").fetchone()[0] == 1
        assert db.execute("SELECT count(*) FROM engagement").fetchone()[0] == 1


def test_a_change_to_a_sent_invoice_is_refused_listed_and_both_keep_what_was_sent(
    tmp_path: Path,
) -> None:
    """Promise: what was sent is final: a line edited on one device while the other sent the
    invoice is refused, listed, and both devices hold the invoice as sent."""
    made: dict[str, str] = {}

    def practice(db: Database) -> None:
        ids = billed_practice(db)
        made["number"] = invoices.create_for_month(
            db, ids["acme"], "2026-03", dt.date(2026, 4, 1)
        ).number

    a, b = two_devices(tmp_path, practice)
    folder = Folder()
    with a.practice() as db:
        invoices.mark(db, made["number"], "sent", dt.date(2026, 4, 1))
    with b.practice() as db:
        draft = invoices.get_by_number(db, made["number"])
        line = dataclasses.replace(draft.lines[0], description="Edited on the other device")
        invoices.update_draft(db, dataclasses.replace(draft, lines=(line, *draft.lines[1:])))
    settle(a, b, folder)
    assert content(a) == content(b)
    with b.practice() as db:
        sent = invoices.get_by_number(db, made["number"])
        assert sent.status == "sent"
        assert all(x.description != "Edited on the other device" for x in sent.lines)
    for device in (a, b):
        assert any(c.kind == "refused_final" for c in _listed(device))


@pytest.mark.parametrize("first", ["a", "b"])
def test_a_decision_number_clash_renumbers_the_higher_id_on_both(
    tmp_path: Path, first: str
) -> None:
    """Promise: two decisions given the same number offline end with distinct numbers, the same
    on both devices: the one with the higher id takes the next free number, with a note."""
    a, b = two_devices(tmp_path, _client_practice)
    folder = Folder()
    for device, title in ((a, "Buy the vector database"), (b, "Self-host the model (see D-001)")):
        with device.practice() as db:
            eid = db.execute("SELECT id FROM engagement").fetchone()[0]
            decision = records.add(
                db, records.Decision(eid, title, dt.date(2026, 3, 2), context=f"{title}: D-001")
            )
            device.own_id(db, "decision", decision.id or 0)
    order = (a, b) if first == "a" else (b, a)
    for _ in range(4):
        for device in order:
            sync(device, folder)
    assert content(a) == content(b)
    with a.practice() as db:
        rows = db.execute(
            "SELECT id, number, context, consequences FROM decision ORDER BY id"
        ).fetchall()
        assert [r[1] for r in rows] == [1, 2]
        assert "D-002" in rows[1][2]
        assert "Renumbered from 1 to 2" in rows[1][3]
        assert db.execute("SELECT next_decision_number FROM engagement").fetchone()[0] == 3
    for device in (a, b):
        assert any(c.kind == "renumbered" for c in _listed(device))


def test_a_client_name_clash_renames_the_later_client_on_both(tmp_path: Path) -> None:
    a, b = two_devices(tmp_path, _client_practice)
    folder = Folder()
    with a.practice() as db:
        clients.add(db, clients.Client("Delta Freight"))
    with b.practice() as db:
        made = clients.add(db, clients.Client("delta freight", notes="from b"))
        b.own_id(db, "client", made.id or 0)
    settle(a, b, folder)
    assert content(a) == content(b)
    names = {c.name: c.notes for c in clients.list_all(_open(a))}
    assert names["delta freight (2)"] == "from b"
    assert "Delta Freight" in names
    assert any(c.kind == "renamed" for c in _listed(b))


def test_applying_a_change_twice_or_again_under_a_new_number_does_nothing(tmp_path: Path) -> None:
    """Promise: a change file applied twice is a no-op, and so is a change the other side already
    holds published again (what a kill between the two commits leaves)."""
    a, b = two_devices(tmp_path, _client_practice)
    folder = Folder()
    _edit_client(a, notes="once")
    sync(a, folder)
    sync(b, folder)
    before = content(b)
    seq, meta, changeset = folder.files[a.device_id][0]
    with b.engine() as engine:
        assert engine.apply(a.device_id, seq, meta, changeset).conflicts == 0
        again = engine.apply(a.device_id, seq + 1, meta, changeset)
        assert (again.conflicts, again.refused, again.renumbered) == (0, 0, 0)
        assert engine.applied()[a.device_id] == seq + 1
    assert content(b) == before
    assert _listed(b) == []


def test_a_parent_brought_back_from_its_own_delete_goes_out_again(tmp_path: Path) -> None:
    """Regression: device A deleted a client offline while B added an engagement under it and
    then deleted that engagement. A publishes its delete, then takes B's engagement and brings
    the client back (its parent); B takes A's delete after its engagement is gone. The client
    brought back must reach B too, or A keeps a client B has not."""
    a, b = two_devices(tmp_path, _client_practice)
    folder = Folder()
    with a.practice() as db:
        clients.add(db, clients.Client("Bravo Labs", notes="kept"))
    settle(a, b, folder)
    with a.practice() as db:
        clients.delete(db, _client(a, "Bravo Labs").id or 0)
    with b.practice() as db:
        bravo = next(c for c in clients.list_all(db) if c.name == "Bravo Labs")
        made = engagements.add(
            db, engagements.Engagement(bravo.id or 0, "Advisory", dt.date(2026, 2, 2))
        )
        eid = b.own_id(db, "engagement", made.id or 0)
    sync(b, folder)
    with b.practice() as db:
        engagements.delete(db, eid)
    sync(b, folder)
    settle(a, b, folder)
    assert content(a) == content(b)
    assert any(c.kind == "restored_parent" for c in _listed(a))


def test_a_row_deleted_here_and_brought_back_there_with_nothing_new_stays_deleted(
    tmp_path: Path,
) -> None:
    """Regression: B deleted an engagement; A logged time on it, so B brought the engagement
    back (as the parent of A's entry) and sent it again. A meanwhile deleted the engagement
    itself, later than anything B sent of it: A's delete stands on both, and B's copy coming
    back does not undo it on A."""
    from storage.time import time_entries

    a, b = two_devices(tmp_path, _client_practice)
    folder = Folder()
    with b.practice() as db:
        engagements.delete(db, db.execute("SELECT id FROM engagement").fetchone()[0])
    sync(b, folder)
    with a.practice() as db:
        eid = db.execute("SELECT id FROM engagement").fetchone()[0]
        time_entries.add(db, time_entries.TimeEntry(eid, dt.date(2026, 3, 2), "strategy", 90))
    sync(a, folder)  # publishes the entry; keeps the engagement against B's delete
    sync(b, folder)  # brings the engagement back as the entry's parent, and sends it again
    with a.practice() as db:
        db.execute("DELETE FROM time_entry")
        engagements.delete(db, eid)
    settle(a, b, folder)
    assert content(a) == content(b)
    with a.practice() as db:
        assert db.execute("SELECT count(*) FROM engagement").fetchone()[0] == 0


def test_a_decision_renumbered_then_deleted_and_edited_elsewhere_comes_back_as_edited(
    tmp_path: Path,
) -> None:
    """Regression: B renumbered its own decision on a clash, then deleted it before sending the
    new number; A, holding it under a provisional number, edited it. The edit wins on both, with
    A's number, title and note (never the base's placeholder number)."""
    a, b = two_devices(tmp_path, _client_practice)
    folder = Folder()
    ids = {}
    for device, title in ((a, "Buy the vector database"), (b, "Self-host the model")):
        with device.practice() as db:
            eid = db.execute("SELECT id FROM engagement").fetchone()[0]
            decision = records.add(db, records.Decision(eid, title, dt.date(2026, 3, 2)))
            ids[device.device_id] = device.own_id(db, "decision", decision.id or 0)
    sync(a, folder)
    sync(b, folder)  # B's decision has the higher id: B renumbers it to 2
    sync(a, folder)  # A takes B's decision under a provisional number 2
    theirs = ids[b.device_id]
    with b.practice() as db:
        db.execute("DELETE FROM decision WHERE id = ?", [theirs])
    with a.practice() as db:
        db.execute("UPDATE decision SET outcome = 'Decided on A' WHERE id = ?", [theirs])
    sync(b, folder)
    sync(a, folder)
    settle(a, b, folder)
    assert content(a) == content(b)
    with b.practice() as db:
        number, outcome = db.execute(
            "SELECT number, outcome FROM decision WHERE id = ?", [theirs]
        ).fetchone()
    assert (number, outcome) == (2, "Decided on A")


def test_a_row_brought_back_then_deleted_again_before_it_went_out_is_deleted_on_both(
    tmp_path: Path,
) -> None:
    """Regression: B deleted an engagement; A logged time on it and kept it; B brought it back
    as the entry's parent (owed to A as an insert), then deleted it again, with the entry,
    before its next sync. The second delete must reach A."""
    from storage.time import time_entries

    a, b = two_devices(tmp_path, _client_practice)
    folder = Folder()
    with b.practice() as db:
        eid = db.execute("SELECT id FROM engagement").fetchone()[0]
        engagements.delete(db, eid)
    sync(b, folder)
    with a.practice() as db:
        time_entries.add(db, time_entries.TimeEntry(eid, dt.date(2026, 3, 2), "strategy", 90))
    sync(a, folder)  # publishes the entry; keeps the engagement against B's delete
    sync(b, folder)  # brings the engagement back as the entry's parent
    with b.practice() as db:
        db.execute("DELETE FROM time_entry")
        engagements.delete(db, eid)
    settle(a, b, folder)
    assert content(a) == content(b)
    with a.practice() as db:
        assert db.execute("SELECT count(*) FROM engagement").fetchone()[0] == 0


def test_a_provisional_number_is_no_edit_against_the_delete_of_its_decision(
    tmp_path: Path,
) -> None:
    """Regression: B renumbered its own decision on a clash and deleted it before sending the
    new number; A held it under a provisional number (set by the rule, not an edit). The delete
    stands on both, whichever device id is higher."""
    first, b = two_devices(tmp_path, _client_practice)
    a = Device("c" * 32, 0, first.folder, first.key)  # the higher device id holds the copy
    folder = Folder()
    ids = {}
    for device, title in ((a, "Buy the vector database"), (b, "Self-host the model")):
        with device.practice() as db:
            eid = db.execute("SELECT id FROM engagement").fetchone()[0]
            decision = records.add(db, records.Decision(eid, title, dt.date(2026, 3, 2)))
            ids[device.device_id] = device.own_id(db, "decision", decision.id or 0)
    sync(a, folder)
    sync(b, folder)  # B's decision has the higher id: B renumbers it to 2
    sync(a, folder)  # A takes it under a provisional number 2
    with b.practice() as db:
        db.execute("DELETE FROM decision WHERE id = ?", [ids[b.device_id]])
    settle(a, b, folder)
    assert content(a) == content(b)
    with a.practice() as db:
        assert db.execute("SELECT count(*) FROM decision").fetchone()[0] == 1


def test_a_decision_set_aside_behind_a_provisional_number_gets_its_own_number_back(
    tmp_path: Path,
) -> None:
    """Regression: A set B's first decision aside under a provisional number, and B's second
    decision aside behind it, though B saw no clash for its second. Once B's first takes the
    number B gave it, the second goes back to its own number on A: both end the same."""
    a, b = two_devices(tmp_path, _client_practice)
    folder = Folder()
    with a.practice() as db:
        eid = db.execute("SELECT id FROM engagement").fetchone()[0]
        records.add(db, records.Decision(eid, "Buy the vector database", dt.date(2026, 3, 2)))
    with b.practice() as db:
        for title in ("Self-host the model", "Hire a staff engineer (D-002)"):
            made = records.add(db, records.Decision(eid, title, dt.date(2026, 3, 2)))
            b.own_id(db, "decision", made.id or 0)
    sync(a, folder)
    sync(b, folder)  # B renumbers its first decision to 3 (its second holds 2)
    sync(a, folder)  # A sets both of B's aside: 2 and 3
    settle(a, b, folder)
    assert content(a) == content(b)
    with a.practice() as db:
        numbers = [r[0] for r in db.execute("SELECT number FROM decision ORDER BY id")]
    assert sorted(numbers) == [1, 2, 3]


@pytest.mark.parametrize("seed", [43, 135, 136, 144])
def test_decisions_numbered_on_both_devices_end_with_the_same_numbers(
    tmp_path: Path, seed: int
) -> None:
    """Regression: a decision set aside here under a provisional number (its device gave it
    another, or saw no clash at all) goes back to its device's number once that is free here,
    and gives way to a row its device sent under that number; it is never renumbered here as if
    it were this device's own. Two devices adding and deleting decisions in one engagement and
    syncing at random moments (drills that diverged before) end with the same numbers."""
    import random

    from tests.storage.sync.test_engine_random import _app, _next_id, _pick

    rng = random.Random(seed)
    a, b = two_devices(tmp_path, _client_practice)
    folder = Folder()
    for _ in range(10):
        device = rng.choice([a, b])
        with _app(device) as conn:
            for _ in range(rng.randint(1, 3)):
                if rng.random() < 0.8:
                    with conn:
                        number = conn.execute(
                            "SELECT next_decision_number FROM engagement WHERE id = 1"
                        ).fetchone()[0]
                        conn.execute(
                            "INSERT INTO decision(id, engagement_id, number, title, decided_on, "
                            "created_at) VALUES (?, 1, ?, ?, '2026-03-02', '2026-03-02T09:00')",
                            (_next_id(conn, device, "decision"), number, f"D-{number:03d}"),
                        )
                        conn.execute(
                            "UPDATE engagement SET next_decision_number = next_decision_number "
                            "+ 1 WHERE id = 1"
                        )
                elif (gone := _pick(conn, rng, "decision")) is not None:
                    conn.execute("DELETE FROM decision WHERE id = ?", (gone,))
        if rng.random() < 0.8:
            sync(device, folder)
    settle(a, b, folder, rounds=5)
    assert content(a) == content(b)
