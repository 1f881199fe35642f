"""The scope of work's people and plan: the parties, the phases and the first 90 days, the
deliverables with their acceptance, and the signatures."""

from __future__ import annotations

from exporters import docx_common as common
from exporters import roadmap, scope_roles, sow_terms
from exporters.formatting import TO_BE_AGREED, long_date, short_date
from exporters.sow_terms import SowData

ACCEPTANCE = (
    "The consultant delivers each deliverable in writing to the client's signatory, saying "
    "that it is ready for acceptance.",
    "The client accepts it, or says in writing which acceptance criterion it does not meet, "
    "within 10 working days; a deliverable not objected to in that time is accepted.",
    "The consultant remedies what does not meet its criterion and delivers it again; the same "
    "10 working days apply.",
    "Acceptance of a deliverable does not end the engagement: the term above does.",
)
NONE_YET = "—"


def parties(document: common.Document, data: SowData) -> None:
    """The client and the consultant as their legal details name them."""
    client, profile = data.client, data.profile
    common.heading(document, "Parties")
    common.table(
        document,
        ["", "Client", "Consultant"],
        [
            ["Legal name", sow_terms.legal_name(client), common.consultant(profile)],
            ["Address", _or_tba(client.address), _or_tba(profile.business_address)],
            ["Tax id", _or_tba(client.tax_id), _or_tba(profile.tax_id)],
            [
                "Signatory",
                _signatory(client.signatory_name, client.signatory_title),
                _signatory(profile.name, scope_roles.label(data.engagement.role)),
            ],
        ],
        widths=(3.0, 6.7, 6.7),
    )


def _or_tba(value: str) -> str:
    return value.strip() or TO_BE_AGREED


def _signatory(name: str, title: str) -> str:
    if not name.strip():
        return TO_BE_AGREED
    return f"{name.strip()}, {title.strip()}" if title.strip() else name.strip()


def phases(document: common.Document, data: SowData) -> None:
    """The phases with their dates and goals, then the 60-90-day roadmap from the start date."""
    common.heading(document, "Phases and roadmap")
    if not data.phases:
        common.paragraph(document, TO_BE_AGREED)
    else:
        common.table(
            document,
            ["Phase", "Dates", "Goals"],
            [
                [p.name, f"{short_date(p.starts_on)} to {short_date(p.ends_on)}", p.goals.strip()]
                for p in data.phases
            ],
            widths=(3.8, 5.6, 7.0),
        )
    _first_90_days(document, data)


def _first_90_days(document: common.Document, data: SowData) -> None:
    common.heading(document, "The first 90 days", level=2)
    windows = roadmap.plan(data.engagement.start_date, data.phases, data.deliverables)
    if roadmap.is_empty(windows):
        common.paragraph(document, TO_BE_AGREED)
        return
    intro = common.paragraph(
        document,
        "Counted from the start date. The first weeks end with a prioritised roadmap for the "
        "rest of the engagement, agreed with the client.",
    )
    intro.paragraph_format.keep_with_next = True
    common.table(
        document,
        ["Period", "Phases", "Deliverables due"],
        [
            [
                f"{w.label}\n{short_date(w.starts_on)} to {short_date(w.ends_on)}",
                "\n".join(w.phases) or NONE_YET,
                "\n".join(w.deliverables) or NONE_YET,
            ]
            for w in windows
        ],
        widths=(5.4, 5.0, 6.0),
    )


def deliverables(document: common.Document, data: SowData) -> None:
    common.heading(document, "Deliverables")
    if not data.deliverables:
        common.paragraph(document, TO_BE_AGREED)
        return
    common.table(
        document,
        ["Deliverable", "Acceptance criterion", "Due"],
        [
            [d.title, _or_tba(d.acceptance), long_date(d.due_on) if d.due_on else TO_BE_AGREED]
            for d in data.deliverables
        ],
        widths=(5.2, 7.6, 3.6),
    )


def acceptance(document: common.Document) -> None:
    common.heading(document, "Acceptance of deliverables")
    common.numbered(document, ACCEPTANCE)


def signatures(document: common.Document, data: SowData) -> None:
    """Each party's signatory by name and title, with room to sign and date."""
    client, profile = data.client, data.profile
    common.heading(document, "Signatures")
    intro = common.paragraph(
        document,
        "Signed for each party to accept this scope of work. Each party keeps a signed copy.",
    )
    intro.paragraph_format.keep_with_next = True
    grid = common.table(
        document,
        ["", f"For {sow_terms.legal_name(client)}", f"For {common.consultant(profile)}"],
        [
            ["Name", client.signatory_name.strip(), profile.name],
            ["Title", client.signatory_title.strip(), scope_roles.label(data.engagement.role)],
            ["Signature", "", ""],
            ["Date", "", ""],
        ],
        widths=(3.0, 6.7, 6.7),
    )
    for index, row in enumerate(grid.rows[1:], start=2):
        common.row_height(row, 1.1)
        common.keep_row_whole(row, with_next=index < len(grid.rows))  # signed on one page
