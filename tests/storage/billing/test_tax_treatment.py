"""Tax follows the client: domestic at the client's or the practice's rate, reverse charge across
the EU and the UK/EU border with a VAT number, outside the scope for a business abroad, and no
VAT at all when the consultant is not registered; a VAT number must fit its country."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlite_utils import Database

from storage.billing import invoices, tax_treatment
from storage.practice import clients, settings
from storage.practice.clients import Client
from storage.practice.settings import Profile
from storage.rules.errors import ValidationError
from tests.invoice_practice import billed_practice

UK = Profile(country="GB", tax_rate_bp=2000, tax_note="VAT at 20%")


@pytest.mark.parametrize(
    ("country", "tax_id", "kind", "rate"),
    [
        ("GB", "GB 284 1937 56", "domestic", 2000),
        ("", "", "domestic", 2000),
        ("FR", "FR 47 852 963 741", "reverse_charge", 0),
        ("DE", "DE 318 472 905", "reverse_charge", 0),
        ("DE", "", "domestic", 2000),  # no VAT number: not a business under reverse charge
        ("US", "", "outside_scope", 0),
        ("NO", "NO 921 345 678 MVA", "outside_scope", 0),
    ],
)
def test_the_default_follows_the_country_and_the_vat_number(
    country: str, tax_id: str, kind: str, rate: int
) -> None:
    found = tax_treatment(Client("X", country=country, tax_id=tax_id), UK)
    assert (found.kind, found.rate_bp) == (kind, rate)
    if kind == "reverse_charge":
        assert found.note == "Reverse charge: customer to account for VAT"
        assert found.vat_number == tax_id


def test_a_choice_by_hand_and_a_rate_of_its_own_win() -> None:
    client = Client("X", country="FR", tax_id="FR 47 852 963 741", tax_treatment="domestic",
                    tax_rate_bp=550)  # fmt: skip
    assert (tax_treatment(client, UK).kind, tax_treatment(client, UK).rate_bp) == ("domestic", 550)
    unregistered = dataclasses.replace(UK, vat_registered=False)
    found = tax_treatment(client, unregistered)
    assert (found.kind, found.rate_bp, found.has_vat_line) == ("not_registered", 0, False)


@pytest.mark.parametrize(
    ("country", "tax_id", "field", "message"),
    [
        ("DE", "DE 12345", "tax_id", "is not a DE VAT number"),
        ("FR", "FR 123", "tax_id", "is not a FR VAT number"),
        ("GB", "123", "tax_id", "is not a GB VAT number"),
        ("France", "", "country", "two-letter country code"),
    ],
)
def test_a_vat_number_that_does_not_fit_its_country_is_refused(
    db: Database, country: str, tax_id: str, field: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message) as refused:
        clients.add(db, Client("X", country=country, tax_id=tax_id))
    assert refused.value.field == field
    assert db.execute("SELECT count(*) FROM client").fetchone()[0] == 0


def test_the_invoice_of_a_german_business_is_reverse_charged(db: Database) -> None:
    ids = billed_practice(db)
    settings.save_profile(db, dataclasses.replace(settings.load_profile(db), country="GB"))
    acme = clients.get(db, ids["acme"])
    clients.update(db, dataclasses.replace(acme, country="DE", tax_id="DE 318 472 905"))
    made = invoices.create_for_month(db, ids["acme"], "2026-03", dt.date(2026, 4, 2))
    assert (made.tax_rate_bp, made.tax_minor) == (0, 0)
    assert made.tax_note == "Reverse charge: customer to account for VAT"
    assert made.buyer["vat_number"] == "DE 318 472 905"
    assert made.buyer["tax_treatment"] == "reverse_charge"
    uk = invoices.create_for_month(db, ids["bravo"], "2026-03", dt.date(2026, 4, 2), "GBP")
    assert uk.tax_rate_bp == 2000  # a client with no country is domestic
