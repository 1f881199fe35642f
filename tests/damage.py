"""Damage a database file the way a failing disk would: scribble over one page of a table with
plain file writes, leaving the header and the schema readable, so only a full check finds it.

The page scribbled over is the table's root page: it can be found without reading the file's
structure, which an encrypted file does not show, and reading the table must go through it."""

from __future__ import annotations

import random
from pathlib import Path

from storage.file.connect import connect
from storage.file.file_check import integrity_problems


def damage_a_table_page(path: Path, table: str = "time_entry", seed: int = 12) -> None:
    conn = connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
        ).fetchone()[0]
    finally:
        conn.close()
    assert root > 1, "the table's root must not be the header page"
    with Path(path).open("r+b") as handle:
        handle.seek((root - 1) * page_size + page_size // 4)
        handle.write(random.Random(seed).randbytes(page_size // 2))
    assert integrity_problems(path), "the damage must be one SQLite itself reports"
