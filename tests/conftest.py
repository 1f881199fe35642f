"""Every test: offscreen Qt, its own QSettings and data folder, the run's own keyring (so every new
practice is encrypted, as on a machine with a working keyring), a real database."""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

import threading
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from sqlite_utils import Database

from storage.file import keys
from storage.file.db import database_file
from storage.file.practice import open_database
from tests.file_keyring import ENV_FILE, FileKeyring


@pytest.fixture(scope="session", autouse=True)
def _test_keyring(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One keyring for the whole run, never the machine's real one: practices are encrypted by
    default, and child processes (the command line run by a test) find the same keys."""
    os.environ[ENV_FILE] = str(tmp_path_factory.mktemp("keyring") / "keyring.json")
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.file_keyring.FileKeyring"
    keyring.set_keyring(FileKeyring())


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("FRACTIONAL_DESK_DATA_DIR", str(tmp_path / "data"))
    keyring.set_keyring(FileKeyring())
    keys.forget_session_keys()
    try:
        from PySide6.QtCore import QSettings
    except ImportError:  # pragma: no cover - Qt is a runtime dependency
        yield
        return
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )
    yield


@pytest.fixture(scope="session")  # pytest-qt's qapp is session-scoped
def qapp_args() -> list[str]:
    return ["fractional-desk-tests"]


@pytest.fixture(scope="session", autouse=True)
def _clipboard_left_plain() -> Iterator[None]:
    """The app swaps its rich text on the clipboard for plain text before it quits; a test run
    never quits the app, so it does the same at its end."""
    yield
    import sys

    if "widgets.common.clipboard" in sys.modules:
        sys.modules["widgets.common.clipboard"].leave_plain_text()


@pytest.fixture(scope="session")
def qapp_cls():  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    return QApplication


@pytest.fixture(autouse=True)
def _app_names(request: pytest.FixtureRequest) -> None:
    """Give QSettings the app's names whenever a test uses Qt."""
    if "qapp" in request.fixturenames or "qtbot" in request.fixturenames:
        from desktop import APP_NAME, ORGANISATION

        app = request.getfixturevalue("qapp")
        app.setOrganizationName(ORGANISATION)
        app.setApplicationName(APP_NAME)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    """A real, migrated database file in the test's own folder."""
    database = open_database(database_file(data_dir))
    yield database
    database.close()


@pytest.fixture
def other(data_dir: Path, db: Database) -> Iterator[Database]:
    """A second connection to the same file: another window, or the command line, writing
    between what a tab showed and what it writes."""
    second = open_database(database_file(data_dir))
    yield second
    second.close()


@pytest.fixture
def acme(db: Database) -> int:
    """An active engagement from 5 January 2026, the one the import fixtures' rows map to."""
    from storage.practice import clients, engagements

    client = clients.add(db, clients.Client("Acme Robotics", status="active"))
    start = dt.date(2026, 1, 5)
    made = engagements.add(
        db, engagements.Engagement(client.id or 0, "Fractional CTO", start, status="active")
    )
    return made.id or 0


@pytest.fixture(autouse=True)
def _no_leftover_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    leftovers = [
        t for t in threading.enumerate() if t not in before and t.is_alive() and not t.daemon
    ]
    for thread in leftovers:
        thread.join(timeout=5)
    assert not [t for t in leftovers if t.is_alive()], f"threads left running: {leftovers}"
