"""Every row storage inserts takes its id from the one allocator (`storage.file.rows.insert`, or
`storage.file.ids` for a batch), so a synced practice never makes an id another device makes.

A raw INSERT of a table named by an integer id, or a sqlite-utils table write, anywhere in
storage but the sample practice and the schema steps fails here: move it onto `rows.insert`.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from storage.file.practice import open_database

ROOT = Path(__file__).parents[2]
# a new practice; the steps themselves; sync, which writes rows another device already named
LEFT_OUT = ("storage/sample/", "storage/file/schema/", "storage/sync/")
ALLOCATOR = {"storage/file/rows.py", "storage/file/ids.py"}
# Rows whose id is a constant, not a new record: (file, table) -> why.
FIXED = {("storage/time/timer.py", "running_timer"): "the one running timer is row 1"}
INSERT = re.compile(r"\bINSERT\s+(?:OR\s+\w+\s+)?INTO\s+([\[\"]?)(\w*)", re.IGNORECASE)
TABLE_WRITES = {"insert", "insert_all", "upsert", "upsert_all"}  # sqlite-utils' Table methods


@pytest.fixture(scope="module")
def integer_id_tables(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    db = open_database(tmp_path_factory.mktemp("schema") / "practice.db", encrypt=False)
    found = set()
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        info = db.execute(f"PRAGMA table_info([{name}])").fetchall()
        if any(c[1] == "id" and c[5] == 1 and c[2].upper() == "INTEGER" for c in info):
            found.add(name)
    db.close()
    return found


def _texts(tree: ast.AST) -> list[tuple[int, str]]:
    """Every string literal, an f-string's holes written as `{}` (a table named by a value)."""
    inside: set[int] = set()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = []
            for value in node.values:
                inside.add(id(value))
                is_text = isinstance(value, ast.Constant) and isinstance(value.value, str)
                parts.append(value.value if is_text else "{}")  # type: ignore[union-attr]
            found.append((node.lineno, "".join(parts)))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in inside
        ):
            found.append((node.lineno, node.value))  # a walk meets an f-string before its parts
    return found


def bypassing(source: str, path: str, integer_ids: set[str]) -> list[str]:
    """The inserts in `source` that name a row without the allocator."""
    tree = ast.parse(source)
    found = []
    for line, text in _texts(tree):
        for match in INSERT.finditer(text):
            table = match.group(2)
            rest = text[match.end() : match.end() + 2]
            if not table or rest.startswith("{") or text[match.start(2) :].startswith("{"):
                found.append(f"{path}:{line} inserts into a table named by a value")
            elif table in integer_ids and (path, table) not in FIXED:
                found.append(f"{path}:{line} inserts into {table} without the allocator")
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in TABLE_WRITES
            and isinstance(node.func.value, ast.Subscript | ast.Call)
            and not (node.func.attr == "insert" and len(node.args) == 2)  # a list's insert
        ):
            found.append(
                f"{path}:{node.lineno} writes through sqlite-utils' table.{node.func.attr}"
            )
    return found


def test_storage_inserts_only_through_the_allocator(integer_id_tables: set[str]) -> None:
    found = []
    for file in sorted((ROOT / "storage").rglob("*.py")):
        path = file.relative_to(ROOT).as_posix()
        if path.startswith(LEFT_OUT) or path in ALLOCATOR:
            continue
        found += bypassing(file.read_text(encoding="utf-8"), path, integer_id_tables)
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        'db.execute("INSERT INTO client (name) VALUES (?)", ["Acme"])',
        'db.execute("INSERT OR REPLACE INTO [decision] (title) VALUES (?)", ["x"])',
        'db.execute(f"INSERT INTO [{table}] (a) VALUES (?)", [1])',
        'db.conn.executemany("insert into time_entry (minutes) values (?)", rows)',
        'db["client"].insert({"name": "Acme"})',
    ],
)
def test_the_rule_catches_an_insert_that_bypasses_the_allocator(
    source: str, integer_id_tables: set[str]
) -> None:
    assert bypassing(source, "storage/x.py", integer_id_tables)


def test_the_rule_lets_through_tables_without_an_integer_id(integer_id_tables: set[str]) -> None:
    source = 'db.execute("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", [k, v])'
    assert bypassing(source, "storage/x.py", integer_id_tables) == []
    assert {"client", "invoice", "time_entry"} <= integer_id_tables
