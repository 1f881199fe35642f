"""Two devices of one practice for the engine's tests: real encrypted files made by storage's own
API (closed before APSW opens them), a base each, and change files passed in memory."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from storage.file import keys
from storage.file.db import database_file
from storage.file.practice import open_database
from storage.sync.engine import Applied, Engine
from storage.sync.tables import synced_tables

RANGE = 1 << 40
DEVICE_A = "a" * 32  # the device that set sync up (number 0)
DEVICE_B = "b" * 32  # the device that joined (number 1)


@dataclass
class Device:
    device_id: str
    number: int
    folder: Path
    key: bytes

    @property
    def db_file(self) -> Path:
        return database_file(self.folder)

    @property
    def base_file(self) -> Path:
        return self.folder / "fractional-desk.sync-base"

    @contextlib.contextmanager
    def engine(self) -> Iterator[Engine]:
        engine = Engine(self.db_file, self.base_file, self.key, device_id=self.device_id)
        try:
            yield engine
        finally:
            engine.close()

    @contextlib.contextmanager
    def practice(self) -> Iterator[Database]:
        """The practice through the app's own driver (no engine open meanwhile)."""
        db = open_database(self.db_file)
        try:
            yield db
        finally:
            db.close()

    def own_id(self, db: Database, table: str, made: int) -> int:
        """Move a row just made to this device's id range, as the id allocator will."""
        if self.number == 0:
            return made
        top = db.execute(
            f"SELECT max(id) FROM [{table}] WHERE id >= ? AND id < ?",
            [self.number * RANGE, (self.number + 1) * RANGE],
        ).fetchone()[0]
        new = (top or self.number * RANGE) + 1
        children = [
            (child, row[3])
            for (child,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            ).fetchall()
            if not child.startswith(("sqlite_", "decision_fts"))
            for row in db.execute(f"PRAGMA foreign_key_list([{child}])").fetchall()
            if row[2] == table
        ]
        with db.atomic():
            db.execute("PRAGMA defer_foreign_keys = ON")
            db.execute(f"UPDATE [{table}] SET id = ? WHERE id = ?", [new, made])
            for child, column in children:
                db.execute(f"UPDATE [{child}] SET [{column}] = ? WHERE [{column}] = ?", [new, made])
        return new


@dataclass
class Folder:
    """The change files each device has written, in memory."""

    files: dict[str, list[tuple[int, dict[str, Any], bytes]]] = field(default_factory=dict)


def sync(device: Device, folder: Folder) -> list[Applied]:
    """One sync of `device`: publish its changes, then apply every other device's new files."""
    results = []
    with device.engine() as engine:
        captured = engine.capture()
        if captured is not None:
            seq = engine.own_seq() + 1
            folder.files.setdefault(device.device_id, []).append(
                (seq, captured.meta(), captured.changeset)
            )
            engine.published(captured, seq)
        applied = engine.applied()
        for other, files in sorted(folder.files.items()):
            if other == device.device_id:
                continue
            for seq, meta, changeset in files:
                if seq > applied.get(other, 0):
                    results.append(engine.apply(other, seq, meta, changeset))
    return results


def settle(a: Device, b: Device, folder: Folder, rounds: int = 4) -> None:
    for _ in range(rounds):
        sync(a, folder)
        sync(b, folder)


def content(device: Device) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced table's rows, in key order."""
    with device.engine() as engine:
        found = {}
        for name, table in synced_tables(engine.main).items():
            order = ", ".join(f"[{c}]" for c in table.pk)
            found[name] = [
                tuple(r) for r in engine.main.execute(f"SELECT * FROM [{name}] ORDER BY {order}")
            ]
        return found


def two_devices(
    tmp_path: Path, make: Callable[[Database], None] | None = None
) -> tuple[Device, Device]:
    """A practice made with storage's API on device A, sync set up there, and device B
    starting from the same state (as a join from A's snapshot does)."""
    folder_a, folder_b = tmp_path / "a", tmp_path / "b"
    folder_a.mkdir()
    with open_database(database_file(folder_a), encrypt=True) as db:
        if make is not None:
            make(db)
    marker = keys.read_marker(folder_a)
    assert marker is not None
    key = keys.load_key(marker)
    assert key is not None
    a = Device(DEVICE_A, 0, folder_a, key)
    with a.engine() as engine:
        engine.start_base()
    shutil.copytree(folder_a, folder_b)
    b = Device(DEVICE_B, 1, folder_b, key)
    with b.engine() as engine:
        engine.start_base()
    return a, b
