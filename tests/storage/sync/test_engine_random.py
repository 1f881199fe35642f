"""Convergence under random work: two devices of one practice each make a few hundred random
edits (adds, edits, deletes, clashing names and numbers, settings) and sync at random moments;
at the end both hold the same synced tables, and every time entry logged and never deleted is
there on both."""

from __future__ import annotations

import contextlib
import os
import random
from collections.abc import Iterator
from pathlib import Path

import apsw
import pytest

from storage.sync import apsw_db
from tests.storage.sync.engine_support import (
    RANGE,
    Device,
    Folder,
    content,
    settle,
    sync,
    two_devices,
)

NAMES = ["Acme", "Bravo", "Charlie", "Delta", "Echo", "acme", "Foxtrot"]
SETTINGS = ["capacity_days", "tax_rate_bp", "invoice_prefix"]
SEEDS = [int(s) for s in os.environ.get("FD_SYNC_SEEDS", "1,2,3,4,5").split(",")]


@contextlib.contextmanager
def _app(device: Device) -> Iterator[apsw.Connection]:
    """The practice as the app writes it: foreign-key actions on, the row-clock triggers live."""
    conn = apsw_db.connect(device.db_file, device.key)
    conn.execute("PRAGMA foreign_keys = ON")
    try:
        yield conn
    finally:
        conn.close()


_GIVEN: dict[tuple[str, str], int] = {}


def _next_id(conn: apsw.Connection, device: Device, table: str) -> int:
    """An id from the device's range that was never given before, not even to a row since
    deleted: the other device may bring a deleted row back (edit beats delete), and a reused id
    would then name two records."""
    low = device.number * RANGE
    top = conn.execute(
        f"SELECT max(id) FROM [{table}] WHERE id >= ? AND id < ?", (low, low + RANGE)
    ).fetchone()[0]
    given = max(int(top or low), _GIVEN.get((str(device.folder), table), low)) + 1
    _GIVEN[(str(device.folder), table)] = given
    return given


def _pick(conn: apsw.Connection, rng: random.Random, table: str) -> int | None:
    ids = [r[0] for r in conn.execute(f"SELECT id FROM [{table}] ORDER BY id")]
    return rng.choice(ids) if ids else None


def _operate(conn: apsw.Connection, device: Device, rng: random.Random, logged: set[int]) -> None:
    op = rng.choice(
        ["client", "client", "client_edit", "client_delete", "engagement", "engagement_edit",
         "engagement_delete", "entry", "entry", "entry", "entry_edit", "entry_delete",
         "decision", "decision_edit", "setting"]
    )  # fmt: skip
    client = _pick(conn, rng, "client")
    engagement = _pick(conn, rng, "engagement")
    with contextlib.suppress(apsw.ConstraintError):
        if op == "client":
            conn.execute(
                "INSERT INTO client(id, name, notes, created_at) VALUES (?, ?, ?, '2026-03-01')",
                (_next_id(conn, device, "client"), f"{rng.choice(NAMES)} {rng.randint(1, 6)}",
                 rng.choice(["", "board", "hiring"])),
            )  # fmt: skip
        elif op == "client_edit" and client:
            column = rng.choice(["notes", "email", "role", "contact_name"])
            conn.execute(
                f"UPDATE client SET [{column}] = ? WHERE id = ?",
                (f"{column} {rng.random():.4f}", client),
            )
        elif op == "client_delete" and client and rng.random() < 0.3:
            conn.execute("DELETE FROM client WHERE id = ?", (client,))
        elif op == "engagement" and client:
            conn.execute(
                "INSERT INTO engagement(id, client_id, title, start_date, status, created_at) "
                "VALUES (?, ?, ?, '2026-01-05', 'active', '2026-03-01')",
                (_next_id(conn, device, "engagement"), client, f"Engagement {rng.randint(1, 99)}"),
            )
        elif op == "engagement_edit" and engagement:
            conn.execute(
                "UPDATE engagement SET title = ? WHERE id = ?",
                (f"Title {rng.randint(1, 99)}", engagement),
            )
        elif op == "engagement_delete" and engagement and rng.random() < 0.3:
            conn.execute("DELETE FROM engagement WHERE id = ?", (engagement,))
        elif op == "entry" and engagement:
            new = _next_id(conn, device, "time_entry")
            conn.execute(
                "INSERT INTO time_entry(id, engagement_id, day, bucket, minutes, created_at) "
                "VALUES (?, ?, ?, ?, ?, '2026-03-01T09:00:00+00:00')",
                (new, engagement, f"2026-03-{rng.randint(1, 28):02d}",
                 rng.choice(["strategy", "team", "leadership"]), rng.randint(15, 480)),
            )  # fmt: skip
            logged.add(new)
        elif op == "entry_edit":
            entry = _pick(conn, rng, "time_entry")
            if entry:
                conn.execute(
                    "UPDATE time_entry SET minutes = ? WHERE id = ?", (rng.randint(15, 480), entry)
                )
        elif op == "entry_delete":
            entry = _pick(conn, rng, "time_entry")
            if entry:
                conn.execute("DELETE FROM time_entry WHERE id = ?", (entry,))
                logged.discard(entry)
        elif op == "decision" and engagement:
            with conn:
                number = conn.execute(
                    "SELECT next_decision_number FROM engagement WHERE id = ?", (engagement,)
                ).fetchone()[0]
                conn.execute(
                    "INSERT INTO decision(id, engagement_id, number, title, decided_on, created_at) "
                    "VALUES (?, ?, ?, ?, '2026-03-02', '2026-03-02T09:00:00+00:00')",
                    (
                        _next_id(conn, device, "decision"),
                        engagement,
                        number,
                        f"Decision D-{number:03d}",
                    ),
                )
                conn.execute(
                    "UPDATE engagement SET next_decision_number = next_decision_number + 1 WHERE id = ?",
                    (engagement,),
                )
        elif op == "decision_edit":
            decision = _pick(conn, rng, "decision")
            if decision:
                conn.execute(
                    "UPDATE decision SET outcome = ? WHERE id = ?",
                    (f"Outcome {rng.random():.3f}", decision),
                )
        elif op == "setting":
            conn.execute(
                "INSERT INTO setting(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (rng.choice(SETTINGS), str(rng.randint(1, 9))),
            )


@pytest.mark.parametrize("seed", SEEDS)
def test_random_work_on_two_devices_ends_with_one_practice(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    a, b = two_devices(tmp_path)
    folder = Folder()
    logged: dict[str, set[int]] = {a.device_id: set(), b.device_id: set()}
    for _ in range(12):
        device = rng.choice([a, b])
        with _app(device) as conn:
            for _ in range(rng.randint(5, 40)):
                _operate(conn, device, rng, logged[device.device_id])
        if rng.random() < 0.7:
            sync(device, folder)
    settle(a, b, folder, rounds=5)
    final_a, final_b = content(a), content(b)
    for table in final_a:
        assert final_a[table] == final_b[table], table
    assert final_a["time_entry"], "the random work logged some time"
    entries = {row[0] for row in final_a["time_entry"]}
    missing = (logged[a.device_id] | logged[b.device_id]) - entries
    # An entry can be missing only because a device deleted it (by hand, or with its engagement
    # or client, which stamps the entry's row clock there); never because a merge dropped it.
    for entry in missing:
        stamped = False
        for device in (a, b):
            with _app(device) as conn:
                stamped = (
                    stamped
                    or conn.execute(
                        "SELECT 1 FROM sync_row_clock WHERE tbl = 'time_entry' AND pk = ?",
                        (f"[{entry}]",),
                    ).fetchone()
                    is not None
                )
        assert stamped, f"time entry {entry} vanished without a delete"
