"""The whole practice as one JSON file (`storage.transfer.practice_json` says what it holds)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from exporters.atomic_write import write_bytes
from storage.transfer import dump

if TYPE_CHECKING:
    from sqlite_utils import Database


def export_practice(db: Database, out: Path) -> Path:
    """Write it complete or not at all, owner-only like the database (it holds every record)."""
    text = json.dumps(dump(db), ensure_ascii=False, indent=1)
    return write_bytes(Path(out), (text + "\n").encode("utf-8"), private=True)
