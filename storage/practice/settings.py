"""App-wide settings kept in the database: the consultant profile the documents print."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.practice import clause_texts as clauses
from storage.practice import tax_details
from storage.practice.profile_store import (
    DEFAULT_HOURS_FORMAT,
    DEFAULT_WEEK_START,
    PROFILE_KEY,
    stored_profile,
)
from storage.rules import validation as v
from storage.rules.errors import ValidationError
from storage.rules.money import MAX_MONEY_MINOR
from storage.rules.vocabulary import DEFAULT_HOURS_PER_DAY, HOURS_PER_DAY

if TYPE_CHECKING:
    from sqlite_utils import Database

PAPER_SIZES = ("A4", "Letter")
WEEK_STARTS = ("monday", "sunday")
ROUNDING_MINUTES = (0, 5, 6, 15)
HOURS_FORMATS = ("h:mm", "decimal")  # 17:15 or 17.25 h, on every screen and document
MAX_TIMER_MINIMUM = 60
DEFAULT_CAPACITY = 4.0  # days a week sold; the rest is sales, admin and rest
MAX_DAYS_OFF = 200  # ranges kept; more is a pasted calendar, not holidays
DEFAULT_PAYMENT_TERMS_DAYS = 30
DEFAULT_INVOICE_NUMBER_FORMAT = "{year}-{number:04d}"  # 2026-0042
DEFAULT_CREDIT_NOTE_NUMBER_FORMAT = "CN-{year}-{number:04d}"  # CN-2026-0003
DEFAULT_REVERSE_CHARGE_NOTE = "Reverse charge: customer to account for VAT"
DEFAULT_OUTSIDE_SCOPE_NOTE = "Outside the scope of UK VAT: services to a business abroad"
DEFAULT_LATE_COMPENSATION = "1000:40 10000:70 *:100"  # the UK: £40 below £1,000, £70, £100
DEFAULT_CONFIDENTIALITY = (
    "Each party keeps confidential the other's non-public information received during the "
    "engagement, uses it only for the engagement, and shares it only with people who need it "
    "for that purpose and are bound by the same duty. This duty survives the end of the "
    "engagement for three years; it does not cover information that is public, already known "
    "to the receiving party or required to be disclosed by law."
)
DEFAULT_IP_TERMS = (
    "Work product created for the client during the engagement (documents, diagrams, code and "
    "decision records) belongs to the client once the fees for it are paid. The consultant "
    "keeps their pre-existing know-how, methods and templates, and grants the client a "
    "perpetual, royalty-free licence to use any of them included in the work product."
)


@dataclass(frozen=True)
class Profile:
    name: str = ""
    business_name: str = ""
    email: str = ""
    phone: str = ""
    default_currency: str = "USD"
    default_rate_minor: int = 0
    paper_size: str = "A4"
    week_start: str = DEFAULT_WEEK_START
    timer_rounding_minutes: int = 15
    capacity_days_per_week: float = DEFAULT_CAPACITY
    default_hours_per_day: float = DEFAULT_HOURS_PER_DAY  # a new engagement's working day
    days_off: tuple[tuple[str, str], ...] = ()  # (first, last) ISO dates, inclusive
    timer_minimum_minutes: int = 1  # a timer stopped sooner asks whether to log it
    hours_format: str = DEFAULT_HOURS_FORMAT
    # The seller on an invoice and the consultant's standard contract terms.
    business_address: str = ""
    tax_id: str = ""
    bank_details: str = ""
    payment_terms_days: int = DEFAULT_PAYMENT_TERMS_DAYS
    tax_rate_bp: int = 0  # basis points: 2000 is 20%; 0 with a note for reverse charge
    tax_note: str = ""
    invoice_number_format: str = DEFAULT_INVOICE_NUMBER_FORMAT
    # Tax by client (`storage.billing.tax`): the consultant's own country and registration, and
    # the notes printed under reverse charge and outside the scope of VAT.
    country: str = ""
    vat_registered: bool = True
    reverse_charge_note: str = DEFAULT_REVERSE_CHARGE_NOTE
    outside_scope_note: str = DEFAULT_OUTSIDE_SCOPE_NOTE
    credit_note_number_format: str = DEFAULT_CREDIT_NOTE_NUMBER_FORMAT
    # Statutory late-payment interest (UK: 8% over the Bank of England base rate, entered here,
    # never fetched) and the fixed compensation a reminder may claim by the size of the debt.
    base_rate_bp: int = 0
    late_interest_margin_bp: int = 800
    late_compensation: str = DEFAULT_LATE_COMPENSATION
    confidentiality_text: str = DEFAULT_CONFIDENTIALITY
    ip_text: str = DEFAULT_IP_TERMS
    letterhead_path: str = ""  # a .docx whose styles, header and logo the documents use
    # A UK limited company prints these on its business documents (the invoice).
    company_number: str = ""
    registered_office: str = ""
    late_payment_text: str = clauses.LATE_PAYMENT
    # The standard clauses a scope of work prints; an engagement may override each.
    governing_law: str = clauses.DEFAULT_GOVERNING_LAW
    liability_text: str = clauses.LIABILITY
    data_protection_text: str = clauses.DATA_PROTECTION
    insurance_text: str = clauses.INSURANCE
    indemnity_cover_minor: int = 0  # professional indemnity, in the default currency; 0: none set
    public_liability_minor: int = 0
    status_text: str = clauses.STATUS
    non_solicitation_text: str = clauses.NON_SOLICITATION
    non_solicitation_months: int = clauses.DEFAULT_NON_SOLICITATION_MONTHS
    entire_agreement_text: str = clauses.ENTIRE_AGREEMENT


def validate(profile: Profile) -> dict[str, Any]:
    rounding = profile.timer_rounding_minutes
    if rounding not in ROUNDING_MINUTES:
        raise ValidationError("timer_rounding_minutes", "must be none, 5, 6 or 15 minutes")
    return {
        "name": v.line_text("name", profile.name, max_len=200),
        "business_name": v.line_text("business_name", profile.business_name, max_len=200),
        "email": v.email("email", profile.email),
        "phone": v.line_text("phone", profile.phone, max_len=50),
        "default_currency": v.currency("default_currency", profile.default_currency),
        "default_rate_minor": v.int_between(
            "default_rate_minor", profile.default_rate_minor, 0, MAX_MONEY_MINOR
        ),
        "paper_size": v.one_of("paper_size", profile.paper_size, PAPER_SIZES),
        "week_start": v.one_of("week_start", profile.week_start, WEEK_STARTS),
        "timer_rounding_minutes": rounding,
        "capacity_days_per_week": v.number_between(
            "capacity_days_per_week", profile.capacity_days_per_week, 0.5, 7
        ),
        "default_hours_per_day": v.number_between(
            "default_hours_per_day", profile.default_hours_per_day, *HOURS_PER_DAY
        ),
        "days_off": _days_off(profile.days_off),
        "timer_minimum_minutes": v.int_between(
            "timer_minimum_minutes", profile.timer_minimum_minutes, 0, MAX_TIMER_MINIMUM
        ),
        "hours_format": v.one_of("hours_format", profile.hours_format, HOURS_FORMATS),
        "business_address": v.clean_text(
            "business_address", profile.business_address, max_len=1000
        ),
        "tax_id": v.line_text("tax_id", profile.tax_id, max_len=100),
        "bank_details": v.clean_text("bank_details", profile.bank_details, max_len=1000),
        "payment_terms_days": v.int_between(
            "payment_terms_days", profile.payment_terms_days, 0, 365
        ),
        "tax_rate_bp": v.int_between("tax_rate_bp", profile.tax_rate_bp, 0, 10_000),
        "tax_note": v.line_text("tax_note", profile.tax_note, max_len=500),
        "invoice_number_format": invoice_number_format(profile.invoice_number_format),
        "country": tax_details.country("country", profile.country),
        "vat_registered": _yes_no("vat_registered", profile.vat_registered),
        "reverse_charge_note": v.line_text(
            "reverse_charge_note", profile.reverse_charge_note, max_len=500
        ),
        "outside_scope_note": v.line_text(
            "outside_scope_note", profile.outside_scope_note, max_len=500
        ),
        "credit_note_number_format": invoice_number_format(
            profile.credit_note_number_format, "credit_note_number_format"
        ),
        "base_rate_bp": v.int_between("base_rate_bp", profile.base_rate_bp, 0, 10_000),
        "late_interest_margin_bp": v.int_between(
            "late_interest_margin_bp", profile.late_interest_margin_bp, 0, 10_000
        ),
        "late_compensation": late_compensation(profile.late_compensation),
        "confidentiality_text": v.clean_text(
            "confidentiality_text", profile.confidentiality_text, max_len=50_000
        ),
        "ip_text": v.clean_text("ip_text", profile.ip_text, max_len=50_000),
        "letterhead_path": v.line_text("letterhead_path", profile.letterhead_path, max_len=4096),
        "company_number": v.line_text("company_number", profile.company_number, max_len=50),
        "registered_office": v.clean_text(
            "registered_office", profile.registered_office, max_len=1000
        ),
        "governing_law": v.line_text(
            "governing_law", profile.governing_law, required=True, max_len=200
        ),
        "indemnity_cover_minor": v.int_between(
            "indemnity_cover_minor", profile.indemnity_cover_minor, 0, MAX_MONEY_MINOR
        ),
        "public_liability_minor": v.int_between(
            "public_liability_minor", profile.public_liability_minor, 0, MAX_MONEY_MINOR
        ),
        "non_solicitation_months": v.int_between(
            "non_solicitation_months", profile.non_solicitation_months, 0, 60
        ),
        **{name: v.clean_text(name, getattr(profile, name), max_len=50_000) for name in CLAUSES},
    }


# The standard clause texts, each with an engagement override of the same meaning.
CLAUSES = (
    "late_payment_text", "liability_text", "data_protection_text", "insurance_text",
    "status_text", "non_solicitation_text", "entire_agreement_text",
)  # fmt: skip


def _yes_no(field: str, value: object) -> bool:
    if not isinstance(value, bool | int) or value not in (0, 1):
        raise ValidationError(field, "must be yes or no")
    return bool(value)


def late_compensation(value: object) -> str:
    """Bands of fixed compensation, `below:amount` a band, the last open (`1000:40 10000:70
    *:100`): amounts in the invoice's major unit; refused when a band does not read."""
    text = v.line_text("late_compensation", value, max_len=200)
    try:
        compensation_bands(text)
    except ValueError:
        raise ValidationError(
            "late_compensation", "write bands such as 1000:40 10000:70 *:100"
        ) from None
    return text


def compensation_bands(text: str) -> list[tuple[int | None, int]]:
    """(below, in major units, or None for the rest; the compensation) per band, in order."""
    bands: list[tuple[int | None, int]] = []
    for part in text.split():
        limit, amount = part.split(":")
        bands.append((None if limit == "*" else int(limit), int(amount)))
    return bands


def invoice_number_format(value: object, field: str = "invoice_number_format") -> str:
    """A pattern with `{number}` (the sequence, e.g. `{number:04d}`) and optionally `{year}` and
    `{device}` (a synced device's series code); refused when it cannot format or gives the
    same number for two sequence values."""
    text = v.line_text(field, value, required=True, max_len=100)
    try:
        first, second = (text.format(year=2026, number=n, device="") for n in (1, 2))
    except (KeyError, IndexError, ValueError):
        raise ValidationError(
            field, "use {number} for the sequence, and {year} if you like"
        ) from None
    if first == second:
        raise ValidationError(field, "must include {number}")
    return text


def _days_off(ranges: object) -> tuple[tuple[str, str], ...]:
    """Holidays as (first, last) ISO dates, oldest first; a range ending before it starts is refused."""
    if not isinstance(ranges, list | tuple) or len(ranges) > MAX_DAYS_OFF:
        raise ValidationError("days_off", f"must be at most {MAX_DAYS_OFF} date ranges")
    kept = []
    for pair in ranges:
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise ValidationError("days_off", "each range is a first and a last day")
        first = v.iso_date("days_off", pair[0]) or ""
        last = v.iso_date("days_off", pair[1]) or ""
        if last < first:
            raise ValidationError("days_off", f"{last} is before {first}")
        kept.append((first, last))
    return tuple(sorted(kept))


def days_off_dates(profile: Profile) -> list[tuple[dt.date, dt.date]]:
    return [(dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in profile.days_off]


def load_profile(db: Database) -> Profile:
    stored = stored_profile(db)
    if not stored:
        return Profile()
    known = {f.name for f in dataclasses.fields(Profile)}
    values = {k: val for k, val in stored.items() if k in known}
    if "days_off" in values:
        values["days_off"] = tuple(tuple(pair) for pair in values["days_off"])
    return Profile(**values)


def save_profile(db: Database, profile: Profile) -> Profile:
    data = validate(profile)
    with db.atomic():
        db.execute(
            "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
            [PROFILE_KEY, json.dumps(data)],
        )
    return Profile(**data)


def days_off_text(profile: Profile) -> str:
    """One range a line, `2026-12-21 to 2027-01-01`, or one date for a single day."""
    return "\n".join(a if a == b else f"{a} to {b}" for a, b in profile.days_off)


def parse_days_off(text: str) -> tuple[tuple[str, str], ...]:
    """The ranges typed one a line (`2026-12-21 to 2027-01-01` or one date); checked by `validate`."""
    ranges = []
    for line in text.splitlines():
        parts = [part.strip() for part in line.replace(" - ", " to ").split(" to ")]
        if not parts[0]:
            continue
        if len(parts) > 2:
            raise ValidationError("days_off", f"“{line.strip()}” is not a date or a range")
        ranges.append((parts[0], parts[-1]))
    return _days_off(ranges)
