"""The sync folder with real files: what one device writes another reads, whole or not at all,
through a folder service that delivers late, out of order, twice, half-written, or with its
own conflicted copies; a full disk leaves nothing under a real name."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from storage.rules.errors import StorageWriteError
from storage.sqlite import sqlite3
from storage.sync import folder as folder_module
from storage.sync.folder import (
    CHANGE_LIMIT,
    FOLDER_NAME,
    SNAPSHOT_LIMIT,
    DeviceInfo,
    Refusal,
    SeqTakenError,
    SyncFolder,
    SyncFolderError,
)
from storage.sync.sealed import (
    BAD_CONTENT,
    CHANGED,
    MOVED,
    OTHER_PRACTICE,
    TOO_LARGE,
    Header,
    seal,
)

KEY = bytes(range(32))
LAPTOP = "a" * 32
DESK = "d" * 32


@pytest.fixture
def root(tmp_path: Path) -> Path:
    chosen = tmp_path / "Dropbox"
    chosen.mkdir()
    return chosen


@pytest.fixture
def shared(root: Path) -> SyncFolder:
    return SyncFolder.open(root, KEY, create=True)


def _info(device_id: str, name: str = "Laptop", **changes: object) -> DeviceInfo:
    values: dict[str, object] = {
        "device_id": device_id,
        "name": name,
        "number": 0,
        "series_code": "",
        "applied": {},
        "removed": frozenset(),
        "hlc": 1,
        "schema": "m040_example",
    }
    values.update(changes)
    return DeviceInfo(**values)  # type: ignore[arg-type]


def _write_changes(shared: SyncFolder, device_id: str, seqs: range) -> None:
    for seq in seqs:
        shared.write_change(device_id, seq, {"seq": seq, "hlc": seq * 10}, f"cs{seq}".encode())


def _seqs(shared: SyncFolder, device_id: str, after: int = 0) -> list[int]:
    return [change.seq for change in shared.changes_after(device_id, after)]


def _names(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def _database(path: Path, rows: int = 50) -> Path:
    conn = sqlite3.connect(str(path))
    conn.execute("CREATE TABLE client (id INTEGER PRIMARY KEY, name TEXT)")
    conn.executemany(
        "INSERT INTO client VALUES (?, ?)", [(i, f"Client {i}" * 20) for i in range(rows)]
    )
    conn.commit()
    conn.close()
    return path


# Opening


def test_a_missing_folder_is_one_plain_error(tmp_path: Path) -> None:
    with pytest.raises(SyncFolderError, match="is not there") as missing:
        SyncFolder.open(tmp_path / "gone", KEY, create=True)
    assert isinstance(missing.value, StorageWriteError)  # the app's storage errors, an OSError
    assert missing.value.errno == errno.ENOENT
    assert not (tmp_path / "gone").exists()


def test_a_folder_never_set_up_is_refused_until_created(root: Path) -> None:
    with pytest.raises(SyncFolderError, match=FOLDER_NAME):
        SyncFolder.open(root, KEY)
    SyncFolder.open(root, KEY, create=True)
    assert (root / FOLDER_NAME / "devices").is_dir()
    assert SyncFolder.open(root, KEY).device_ids() == []


# Devices


def test_a_device_file_round_trips(shared: SyncFolder) -> None:
    info = _info(
        LAPTOP, "Laptop ✓", number=3, series_code="B", applied={DESK: 12}, removed={"f" * 32}
    )
    shared.write_device(info)
    assert shared.devices() == [info]
    assert (shared.base / "devices" / LAPTOP / "device.fdsync").is_file()
    sealed_bytes = (shared.base / "devices" / LAPTOP / "device.fdsync").read_bytes()
    assert b"Laptop" not in sealed_bytes
    shared.write_device(_info(LAPTOP, hlc=99))
    assert [d.hlc for d in shared.devices()] == [99]


def test_a_device_folder_that_appears_later_is_seen(root: Path, shared: SyncFolder) -> None:
    shared.write_device(_info(LAPTOP))
    reader = SyncFolder.open(root, KEY)
    assert [d.device_id for d in reader.devices()] == [LAPTOP]
    (shared.base / "devices" / DESK).mkdir()  # the folder arrives before its file
    assert [d.device_id for d in reader.devices()] == [LAPTOP]
    SyncFolder.open(root, KEY).write_device(_info(DESK, "Desk"))
    assert [(d.device_id, d.name) for d in reader.devices()] == [(LAPTOP, "Laptop"), (DESK, "Desk")]
    assert reader.refused == []


def test_a_device_file_of_another_practice_or_changed_is_refused(
    root: Path, shared: SyncFolder
) -> None:
    SyncFolder.open(root, os.urandom(32)).write_device(_info(DESK, "Theirs"))
    shared.write_device(_info(LAPTOP))
    path = shared.base / "devices" / LAPTOP / "device.fdsync"
    data = bytearray(path.read_bytes())
    data[-5] ^= 1
    path.write_bytes(bytes(data))
    assert shared.devices() == []
    assert shared.refused == [
        Refusal(path, CHANGED),
        Refusal(shared.base / "devices" / DESK / "device.fdsync", OTHER_PRACTICE),
    ]


def test_a_device_file_sealed_right_but_in_another_shape_is_refused(shared: SyncFolder) -> None:
    path = shared.base / "devices" / LAPTOP / "device.fdsync"
    path.parent.mkdir(parents=True)
    body = json.dumps({"device_id": LAPTOP, "name": 5}).encode()
    path.write_bytes(seal(shared.keys, Header("device", shared.keys.sync_id, LAPTOP, 0), body))
    assert shared.devices() == []
    assert shared.refused == [Refusal(path, BAD_CONTENT)]


# Change files


def test_changes_round_trip_in_order(root: Path, shared: SyncFolder) -> None:
    big = os.urandom(300_000)
    shared.write_change(LAPTOP, 1, {"seq": 1, "row_clocks": [["client", "[1]", 5]]}, b"first")
    shared.write_change(LAPTOP, 2, {"seq": 2}, big)
    shared.write_change(LAPTOP, 3, {"seq": 3}, b"")
    reader = SyncFolder.open(root, KEY)
    changes = list(reader.changes_after(LAPTOP, 0))
    assert [(c.device_id, c.seq) for c in changes] == [(LAPTOP, 1), (LAPTOP, 2), (LAPTOP, 3)]
    assert changes[0].meta == {"seq": 1, "row_clocks": [["client", "[1]", 5]]}
    assert changes[0].changeset == b"first"
    assert changes[1].changeset == big
    assert changes[2].changeset == b""
    assert _seqs(reader, LAPTOP, 2) == [3]
    assert _seqs(reader, LAPTOP, 3) == []
    assert reader.last_seq(LAPTOP) == 3
    assert reader.last_seq(DESK) == 0
    assert _names(shared.base) == {
        f"devices/{LAPTOP}/changes/{seq:012d}.fdchange" for seq in (1, 2, 3)
    }


def test_a_number_is_never_written_twice(shared: SyncFolder) -> None:
    _write_changes(shared, LAPTOP, range(1, 3))
    with pytest.raises(SeqTakenError):
        shared.write_change(LAPTOP, 2, {}, b"other")
    assert next(iter(shared.changes_after(LAPTOP, 1))).changeset == b"cs2"
    assert shared.last_seq(LAPTOP) + 1 == 3


@pytest.mark.parametrize("where", ["header", "nonce", "ciphertext", "tag"])
def test_one_byte_changed_refuses_that_file_and_everything_after_it(
    shared: SyncFolder, where: str
) -> None:
    _write_changes(shared, LAPTOP, range(1, 5))
    path = shared.change_path(LAPTOP, 2)
    data = bytearray(path.read_bytes())
    header = len(Header("change", shared.keys.sync_id, LAPTOP, 2).encode())
    at = {"header": 10, "nonce": header + 2, "ciphertext": header + 14, "tag": len(data) - 1}
    data[at[where]] ^= 1
    path.write_bytes(bytes(data))
    assert _seqs(shared, LAPTOP) == [1]
    assert _seqs(shared, LAPTOP, 2) == [3, 4]  # the engine never asks past a refused file
    assert [r.path for r in shared.refused] == [path]
    assert shared.refused[0].reason in {CHANGED, OTHER_PRACTICE, MOVED}


def test_a_change_file_of_another_practice_is_refused(root: Path, shared: SyncFolder) -> None:
    theirs = SyncFolder.open(root, os.urandom(32))
    _write_changes(theirs, LAPTOP, range(1, 3))
    assert _seqs(shared, LAPTOP) == []
    assert shared.refused == [Refusal(shared.change_path(LAPTOP, 1), OTHER_PRACTICE)]


def test_a_file_copied_under_another_number_or_device_is_refused(shared: SyncFolder) -> None:
    _write_changes(shared, LAPTOP, range(1, 3))
    shutil.copy(shared.change_path(LAPTOP, 2), shared.change_path(LAPTOP, 3))
    shared.change_path(DESK, 1).parent.mkdir(parents=True)
    shutil.copy(shared.change_path(LAPTOP, 1), shared.change_path(DESK, 1))
    assert _seqs(shared, LAPTOP) == [1, 2]
    assert _seqs(shared, DESK) == []
    assert shared.refused == [
        Refusal(shared.change_path(LAPTOP, 3), MOVED),
        Refusal(shared.change_path(DESK, 1), MOVED),
    ]


def test_temporaries_and_the_services_copies_are_ignored_never_read(shared: SyncFolder) -> None:
    _write_changes(shared, LAPTOP, range(1, 3))
    changes = shared.change_path(LAPTOP, 1).parent
    whole = shared.change_path(LAPTOP, 2).read_bytes()
    shared.change_path(LAPTOP, 2).unlink()
    strays = [
        ".000000000002.fdchange.tmp-0123456789ab",  # a partial temporary
        "000000000002 (conflicted copy 2026-12-07).fdchange",  # Dropbox
        "000000000002 (1).fdchange",  # OneDrive, Google Drive
        "000000000002.sync-conflict-20261207-101500-ABCDEFG.fdchange",  # Syncthing
        ".syncthing.000000000002.fdchange.tmp",  # Syncthing, mid-transfer
        "000000000002 (Case Conflict).fdchange",  # Dropbox
        "000000000002.FDCHANGE",
        "2.fdchange",
        ".DS_Store",
    ]
    for name in strays:
        (changes / name).write_bytes(whole)
    device = shared.device_folder(LAPTOP)
    (device / "device (conflicted copy).fdsync").write_bytes(b"x")
    (shared.base / "devices" / "desktop.ini").write_bytes(b"x")
    shared.write_device(_info(LAPTOP))
    assert _seqs(shared, LAPTOP) == [1]  # number 2 is not delivered yet
    assert shared.last_seq(LAPTOP) == 1
    assert [d.device_id for d in shared.devices()] == [LAPTOP]
    assert shared.refused == []
    assert sorted(p.name for p in shared.ignored) == sorted(
        [*strays, "device (conflicted copy).fdsync", "desktop.ini"]
    )


def test_files_delivered_late_out_of_order_and_twice(tmp_path: Path, shared: SyncFolder) -> None:
    """The writer's folder and the reader's are two copies; the service copies files across
    in its own order."""
    _write_changes(shared, LAPTOP, range(1, 6))
    (tmp_path / "Elsewhere").mkdir()
    reader = SyncFolder.open(tmp_path / "Elsewhere", KEY, create=True)
    reader.device_folder(LAPTOP).joinpath("changes").mkdir(parents=True)

    def deliver(seq: int) -> None:
        shutil.copy2(shared.change_path(LAPTOP, seq), reader.change_path(LAPTOP, seq))

    for seq in (3, 5):
        deliver(seq)
    assert _seqs(reader, LAPTOP) == []
    deliver(1)
    assert _seqs(reader, LAPTOP) == [1]
    deliver(2)
    assert _seqs(reader, LAPTOP) == [1, 2, 3]
    assert reader.last_seq(LAPTOP) == 3
    deliver(2)  # the same file again
    deliver(4)
    assert _seqs(reader, LAPTOP, 3) == [4, 5]
    assert [c.changeset for c in reader.changes_after(LAPTOP, 0)] == [
        f"cs{seq}".encode() for seq in range(1, 6)
    ]
    assert reader.refused == []


def test_a_half_delivered_file_is_refused_until_it_is_whole(
    tmp_path: Path, shared: SyncFolder
) -> None:
    _write_changes(shared, LAPTOP, range(1, 3))
    (tmp_path / "Elsewhere").mkdir()
    reader = SyncFolder.open(tmp_path / "Elsewhere", KEY, create=True)
    target = reader.change_path(LAPTOP, 1)
    target.parent.mkdir(parents=True)
    whole = shared.change_path(LAPTOP, 1).read_bytes()
    target.write_bytes(whole[: len(whole) // 2])
    assert _seqs(reader, LAPTOP) == []
    assert [r.path for r in reader.refused] == [target]
    target.write_bytes(whole)
    shutil.copy2(shared.change_path(LAPTOP, 2), reader.change_path(LAPTOP, 2))
    assert _seqs(SyncFolder.open(tmp_path / "Elsewhere", KEY), LAPTOP) == [1, 2]


def test_a_device_offline_for_a_month_catches_up_in_order(shared: SyncFolder) -> None:
    _write_changes(shared, LAPTOP, range(1, 401))
    assert _seqs(shared, LAPTOP, 17) == list(range(18, 401))


def test_a_change_file_over_the_limit_is_refused_unread(shared: SyncFolder) -> None:
    _write_changes(shared, LAPTOP, range(1, 2))
    path = shared.change_path(LAPTOP, 2)
    with path.open("wb") as sparse:
        sparse.truncate(CHANGE_LIMIT + 1)
    assert _seqs(shared, LAPTOP) == [1]
    assert shared.refused == [Refusal(path, TOO_LARGE)]


def test_listing_ten_thousand_files_is_one_directory_read_and_no_file_opened(
    shared: SyncFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    changes = shared.change_path(LAPTOP, 1).parent
    changes.mkdir(parents=True)
    for seq in range(1, 10_001):
        (changes / f"{seq:012d}.fdchange").touch()  # empty: opening one would refuse it
    scans: list[str] = []
    real_scandir = os.scandir

    def counted(path: Path) -> object:
        scans.append(str(path))
        return real_scandir(path)

    monkeypatch.setattr(folder_module.os, "scandir", counted)
    assert shared.last_seq(LAPTOP) == 10_000
    assert len(shared.change_seqs(LAPTOP)) == 10_000
    assert scans == [str(changes)] * 2
    assert shared.refused == []
    assert shared.ignored == []


# Snapshots


def test_a_snapshot_round_trips_the_database_bytes(
    tmp_path: Path, root: Path, shared: SyncFolder
) -> None:
    database = _database(tmp_path / "copy.sqlite3", rows=3000)
    path = shared.write_snapshot(LAPTOP, 12, {"hlc": 77, "applied": {LAPTOP: 12}}, database)
    assert path == shared.base / "devices" / LAPTOP / "snapshots" / "000000000012.fdsnap"
    assert path.stat().st_size < database.stat().st_size  # compressed
    assert b"Client" not in path.read_bytes()
    found = SyncFolder.open(root, KEY).newest_snapshot()
    assert found is not None
    assert (found.device_id, found.seq, found.meta, found.path) == (
        LAPTOP,
        12,
        {"hlc": 77, "applied": {LAPTOP: 12}},
        path,
    )
    target = tmp_path / "data" / "started.sqlite3"
    target.parent.mkdir(parents=True, exist_ok=True)
    shared.unpack_snapshot(found, target)
    assert target.read_bytes() == database.read_bytes()
    assert sqlite3.connect(str(target)).execute("SELECT count(*) FROM client").fetchone() == (3000,)
    with pytest.raises(FileExistsError):
        shared.unpack_snapshot(found, target)


def test_the_newest_snapshot_that_opens_is_used(tmp_path: Path, shared: SyncFolder) -> None:
    assert shared.newest_snapshot() is None
    database = _database(tmp_path / "copy.sqlite3")
    oldest = shared.write_snapshot(LAPTOP, 5, {"hlc": 100}, database)
    middle = shared.write_snapshot(DESK, 40, {"hlc": 200}, database)
    newest = shared.write_snapshot(LAPTOP, 9, {"hlc": 300}, database)
    assert _found(shared) == newest
    data = bytearray(newest.read_bytes())
    data[len(data) // 2] ^= 1
    newest.write_bytes(bytes(data))
    assert _found(shared) == middle
    assert shared.refused == [Refusal(newest, CHANGED)]
    middle.unlink()  # deleted by the folder service
    assert _found(shared) == oldest
    oldest.unlink()
    newest.unlink()
    assert shared.newest_snapshot() is None


def _found(shared: SyncFolder) -> Path | None:
    snapshot = shared.newest_snapshot()
    return None if snapshot is None else snapshot.path


def test_a_snapshot_changed_after_it_was_found_unpacks_nothing(
    tmp_path: Path, shared: SyncFolder
) -> None:
    database = _database(tmp_path / "copy.sqlite3", rows=2000)
    shared.write_snapshot(LAPTOP, 1, {"hlc": 1}, database)
    found = shared.newest_snapshot()
    assert found is not None
    data = bytearray(found.path.read_bytes())
    data[-100] ^= 1
    found.path.write_bytes(bytes(data))
    target = tmp_path / "started.sqlite3"
    with pytest.raises(SyncFolderError, match=CHANGED):
        shared.unpack_snapshot(found, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Dropbox", "copy.sqlite3"]
    found.path.unlink()
    with pytest.raises(SyncFolderError, match="gone"):
        shared.unpack_snapshot(found, target)
    assert not target.exists()


def test_a_snapshot_over_the_limit_is_refused_unread(tmp_path: Path, shared: SyncFolder) -> None:
    shared.write_snapshot(LAPTOP, 1, {"hlc": 1}, _database(tmp_path / "copy.sqlite3"))
    path = shared.snapshot_path(LAPTOP, 2)
    with path.open("wb") as sparse:
        sparse.truncate(SNAPSHOT_LIMIT + 1)
    assert _found(shared) == shared.snapshot_path(LAPTOP, 1)
    assert shared.refused == [Refusal(path, TOO_LARGE)]


# Compaction


def test_compaction_keeps_what_a_device_has_not_applied(shared: SyncFolder) -> None:
    _write_changes(shared, LAPTOP, range(1, 11))
    assert shared.compact(LAPTOP, []) == 0  # nobody has said what they applied
    assert shared.compact(LAPTOP, [4, 7]) == 4
    assert sorted(shared.change_seqs(LAPTOP)) == list(range(5, 11))
    assert _seqs(shared, LAPTOP, 4) == list(range(5, 11))
    assert shared.last_seq(LAPTOP) == 10
    assert shared.compact(LAPTOP, [10, 10]) == 5
    assert shared.change_seqs(LAPTOP) == {10}  # the newest stays: it tells the next number
    assert shared.last_seq(LAPTOP) == 10
    shared.write_change(LAPTOP, 11, {}, b"")
    assert _seqs(shared, LAPTOP, 10) == [11]


def test_compaction_removes_stale_temporaries_only(shared: SyncFolder) -> None:
    _write_changes(shared, LAPTOP, range(1, 3))
    changes = shared.change_path(LAPTOP, 1).parent
    stale = changes / ".000000000003.fdchange.tmp-0123456789ab"
    fresh = changes / ".000000000004.fdchange.tmp-ba9876543210"
    other = changes / "000000000003 (conflicted copy).fdchange"
    for path in (stale, fresh, other):
        path.write_bytes(b"partial")
    an_hour_and_more = time.time() - 3700
    os.utime(stale, (an_hour_and_more, an_hour_and_more))
    shared.compact(LAPTOP, [0])
    assert not stale.exists()
    assert fresh.exists()
    assert other.exists()


def test_old_snapshots_are_pruned_keeping_the_two_newest(
    tmp_path: Path, shared: SyncFolder
) -> None:
    database = _database(tmp_path / "copy.sqlite3", rows=5)
    for seq in (0, 200, 400, 600):
        shared.write_snapshot(LAPTOP, seq, {"hlc": seq}, database)
    assert shared.prune_snapshots(LAPTOP) == 2
    assert shared.snapshot_seqs(LAPTOP) == {400, 600}


# A folder that cannot be written

_FULL_DISK = textwrap.dedent(
    """
    import os, resource, signal, sys
    from pathlib import Path
    from storage.sync.folder import SyncFolder, SyncFolderError

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    shared = SyncFolder.open(Path(sys.argv[1]), bytes(range(32)))
    shared.write_change("a" * 32, 1, {}, b"small")
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))
    for attempt in (
        lambda: shared.write_change("a" * 32, 2, {}, os.urandom(200_000)),
        lambda: shared.write_snapshot("a" * 32, 2, {}, Path(sys.argv[2])),
    ):
        try:
            attempt()
        except SyncFolderError as error:
            print(error.errno, error)
        else:
            print("written")
    """
)


def test_a_full_disk_raises_and_leaves_nothing_partial(tmp_path: Path, shared: SyncFolder) -> None:
    """The disk fills mid-write (a file size limit in a child process stands for it)."""
    database = tmp_path / "big.sqlite3"
    database.write_bytes(os.urandom(300_000))
    run = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, str(shared.root), str(database)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[3],
        check=True,
        timeout=120,
    )
    lines = run.stdout.splitlines()
    assert len(lines) == 2, run.stdout + run.stderr
    for line in lines:
        assert line.startswith(f"{errno.EFBIG} "), line
        assert "disk is full" in line
    assert _names(shared.base) == {f"devices/{LAPTOP}/changes/000000000001.fdchange"}
    assert shared.device_folder(LAPTOP).joinpath("snapshots").is_dir()
    assert _seqs(shared, LAPTOP) == [1]
    assert shared.newest_snapshot() is None


def test_a_folder_that_cannot_be_made_raises_and_leaves_nothing(shared: SyncFolder) -> None:
    shared.device_folder(LAPTOP).mkdir()
    shared.device_folder(LAPTOP).joinpath("changes").write_bytes(b"a file in the way")
    with pytest.raises(SyncFolderError, match="a file stands where") as failed:
        shared.write_change(LAPTOP, 1, {}, b"x")
    assert "Nothing on this machine is lost" in str(failed.value)
    assert _names(shared.base) == {f"devices/{LAPTOP}/changes"}


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder_raises_and_leaves_nothing(shared: SyncFolder) -> None:
    _write_changes(shared, LAPTOP, range(1, 2))
    changes = shared.change_path(LAPTOP, 1).parent
    changes.chmod(0o500)
    try:
        with pytest.raises(SyncFolderError, match="permissions"):
            shared.write_change(LAPTOP, 2, {}, b"x")
    finally:
        changes.chmod(0o700)
    assert _names(changes) == {"000000000001.fdchange"}
