"""`fractional-desk engagements list|show|add|edit|commit`: engagements from a shell, with their
terms, deliverables and phases, written through the engagement editor's own use-case; and a new
commitment period from a date."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desktop.commands.arguments import day_option
from desktop.commands.common import CommandError, open_db
from desktop.commands.fields import DATE, FLAG, NUMBER, WHOLE, Field, add_fields, given
from desktop.commands.output import command, emit_list, emit_one
from desktop.commands.record_rows import deliverables_given, phases_given, split_given
from desktop.contracts.engagements import (
    CommitmentPeriodJson,
    EngagementJson,
    engagement_json,
    period_json,
)
from exporters.fees import UNITS
from exporters.formatting import money_whole
from storage.portfolio import capacity

if TYPE_CHECKING:
    from sqlite_utils import Database

from storage.practice import (
    CommitmentPeriod,
    Engagement,
    SavedState,
    clients,
    commitments,
    engagement_changes,
    engagements,
    phases,
    presence,
    settings,
)
from storage.rules import (
    BILLING_MODELS,
    ENGAGEMENT_STATUS_LABELS,
    INVOICING_CADENCES,
    ROLES,
)

FIELDS = (
    Field("title", "the engagement's title"),
    Field("role", "your role", choices=tuple(ROLES)),
    Field("status", "proposed, active, exiting or ended", choices=tuple(ENGAGEMENT_STATUS_LABELS)),
    Field("start_date", "the first day", DATE, optional=False),
    Field("planned_end_date", "the planned exit (`none` for an open end)", DATE),
    Field("days_per_week", "the commitment agreed at the start: 0.5 to 5", NUMBER, optional=False),
    Field("hours_per_day", "the working day (default: Preferences)", NUMBER, optional=False),
    Field("billing_model", "how it is billed", choices=tuple(BILLING_MODELS)),
    Field("fee_minor", "the fee in minor units (per hour, day, month or in all)", WHOLE,
          optional=False),
    Field("currency", "an ISO 4217 code such as EUR"),
    Field("objectives", "background and objectives (`-`: standard input)"),
    Field("out_of_scope", "what the role is not"),
    Field("assumptions", "assumptions"),
    Field("payment_terms_days", "days to pay (`none`: your standard)", WHOLE),
    Field("invoicing_cadence", "when invoices are sent",
          choices=tuple(c for c in INVOICING_CADENCES if c)),
    Field("expenses_policy", "how expenses are billed"),
    Field("notice_days", "notice in days", WHOLE),
    Field("minimum_term_months", "the minimum term in months", WHOLE),
    Field("heavy_rate_minor", "a day rate for days beyond the commitment", WHOLE),
    Field("included_minutes", "a retainer's minutes included each month (`none`: not set)", WHOLE),
    Field("overage_rate_minor", "a retainer's hourly rate beyond the included hours", WHOLE),
    Field("rollover_minutes", "a retainer's unused minutes that may roll over, at most", WHOLE,
          optional=False),
    Field("confidentiality", "confidentiality terms (empty: your standard)"),
    Field("ip_terms", "intellectual property terms (empty: your standard)"),
    Field("disclosures", "conflicts of interest declared"),
    Field("governing_law", "the law the contract follows (empty: your standard)"),
    Field("liability_text", "the liability clause (empty: your standard)"),
    Field("data_protection_text", "the data protection clause (empty: your standard)"),
    Field("insurance_text", "the insurance clause (empty: your standard)"),
    Field("status_text", "the status (IR35) clause (empty: your standard)"),
    Field("non_solicitation_text", "the non-solicitation clause (empty: your standard)"),
    Field("entire_agreement_text", "the entire-agreement clause (empty: your standard)"),
    Field("personal_data", "you process personal data for the client (adds the annex)", FLAG),
    Field("data_categories", "the annex: categories of data and of people"),
    Field("sub_processors", "the annex: sub-processors, such as the AI providers used"),
)  # fmt: skip
COLUMNS = (("ID", "id"), ("Client", "client"), ("Title", "title"), ("Status", "status"),
           ("Start", "start_date"), ("Planned end", "planned_end_date"),
           ("Days/wk", "days_per_week"), ("Fee", "fee"))  # fmt: skip


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "engagements", help="engagements: list, show, add, edit, change a commitment"
    )
    actions = parser.add_subparsers(dest="action", required=True)
    listing = command(actions, "list", "every engagement with its id", run_list,
                      contract=EngagementJson)  # fmt: skip
    listing.add_argument("--client", type=int, metavar="ID", help="one client's only")
    show = command(actions, "show", "one engagement: terms, deliverables and phases", run_show,
                   contract=EngagementJson)  # fmt: skip
    show.add_argument("engagement", type=int, metavar="ID")
    add = command(actions, "add", "a new engagement for a client; prints it", run_add,
                  contract=EngagementJson, writes=True)  # fmt: skip
    add.add_argument("--client", type=int, required=True, metavar="ID",
                     help="the client's id (fractional-desk clients list)")  # fmt: skip
    _record_options(add)
    edit = command(actions, "edit", "change an engagement's fields; prints it", run_edit,
                   contract=EngagementJson, writes=True)  # fmt: skip
    edit.add_argument("engagement", type=int, metavar="ID")
    _record_options(edit)
    commit = command(actions, "commit", "a new commitment from a date (a raise, a taper)",
                     run_commit, contract=CommitmentPeriodJson, writes=True)  # fmt: skip
    commit.add_argument("--engagement", type=int, required=True, help="the engagement's id")
    commit.add_argument("--from", dest="starts_on", required=True, help="a date such as 2027-01-04")
    commit.add_argument("--days-per-week", type=float, required=True, help="0.5 to 5")
    commit.add_argument("--hours-per-day", type=float, help="default: those in force before")
    commit.add_argument(
        "--over-capacity", action="store_true", help="save even when a week goes over capacity"
    )


def _record_options(parser: argparse.ArgumentParser) -> None:
    add_fields(parser, FIELDS)
    parser.add_argument(
        "--split",
        metavar="S/T/L",
        help="the target split of strategy/team/leadership, such as 50/30/20",
    )
    parser.add_argument(
        "--deliverable",
        action="append",
        metavar="TITLE|ACCEPTANCE|DUE",
        help="a deliverable (repeat for each; the given ones replace the list)",
    )
    parser.add_argument("--no-deliverables", action="store_true", help="remove every deliverable")
    parser.add_argument(
        "--phase",
        action="append",
        metavar="NAME|START|END|GOALS",
        help="a phase (repeat for each; the given ones replace the list)",
    )
    parser.add_argument(
        "--suggested-phases",
        action="store_true",
        help="the usual phases for the role over the engagement's dates",
    )
    parser.add_argument("--no-phases", action="store_true", help="remove every phase")  # fmt: skip


def shown(db: Database, engagement_id: int) -> EngagementJson:
    state = engagement_changes.stored_state(db, engagement_id)
    return engagement_json(state, clients.get(db, state.engagement.client_id))


def run_list(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        if args.client is not None:
            clients.get(db, args.client)  # an unknown client is refused, naming `clients list`
        found = [shown(db, e.id or 0) for e in engagements.list_all(db, client_id=args.client)]
    rows = [{**e, "fee": _fee(e)} for e in found] if args.format == "table" else found
    return emit_list(args, rows, COLUMNS)


def _fee(e: EngagementJson) -> str:
    if not e["fee_minor"]:
        return ""
    return f"{money_whole(e['fee_minor'], e['currency'])} {UNITS.get(e['billing_model'], '')}"


def run_show(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        return emit_one(args, shown(db, args.engagement))


def run_add(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        clients.get(db, args.client)
        new = engagements.new_with_profile(db, args.client)
        record = engagements.with_changes(new, **given(args, FIELDS), **split_given(args))
        rows = _rows(args, SavedState(record, []))
        change = engagement_changes.add(db, record, **rows)
        return emit_one(args, shown(db, presence.record_id(change)))


def run_edit(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        before = engagement_changes.stored_state(db, args.engagement)
        record = engagements.with_changes(
            before.engagement, **given(args, FIELDS), **split_given(args)
        )
        rows = _rows(args, before)
        engagement_changes.save(db, record, **rows, expected=before)
        return emit_one(args, shown(db, args.engagement))


def _rows(args: argparse.Namespace, state: SavedState) -> dict[str, object]:
    """The deliverables and phases the options give (None keeps what is stored)."""
    e = state.engagement
    found = {
        "deliverables": deliverables_given(args, e.id or 0),
        "phases": phases_given(args, e.id or 0),
    }
    if args.suggested_phases:
        found["phases"] = phases.suggested(e)
    return found


def run_commit(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        args.starts_on = day_option("--from", args.starts_on)
        e = engagements.get(db, args.engagement)
        _check_capacity(db, e, args)
        period = commitments.add(db, e, args.starts_on, args.days_per_week, args.hours_per_day)
    if args.format == "table":
        print(period.id)  # scripts have read the id alone since `commit` first printed it
        return 0
    return emit_one(args, period_json(period))


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
