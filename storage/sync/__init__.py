"""Sync between a consultant's machines through a folder they already sync: the folder's layout
and sealed files (`folder`, `sealed`), the engine that diffs and applies SQLite changesets by the
practice's rules (`engine`, `tables`, `hlc`, `conflicts`), and a sync round (`run`, `config`).

Everything that opens the practice here does it with APSW (SQLite3MultipleCiphers), never
sqlcipher3, so it runs only in the `fractional-desk sync` process, never beside the app's
driver. The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.rules.lazy_face import lazy_face

if TYPE_CHECKING:  # the names as the type checker sees them; loaded on first use
    from storage.sync import apsw_db, config, conflicts, engine, folder, hlc, run, sealed, tables
    from storage.sync.config import LastSync, SyncConfig
    from storage.sync.conflicts import Conflict, flip, list_conflicts
    from storage.sync.engine import Applied, Captured, Engine
    from storage.sync.folder import (
        Change,
        DeviceInfo,
        Refusal,
        SeqTakenError,
        Snapshot,
        SyncFolder,
        SyncFolderError,
    )
    from storage.sync.sealed import SyncKeys, sync_keys

__all__ = [
    "Applied",
    "Captured",
    "Change",
    "Conflict",
    "DeviceInfo",
    "Engine",
    "LastSync",
    "Refusal",
    "SeqTakenError",
    "Snapshot",
    "SyncConfig",
    "SyncFolder",
    "SyncFolderError",
    "SyncKeys",
    "apsw_db",
    "config",
    "conflicts",
    "engine",
    "flip",
    "folder",
    "hlc",
    "list_conflicts",
    "run",
    "sealed",
    "sync_keys",
    "tables",
]

__getattr__, __dir__ = lazy_face(
    __name__,
    {
        "apsw_db": "storage.sync.apsw_db",
        "conflicts": "storage.sync.conflicts",
        "engine": "storage.sync.engine",
        "hlc": "storage.sync.hlc",
        "tables": "storage.sync.tables",
        "config": "storage.sync.config",
        "LastSync": "storage.sync.config:LastSync",
        "SyncConfig": "storage.sync.config:SyncConfig",
        "run": "storage.sync.run",
        "Conflict": "storage.sync.conflicts:Conflict",
        "flip": "storage.sync.conflicts:flip",
        "list_conflicts": "storage.sync.conflicts:list_conflicts",
        "Applied": "storage.sync.engine:Applied",
        "Captured": "storage.sync.engine:Captured",
        "Engine": "storage.sync.engine:Engine",
        "folder": "storage.sync.folder",
        "Change": "storage.sync.folder:Change",
        "DeviceInfo": "storage.sync.folder:DeviceInfo",
        "Refusal": "storage.sync.folder:Refusal",
        "SeqTakenError": "storage.sync.folder:SeqTakenError",
        "Snapshot": "storage.sync.folder:Snapshot",
        "SyncFolder": "storage.sync.folder:SyncFolder",
        "SyncFolderError": "storage.sync.folder:SyncFolderError",
        "sealed": "storage.sync.sealed",
        "SyncKeys": "storage.sync.sealed:SyncKeys",
        "sync_keys": "storage.sync.sealed:sync_keys",
    },
)
