"""The change-request document (Word), ready to send before anything is accepted, and the
acceptance that records the scope of work's next version.

The document says what was asked and by whom; its effect on the scope (deliverables, phases),
the timeline and the commitment; the price, how it follows from the terms and how it is paid;
what happens if it is declined; and a signature block. Accepting (`accept`) changes the
engagement and writes the next scope-of-work version, whose "Changes in this version" names the
change request, in one transaction: if the document cannot be written, nothing is accepted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from sqlite_utils import Database

from exporters import docx_common as common
from exporters import scope_of_work, sow_terms, sow_versions
from exporters.formatting import TO_BE_AGREED, long_date, money
from exporters.sow_snapshot import CHANGE_REQUEST
from exporters.sow_terms import SowData
from storage.file import AppDatabase
from storage.practice import DocumentVersion, commitments, document_versions
from storage.rules import clock
from storage.scope import ChangeRequest, change_accept, change_requests

TITLE = "Change request"
DECLINED = (
    "If this change is declined, the scope of work stays exactly as it is (version {version}): "
    "the commitment, deliverables, phases and fees do not change, and the work asked for is "
    "not done under this engagement. Time already spent on it stays recorded as out of scope."
)


def build(db: Database, change_id: int, on: dt.date | None = None) -> common.Document:
    """The change request as a python-docx Document."""
    c = change_requests.get(db, change_id)
    data = sow_terms.load(db, c.engagement_id, on or clock.today())
    version = document_versions.latest(db, c.engagement_id, sow_versions.KIND)
    document = common.new_document(
        common.DocumentInfo(
            title=f"{c.label}: {data.client.name}",
            subject=data.engagement.title,
            client=data.client.name,
            profile=data.profile,
            created=dt.datetime.combine(data.day, dt.time(9)),
        )
    )
    common.paragraph(document, c.label, style="Title")
    common.paragraph(document, f"{data.client.name} · {data.engagement.title}", style="Subtitle")
    common.key_values(document, _facts(c, data))
    _request(document, c)
    _scope(document, c)
    _timeline(db, document, c, data)
    _price(document, c, data)
    common.heading(document, "If it is declined")
    common.paragraph(document, DECLINED.format(version=version.version if version else 1))
    _signatures(document, data)
    return document


def export(db: Database, change_id: int, target: Path, on: dt.date | None = None) -> Path:
    """Write the change request to `target` atomically."""
    return common.save(build(db, change_id, on), target)


def accept(
    db: AppDatabase, change_id: int, sow_target: Path, on: dt.date | None = None
) -> tuple[ChangeRequest, Path]:
    """Accept the change and write the scope of work's next version to `sow_target`, in one
    transaction (a document that cannot be written accepts nothing)."""
    day = on or clock.today()
    written: list[Path] = []

    def issue(db_: Database, accepted: ChangeRequest) -> None:
        found = _draft(db_, accepted.engagement_id, day, accepted)
        path = common.save(scope_of_work.write(found), sow_target)
        sow_versions.record(db_, found, path)
        written.append(path)

    accepted = change_accept.accept(db, change_id, day, issue)
    return accepted, written[0]


def _draft(
    db: Database, engagement_id: int, day: dt.date, change: ChangeRequest | None
) -> sow_versions.Draft:
    """The scope of work's next version; naming `change` when it is what the version agrees."""
    found = sow_versions.draft(db, engagement_id, day)
    if change is None:
        return found
    said = f"{change.label} (accepted {long_date(day)})"
    return dataclasses.replace(found, snapshot={**found.snapshot, CHANGE_REQUEST: said})


def keep_version(
    db: Database, engagement_id: int, day: dt.date, change: ChangeRequest | None = None
) -> DocumentVersion:
    """Keep the scope of work's next version without writing its file (the sample practice's
    history, whose documents were sent long ago); it names `change` when given."""
    found = _draft(db, engagement_id, day, change)
    return document_versions.record(
        db, engagement_id, sow_versions.KIND, "", found.snapshot, number=found.number, on=day
    )


def _facts(c: ChangeRequest, data: SowData) -> list[tuple[str, str]]:
    state = change_requests.STATUS_LABELS[c.status]
    if c.status != "proposed" and c.status_on:
        state += f" on {long_date(c.status_on)}"
    return [
        ("Client", sow_terms.legal_name(data.client)),
        ("Engagement", data.engagement.title),
        ("Asked by", c.asked_by or TO_BE_AGREED),
        ("Asked on", long_date(c.asked_on)),
        ("Status", state),
        ("Price", money(c.price_minor, data.engagement.currency)),
    ]


def _request(document: common.Document, c: ChangeRequest) -> None:
    common.heading(document, "The request")
    common.text(document, c.request, empty="As discussed; see the title.")
    if c.evidence.strip():
        common.heading(document, "Why it is a change", level=2)
        common.paragraph(document, "The records show the work already going beyond the scope:")
        common.bullets(document, [x for x in c.evidence.splitlines() if x.strip()])


def _scope(document: common.Document, c: ChangeRequest) -> None:
    common.heading(document, "Effect on the scope")
    if not (c.deliverables or c.phases):
        common.paragraph(document, "No deliverable or phase changes: the change adds time only.")
    if c.deliverables:
        rows = [
            [
                d.title,
                d.acceptance or TO_BE_AGREED,
                long_date(d.due_on) if d.due_on else TO_BE_AGREED,
            ]
            for d in c.deliverables
        ]
        common.table(document, ["Deliverable added", "Acceptance", "Due"], rows)
    if c.phases:
        rows = [
            [p.name, f"{long_date(p.starts_on)} to {long_date(p.ends_on)}", p.goals or ""]
            for p in c.phases
        ]
        common.table(document, ["Phase added or changed", "Dates", "Goals"], rows)


def _timeline(db: Database, document: common.Document, c: ChangeRequest, data: SowData) -> None:
    common.heading(document, "Effect on the timeline and the commitment")
    said: list[str] = []
    if c.extra_days_per_week and c.period_from and c.period_to:
        history = commitments.of(db, data.engagement)
        was = commitments.in_force(history, c.period_from).days_per_week
        now = was if c.status == "accepted" else was + c.extra_days_per_week
        before = now - c.extra_days_per_week
        said.append(
            f"From {long_date(c.period_from)} to {long_date(c.period_to)}: {before:g} → {now:g} "
            f"days a week (+{c.extra_days_per_week:g}), then back to the commitment in force."
        )
    if c.one_off_days:
        said.append(f"A one-off {c.one_off_days:g} days, outside the weekly commitment.")
    if c.phases:
        said.append("The phases above change the plan's dates as shown.")
    common.bullets(document, said or ["No change to the timeline or the commitment."])


def _price(document: common.Document, c: ChangeRequest, data: SowData) -> None:
    e = data.engagement
    common.heading(document, "Price and payment")
    common.key_values(
        document,
        [
            ("Price", money(c.price_minor, e.currency)),
            ("How it follows", c.price_basis or TO_BE_AGREED),
            ("Payment", _payment(c, data)),
        ],
    )


def _payment(c: ChangeRequest, data: SowData) -> str:
    e = data.engagement
    terms = sow_terms.payment_terms(data)
    if e.billing_model == "fixed_fee":
        how = "An added instalment, invoiced on its own line after the change is accepted"
    elif e.billing_model == "monthly_retainer":
        how = "Invoiced on its own line on the first monthly invoice after the change is accepted"
    else:
        how = "Invoiced monthly as the days are worked, at the rate in the scope of work"
    if c.bill_month:
        how += f" (the invoice for {c.bill_month})"
    return f"{how}. Payment terms: {terms[0].lower()}{terms[1:]}."


def _signatures(document: common.Document, data: SowData) -> None:
    common.heading(document, "Agreement")
    common.paragraph(
        document,
        "Signed for each party to agree this change. Once signed it becomes part of the scope "
        "of work, as its next version.",
    )
    grid = common.table(
        document,
        ["", f"For {sow_terms.legal_name(data.client)}", f"For {common.consultant(data.profile)}"],
        [
            ["Name", data.client.signatory_name.strip(), data.profile.name],
            ["Signature", "", ""],
            ["Date", "", ""],
        ],
        widths=(3.0, 6.7, 6.7),
    )
    for row in grid.rows[1:]:
        common.row_height(row, 1.1)
        common.keep_row_whole(row, with_next=True)
