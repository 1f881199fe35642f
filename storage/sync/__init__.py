"""Sync between devices through a shared folder (issue 35): the engine (capture, apply by the
business rules), the clock, the synced tables and the conflict list.

Everything here opens the practice with APSW (SQLite3MultipleCiphers), never sqlcipher3: it
runs only in the sync process. The layers above import from this face only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.rules.lazy_face import lazy_face

if TYPE_CHECKING:  # the names as the type checker sees them; loaded on first use
    from storage.sync import apsw_db, conflicts, engine, hlc, tables
    from storage.sync.conflicts import Conflict, flip, list_conflicts
    from storage.sync.engine import Applied, Captured, Engine

__all__ = [
    "Applied",
    "Captured",
    "Conflict",
    "Engine",
    "apsw_db",
    "conflicts",
    "engine",
    "flip",
    "hlc",
    "list_conflicts",
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
        "Conflict": "storage.sync.conflicts:Conflict",
        "flip": "storage.sync.conflicts:flip",
        "list_conflicts": "storage.sync.conflicts:list_conflicts",
        "Applied": "storage.sync.engine:Applied",
        "Captured": "storage.sync.engine:Captured",
        "Engine": "storage.sync.engine:Engine",
    },
)
