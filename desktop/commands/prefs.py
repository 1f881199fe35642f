"""`fractional-desk prefs get|set`: the preferences a script needs (capacity, the working day,
tax, invoicing, the seller and the standard terms on documents), saved through the Preferences
window's own use-case."""

from __future__ import annotations

import argparse
import dataclasses

from desktop.commands.common import open_db
from desktop.commands.fields import FLAG, NUMBER, WHOLE, Field, add_fields, given
from desktop.commands.output import command, emit_one
from desktop.contracts.prefs import PrefsJson, prefs_json
from storage.billing import preferences
from storage.practice import load_profile, settings

FIELDS = (
    Field("name", "your name, on documents"),
    Field("business_name", "your business's name, on invoices"),
    Field("email", "your email"),
    Field("phone", "your phone"),
    Field("business_address", "your address, on invoices"),
    Field("tax_id", "your VAT or tax id"),
    Field("bank_details", "how to pay you, on invoices"),
    Field("default_currency", "the currency of a new engagement (ISO 4217, such as EUR)"),
    Field("default_rate_minor", "the day rate of a new engagement, in minor units", WHOLE,
          optional=False),
    Field("capacity_days_per_week", "the days a week you sell: 0.5 to 7", NUMBER, optional=False),
    Field("default_hours_per_day", "the working day of a new engagement, in hours", NUMBER,
          optional=False),
    Field("week_start", "monday or sunday", choices=tuple(settings.WEEK_STARTS)),
    Field("hours_format", "h:mm or decimal", choices=tuple(settings.HOURS_FORMATS)),
    Field("paper_size", "A4 or Letter", choices=tuple(settings.PAPER_SIZES)),
    Field("payment_terms_days", "days to pay an invoice: 0 to 365", WHOLE, optional=False),
    Field("tax_rate_bp", "the tax rate in basis points: 2000 is 20%", WHOLE, optional=False),
    Field("tax_note", "a note on the tax (a reverse-charge statement)"),
    Field("invoice_number_format", "the invoice number, such as {year}-{number:04d}"),
    Field("confidentiality_text", "your standard confidentiality terms (`-`: standard input)"),
    Field("ip_text", "your standard intellectual property terms (`-`: standard input)"),
    Field("letterhead_path", "a .docx whose styles, header and logo the documents use"),
    Field("company_number", "your company number, on invoices"),
    Field("registered_office", "your registered office, on invoices"),
    Field("late_payment_text", "the late-payment terms on invoices"),
    Field("country", "your country, ISO 3166 (GB...): a client's tax follows it against yours"),
    Field("vat_registered", "you are registered for VAT", FLAG),
    Field("reverse_charge_note", "the reverse-charge statement on an invoice"),
    Field("outside_scope_note", "the note on an invoice outside the scope of VAT"),
    Field("credit_note_number_format", "the credit note number, such as CN-{year}-{number:04d}"),
    Field("base_rate_bp", "the central bank's base rate for late-payment interest: 475 is 4.75%",
          WHOLE, optional=False),
    Field("late_interest_margin_bp", "the statutory margin over it: 800 is 8%", WHOLE,
          optional=False),
    Field("late_compensation", "the fixed compensation bands for late payment"),
    Field("governing_law", "the law your scopes of work follow"),
    Field("liability_text", "your standard liability clause (`-`: standard input)"),
    Field("data_protection_text", "your standard data protection clause (`-`: standard input)"),
    Field("insurance_text", "your standard insurance clause (`-`: standard input)"),
    Field("indemnity_cover_minor", "professional indemnity cover, in minor units", WHOLE,
          optional=False),
    Field("public_liability_minor", "public liability cover, in minor units", WHOLE,
          optional=False),
    Field("status_text", "your standard status (IR35) clause (`-`: standard input)"),
    Field("non_solicitation_text", "your standard non-solicitation clause"),
    Field("non_solicitation_months", "months of non-solicitation", WHOLE, optional=False),
    Field("entire_agreement_text", "your standard entire-agreement clause"),
)  # fmt: skip


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "prefs", help="preferences: capacity, hours a day, tax, invoicing, reminders and documents"
    )
    actions = parser.add_subparsers(dest="action", required=True)
    get = command(actions, "get", "print the preferences (or one, by its key)", run_get,
                  contract=PrefsJson)  # fmt: skip
    get.add_argument("key", nargs="?", choices=[f.name for f in FIELDS], metavar="KEY",
                     help="one preference, printed alone")  # fmt: skip
    put = command(actions, "set", "change the preferences given; prints them all", run_set,
                  contract=PrefsJson, writes=True)  # fmt: skip
    add_fields(put, FIELDS)


def run_get(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        shown = prefs_json(load_profile(db))
    if args.key is not None and args.format == "table":
        print(shown[args.key])  # type: ignore[literal-required]
        return 0
    return emit_one(args, shown)


def run_set(args: argparse.Namespace) -> int:
    values = given(args, FIELDS)
    if values.get("letterhead_path"):
        from exporters.letterhead import check_letterhead  # python-docx only when one is given

        check_letterhead(values["letterhead_path"])
    with open_db(args) as db:
        before = load_profile(db)
        change = preferences.save(db, dataclasses.replace(before, **values), expected=before)
    return emit_one(args, prefs_json(change.after or before))
