"""`prefs get|set`: the preferences a script may read and set, as JSON (days off and the
timer's settings stay in the window)."""

from __future__ import annotations

from typing import TypedDict

from storage.practice import Profile


class PrefsJson(TypedDict):
    name: str
    business_name: str
    email: str
    phone: str
    business_address: str
    tax_id: str
    bank_details: str
    default_currency: str
    default_rate_minor: int
    capacity_days_per_week: float
    default_hours_per_day: float
    week_start: str
    hours_format: str
    paper_size: str
    payment_terms_days: int
    tax_rate_bp: int
    tax_note: str
    invoice_number_format: str
    confidentiality_text: str
    ip_text: str
    letterhead_path: str
    company_number: str
    registered_office: str
    late_payment_text: str
    country: str
    vat_registered: bool
    reverse_charge_note: str
    outside_scope_note: str
    credit_note_number_format: str
    base_rate_bp: int
    late_interest_margin_bp: int
    late_compensation: str
    governing_law: str
    liability_text: str
    data_protection_text: str
    insurance_text: str
    indemnity_cover_minor: int
    public_liability_minor: int
    status_text: str
    non_solicitation_text: str
    non_solicitation_months: int
    entire_agreement_text: str


def prefs_json(p: Profile) -> PrefsJson:
    """Every key of the type, read from the profile under the same name."""
    return PrefsJson(**{key: getattr(p, key) for key in PrefsJson.__annotations__})  # type: ignore[typeddict-item]
