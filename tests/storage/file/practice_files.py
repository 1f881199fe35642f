"""Reading a database file in a test, wherever it was copied to: a file outside any practice
folder (`backup --out`, a copy in tmp_path) is opened with the key of the test's own practice."""

from __future__ import annotations

import os
from pathlib import Path

from storage.file import keys
from storage.file.connect import connect, is_plain
from storage.sqlite import sqlite3


def open_any(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    if is_plain(path) or keys.read_marker(keys.folder_of(path)) is not None:
        return connect(path, read_only=read_only)
    own = Path(os.environ["FRACTIONAL_DESK_DATA_DIR"])
    return connect(path, read_only=read_only, key=keys.key_for_folder(own))
