"""Preferences → Tax and reminders: the consultant's country and registration, the notes, the
credit note numbers and what a reminder claims are saved; a bad value is refused beside its
field on its own page."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.practice import settings
from widgets.shell.preferences_dialog import PreferencesDialog


@pytest.fixture
def dialog(qtbot: QtBot, db: Database) -> PreferencesDialog:
    settings.save_profile(db, settings.Profile(name="Alex"))
    found = PreferencesDialog(db)
    qtbot.addWidget(found)
    found.show()
    return found


def test_the_tax_page_saves_what_it_shows(dialog: PreferencesDialog, db: Database) -> None:
    page = dialog.tax
    page.country.setText("gb")
    page.registered.setChecked(False)
    page.reverse_charge.setText("Reverse charge: Article 196, Council Directive 2006/112/EC")
    page.credit_format.setText("CR-{number:03d}")
    page.base_rate.setValue(4.25)
    page.compensation.setText("1000:40 10000:70 *:100")
    dialog.accept()
    profile = settings.load_profile(db)
    assert (profile.country, profile.vat_registered, profile.credit_note_number_format) == (
        "GB", False, "CR-{number:03d}")  # fmt: skip
    assert profile.reverse_charge_note.endswith("2006/112/EC")
    assert (profile.base_rate_bp, profile.late_interest_margin_bp) == (425, 800)
    assert profile.name == "Alex"


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("country", "Britain", "Use the two-letter country code"),
        ("credit_format", "CN", "Must include {number}"),
        ("compensation", "forty pounds", "Write bands such as"),
    ],
)
def test_a_bad_value_is_refused_beside_it(
    dialog: PreferencesDialog, db: Database, field: str, text: str, message: str
) -> None:
    getattr(dialog.tax, field).setText(text)
    dialog.accept()
    assert dialog.pages.currentWidget() is dialog.tax
    shown = [label.text() for label in dialog.errors.labels.values() if label.isVisible()]
    assert any(s.startswith(message) for s in shown), shown
    assert settings.load_profile(db).country == ""
