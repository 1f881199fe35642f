"""Preferences → Documents: the letterhead (Browse…, Clear, checked when chosen), the standard
clauses and the payment terms, saved with the profile; fields no page shows are kept."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.practice import settings
from tests.exporters.test_letterhead import _letterhead
from widgets.shell import preferences_documents
from widgets.shell.preferences_dialog import PreferencesDialog

STORED = settings.Profile(
    name="Alex Morgan", business_address="1 Harbour Street", tax_id="GB 1", tax_rate_bp=2000
)


def _dialog(qtbot: QtBot, db: Database) -> PreferencesDialog:
    settings.save_profile(db, STORED)
    dialog = PreferencesDialog(db)
    qtbot.addWidget(dialog)
    return dialog


def test_documents_page_saves_letterhead_and_clauses(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(qtbot, db)
    assert [dialog.pages.tabText(i) for i in range(3)] == ["&General", "&Invoicing", "&Documents"]
    path = _letterhead(tmp_path)
    monkeypatch.setattr(preferences_documents, "ask_letterhead", lambda *_: path)
    page = dialog.documents
    page.browse.click()
    assert page.letterhead.text() == str(path)
    page.confidentiality.setPlainText("Our clause.\nSecond line.")
    page.ip.setPlainText("Client owns it.")
    dialog.accept()
    saved = settings.load_profile(db)
    assert saved == dataclasses.replace(
        STORED,
        letterhead_path=str(path),
        confidentiality_text="Our clause.\nSecond line.",
        ip_text="Client owns it.",
    )


def test_a_letterhead_missing_a_style_is_refused_beside_the_field(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(qtbot, db)
    dialog.show()
    dialog.pages.setCurrentWidget(dialog.documents)
    path = _letterhead(tmp_path, without="Heading 2")
    monkeypatch.setattr(preferences_documents, "ask_letterhead", lambda *_: path)
    dialog.documents.browse.click()
    assert dialog.documents.letterhead.text() == ""
    assert "has no “Heading 2” style" in dialog.errors.message("letterhead_path")


def test_clear_removes_the_letterhead(qtbot: QtBot, db: Database) -> None:
    settings.save_profile(db, dataclasses.replace(STORED, letterhead_path="/gone/lh.docx"))
    dialog = PreferencesDialog(db)
    qtbot.addWidget(dialog)
    dialog.documents.clear.click()
    dialog.accept()
    assert settings.load_profile(db).letterhead_path == ""


def test_an_error_on_the_documents_page_shows_that_page(qtbot: QtBot, db: Database) -> None:
    dialog = _dialog(qtbot, db)
    dialog.show()
    dialog.documents.confidentiality.setPlainText("x" * 50_001)
    dialog.accept()
    assert dialog.pages.currentWidget() is dialog.documents
    assert dialog.errors.message("confidentiality_text")
    assert settings.load_profile(db) == STORED
