"""A client's tax in its legal details: the country, the treatment and a rate of its own are
saved as chosen and undone; a VAT number that does not fit the country is refused beside the
field and nothing is written."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from storage.practice import clients
from storage.practice.clients import Client
from widgets.clients.clients_tab import ClientsTab


@pytest.fixture
def tab(qtbot: QtBot, db: Database) -> ClientsTab:
    page = ClientsTab(db)
    qtbot.addWidget(page)
    page.show()
    return page


def test_country_treatment_and_rate_are_saved_and_a_bad_vat_number_refused(
    tab: ClientsTab, db: Database
) -> None:
    client = clients.add(db, Client(name="Café Lumière"))
    tab.reload(client.id)
    form = tab.form
    form.lines["country"].setText("fr")
    form.lines["country"].editingFinished.emit()
    form.lines["tax_id"].setText("FR 123")
    form.lines["tax_id"].editingFinished.emit()
    assert form.errors.message("tax_id").startswith("Is not a FR VAT number")
    assert clients.get(db, client.id or 0).tax_id == ""
    form.lines["tax_id"].setText("FR 47 852 963 741")
    form.lines["tax_id"].editingFinished.emit()
    form.tax_treatment.setCurrentIndex(form.tax_treatment.findData("domestic"))
    form.tax_rate.setText("5.5")
    form.tax_rate.editingFinished.emit()
    stored = clients.get(db, client.id or 0)
    assert (stored.country, stored.tax_id, stored.tax_treatment, stored.tax_rate_bp) == (
        "FR", "FR 47 852 963 741", "domestic", 550)  # fmt: skip
    form.tax_rate.setText("lots")
    form.tax_rate.editingFinished.emit()
    assert form.errors.message("tax_rate_bp") != ""
    assert clients.get(db, client.id or 0).tax_rate_bp == 550
    tab.undo_stack.undo()
    assert clients.get(db, client.id or 0).tax_rate_bp is None
    assert form.tax_rate.text() == ""
