"""The decision log part of the handoff: a summary table, then every decision in full."""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

from exporters import docx_common as common
from exporters import safe_text
from exporters.formatting import TO_BE_AGREED, long_date, money, short_date
from storage import decision_chain
from storage.decisions import (
    CATEGORY_LABELS,
    REVERSIBILITY_LABELS,
    STATUS_LABELS,
    Decision,
    number_label,
)

SUMMARY_HEADERS = ("No.", "Decision", "Status", "Decided", "Owner", "Review by")


def write(
    document: common.Document, db: Database, decisions: Sequence[Decision], currency: str
) -> None:
    common.heading(document, "Decision log")
    if not decisions:
        common.paragraph(document, "No decisions were recorded during this engagement.")
        return
    common.paragraph(
        document,
        "Every decision taken or proposed during the engagement, with its status and the person "
        "on the client side who owns it. The full record of each decision follows the table.",
    )
    common.table(
        document,
        SUMMARY_HEADERS,
        [_summary_row(d) for d in decisions],
        widths=(1.6, 4.8, 2.8, 2.4, 2.4, 2.4),
    )
    labels = {d.id: number_label(d.number) for d in decisions}
    for decision in decisions:
        _full(document, db, decision, labels, currency)


def _summary_row(d: Decision) -> list[str]:
    return [
        number_label(d.number),
        d.title,
        STATUS_LABELS.get(d.status, d.status),
        short_date(d.decided_on),
        d.owner or "No owner",
        short_date(d.review_by),
    ]


def _full(
    document: common.Document,
    db: Database,
    d: Decision,
    labels: dict[int | None, str],
    currency: str,
) -> None:
    common.heading(document, f"{number_label(d.number)} {d.title}", level=2)
    common.key_values(
        document,
        [
            ("Status", STATUS_LABELS.get(d.status, d.status)),
            ("Decided on", long_date(d.decided_on)),
            ("Category", CATEGORY_LABELS.get(d.category, d.category)),
            ("Owner", d.owner or "No owner named"),
            ("Consulted", d.consulted or "Nobody recorded"),
            ("Reversibility", REVERSIBILITY_LABELS.get(d.reversibility, d.reversibility)),
            ("Cost if wrong", money(d.cost_if_wrong_minor, currency)),
            ("Review by", long_date(d.review_by) if d.review_by else "No review planned"),
            ("Supersede chain", _chain(db, d, labels)),
        ],
    )
    _section(document, "Context", d.context)
    if d.drivers.strip():
        _section(document, "Decision drivers", d.drivers)
    _options(document, d)
    _section(document, "Decision", d.outcome)
    _section(document, "Consequences", d.consequences)
    if d.links.strip():
        _section(document, "Links", d.links)


def _chain(db: Database, d: Decision, labels: dict[int | None, str]) -> str:
    """ "D-001 → D-004 (this one) → D-007", or a plain sentence when it stands alone."""
    if d.supersedes_id is None and d.superseded_by_id is None:
        return "Stands alone (supersedes nothing, not superseded)"
    names = []
    for link in decision_chain.chain(db, d.id or 0):
        label = labels.get(link.id, number_label(link.number))
        names.append(f"{label} (this one)" if link.id == d.id else label)
    return " → ".join(names)


def _section(document: common.Document, title: str, text: str) -> None:
    common.heading(document, title, level=3)
    common.text(document, text, empty="Not recorded")


def _options(document: common.Document, d: Decision) -> None:
    common.heading(document, "Options considered", level=3)
    if not d.options:
        common.paragraph(document, "Not recorded")
        return
    for option in d.options:
        lines = [option.name or TO_BE_AGREED]
        for label, text in (("For", option.pros), ("Against", option.cons)):
            points = "; ".join(" ".join(b.lines) for b in safe_text.blocks(text))
            if points:
                lines.append(f"{label}: {points}")
        common.bullet_with_lines(document, "\n".join(lines), bold_first=True)
