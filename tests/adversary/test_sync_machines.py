"""Two machines, one practice: each machine is its own data folder driven by its own process,
both share one sync folder, and `fractional-desk sync` runs as a child process the way the app
runs it. At the end both practices hold the same content, and every write reported as saved is
there."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from storage.file import keys
from storage.file.db import database_file
from storage.file.practice import open_database
from storage.practice import clients
from storage.sync.tables import is_local
from tests.adversary.sync_driver import run_sync

ROOT = Path(__file__).resolve().parents[2]
OPERATIONS = int(os.environ.get("SYNC_TEST_OPERATIONS", "1000"))
SEED = int(os.environ.get("SYNC_TEST_SEED", "1"))  # the two machines take SEED and SEED + 1


def cli(data_dir: Path, *argv: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *argv],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        timeout=300, check=False, input=stdin,
    )  # fmt: skip


def content(data_dir: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced table's rows, in primary-key order."""
    keys.forget_session_keys()
    with open_database(database_file(data_dir)) as db:
        names = [t for t in db.table_names() if not is_local(t)]
        return {
            t: [tuple(r) for r in db.execute(f"SELECT * FROM [{t}] ORDER BY 1, 2")] for t in names
        }


@pytest.fixture
def machines(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Machine A with a practice set up to sync through `shared`, and machine B joined to it
    from the recovery key alone."""
    a, b, shared = tmp_path / "a", tmp_path / "b", tmp_path / "shared"
    shared.mkdir()
    with open_database(database_file(a), encrypt=True) as db:
        clients.add(db, clients.Client(name="Acme Robotics"))
    set_up = cli(a, "sync", "setup", str(shared), "--name", "laptop")
    assert set_up.returncode == 0, set_up.stderr
    recovery = keys.recovery_key(keys.key_for_folder(a) or b"")
    key_file = tmp_path / "recovery.txt"
    key_file.write_text(recovery, encoding="utf-8")
    joined = cli(b, "sync", "join", str(shared), "--recovery-key-file", str(key_file),
                 "--name", "desk")  # fmt: skip
    assert joined.returncode == 0, joined.stderr
    return a, b, shared


def settle(*data_dirs: Path) -> None:
    """Rounds until nobody has anything left to send or take."""
    for _ in range(4):
        results = [run_sync(d) for d in data_dirs]
        if all(r["sent"] == 0 and r["taken"] == 0 for r in results):
            return
    raise AssertionError(f"still moving after 4 rounds: {results}")


def test_a_joined_machine_starts_with_the_practice(machines: tuple[Path, Path, Path]) -> None:
    a, b, _ = machines
    assert content(a) == content(b)
    assert "Acme Robotics" in [r[1] for r in content(b)["client"]]


def test_two_machines_editing_at_random_converge_and_keep_every_saved_write(
    machines: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    a, b, _ = machines
    journals = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    drivers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.adversary.sync_driver",
                str(d),
                str(seed),
                str(OPERATIONS),
                str(j),
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        for d, seed, j in ((a, SEED, journals[0]), (b, SEED + 1, journals[1]))
    ]
    for driver in drivers:
        assert driver.wait(timeout=1800) == 0
    settle(a, b)
    on_a, on_b = content(a), content(b)
    for table in on_a:
        assert on_a[table] == on_b[table], f"{table} differs between the machines"
    writes = [json.loads(line) for j in journals for line in j.read_text().splitlines()]
    deleted = {(w["table"], w["id"]) for w in writes if w["op"] == "delete"}
    # deleting an engagement deletes what hangs from it, as the window says before it does
    deleted |= {
        (w["table"], w["id"]) for w in writes
        if ("engagement", w["values"].get("engagement")) in deleted
    }  # fmt: skip
    ids = {table: {row[0] for row in rows} for table, rows in on_a.items()}
    lost = [
        w for w in writes
        if w["op"] == "insert" and (w["table"], w["id"]) not in deleted
        and w["id"] not in ids[w["table"]]
    ]  # fmt: skip
    assert not lost, f"{len(lost)} saved writes are missing, e.g. {lost[:3]}"
    assert len(writes) > OPERATIONS  # both machines did their work


def _bill_a_month(data_dir: Path, tag: str, clients_count: int) -> list[str]:
    """On one machine, offline: new clients with March's time, each invoiced and sent."""
    import datetime as dt

    from storage.billing import invoices
    from storage.practice import engagements
    from storage.time import time_entries

    keys.forget_session_keys()
    numbers = []
    with open_database(database_file(data_dir)) as db:
        for n in range(clients_count):
            client = clients.add(db, clients.Client(name=f"{tag} client {n}"))
            engagement = engagements.add(db, engagements.Engagement(
                client.id or 0, "CTO days", status="active", start_date=dt.date(2026, 1, 5),
                billing_model="daily", fee_minor=90000, currency="GBP",
            ))  # fmt: skip
            time_entries.add(db, time_entries.TimeEntry(
                engagement.id or 0, dt.date(2026, 3, 2 + n % 20), "strategy", 480
            ))  # fmt: skip
            made = invoices.create_for_month(db, client.id or 0, "2026-03", dt.date(2026, 4, 1))
            invoices.mark(db, made.number, "sent", dt.date(2026, 4, 1))
            numbers.append(made.number)
    return numbers


def test_two_machines_invoicing_offline_for_a_month_never_repeat_a_number(
    machines: tuple[Path, Path, Path],
) -> None:
    a, b, _ = machines
    on_a = _bill_a_month(a, "Laptop", 12)
    on_b = _bill_a_month(b, "Desk", 12)
    settle(a, b)
    with open_database(database_file(a)) as db:
        numbers = [r[0] for r in db.execute("SELECT number FROM invoice ORDER BY number")]
    assert sorted(numbers) == sorted(on_a + on_b)
    assert len(set(numbers)) == len(numbers)
    for series in (on_a, on_b):
        counters = sorted(
            int("".join(ch for ch in n.split("-")[1] if ch.isdigit())) for n in series
        )
        assert counters == list(range(counters[0], counters[0] + len(series))), series
    assert all(n.endswith("-B") for n in on_b)
    assert not any(n.endswith("-B") for n in on_a)
    assert content(a)["invoice"] == content(b)["invoice"]


def _add_clients(data_dir: Path, names: list[str]) -> None:
    keys.forget_session_keys()
    with open_database(database_file(data_dir)) as db:
        for name in names:
            clients.add(db, clients.Client(name=name))


def _client_names(data_dir: Path) -> set[str]:
    return {row[1] for row in content(data_dir)["client"]}


def _sync_child(data_dir: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "sync", "--format", "json"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **env}, text=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def test_thirty_kills_at_random_moments_of_a_sync_lose_no_saved_write(
    machines: tuple[Path, Path, Path],
) -> None:
    import random
    import time

    a, b, _ = machines
    rng = random.Random(35)
    saved: set[str] = set()
    for kill in range(30):
        for machine in (a, b):
            names = [f"{machine.name} {kill} {n}" for n in range(3)]
            _add_clients(machine, names)
            saved.update(names)
        child = _sync_child(rng.choice((a, b)))
        time.sleep(rng.uniform(0.05, 0.9))  # somewhere in its start, its publishing or applying
        child.kill()
        child.wait(timeout=60)
    settle(a, b)
    assert saved <= _client_names(a)
    assert content(a) == content(b)


@pytest.mark.parametrize("step", ["sync-written", "sync-applied", "sync-device", "sync-snapshot"])
def test_a_kill_at_each_step_of_a_sync_is_finished_by_the_next(
    machines: tuple[Path, Path, Path], step: str
) -> None:
    from storage.file.file_swap import KILL_AT_ENV

    a, b, _ = machines
    _add_clients(a, ["Made on the laptop"])
    _add_clients(b, ["Made on the desk"])
    run_sync(b)
    killed = _sync_child(a, **{KILL_AT_ENV: step, "FRACTIONAL_DESK_SNAPSHOT_NOW": "1"})
    assert killed.wait(timeout=120) != 0 or step == "sync-snapshot"
    settle(a, b)
    assert {"Made on the laptop", "Made on the desk"} <= _client_names(b)
    assert content(a) == content(b)


def test_a_changed_byte_in_a_change_file_is_refused_and_nothing_of_it_applied(
    machines: tuple[Path, Path, Path],
) -> None:
    a, b, shared = machines
    _add_clients(b, ["Tampered Ltd"])
    run_sync(b)
    change = next(shared.glob("fractional-desk-sync/devices/*/changes/*.fdchange"))
    data = bytearray(change.read_bytes())
    data[-20] ^= 0x01
    change.write_bytes(bytes(data))
    result = run_sync(a)
    assert not result["ok"]
    assert any(change.name in line and "changed after it was written" in line
               for line in result["refused"])  # fmt: skip
    assert "Tampered Ltd" not in _client_names(a)


def test_a_change_file_from_another_practice_is_refused(
    machines: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    a, _b, shared = machines
    other, other_shared = tmp_path / "other", tmp_path / "other-shared"
    other_shared.mkdir()
    with open_database(database_file(other), encrypt=True) as db:
        clients.add(db, clients.Client(name="Someone else's client"))
    assert cli(other, "sync", "setup", str(other_shared)).returncode == 0
    _add_clients(other, ["Not ours"])
    run_sync(other)
    import shutil

    theirs = next((other_shared / "fractional-desk-sync" / "devices").iterdir())
    shutil.copytree(theirs, shared / "fractional-desk-sync" / "devices" / theirs.name)
    result = run_sync(a)
    assert any("from another practice" in line for line in result["refused"]), result
    assert "Not ours" not in _client_names(a)


def test_a_machine_offline_for_a_month_catches_up(machines: tuple[Path, Path, Path]) -> None:
    a, b, _ = machines
    for day in range(30):
        _add_clients(b, [f"Day {day} client"])
        run_sync(b)
    result = run_sync(a)
    assert result["taken"] == 30
    assert result["ok"]
    assert content(a) == content(b)


def test_a_restored_practice_sends_nothing_and_says_how_to_carry_on(
    machines: tuple[Path, Path, Path],
) -> None:
    """A restore puts an older file in place: its differences are not edits, and sending them
    would delete the other machine's newer records."""
    a, b, _ = machines
    backup = cli(a, "backup")
    assert backup.returncode == 0, backup.stderr
    _add_clients(a, ["Made after the backup"])
    run_sync(a)
    restored = cli(a, "restore", backup.stdout.strip().splitlines()[-1].split()[-1])
    assert restored.returncode == 0, restored.stderr
    result = run_sync(a)
    assert not result["ok"]
    assert "replaced since this machine last synced" in result["problem"]
    assert result["sent"] == 0
    run_sync(b)
    assert "Made after the backup" in _client_names(b)


def test_one_file_imported_on_both_machines_counts_its_time_once(
    machines: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """Both machines import the same Toggl export before they meet: each row is recognised by
    its fingerprint, and its time entry stays once (the lower id, on both), the other listed."""
    import datetime as dt

    from storage.practice import engagements

    a, b, _ = machines
    keys.forget_session_keys()
    with open_database(database_file(a)) as db:
        acme = db.execute("SELECT id FROM client WHERE name = 'Acme Robotics'").fetchone()[0]
        engagement = engagements.add(db, engagements.Engagement(
            acme, "Fractional CTO", status="active", start_date=dt.date(2026, 1, 5),
        )).id  # fmt: skip
    settle(a, b)
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"engagements": {"Acme Robotics / Fractional CTO": engagement},
                                   "default_bucket": "team"}))  # fmt: skip
    toggl = ROOT / "tests" / "fixtures" / "imports" / "toggl-detailed.csv"
    for machine in (a, b):
        imported = cli(machine, "import", "time", str(toggl), "--map", str(mapping))
        assert imported.returncode == 0, imported.stderr
    settle(a, b)
    on_a = content(a)
    assert on_a == content(b)
    assert len(on_a["time_entry"]) == len(on_a["time_import_row"]) == 5  # the rows with time
    listed = cli(a, "sync", "conflicts", "--format", "json")
    assert any(c["kind"] == "duplicate_import" for c in json.loads(listed.stdout))


def test_a_conflict_names_its_record_and_says_what_happened(
    machines: tuple[Path, Path, Path],
) -> None:
    """The same client's notes edited on both machines: the later edit stays on both, and the
    other is listed by the client's name, in words, and can be flipped."""
    a, b, _ = machines
    for machine, notes in ((a, "Board meets monthly"), (b, "Board meets weekly")):
        keys.forget_session_keys()
        with open_database(database_file(machine)) as db:
            acme = clients.list_all(db)[0]
            clients.update(db, clients.with_changes(acme, notes=notes))
    settle(a, b)
    listed = json.loads(cli(a, "sync", "conflicts", "--format", "json").stdout)
    assert [c["record"] for c in listed] == ["client Acme Robotics"]
    assert listed[0]["what_happened"] == "Edited on both machines: the later edit was kept"
    assert {listed[0]["kept"], listed[0]["other"]} == {"Board meets monthly", "Board meets weekly"}
    table = cli(a, "sync", "conflicts").stdout
    assert "client Acme Robotics" in table
    assert "Edited on both machines" in table
