"""A practice is resolved once: its marker read once, its key asked for once, one connection
opened; an older practice is backed up before it is migrated; a worker's connection refuses
writes when the window's does; a file the check refuses is left as it was."""

from __future__ import annotations

import hashlib
import shutil
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from desktop import practice_start
from storage.file import AppDatabase, Practice, backups, keys, worker_opener
from storage.file.connect import SQLITE_HEADER, connect
from storage.file.db import database_file
from storage.file.migrations import MIGRATION_SET, migrations
from storage.practice import clients
from storage.rules.errors import SchemaTooNewError, StorageWriteError
from storage.sqlite import sqlite3

V5 = Path(__file__).parents[2] / "fixtures" / "schema-v5.sqlite3"


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often the marker is read, the key looked up and a connection opened; each wrapped
    function still runs."""
    counted: Counter[str] = Counter()

    def counting(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            counted[name] += 1
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(keys, "read_marker", counting("marker", keys.read_marker))
    monkeypatch.setattr(keys, "known_key", counting("key", keys.known_key))
    monkeypatch.setattr(sqlite3, "connect", counting("connection", sqlite3.connect))
    return counted


@pytest.fixture
def encrypted_practice(data_dir: Path) -> Path:
    """An encrypted practice with one client, closed, its key no longer in memory."""
    with Practice.in_folder(data_dir, encrypt=True).open() as db:
        clients.add(db, clients.Client(name="Acme"))
    keys.forget_session_keys()
    path = database_file(data_dir)
    assert path.read_bytes()[: len(SQLITE_HEADER)] != SQLITE_HEADER
    return path


def test_opening_an_encrypted_practice_resolves_it_once(
    encrypted_practice: Path, data_dir: Path, calls: Counter[str]
) -> None:
    db = Practice.in_folder(data_dir).open()
    try:
        assert calls == Counter(marker=1, key=1, connection=1)
        assert [c.name for c in clients.list_all(db)] == ["Acme"]
        assert db.practice.key is not None
        assert db.path == encrypted_practice
    finally:
        db.close()


def test_the_app_opens_an_encrypted_practice_once(
    encrypted_practice: Path, data_dir: Path, calls: Counter[str]
) -> None:
    opened = practice_start.open_practice(data_dir, self_test=True, require_encryption=False)
    assert isinstance(opened, tuple)
    db, new_key = opened
    try:
        assert calls == Counter(marker=1, key=1, connection=1)
        assert new_key is None  # not created now: no recovery key to show
    finally:
        db.close()


def test_a_new_encrypted_practice_is_resolved_once_too(data_dir: Path, calls: Counter[str]) -> None:
    with Practice.in_folder(data_dir / "new", encrypt=True).open() as db:
        assert calls == Counter(marker=1, key=1, connection=1)
        assert db.practice.marker is not None
        assert db.practice.key == keys.known_key(db.practice.marker)


def test_a_practice_that_needs_a_migration_is_backed_up_first(data_dir: Path) -> None:
    path = database_file(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(V5, path)
    older = _applied(V5)
    assert older != [m.name for m in migrations._migrations]

    with Practice.find(path).open() as db:
        assert migrations.pending(db) == []

    [backup] = backups.list_backups(data_dir)
    assert backup.reason == "before-migration"
    assert _applied(backup.path) == older  # the copy was taken before the schema changed


def test_a_worker_connection_refuses_writes_when_the_window_refuses_them(
    encrypted_practice: Path, data_dir: Path, calls: Counter[str]
) -> None:
    window = Practice.in_folder(data_dir).open()
    try:
        window.stop_writes("a page is damaged")
        calls.clear()
        refused = _in_a_worker(worker_opener(window), "Refused Ltd")
        assert isinstance(refused, StorageWriteError)
        assert "a page is damaged" in refused.problem
        assert calls["marker"] == calls["key"] == 0  # the window's practice, not read again
        assert [c.name for c in clients.list_all(window)] == ["Acme"]
    finally:
        window.close()


def test_a_worker_connection_writes_when_the_window_does(
    encrypted_practice: Path, data_dir: Path
) -> None:
    window = Practice.in_folder(data_dir).open()
    try:
        assert _in_a_worker(worker_opener(window), "Written Ltd") is None
        assert sorted(c.name for c in clients.list_all(window)) == ["Acme", "Written Ltd"]
    finally:
        window.close()


def test_a_file_written_by_a_newer_version_is_left_as_it_was(
    encrypted_practice: Path, data_dir: Path
) -> None:
    practice = Practice.find(encrypted_practice)
    conn = practice.connect()
    with conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
            [MIGRATION_SET, "m999_from_the_future", "2030-01-01T00:00:00"],
        )
    conn.close()
    before = _digest(encrypted_practice)
    with pytest.raises(SchemaTooNewError):
        Practice.find(encrypted_practice).open()
    assert _digest(encrypted_practice) == before
    assert sorted(p.name for p in data_dir.iterdir()) == sorted(
        [encrypted_practice.name, keys.MARKER_FILENAME]
    )


def _in_a_worker(opener: Callable[[], AppDatabase], name: str) -> Exception | None:
    """Add a client on a thread of its own, through its own connection; what it raised."""
    raised: list[Exception] = []

    def work() -> None:
        try:
            with opener() as db:
                clients.add(db, clients.Client(name=name))
        except Exception as exc:
            raised.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    return raised[0] if raised else None


def _applied(path: Path) -> list[str]:
    conn = connect(path, read_only=True, key=None)
    try:
        return [m.name for m in migrations.applied(Database(conn))]
    finally:
        conn.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
