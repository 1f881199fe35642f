"""This machine's side of sync, kept beside the database and never synced: where the shared
folder is, which device this is, and how the last sync went.

It is a small owner-only JSON file (`fractional-desk.sync.json`), so the status bar and
`sync status` read it without opening the database, and a restore or an import of the
practice, which replace only the database, leave it in place.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from storage.file.private_files import write_private_json

CONFIG_FILENAME = "fractional-desk.sync.json"
BASE_FILENAME = "fractional-desk.sync-base"  # the state last published or taken in


@dataclass(frozen=True)
class LastSync:
    """What the last sync did, in words a status bar can show."""

    at: str = ""  # ISO time it finished ("" = never)
    ok: bool = True
    problem: str = ""  # why it could not finish (the folder unreachable, full, a refused file)
    sent: int = 0  # change files written
    taken: int = 0  # change files applied from other devices
    conflicts: int = 0  # conflicts waiting for review after it
    refused: list[str] = field(default_factory=list)  # files refused, with their reason


@dataclass(frozen=True)
class SyncConfig:
    folder: str  # the shared folder the user chose
    device_id: str
    name: str  # this machine's name, shown to the others
    last: LastSync = field(default_factory=LastSync)
    snapshot_seq: int = -1  # this device's own seq its newest snapshot covers (-1: none yet)
    snapshot_at: str = ""
    # the database file's identity when sync started here: a restore, an import or an encryption
    # change puts another file in its place, whose differences must not be sent as edits
    practice_file: int = 0

    @property
    def root(self) -> Path:
        return Path(self.folder)


def config_file(data_dir: Path) -> Path:
    return Path(data_dir) / CONFIG_FILENAME


def base_file(data_dir: Path) -> Path:
    return Path(data_dir) / BASE_FILENAME


def load(data_dir: Path) -> SyncConfig | None:
    """This machine's sync set-up, or None when the practice does not sync here."""
    try:
        data: Any = json.loads(config_file(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not data.get("folder") or not data.get("device_id"):
        return None
    last = data["last"] if isinstance(data.get("last"), dict) else {}
    known = {k: v for k, v in last.items() if k in LastSync.__dataclass_fields__}
    return SyncConfig(
        folder=str(data["folder"]),
        device_id=str(data["device_id"]),
        name=str(data.get("name", "")),
        last=LastSync(**known),
        snapshot_seq=int(data.get("snapshot_seq", -1)),
        snapshot_at=str(data.get("snapshot_at", "")),
        practice_file=int(data.get("practice_file", 0)),
    )


def save(data_dir: Path, config: SyncConfig) -> None:
    write_private_json(config_file(data_dir), asdict(config))


def record(data_dir: Path, config: SyncConfig, last: LastSync) -> SyncConfig:
    updated = replace(config, last=last)
    save(data_dir, updated)
    return updated


def forget(data_dir: Path) -> None:
    """This machine stops syncing: the set-up and the base go; the practice stays as it is."""
    for path in (config_file(data_dir), base_file(data_dir)):
        path.unlink(missing_ok=True)
