"""Tax follows the client: one value, `TaxTreatment`, that the month report, the draft invoice,
the Month tab and the documents all read.

- domestic: VAT at the client's own rate, or the practice's default;
- reverse charge: business to business across a border inside the EU or the UK/EU border, with
  a VAT number: 0%, the buyer's VAT number and the statement from Preferences on the invoice;
- outside the scope of VAT: a business outside the EU and the UK: 0% with its note;
- not registered: the consultant charges no VAT, and the invoice has no VAT line at all.

A treatment chosen in the client's legal details wins; otherwise it follows the client's country
and VAT number against the consultant's own country. No per-country rate tables: a cross-border
rate is 0.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.practice.clients import Client
from storage.practice.settings import Profile
from storage.practice.tax_details import in_vat_area

LABELS = {
    "domestic": "VAT",
    "reverse_charge": "Reverse charge",
    "outside_scope": "Outside the scope of VAT",
    "not_registered": "No VAT (not registered)",
}


@dataclass(frozen=True)
class TaxTreatment:
    kind: str  # domestic, reverse_charge, outside_scope, not_registered
    rate_bp: int  # basis points: 2000 is 20%
    note: str = ""  # printed under the totals
    vat_number: str = ""  # the buyer's, printed under reverse charge

    @property
    def label(self) -> str:
        return LABELS[self.kind]

    @property
    def has_vat_line(self) -> bool:
        """Whether the invoice shows a VAT line (0% under reverse charge still shows one)."""
        return self.kind != "not_registered"


def default_kind(client: Client, profile: Profile) -> str:
    """The treatment the client's country and VAT number give, against the consultant's."""
    own, theirs = profile.country, client.country
    if not own or not theirs or own == theirs:
        return "domestic"
    if not in_vat_area(theirs):
        return "outside_scope"
    if in_vat_area(own) and client.tax_id.strip():
        return "reverse_charge"
    return "domestic"  # a consumer in the EU or the UK is charged VAT


def tax_treatment(client: Client, profile: Profile) -> TaxTreatment:
    """How the client's invoices are taxed."""
    if not profile.vat_registered:
        return TaxTreatment("not_registered", 0)
    kind = client.tax_treatment or default_kind(client, profile)
    if kind == "reverse_charge":
        return TaxTreatment(kind, 0, profile.reverse_charge_note, client.tax_id.strip())
    if kind == "outside_scope":
        return TaxTreatment(kind, 0, profile.outside_scope_note)
    if kind == "not_registered":
        return TaxTreatment(kind, 0)
    rate = profile.tax_rate_bp if client.tax_rate_bp is None else client.tax_rate_bp
    return TaxTreatment("domestic", rate, profile.tax_note)
