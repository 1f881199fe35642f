"""The scope of work: what the consultant will do for a client, for how long, and how it ends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlite_utils import Database

from exporters import docx_common as common
from exporters import fees, scope_roles
from exporters.formatting import TO_BE_AGREED, hours_words, long_date, money, number
from storage import deliverables, milestones
from storage.apportion import largest_remainder
from storage.engagements import BILLING_MODELS, BUCKET_LABELS, Engagement
from storage.settings import Profile

TITLE = "Scope of work"
VERSION = "1.0"
BUCKET_DESCRIPTIONS = {
    "strategy": (
        "Architecture reviews, build-versus-buy calls, evaluating options and written "
        "recommendations the team can refer to after the engagement."
    ),
    "team": (
        "One-on-ones with senior engineers, reviewing pull requests on the strategically important "
        "parts, pairing on hard problems when it teaches something, and pushing back on over- or "
        "under-engineering."
    ),
    "leadership": (
        "Board meetings where technology is on the table, the technical sections of investor "
        "updates, job descriptions, interview rubrics and offer levels, and reading vendor "
        "contracts with an engineering eye."
    ),
}
CLIENT_RESPONSIBILITIES = (
    "Name one person on the client side who agrees priorities and signs off deliverables.",
    "Give timely access to the people, code, systems and documents the work needs.",
    "Take part in the agreed meetings and make decisions within the agreed time.",
    "Name the people who will own each responsibility after the engagement ends.",
)
CHANGE_CONTROL = (
    "Either party may propose a change to this scope in writing (email is enough).",
    "The consultant says within five working days what the change means for time, fees and the "
    "exit date.",
    "The change applies once both parties have agreed it in writing; until then this scope holds.",
    "Agreed changes are recorded as a new version of this document.",
)


def build(db: Database, engagement_id: int, *, on: dt.date | None = None) -> common.Document:
    """The scope of work for one engagement, as a python-docx Document."""
    document, e, client, profile, issued = common.engagement_document(db, engagement_id, TITLE, on)
    _cover(document, e, client.contact_name, profile, issued)
    _background(document, e, profile)
    _services(document, e)
    _deliverables(document, db, e)
    common.heading(document, "Out of scope")
    common.text(document, e.out_of_scope)
    _term(document, db, e)
    _fees(document, e)
    _assumptions(document, e)
    common.heading(document, "Change control")
    common.bullets(document, CHANGE_CONTROL, style="List Number")
    _acceptance(document, client.name, profile)
    return document


def export(db: Database, engagement_id: int, target: Path) -> Path:
    return common.save(build(db, engagement_id), target)


def _cover(
    document: common.Document, e: Engagement, contact: str, profile: Profile, issued: dt.date
) -> None:
    common.paragraph(document, TITLE, style="Title")
    common.paragraph(document, f"{e.title} for {e.client_name}", style="Subtitle")
    consultant = ", ".join(p for p in (profile.name, profile.business_name) if p)
    reach = " · ".join(p for p in (profile.email, profile.phone) if p)
    common.key_values(
        document,
        [
            ("Client", e.client_name + (f" (attention: {contact})" if contact else "")),
            ("Engagement", e.title),
            ("Role", scope_roles.label(e.role)),
            ("Consultant", consultant or TO_BE_AGREED),
            ("Contact", reach or TO_BE_AGREED),
            ("Date", long_date(issued)),
            ("Version", f"{VERSION} ({e.status})"),
        ],
    )


def _background(document: common.Document, e: Engagement, profile: Profile) -> None:
    common.heading(document, "Background and objectives")
    common.paragraph(
        document,
        f"{e.client_name} is engaging {common.consultant(profile)} as its "
        f"{scope_roles.label(e.role)}: {scope_roles.text(e.role).description}. This document "
        "states what the work covers, the time committed, the fees and how the engagement ends.",
    )
    common.heading(document, "Objectives", level=2)
    common.text(document, e.objectives)


def _services(document: common.Document, e: Engagement) -> None:
    common.heading(document, "Services and time commitment")
    days = number(e.days_per_week)
    common.paragraph(
        document,
        f"The consultant commits {days} day{'s' if e.days_per_week != 1 else ''} a week, about "
        f"{number(fees.weekly_hours(e))} hours ({number(e.hours_per_day)} hours a day). Time is "
        "logged against three areas; the target split below is reviewed with the client each "
        "month against the time actually spent.",
    )
    weekly = e.committed_minutes_per_week
    shares = largest_remainder(list(e.target_split.values()), weekly)
    for (bucket, percent), minutes in zip(e.target_split.items(), shares, strict=True):
        label, description = BUCKET_LABELS[bucket], BUCKET_DESCRIPTIONS[bucket]
        about = f"about {hours_words(minutes)} a week"
        common.heading(document, f"{label}: {percent}% ({about})", level=2)
        common.paragraph(document, description)
    _role(document, e.role)


def _deliverables(document: common.Document, db: Database, e: Engagement) -> None:
    common.heading(document, "Deliverables")
    found = deliverables.list_for(db, e.id or 0)
    if not found:
        common.paragraph(document, TO_BE_AGREED)
    common.bullets(document, [d.title for d in found])


def _role(document: common.Document, role: str) -> None:
    """What this role means: the AI roles' controls and gates, what an advisor does not do."""
    found = scope_roles.text(role)
    common.heading(document, f"The {scope_roles.label(role)} role", level=2)
    common.paragraph(document, found.intro)
    common.bullets(document, found.points)


def _term(document: common.Document, db: Database, e: Engagement) -> None:
    common.heading(document, "Term and defined exit")
    months = fees.term_months(e)
    common.key_values(
        document,
        [
            ("Start", long_date(e.start_date)),
            ("Planned end", long_date(e.planned_end_date)),
            ("Planned term", _term_words(months)),
        ],
    )
    common.paragraph(
        document,
        "The engagement is designed to end. It is complete when the exit criteria below are met; "
        "the end date, or a reduced cadence after it, is agreed in writing.",
    )
    common.heading(document, "Exit criteria", level=2)
    criteria = [m for m in milestones.list_for(db, e.id or 0) if m.status != "dropped"]
    if not criteria:
        common.paragraph(document, TO_BE_AGREED)
    for m in criteria:
        due = f" (by {long_date(m.due_date)})" if m.due_date else ""
        common.bullets(document, [f"{m.title}{due}"])


def _term_words(months: int | None) -> str:
    if months is None:
        return "Open-ended: month to month until either party ends it"
    return f"{months} calendar month{'s' if months != 1 else ''}"


def _fees(document: common.Document, e: Engagement) -> None:
    common.heading(document, "Fees")
    amount = money(e.fee_minor, e.currency) if e.fee_minor else TO_BE_AGREED
    unit = fees.UNITS.get(e.billing_model, "")
    found = fees.basis(e)
    monthly, total = (found.monthly_minor, found.total_minor) if found else (None, None)
    common.key_values(
        document,
        [
            ("Billing model", BILLING_MODELS.get(e.billing_model, e.billing_model)),
            ("Amount", f"{amount} {unit}" if e.fee_minor else amount),
            ("Basis", found.sentence if found else TO_BE_AGREED),
            ("Monthly", money(monthly, e.currency)),
            ("Total over the term", _total_words(e, total)),
        ],
    )
    common.paragraph(
        document,
        "The term is counted in calendar months from the start date (a part month of 15 days or "
        "more counts as a month). Hourly and daily figures assume the committed time each week; "
        "invoices follow the time actually worked at the rate agreed here.",
        style="Caption",
    )


def _total_words(e: Engagement, total: int | None) -> str:
    if total is None and e.fee_minor and e.planned_end_date is None:
        return "None: the term is open-ended"
    return money(total, e.currency)


def _assumptions(document: common.Document, e: Engagement) -> None:
    common.heading(document, "Assumptions and client responsibilities")
    common.heading(document, "Assumptions", level=2)
    common.text(document, e.assumptions)
    common.heading(document, "Client responsibilities", level=2)
    common.bullets(document, CLIENT_RESPONSIBILITIES)


def _acceptance(document: common.Document, client_name: str, profile: Profile) -> None:
    common.heading(document, "Acceptance")
    common.paragraph(
        document,
        "Signed for each party to accept this scope of work. Either party keeps a signed copy.",
    )
    grid = common.table(
        document,
        ["", f"For {client_name}", f"For {common.consultant(profile)}"],
        [["Name", "", profile.name], ["Title", "", ""], ["Signature", "", ""], ["Date", "", ""]],
        widths=(3.0, 6.7, 6.7),
    )
    for row in grid.rows[1:]:
        common.row_height(row, 1.1)
