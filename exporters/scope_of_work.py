"""The scope of work: what the consultant will do for a client, for how long, on what terms,
and how it ends; each export is kept as a numbered version that says what changed.

The contract terms are in `sow_contract`, the parties, plan and signatures in `sow_plan`, the
versions in `sow_versions`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlite_utils import Database

from exporters import docx_common as common
from exporters import fees, scope_roles, sow_clauses, sow_contract, sow_plan, sow_versions
from exporters.formatting import TO_BE_AGREED, hours_words, long_date, number
from exporters.sow_terms import SowData
from exporters.sow_versions import Draft
from storage.file import AppDatabase
from storage.practice import Engagement, Profile, document_versions
from storage.rules import BUCKET_LABELS, clock, largest_remainder

TITLE = "Scope of work"
DRAFT = "DRAFT"
COVER = "Cover"  # what `to_be_agreed` calls the block before the first heading
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
    """The scope of work the next export would write, as a python-docx Document."""
    return write(sow_versions.draft(db, engagement_id, on or clock.today()))


def export(db: AppDatabase, engagement_id: int, target: Path, *, on: dt.date | None = None) -> Path:
    """Write the next version atomically and record it, under the write lock from the number to
    the record (two exports at once print 1 and 2); a failed export records nothing, and a
    read-only practice gets its document without a version kept. A scope of work with a
    section still to be agreed is written and recorded as a draft."""
    with document_versions.numbering(db) as kept:
        found = sow_versions.draft(db, engagement_id, on or clock.today())
        document, open_sections = compose(found)
        path = common.save(document, target)
        if kept:
            sow_versions.record(db, found, path, draft=bool(open_sections))
    return path


def to_be_agreed(db: Database, engagement_id: int) -> list[str]:
    """The sections that would print "To be agreed", by their heading, in document order."""
    return sections_saying(build(db, engagement_id), TO_BE_AGREED)


def write(found: Draft) -> common.Document:
    return compose(found)[0]


def compose(found: Draft) -> tuple[common.Document, list[str]]:
    """The document and the sections still to be agreed; with any, it is marked DRAFT in its
    header, title and cover, and says which sections are open."""
    document = _write(found, ())
    open_sections = sections_saying(document, TO_BE_AGREED)
    if open_sections:
        document = _write(found, tuple(open_sections))
    return document, open_sections


def _write(found: Draft, open_sections: tuple[str, ...]) -> common.Document:
    data = found.data
    document = _new_document(data, draft=bool(open_sections))
    _cover(document, found, open_sections)
    sow_versions.changes_section(document, found)
    sow_plan.parties(document, data)
    _background(document, data.engagement, data.profile)
    _services(document, data.engagement)
    sow_plan.phases(document, data)
    sow_plan.deliverables(document, data)
    common.heading(document, "Out of scope")
    common.text(document, data.engagement.out_of_scope)
    sow_contract.term(document, data)
    sow_contract.fee_terms(document, data)
    _assumptions(document, data.engagement)
    sow_contract.confidentiality(document, data)
    sow_contract.intellectual_property(document, data)
    sow_contract.conflict_of_interest(document, data)
    sow_clauses.liability(document, data)
    sow_clauses.insurance(document, data)
    sow_clauses.data_protection(document, data)
    sow_clauses.status(document, data)
    sow_clauses.non_solicitation(document, data)
    common.heading(document, "Change control")
    common.numbered(document, CHANGE_CONTROL)
    sow_plan.acceptance(document)
    sow_clauses.entire_agreement(document, data)
    sow_clauses.governing_law(document, data)
    sow_plan.signatures(document, data)
    sow_clauses.processing_annex(document, data)
    return document


def _new_document(data: SowData, *, draft: bool) -> common.Document:
    info = common.DocumentInfo(
        title=f"{TITLE}: {data.client.name}",
        subject=data.engagement.title,
        client=data.client.name,
        profile=data.profile,
        created=dt.datetime.combine(data.day, dt.time(9)),
    )
    document = common.new_document(info)
    if draft:
        common.header_mark(document, DRAFT)
    return document


def sections_saying(document: common.Document, phrase: str) -> list[str]:
    """The headings (level 1 or 2) under which `phrase` appears in a paragraph or a table."""
    found: list[str] = []
    section = COVER
    for block in document.iter_inner_content():
        style = getattr(block, "style", None)
        if style is not None and style.name in ("Heading 1", "Heading 2"):
            section = block.text
        elif phrase in _text_of(block) and section not in found:
            found.append(section)
    return found


def _text_of(block: object) -> str:
    rows = getattr(block, "rows", None)
    if rows is None:
        return str(getattr(block, "text", ""))
    return "\n".join(cell.text for row in rows for cell in row.cells)


def _cover(document: common.Document, found: Draft, open_sections: tuple[str, ...]) -> None:
    data = found.data
    e, profile = data.engagement, data.profile
    contact = data.client.contact_name
    common.paragraph(document, f"{TITLE} ({DRAFT})" if open_sections else TITLE, style="Title")
    common.paragraph(document, f"{e.title} for {e.client_name}", style="Subtitle")
    common.paragraph(document, sow_versions.issue_line(found))
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
            ("Date", long_date(data.day)),
            ("Version", f"{found.number} ({'draft' if open_sections else 'for signature'})"),
        ],
    )
    if open_sections:
        note = common.paragraph(document, "")
        note.add_run(f"{DRAFT}: not for signature. ").bold = True
        note.add_run(f"Still to be agreed: {', '.join(open_sections)}.")


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


def _role(document: common.Document, role: str) -> None:
    """What this role means: the AI roles' controls and gates, what an advisor does not do."""
    found = scope_roles.text(role)
    common.heading(document, f"The {scope_roles.label(role)} role", level=2)
    common.paragraph(document, found.intro)
    common.bullets(document, found.points)


def _assumptions(document: common.Document, e: Engagement) -> None:
    common.heading(document, "Assumptions and client responsibilities")
    common.heading(document, "Assumptions", level=2)
    common.text(document, e.assumptions)
    common.heading(document, "Client responsibilities", level=2)
    common.bullets(document, CLIENT_RESPONSIBILITIES)
