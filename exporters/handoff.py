"""The handoff: what the client keeps when the engagement ends.

Cover, contents, executive summary (dates, hours by bucket against the target, exit readiness),
the decision log, the exit milestones and responsibilities, the access inventory, open items,
risks, recommendations with the successor's 90-day roadmap, contacts, then the appendices:
every decision in full, and hours per month.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlite_utils import Database

from exporters import docx_common as common
from exporters import handoff_decisions, handoff_plan
from exporters.formatting import (
    SPLIT_HEADERS,
    hours,
    long_date,
    month_label,
    short_date,
    split_rows,
)
from storage.decisions import Decision, DecisionFilter, decision_list, number_label
from storage.exit_plan import (
    CLOSED_STATUSES,
    STAGE_LABELS,
    STATUS_LABELS,
    AccessItem,
    Responsibility,
    access_items,
    milestones,
    readiness,
    responsibilities,
)
from storage.practice import Client, Engagement, Profile, engagements
from storage.rules import BUCKET_LABELS, BUCKETS, ROLES
from storage.time import time_entries, timesheet

TITLE = "Handoff"
NOT_NAMED = "Not named yet"
NOT_RECORDED = "Not recorded"
FAR_FUTURE = dt.date(9999, 12, 31)


def build(db: Database, engagement_id: int, *, on: dt.date | None = None) -> common.Document:
    """The handoff document for one engagement, as a python-docx Document."""
    document, e, client, profile, as_of = common.engagement_document(db, engagement_id, TITLE, on)
    decisions = sorted(
        decision_list.list_decisions(db, DecisionFilter(engagement_id=engagement_id), as_of),
        key=lambda d: d.number,
    )
    _cover(document, e, profile, as_of)
    contents = common.table_of_contents(document)
    _summary(document, db, e, as_of, len(decisions))
    handoff_decisions.write(document, db, decisions, e.currency)
    _exit_plan(document, db, e)
    handoff_plan.write_access(document, db, engagement_id)
    _open_items(document, db, e, decisions, as_of)
    handoff_plan.write_risks(document, db, engagement_id)
    handoff_plan.write_recommendations(document, db, engagement_id)
    _contacts(document, client, profile, responsibilities.list_for(db, engagement_id), decisions)
    handoff_decisions.write_appendix(document, db, decisions, e.currency)
    _appendix(document, db, e)
    common.fill_contents(document, contents)
    return document


def export(db: Database, engagement_id: int, target: Path) -> Path:
    return common.save(build(db, engagement_id), target)


def _cover(document: common.Document, e: Engagement, profile: Profile, as_of: dt.date) -> None:
    common.paragraph(document, TITLE, style="Title")
    common.paragraph(document, f"{e.title} for {e.client_name}", style="Subtitle")
    common.key_values(
        document,
        [
            ("Client", e.client_name),
            ("Engagement", engagement_words(e)),
            ("Consultant", common.consultant(profile)),
            ("Date", long_date(as_of)),
        ],
    )
    common.paragraph(
        document,
        "This document is what the team keeps when the engagement ends: what was done, the "
        "decisions taken and who owns them, who has taken over each responsibility, and what "
        "is still open.",
    )


def engagement_words(e: Engagement) -> str:
    """The title with the role after it, unless the title already names the role."""
    role = ROLES.get(e.role, e.role)
    if role.casefold() in e.title.casefold():
        return e.title
    return f"{e.title} ({role})"


def _summary(
    document: common.Document, db: Database, e: Engagement, as_of: dt.date, decisions: int
) -> None:
    common.heading(document, "Executive summary")
    ended = engagements.ended_by(e)
    end = f"Ended: {long_date(ended)}" if ended else f"Planned end: {long_date(e.planned_end_date)}"
    common.paragraph(
        document,
        f"Started {long_date(e.start_date)}. {end}. "
        f"{decisions} decision{'s' if decisions != 1 else ''} recorded.",
    )
    minutes = time_entries.bucket_minutes(db, e.start_date, FAR_FUTURE, [e.id or 0]).get(
        e.id or 0, dict.fromkeys(BUCKETS, 0)
    )
    common.heading(document, "Time by bucket against the target", level=2)
    common.table(
        document,
        SPLIT_HEADERS,
        split_rows(minutes, e),
        numeric=(1, 2, 3),
        bold_last=True,
    )
    _readiness(document, db, e, as_of)


def _readiness(document: common.Document, db: Database, e: Engagement, as_of: dt.date) -> None:
    review = readiness.review(db, e.id or 0, on=as_of)
    common.heading(document, "Exit readiness", level=2)
    paragraph = common.paragraph(document, "")
    paragraph.add_run(f"Score {review.score} out of 100: {review.verdict}.").bold = True
    paragraph.add_run(f" The score weighs {readiness.SCORE_TEXT.removeprefix('Score: ')}.")
    failing = review.failing
    if failing:
        common.paragraph(document, "Still to address before the exit:")
        common.bullets(document, [f"{c.label}: {c.detail}" for c in failing])
    else:
        common.paragraph(document, "Every readiness check passes.")


def _exit_plan(document: common.Document, db: Database, e: Engagement) -> None:
    common.heading(document, "Exit milestones and responsibilities")
    common.heading(document, "Exit milestones", level=2)
    plan = milestones.list_for(db, e.id or 0)
    if not plan:
        common.paragraph(document, "No exit milestones were recorded.")
    else:
        rows = [
            [m.title, STATUS_LABELS.get(m.status, m.status), m.owner or "No owner",
             short_date(m.due_date), short_date(m.done_date)]
            for m in plan
        ]  # fmt: skip
        common.table(
            document,
            ["Milestone", "State", "Owner", "Due", "Done"],
            rows,
            widths=(6.4, 2.2, 3.0, 2.4, 2.4),
        )
    common.heading(document, "Responsibilities and successors", level=2)
    duties = responsibilities.list_for(db, e.id or 0)
    if not duties:
        common.paragraph(document, "No responsibilities were recorded.")
        return
    common.table(
        document,
        ["Responsibility", "Successor", "Stage"],
        [[r.duty, r.successor or NOT_NAMED, STAGE_LABELS.get(r.stage, r.stage)] for r in duties],
        widths=(6.4, 4.4, 5.6),
    )


def _open_items(
    document: common.Document,
    db: Database,
    e: Engagement,
    decisions: list[Decision],
    as_of: dt.date,
) -> None:
    common.heading(document, "Open items")
    proposed = [d for d in decisions if d.status == "proposed"]
    open_milestones = [m for m in milestones.list_for(db, e.id or 0)
                       if m.status not in CLOSED_STATUSES]  # fmt: skip
    due_ids = set(decision_list.list_ids(db, DecisionFilter(e.id, due_for_review=True), as_of))
    due = [d for d in decisions if d.id in due_ids]
    held = [a for a in access_items.list_for(db, e.id or 0) if not a.done]
    groups = [
        ("Proposed decisions", [f"{number_label(d.number)} {d.title}" for d in proposed]),
        ("Open milestones", [
            f"{m.title} ({STATUS_LABELS.get(m.status, m.status).lower()}"
            + (f", due {long_date(m.due_date)})" if m.due_date else ")")
            for m in open_milestones]),
        ("Reviews due", [
            f"{number_label(d.number)} {d.title}: review by {long_date(d.review_by)}"
            for d in due]),
        ("Access not handed over", [access_words(a) for a in held]),
    ]  # fmt: skip
    for title, items in groups:
        common.heading(document, title, level=2)
        if items:
            common.bullets(document, items)
        else:
            common.paragraph(document, "None.")


def access_words(a: AccessItem) -> str:
    """ "Sentry (admin), held by Alex Morgan, to go to Priya Shah"."""
    what = f"{a.system} ({a.access})" if a.access.strip() else a.system
    parts = [what]
    if a.holder.strip():
        parts.append(f"held by {a.holder}")
    parts.append(
        f"to go to {a.transferred_to}" if a.transferred_to.strip() else "no one named to take it"
    )
    return ", ".join(parts)


def _contacts(
    document: common.Document,
    client: Client,
    profile: Profile,
    duties: list[Responsibility],
    decisions: list[Decision],
) -> None:
    """The consultant, the client's contact, and everyone who now owns a duty or a decision."""
    common.heading(document, "Contacts")
    rows = [
        [profile.name or common.consultant(profile), "Consultant",
         " · ".join(p for p in (profile.email, profile.phone) if p) or NOT_RECORDED],
        [client.contact_name or NOT_RECORDED, client.role or f"Contact at {client.name}",
         client.email or ""],
    ]  # fmt: skip
    people: dict[str, list[str]] = {}
    for r in duties:
        if r.successor:
            people.setdefault(r.successor, []).append(r.duty)
    for d in decisions:
        if d.owner and d.status != "superseded":
            people.setdefault(d.owner, []).append(f"owns {number_label(d.number)}")
    for person, roles in people.items():
        rows.append([person, "; ".join(roles), ""])
    common.table(document, ["Name", "Role", "Reach at"], rows, widths=(3.8, 6.6, 6.0))


def _appendix(document: common.Document, db: Database, e: Engagement) -> None:
    """Hours per month, straight after the decisions (no page break: the heading keeps with
    the table, whose rows never split, and a half-empty page would only make the handoff longer)."""
    common.heading(document, "Appendix: hours per month")
    common.paragraph(document, "Hours and minutes (h:mm).", style="Caption")
    months = timesheet.months(db, e.id or 0)
    if not months:
        common.paragraph(document, "No time was logged.")
        return
    rows = [
        [month_label(year, month), *(hours(m[b]) for b in BUCKETS), hours(sum(m.values()))]
        for year, month, m in months
    ]
    totals = [sum(m[b] for _, _, m in months) for b in BUCKETS]
    rows.append(["Total", *(hours(t) for t in totals), hours(sum(totals))])
    common.table(
        document,
        ["Month", *BUCKET_LABELS.values(), "Total"],
        rows,
        numeric=(1, 2, 3, 4),
        widths=(4.4, 3.0, 3.0, 3.0, 3.0),
        bold_last=True,
    )
