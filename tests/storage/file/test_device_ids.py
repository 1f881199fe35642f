"""Ids per device in a synced practice: every record kind the app inserts takes its id from the
device's range, a practice that does not sync numbers as before, and two copies of one practice
adding records offline never make the same id."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlite_utils import Database

from storage.file import ids
from storage.file.device import Device, become_device, stop_syncing, this_device
from storage.file.practice import open_database
from storage.practice import clients
from storage.rules.errors import ValidationError
from tests.storage.file.every_kind import (
    IMPORTED,
    KINDS,
    add_every_kind,
    import_toggl,
    integer_id_tables,
)

RANGE = 2**40


def _ids(db: Database, tables: list[str]) -> dict[str, list[int]]:
    return {t: [r[0] for r in db.execute(f"SELECT id FROM [{t}] ORDER BY id")] for t in tables}


def test_a_practice_that_does_not_sync_numbers_from_one(db: Database) -> None:
    assert this_device(db) is None
    made = [add_every_kind(db, "solo", i) for i in range(3)]
    assert [m["client"] for m in made] == [1, 2, 3]
    assert [m["decision"] for m in made] == [1, 2, 3]
    assert [m["invoice"] for m in made] == [1, 2, 3]


def test_every_kind_of_record_takes_its_id_from_the_devices_range(
    db: Database, data_dir: Path
) -> None:
    add_every_kind(db, "before", 0)  # made before sync: ids kept, the range starts after them
    become_device(db, "b" * 32, 5, "B", "Laptop")
    before = _ids(db, integer_id_tables(db))
    made = add_every_kind(db, "after", 1)
    import_toggl(db, data_dir, made["engagement"])
    after = _ids(db, integer_id_tables(db))
    new = {t: sorted(set(after[t]) - set(before[t])) for t in after}
    for table in (*KINDS, "time_import"):
        assert new[table], f"no {table} was made"
        assert all(5 * RANGE < i < 6 * RANGE for i in new[table]), table
        assert new[table][0] == 5 * RANGE + 1, table  # the first in an empty range
    entries = [r[0] for r in db.execute("SELECT entry_id FROM time_import_row")]
    assert entries
    assert all(5 * RANGE < i < 6 * RANGE for i in entries)
    assert before["client"] == [1]  # existing ids keep their values


def test_the_first_device_keeps_counting_after_the_existing_ids(db: Database) -> None:
    add_every_kind(db, "before", 0)
    become_device(db, "a" * 32, 0, "", "Desk")
    assert add_every_kind(db, "after", 1)["client"] == 2


def test_a_device_set_up_by_another_process_is_seen_on_the_next_insert(
    db: Database, other: Database
) -> None:
    become_device(other, "c" * 32, 7, "C", "Other")
    client = clients.add(db, clients.Client("Seen at once")).id or 0
    assert 7 * RANGE < client < 8 * RANGE
    stop_syncing(other)
    assert this_device(db) is None


def test_two_copies_of_one_practice_never_make_the_same_id(tmp_path: Path) -> None:
    shared = tmp_path / "shared.db"
    first = open_database(shared, encrypt=False)
    for i in range(3):
        add_every_kind(first, "shared", i)
    first.close()
    copies = []
    for number, code, folder in ((0, "", "desk"), (5, "B", "laptop")):
        (tmp_path / folder).mkdir()
        path = tmp_path / folder / "practice.db"
        shutil.copyfile(shared, path)
        copy = open_database(path, encrypt=False)
        become_device(copy, folder * 4, number, code, folder)
        copies.append(copy)
    tables = integer_id_tables(copies[0])
    base = _ids(copies[0], tables)
    for copy, tag in zip(copies, ("desk", "laptop"), strict=True):
        made = {}
        for i in range(50):
            made = add_every_kind(copy, tag, i)
        import_toggl(copy, tmp_path / tag, made["engagement"])
    added = [{t: set(v) - set(base[t]) for t, v in _ids(c, tables).items()} for c in copies]
    for table in (*KINDS, *IMPORTED[:1]):
        least = 1 if table == "time_import" else 50
        assert len(added[0][table]) >= least, table
        assert len(added[1][table]) >= least, table
        assert not added[0][table] & added[1][table], f"{table} ids collide"
        assert all(i < RANGE for i in added[0][table])
        assert all(5 * RANGE < i < 6 * RANGE for i in added[1][table])
    for copy in copies:
        copy.close()


def test_become_device_refuses_what_cannot_be_a_device(db: Database) -> None:
    with pytest.raises(ValidationError, match="number: must be"):
        become_device(db, "d" * 32, 2**20, "B", "")
    with pytest.raises(ValidationError, match="series_code"):
        become_device(db, "d" * 32, 3, "b", "")
    with pytest.raises(ValidationError, match="series_code"):
        become_device(db, "d" * 32, 3, "ABC", "")
    with pytest.raises(ValidationError, match="device_id"):
        become_device(db, "", 3, "B", "")
    assert this_device(db) is None
    made = become_device(db, "d" * 32, 3, "AB", "Spare")
    assert this_device(db) == made == Device("d" * 32, 3, "AB", "Spare")
    assert made.id_range == (3 * RANGE, 4 * RANGE)
    become_device(db, "e" * 32, 4, "C", "Other")  # one row at most: the new device replaces it
    assert db.execute("SELECT count(*) FROM sync_device").fetchone()[0] == 1


def test_the_allocator_reads_one_range(db: Database) -> None:
    become_device(db, "f" * 32, 2, "B", "")
    assert ids.next_id(db, "client") == 2 * RANGE + 1
    db.execute("INSERT INTO client (id, name, created_at) VALUES (?, 'Far', '')", [3 * RANGE + 9])
    # another device's row is not in the way; an id asked for is taken, never given again
    assert ids.next_id(db, "client") == 2 * RANGE + 2
    stop_syncing(db)
    assert ids.next_id(db, "client") == 3 * RANGE + 10


def test_a_practice_written_to_json_leaves_the_device_behind(tmp_path: Path) -> None:
    from storage.transfer import practice_json

    source = open_database(tmp_path / "synced.db", encrypt=False)
    become_device(source, "g" * 32, 6, "B", "Laptop")
    made = add_every_kind(source, "json", 0)
    written = practice_json.dump(source)
    assert not any(t.startswith("sync_") for t in written["tables"])
    fresh = open_database(tmp_path / "fresh.db", encrypt=False)
    practice_json.restore_practice(fresh, written)
    assert this_device(fresh) is None
    assert [r[0] for r in fresh.execute("SELECT id FROM client")] == [made["client"]]
    for db in (source, fresh):
        db.close()


def test_a_file_opened_before_its_sync_step_does_not_sync(tmp_path: Path) -> None:
    fixtures = Path(__file__).parents[2] / "fixtures"
    shutil.copyfile(fixtures / "schema-v9.sqlite3", tmp_path / "old.db")  # the last before sync
    old = open_database(tmp_path / "old.db", migrate=False, encrypt=False)
    assert this_device(old) is None
    assert ids.device_number(old) is None
    from storage.billing import invoice_numbers

    assert invoice_numbers.device_code(old) == ""
    old.close()


def test_an_id_whose_row_was_deleted_is_never_given_again(db: Database, data_dir: Path) -> None:
    """The other device may bring a deleted row back (an edit beats a delete): its id must still
    name that record only, so the device never gives it to a new one."""
    become_device(db, "c" * 32, 3, "C", "Desk")
    first = clients.add(db, clients.Client(name="Deleted soon")).id or 0
    second = clients.add(db, clients.Client(name="Deleted too")).id or 0
    clients.delete(db, second)
    clients.delete(db, first)
    third = clients.add(db, clients.Client(name="Made after")).id or 0
    assert third == second + 1 == first + 2
    engagement = add_every_kind(db, "kept", 0)["engagement"]
    import_toggl(db, data_dir, engagement)
    imported = [r[0] for r in db.execute("SELECT entry_id FROM time_import_row")]
    assert imported
    db.execute("DELETE FROM time_entry WHERE id >= ?", [min(imported)])
    assert ids.next_id(db, "time_entry") == max(imported) + 1
