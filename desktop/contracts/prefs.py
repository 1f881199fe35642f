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


def prefs_json(p: Profile) -> PrefsJson:
    return PrefsJson(
        name=p.name,
        business_name=p.business_name,
        email=p.email,
        phone=p.phone,
        business_address=p.business_address,
        tax_id=p.tax_id,
        bank_details=p.bank_details,
        default_currency=p.default_currency,
        default_rate_minor=p.default_rate_minor,
        capacity_days_per_week=p.capacity_days_per_week,
        default_hours_per_day=p.default_hours_per_day,
        week_start=p.week_start,
        hours_format=p.hours_format,
        paper_size=p.paper_size,
        payment_terms_days=p.payment_terms_days,
        tax_rate_bp=p.tax_rate_bp,
        tax_note=p.tax_note,
        invoice_number_format=p.invoice_number_format,
        confidentiality_text=p.confidentiality_text,
        ip_text=p.ip_text,
        letterhead_path=p.letterhead_path,
    )
