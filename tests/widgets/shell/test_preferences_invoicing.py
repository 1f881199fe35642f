"""Preferences → Invoicing: the seller's details, terms, tax and the invoice numbers."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.billing import invoice_numbers
from storage.practice import settings
from storage.rules.clock import today
from widgets.shell.preferences_dialog import PreferencesDialog


@pytest.fixture
def dialog(qtbot: QtBot, db: Database) -> PreferencesDialog:
    settings.save_profile(db, settings.Profile(name="Alex", letterhead_path="/x/letter.docx"))
    found = PreferencesDialog(db)
    qtbot.addWidget(found)
    found.show()
    return found


def test_the_invoicing_page_saves_and_keeps_what_it_does_not_show(
    dialog: PreferencesDialog, db: Database
) -> None:
    page = dialog.invoicing
    page.address.setPlainText("1 Quay Street\nBristol")
    page.tax_id.setText("GB123")
    page.bank.setPlainText("IBAN GB33 0000")
    page.terms.setValue(14)
    page.tax_rate.setValue(5.5)
    page.tax_note.setText("Reverse charge")
    dialog.accept()
    profile = settings.load_profile(db)
    assert (profile.business_address, profile.tax_id, profile.bank_details) == (
        "1 Quay Street\nBristol", "GB123", "IBAN GB33 0000")  # fmt: skip
    assert (profile.payment_terms_days, profile.tax_rate_bp, profile.tax_note) == (
        14, 550, "Reverse charge")  # fmt: skip
    assert (profile.name, profile.letterhead_path) == ("Alex", "/x/letter.docx")


def test_the_number_format_shows_a_live_example_and_sets_the_next_number(
    dialog: PreferencesDialog, db: Database
) -> None:
    page = dialog.invoicing
    year = today().year
    assert page.example.text() == f"The next invoice will be numbered {year}-0001"
    page.number_format.setText("INV-{year}-{number:05d}")
    page.next_number.setValue(42)
    assert page.example.text() == f"The next invoice will be numbered INV-{year}-00042"
    page.number_format.setText("INV-{nope}")
    assert page.example.text().startswith("Use {number} for the sequence")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.pages.currentWidget() is page
    assert "Use {number}" in dialog.errors.message("invoice_number_format")
    page.number_format.setText("INV-{year}-{number:05d}")
    dialog.accept()
    assert not dialog.isVisible()
    assert invoice_numbers.preview(db, year) == f"INV-{year}-00042"


def test_a_next_number_already_given_is_refused_beside_it(qtbot: QtBot, db: Database) -> None:
    year = today().year
    invoice_numbers.set_next_number(db, year, 10)
    with db.atomic():
        invoice_numbers.take(db, year)
    found = PreferencesDialog(db)
    qtbot.addWidget(found)
    found.show()
    found.pages.setCurrentIndex(0)
    found.invoicing.next_number.setValue(5)
    found.invoicing.tax_note.setText("changed")
    found.accept()
    assert "was already given" in found.errors.message("next_number")
    assert found.pages.currentWidget() is found.invoicing
    assert settings.load_profile(db).tax_note == ""  # all or nothing
