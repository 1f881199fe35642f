"""`fractional-desk engagements list|commit`: every engagement as a table or stable JSON, and a
new commitment period from a date."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from desktop.commands.arguments import day_option
from desktop.commands.common import (
    CommandError,
    add_format_option,
    open_db,
    print_json,
    print_table,
)
from exporters.fees import UNITS
from exporters.formatting import money_whole
from storage.portfolio import capacity

if TYPE_CHECKING:
    from sqlite_utils import Database

from storage.practice import (
    Client,
    CommitmentPeriod,
    Deliverable,
    Engagement,
    Phase,
    clients,
    commitments,
    deliverables,
    engagements,
    phases,
    settings,
)
from storage.rules import NotFoundError, ValidationError, clock


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("engagements", help="list engagements, change a commitment")
    actions = parser.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="print every engagement")
    add_format_option(listing)
    listing.set_defaults(func=run_list)
    commit = actions.add_parser("commit", help="a new commitment from a date (a raise, a taper)")
    commit.add_argument("--engagement", type=int, required=True, help="the engagement's id")
    commit.add_argument("--from", dest="starts_on", required=True, help="a date such as 2027-01-04")
    commit.add_argument("--days-per-week", type=float, required=True, help="0.5 to 5")
    commit.add_argument("--hours-per-day", type=float, help="default: those in force before")
    commit.add_argument(
        "--over-capacity", action="store_true", help="save even when a week goes over capacity"
    )
    commit.set_defaults(func=run_commit)


def as_json(
    e: Engagement,
    history: list[CommitmentPeriod],
    client: Client | None = None,
    found_deliverables: list[Deliverable] | None = None,
    found_phases: list[Phase] | None = None,
) -> dict[str, Any]:
    """The stable JSON shape scripts rely on: never rename these keys. The days and hours are
    those in force today; `commitments` lists every period. In `terms`, null or "" means the
    standard from Preferences (payment terms, confidentiality, IP) or not agreed yet."""
    now = commitments.in_force(history, clock.today())
    return {
        "id": e.id,
        "client": e.client_name,
        "title": e.title,
        "role": e.role,
        "status": e.status,
        "start_date": e.start_date.isoformat(),
        "planned_end_date": e.planned_end_date.isoformat() if e.planned_end_date else None,
        "days_per_week": now.days_per_week,
        "hours_per_day": now.hours_per_day,
        "commitments": commitments.as_json(history),
        "target_split": e.target_split,
        "billing_model": e.billing_model,
        "fee_minor": e.fee_minor,
        "currency": e.currency,
        "terms": {field: getattr(e, field) for field in TERMS_FIELDS},
        "client_legal": {field: getattr(client, field) if client else "" for field in LEGAL_FIELDS},
        "deliverables": [_deliverable(d) for d in found_deliverables or []],
        "phases": [_phase(p) for p in found_phases or []],
    }


TERMS_FIELDS = (
    "payment_terms_days", "invoicing_cadence", "expenses_policy", "notice_days",
    "minimum_term_months", "heavy_rate_minor", "confidentiality", "ip_terms", "disclosures",
    "governing_law", "liability_text", "data_protection_text", "insurance_text", "status_text",
    "non_solicitation_text", "entire_agreement_text", "personal_data", "data_categories",
    "sub_processors",
    "included_minutes", "overage_rate_minor", "rollover_minutes",
)  # fmt: skip
LEGAL_FIELDS = ("legal_name", "address", "tax_id", "signatory_name", "signatory_title")


def _deliverable(d: Deliverable) -> dict[str, Any]:
    due = d.due_on.isoformat() if d.due_on else None
    return {"title": d.title, "acceptance": d.acceptance, "due_on": due}


def _phase(p: Phase) -> dict[str, Any]:
    return {
        "name": p.name,
        "starts_on": p.starts_on.isoformat(),
        "ends_on": p.ends_on.isoformat(),
        "goals": p.goals,
    }


def run_list(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        found = [(e, commitments.of(db, e)) for e in engagements.list_all(db)]
        if args.format == "json":
            print_json([_full_json(db, e, history) for e, history in found])
            return 0
    headers = ["ID", "Client", "Title", "Status", "Start", "Planned end", "Days/wk", "Fee"]
    print_table(headers, [_row(e, history) for e, history in found])
    return 0


def _full_json(db: Database, e: Engagement, history: list[CommitmentPeriod]) -> dict[str, Any]:
    own = e.id or 0
    client = clients.get(db, e.client_id)
    return as_json(e, history, client, deliverables.list_for(db, own), phases.list_for(db, own))


def _row(e: Engagement, history: list[CommitmentPeriod]) -> list[object]:
    days = commitments.in_force(history, clock.today()).days_per_week
    end = e.planned_end_date or ""
    fee = (
        f"{money_whole(e.fee_minor, e.currency)} {UNITS.get(e.billing_model, '')}"
        if e.fee_minor
        else ""
    )
    return [e.id, e.client_name, e.title, e.status, e.start_date, end, f"{days:g}", fee]


def run_commit(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        args.starts_on = day_option("--from", args.starts_on)
        try:
            e = engagements.get(db, args.engagement)
        except NotFoundError as exc:
            raise CommandError(f"There is no engagement {args.engagement}.") from exc
        try:
            _check_capacity(db, e, args)
            period = commitments.add(db, e, args.starts_on, args.days_per_week, args.hours_per_day)
        except ValidationError as exc:
            print(f"fractional-desk: {exc.field}: {exc.message}", file=sys.stderr)
            return 1
    print(period.id)
    return 0


def _check_capacity(db: Database, e: Engagement, args: argparse.Namespace) -> None:
    """Refuse a commitment that takes a week over capacity unless `--over-capacity` says so."""
    history = commitments.of(db, e)
    hours = args.hours_per_day or commitments.in_force(history, args.starts_on).hours_per_day
    proposed = CommitmentPeriod(e.id or 0, args.starts_on, args.days_per_week, hours)
    commitments.validate(proposed)  # a value out of range is said as such, not as over capacity
    commitments.check_after_start(e.start_date, args.starts_on)
    kept = [p for p in history if p.starts_on != args.starts_on]
    new_history = sorted([*kept, proposed], key=lambda p: p.starts_on)
    over = capacity.weeks_over(db, e, new_history)
    if not over:
        return
    text = capacity.warning(over, settings.load_profile(db).capacity_days_per_week)
    if not args.over_capacity:
        raise CommandError(f"{text} Nothing was saved; add --over-capacity to save it anyway.")
    print(f"fractional-desk: {text}", file=sys.stderr)
