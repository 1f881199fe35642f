"""Every released schema version's fixture migrates to the current schema with every row intact."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from storage.decisions import records as decisions
from storage.decisions.decision_search import search_ids
from storage.file import backups
from storage.file.connect import connect
from storage.file.db import database_file
from storage.file.migrations import migrations
from storage.file.practice import open_database
from storage.practice import clients, commitments, deliverables, engagements, settings
from storage.sqlite import sqlite3
from tests.fixtures import make_fixture

FIXTURES = sorted((Path(__file__).parents[2] / "fixtures").glob("schema-*.sqlite3"))
CURRENT = [m.name for m in migrations._migrations]
V1 = Path(__file__).parents[2] / "fixtures" / "schema-v1.sqlite3"

Rows = dict[str, dict[tuple[Any, ...], dict[str, Any]]]
# Columns a later step moved into rows of their own (m009: the deliverables' lines).
MOVED = {"engagement": ("deliverables",)}


def _rows(path: Path) -> Rows:
    """Every row of every table the app owns, read without changing the file."""
    conn = connect(path, read_only=True)
    conn.row_factory = sqlite3.Row
    db = Database(conn)
    try:
        tables = [t for t in db.table_names() if not make_fixture.skipped(db, t)]
        return {table: _table_rows(conn, table) for table in tables}
    finally:
        conn.close()


def _table_rows(conn: sqlite3.Connection, table: str) -> dict[tuple[Any, ...], dict[str, Any]]:
    """Rows keyed by primary key (by rowid when there is none; some tables have no rowid)."""
    info = conn.execute(f"PRAGMA table_info([{table}])").fetchall()
    key_columns = [c["name"] for c in sorted(info, key=lambda c: c["pk"]) if c["pk"]]
    select = "*" if key_columns else "rowid AS [_rowid_], *"
    found = {}
    for row in conn.execute(f"SELECT {select} FROM [{table}]"):
        values = dict(row)
        key = tuple(values[c] for c in key_columns) or (values.pop("_rowid_"),)
        found[key] = values
    return found


def _applied(path: Path) -> list[str]:
    conn = connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        conn.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_there_is_a_fixture_for_the_current_schema() -> None:
    current = [f for f in FIXTURES if _applied(f) == CURRENT]
    assert current, (
        "no fixture has the current schema: run `.venv/bin/python -m tests.fixtures.make_fixture "
        "--version vN` and commit the new file"
    )
    empty = [table for table, rows in _rows(current[-1]).items() if not rows]
    assert empty == [], f"the current fixture has no rows in {empty}"


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_fixture_migrates_with_every_row_and_value(fixture: Path, data_dir: Path) -> None:
    fixture_digest = _digest(fixture)
    path = database_file(data_dir)
    shutil.copyfile(fixture, path)
    before = _rows(path)
    db = open_database(path)
    try:
        assert migrations.pending(db) == []
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        db.close()
    after = _rows(path)
    for table, rows in before.items():
        for key, row in rows.items():
            kept = after[table].get(key)
            assert kept is not None, f"{table} row {key} was lost"
            values = {k: value for k, value in row.items() if k not in MOVED.get(table, ())}
            assert {k: kept.get(k) for k in values} == values, f"{table} row {key} changed"
    for row in after["decision"].values():  # the search text is the options' (from m005)
        assert row["options_text"] == decisions.options_text(
            decisions.parse_options(row["options"])
        )
    assert _digest(fixture) == fixture_digest
    if _applied(fixture) != CURRENT:  # an older version: it was backed up before the change
        assert [b.reason for b in backups.list_backups(data_dir)] == ["before-migration"]


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_migrated_fixture_reads_through_the_storage_api(fixture: Path, data_dir: Path) -> None:
    path = database_file(data_dir)
    shutil.copyfile(fixture, path)
    db = open_database(path)
    try:
        zoe = clients.get(db, 1)
        assert zoe.name == "Zoë Ångström & Søn"
        assert zoe.notes == make_fixture.NOTE
        assert clients.get(db, 2).archived
        phase_one = engagements.get(db, 1)
        assert phase_one.title == "Fractional AI CTO — Phase 1"
        assert phase_one.days_per_week == 2.5
        assert settings.load_profile(db).name == "Ana Müller-Łukasiewicz"
        assert decisions.get(db, 2).supersedes_id == 1
        assert [o.name for o in decisions.get(db, 1).options] == ["pgvector", "SaaS"]
        found = db.execute("SELECT rowid FROM decision_fts WHERE decision_fts MATCH 'Frankfurt'")
        assert [r[0] for r in found] == [2]
        stored = db.execute("SELECT options_text FROM decision WHERE id = 1").fetchone()[0]
        assert stored == "pgvector\nOurs\nOps\nSaaS\nFast\nUS hosting"
        assert search_ids(db, "hosting") == [1]  # words of the options, found after migrating
        assert search_ids(db, "ours ops") == [1]
        assert search_ids(db, "pros") == search_ids(db, "name") == []  # no JSON keys indexed
    finally:
        db.close()


def test_options_written_before_v2_are_found_by_a_word_after_a_line_break(data_dir: Path) -> None:
    """m005 fills the options' text from the JSON of rows the older schema wrote, odd ones too."""
    path = database_file(data_dir)
    shutil.copyfile(V1, path)
    options = [{"name": "Qdrant", "pros": "fast\ncheap", "cons": "ops\toncall"}]
    conn = connect(path)
    with conn:
        conn.execute("UPDATE decision SET options = ? WHERE id = 1", [json.dumps(options)])
        conn.execute("UPDATE decision SET options = 'not json ünïcode' WHERE id = 2")
    conn.close()
    db = open_database(path)
    try:
        assert db.execute("SELECT options_text FROM decision ORDER BY id").fetchall() == [
            ("Qdrant\nfast\ncheap\nops\toncall",),
            ("not json ünïcode",),
        ]
        assert search_ids(db, "cheap") == search_ids(db, "oncall") == [1]
        assert search_ids(db, "unicode") == [2]
        db.execute("INSERT INTO decision_fts(decision_fts) VALUES('integrity-check')")  # or raises
    finally:
        db.close()


def test_the_current_fixture_holds_exactly_the_listed_rows(data_dir: Path) -> None:
    """The generator's ROWS are what the fixture of its version holds, value for value."""
    fixture = Path(__file__).parents[2] / "fixtures" / f"schema-{make_fixture.VERSION}.sqlite3"
    stored = _rows(fixture)
    for table, rows in make_fixture.ROWS.items():
        if table not in stored:
            continue  # a table a later version adds
        values = list(stored[table].values())
        for row in rows:
            matches = [v for v in values if all(v.get(k) == row[k] for k in row if k in v)]
            assert matches, f"{table}: {row} is not in the fixture"


@pytest.mark.parametrize("stop_before", CURRENT[1:])
def test_every_intermediate_schema_migrates_with_its_rows(data_dir: Path, stop_before: str) -> None:
    """A database left at any earlier step (a release in between) is brought up to date."""
    path = database_file(data_dir)
    raw = Database(path)
    migrations.apply(raw, stop_before=stop_before)
    raw.execute(
        "INSERT INTO client (id, name, notes, created_at) VALUES (7, 'Ünïcode Ltd', ?, ?)",
        [make_fixture.NOTE, make_fixture.CREATED],
    )
    raw.conn.commit()
    raw.close()
    db = open_database(path)
    try:
        assert migrations.pending(db) == []
        assert clients.get(db, 7).notes == make_fixture.NOTE
    finally:
        db.close()


@pytest.mark.parametrize(
    "fixture",
    [f for f in FIXTURES if f.stem in ("schema-v1", "schema-v2", "schema-v3", "schema-v4")],
)
def test_each_commitment_becomes_its_first_period(fixture: Path, data_dir: Path) -> None:
    """m008: days a week and hours a day of each engagement, from its start date."""
    path = database_file(data_dir)
    shutil.copyfile(fixture, path)
    db = open_database(path)
    try:
        found = db.execute(
            "SELECT engagement_id, starts_on, days_per_week, hours_per_day "
            "FROM commitment_period ORDER BY engagement_id"
        ).fetchall()
        assert found == [(1, "2026-01-05", 2.5, 7.5), (2, "2024-02-01", 0.5, 8.0)]
        phase_one = engagements.get(db, 1)
        assert commitments.of(db, phase_one) == [
            commitments.CommitmentPeriod(1, dt.date(2026, 1, 5), 2.5, 7.5, 1)
        ]
    finally:
        db.close()


def test_a_broken_engagement_gets_no_period_and_keeps_its_own(data_dir: Path) -> None:
    """A start date another tool broke cannot stop the migration: that row keeps its values."""
    path = database_file(data_dir)
    shutil.copyfile(V1, path)
    conn = connect(path)
    with conn:
        conn.execute("UPDATE engagement SET start_date = 'garbage' WHERE id = 2")
    conn.close()
    db = open_database(path)
    try:
        rows = db.execute("SELECT engagement_id FROM commitment_period").fetchall()
        assert rows == [(1,)]
    finally:
        db.close()


OLDER = [f for f in FIXTURES if f.stem in ("schema-v1", "schema-v2", "schema-v3", "schema-v4",
                                           "schema-v5")]  # fmt: skip


@pytest.mark.parametrize("fixture", OLDER, ids=[f.stem for f in OLDER])
def test_each_deliverable_line_becomes_a_row(fixture: Path, data_dir: Path) -> None:
    """m009: the old free text's lines, in order, without list marks or blank lines; the
    column goes once they are copied."""
    path = database_file(data_dir)
    shutil.copyfile(fixture, path)
    conn = connect(path)
    with conn:
        conn.execute(
            "UPDATE engagement SET deliverables = ? WHERE id = 2",
            ["- Architecture review ✓\r\n\n* Décision log\n  • Handoff — walked through\n-\n"],
        )
    conn.close()
    db = open_database(path)
    try:
        found = db.execute(
            "SELECT engagement_id, position, title, acceptance, due_on FROM deliverable "
            "ORDER BY engagement_id, position"
        ).fetchall()
        assert found == [
            (1, 0, "Roadmap 60–90 days", "", None),
            (2, 0, "Architecture review ✓", "", None),
            (2, 1, "Décision log", "", None),
            (2, 2, "Handoff — walked through", "", None),
        ]
        columns = [c[1] for c in db.execute("PRAGMA table_info(engagement)")]
        assert "deliverables" not in columns
        assert [d.title for d in deliverables.list_for(db, 1)] == ["Roadmap 60–90 days"]
        assert engagements.get(db, 2).title == "Advisor"
    finally:
        db.close()
