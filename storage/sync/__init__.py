"""Sync between a consultant's machines through a folder they already sync: the folder's
layout and sealed files (`folder`, `sealed`); the engine that diffs and applies SQLite
changesets runs in its own process (`fractional-desk sync`), never beside the app's driver.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.rules.lazy_face import lazy_face

if TYPE_CHECKING:  # the names as the type checker sees them; loaded on first use
    from storage.sync import folder, sealed
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
    "Change",
    "DeviceInfo",
    "Refusal",
    "SeqTakenError",
    "Snapshot",
    "SyncFolder",
    "SyncFolderError",
    "SyncKeys",
    "folder",
    "sealed",
    "sync_keys",
]

__getattr__, __dir__ = lazy_face(
    __name__,
    {
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
