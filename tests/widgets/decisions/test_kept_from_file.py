"""What a decision imported from a Markdown file keeps of it, as the editor shows it: the
status as written, the text without a field, an unknown date, an option's description."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.decisions import records as decisions
from storage.practice import clients, engagements
from storage.practice.clients import Client
from storage.practice.engagements import Engagement
from storage.transfer.madr_import import import_folder
from widgets.decisions.decisions_tab import DecisionsTab

FOLDERS = Path(__file__).parents[2] / "fixtures" / "decisions"


def _tab(db: Database, data_dir: Path, qtbot: QtBot) -> tuple[DecisionsTab, list[int]]:
    client = clients.add(db, Client("Acme", status="active"))
    made = engagements.add(
        db, Engagement(client.id or 0, "Fractional CTO", dt.date(2026, 1, 5), status="active")
    )
    ids = import_folder(db, data_dir, FOLDERS / "madr-3", made.id or 0).ids
    page = DecisionsTab(db)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    return page, ids


def test_the_editor_shows_what_the_file_kept_and_an_edit_keeps_it(
    db: Database, data_dir: Path, qtbot: QtBot
) -> None:
    """Variant: MADR 3 (madr-3 fixture): `status: on hold` and no date."""
    tab, (store_id, hold_id) = _tab(db, data_dir, qtbot)
    tab.show_decision(hold_id)
    editor = tab.editor
    assert editor.status_text.text() == "on hold"
    assert editor.status_text.isVisible()
    assert editor.decided_on.text() == "Date unknown"
    assert not editor.kept_text.isVisible()  # this record has nothing without a field
    editor.title.setText("Keep events for seven years, then archive")
    editor.title.editingFinished.emit()
    assert editor.flush()
    saved = decisions.get(db, hold_id)
    assert saved.title == "Keep events for seven years, then archive"
    assert (saved.date_unknown, saved.status_text) == (True, "on hold")
    tab.show_decision(store_id)
    assert "## Validation" in editor.kept_text.toPlainText()
    assert editor.kept_text.isReadOnly()
    first = editor.options.options()[0]
    assert first.description.startswith("Already runs in production")


def test_choosing_a_date_or_status_replaces_what_the_file_said(
    db: Database, data_dir: Path, qtbot: QtBot
) -> None:
    """Variant: MADR 3 (madr-3 fixture): the person dates and accepts the `on hold` record."""
    tab, (_store_id, hold_id) = _tab(db, data_dir, qtbot)
    tab.show_decision(hold_id)
    editor = tab.editor
    editor.decided_on.setDate(editor.decided_on.date().fromString("2026-02-03", "yyyy-MM-dd"))
    editor.status.setCurrentIndex(editor.status.findData("accepted"))
    assert editor.flush()
    saved = decisions.get(db, hold_id)
    assert (saved.decided_on, saved.date_unknown) == (dt.date(2026, 2, 3), False)
    assert (saved.status, saved.status_text) == ("accepted", "")
